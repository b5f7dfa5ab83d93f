/* test-window.c: the application window, in a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiku-window.h"

static gboolean
timed_out (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *)data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until check() holds, failing after ten seconds. */
static void
wait_for (gboolean  (*check) (gpointer data),
          gpointer     data,
          const char  *what)
{
  guint timeout = g_timeout_add_seconds (10, timed_out, (gpointer)what);

  while (!check (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

/* Finds a label a person can see, by the text on it. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    whole)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (root));

      if (whole ? g_str_equal (label, text) : strstr (label, text) != NULL)
        return GTK_LABEL (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text, whole);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label (wait->window, wait->text, FALSE) != NULL;
}

static void
wait_for_label (GtkWidget  *window,
                const char *text)
{
  LabelWait wait = { window, text };

  wait_for (label_shown, &wait, text);
}

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
}

static void
test_shows_title (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_file (file, NULL, &error);
  KikuWindow *window;

  g_assert_no_error (error);

  window = kiku_window_new (NULL, article);
  gtk_window_present (GTK_WINDOW (window));

  wait_for_label (GTK_WIDGET (window), kiku_article_get_title (article));
  g_assert_nonnull (find_label (GTK_WIDGET (window), kiku_article_get_subtitle (article), TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "sample.kiku", TRUE));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, kiku_article_get_title (article));

  /* The window follows the model. */
  kiku_article_set_title (article, "書き換えた見出し");
  wait_for_label (GTK_WIDGET (window), "書き換えた見出し");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "書き換えた見出し");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_untitled (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuWindow *window = kiku_window_new (NULL, article);

  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (GTK_WIDGET (window), "Untitled Article");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Not Saved", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "1 page, 1 section, 0 blocks", TRUE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_article (gpointer data)
{
  return kiku_window_get_article (data) != NULL;
}

static void
test_open_file (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KikuWindow *window = kiku_window_new (NULL, NULL);
  KikuArticle *article;

  gtk_window_present (GTK_WINDOW (window));
  kiku_window_open_file (window, file);
  wait_for (has_article, window, "the article to load");

  article = kiku_window_get_article (window);
  wait_for_label (GTK_WIDGET (window), kiku_article_get_title (article));
  g_assert_true (g_file_equal (kiku_article_get_file (article), file));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "2 pages, 3 sections, ", FALSE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_broken_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KikuWindow *window = kiku_window_new (NULL, NULL);

  g_assert_true (g_file_set_contents (path, "{\n  \"format\": \"kiku-article\",\n  oops\n}", -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  kiku_window_open_file (window, file);

  wait_for_label (GTK_WIDGET (window), "Could not open “broken.kiku”");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Line 3, column 3: expected a member name in double quotes, found “oops”", FALSE));
  g_assert_null (kiku_window_get_article (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/kiku/window/shows-title", test_shows_title);
  g_test_add_func ("/kiku/window/untitled", test_untitled);
  g_test_add_func ("/kiku/window/open-file", test_open_file);
  g_test_add_func ("/kiku/window/open-broken-file", test_open_broken_file);

  return g_test_run ();
}
