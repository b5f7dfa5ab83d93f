/* kiku-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-application.h"
#include "kiku-window.h"

struct _KikuApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuApplication, kiku_application, ADW_TYPE_APPLICATION)

static void
kiku_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      g_autoptr(KikuArticle) article = kiku_article_new_draft ();

      window = GTK_WINDOW (kiku_window_new (KIKU_APPLICATION (application), article));
    }

  gtk_window_present (window);
}

static void
kiku_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      KikuWindow *window = kiku_window_new (KIKU_APPLICATION (application), NULL);

      kiku_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
kiku_application_about (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { _("The Kiku developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Kiku"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Compose digest articles, preview them offline and publish them in one click"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
kiku_application_quit (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *application = user_data;

  for (GList *windows = gtk_application_get_windows (application); windows != NULL; )
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", kiku_application_about },
  { "quit", kiku_application_quit },
};

static void
kiku_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (kiku_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
kiku_application_class_init (KikuApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = kiku_application_activate;
  application_class->open = kiku_application_open;
  application_class->startup = kiku_application_startup;
}

static void
kiku_application_init (KikuApplication *self)
{
}

KikuApplication *
kiku_application_new (void)
{
  return g_object_new (KIKU_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/kiku/Kiku",
                       NULL);
}
