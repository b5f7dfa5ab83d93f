/* kiku-test-gui.c: what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku-test-gui.h"

#include <glib/gstdio.h>

static gboolean
timed_out (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *)data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until check() holds, failing after thirty seconds. */
void
kiku_test_wait_for (KikuTestCheck  check,
                    gpointer       data,
                    const char    *what)
{
  guint timeout = g_timeout_add_seconds (30, timed_out, (gpointer)what);

  while (!check (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

void
kiku_test_run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
kiku_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* For kiku_test_find_widget: a button (not a menu button) with this label. */
gboolean
kiku_test_is_button_labelled (GtkWidget     *widget,
                              gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
kiku_test_is_true (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

void
kiku_test_pause_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true, &done);
  kiku_test_wait_for (kiku_test_is_true, &done, "a pause");
}

/* The first widget under @root, popovers included, for which test() holds. */
GtkWidget *
kiku_test_find_widget (GtkWidget          *root,
                       KikuTestWidgetTest  test,
                       gconstpointer       data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kiku_test_find_widget (child, test, data);

      if (found != NULL)
        return found;
    }

  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)))
    return kiku_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root))), test, data);

  return NULL;
}

char *
kiku_test_sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
}

KikuDocument *
kiku_test_load_document (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return kiku_document_new (article, kiku_application_get_drafts_dir ());
}

/* Without a display (a Flatpak build sandbox) there is no window to test:
 * say so in TAP and stop. build-aux/dev test always gives one, and sets
 * KIKU_TEST_STRICT, so there a missing display is a failure.
 */
void
kiku_test_require_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("KIKU_TEST_STRICT") != NULL)
        g_error ("no display, and KIKU_TEST_STRICT is set");
      g_print ("1..0 # SKIP no display; build-aux/dev test runs these under Xvfb\n");
      exit (0);
    }
}
