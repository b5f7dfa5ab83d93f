/* bench-gui.c: what the benchmarks of Kiku's window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-gui.h"

/**
 * bench_use_kiku_style:
 *
 * Gives the display Kiku's own stylesheet, which the application has
 * libadwaita load: a window measured without it is one users never see
 * (without a compositor, Adwaita's window frame alone costs a software
 * renderer about 35 ms a frame; Kiku's draws it as a border).
 */
void
bench_use_kiku_style (void)
{
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (style, "/io/github/kiku/Kiku/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
