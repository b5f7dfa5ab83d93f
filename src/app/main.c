/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>

#include "kiku-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KikuApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* Run from the build folder, the translations are there. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KIKU_LOCALEDIR") ? g_getenv ("KIKU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Kiku"));

  gtk_source_init ();
  application = kiku_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
