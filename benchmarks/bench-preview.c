/* bench-preview.c: keystroke to preview latency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the sample article and one 100 times its size: 200 edits in the
 * headline and 200 in a paragraph, each timed from the change of the text
 * to the patched DOM, confirmed by the JavaScript callback of the patch,
 * and to the page's next frame after it (two animation frames of the page
 * later: its frame with the patch has been painted and handed to the
 * window, which shows it in its own next frame).
 *
 * The window has Kiku's stylesheet, as the application gives it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>

#include "bench-gui.h"
#include "bench-util.h"
#include "kiku-field.h"
#include "kiku-window.h"

static void
on_patched (KikuPreview *preview,
            gboolean    *patched)
{
  *patched = TRUE;
}

static void
on_page_frame (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, NULL);

  *(gboolean *)data = TRUE;
}

/* Waits until the page has painted a frame after the last patch. */
static void
wait_for_page_frame (KikuPreview *preview)
{
  gboolean painted = FALSE;

  webkit_web_view_call_async_javascript_function (kiku_preview_get_web_view (preview),
                                                  "return new Promise(function (done) {"
                                                  "  requestAnimationFrame(function () { requestAnimationFrame(function () { done(1); }); });"
                                                  "});", -1,
                                                  NULL, NULL, NULL, NULL, on_page_frame, &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static void
report (const char *what,
        GArray     *times)
{
  g_print ("  %-28s median %6.2f ms   95th %6.2f ms\n", what,
           bench_median (times), bench_percentile (times, 95));
}

static gboolean
pause_done (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the page settle as it would between the keys of a fast typist. */
static void
pause_ms (guint ms)
{
  gboolean done = FALSE;

  if (ms == 0)
    return;

  g_timeout_add (ms, pause_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
measure (const char  *name,
         KikuArticle *article,
         const char  *drafts,
         guint        pace_ms)
{
  g_autoptr(KikuDocument) document = kiku_document_new (article, drafts);
  g_autoptr(GArray) headline_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paragraph_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) headline_painted = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paragraph_painted = g_array_new (FALSE, FALSE, sizeof (double));
  const char *chars[] = { "あ", "い", "う", "え", "お" };
  KikuWindow *window = kiku_window_new (NULL, document);
  KikuPreview *preview = kiku_window_get_preview (window);
  KikuEditor *editor = kiku_window_get_editor (window);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  GtkWidget *headline;
  GtkTextBuffer *buffer;
  gboolean patched = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  while (!kiku_preview_is_loaded (preview))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (preview, "patched", G_CALLBACK (on_patched), &patched);

  headline = kiku_editor_find_field (editor, KIKU_NODE (article), "title");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (kiku_field_get_focus_target (
    kiku_editor_find_field (editor, kiku_list_get (kiku_section_get_blocks (section), 0), "text"))));

  for (guint i = 0; i < 200; i++)
    {
      int position = -1;
      GtkTextIter end;
      double start, elapsed;

      pause_ms (pace_ms);
      patched = FALSE;
      start = bench_now_ms ();
      gtk_editable_insert_text (GTK_EDITABLE (headline), chars[i % 5], -1, &position);
      while (!patched)
        g_main_context_iteration (NULL, TRUE);
      elapsed = bench_now_ms () - start;
      g_array_append_val (headline_times, elapsed);
      wait_for_page_frame (preview);
      elapsed = bench_now_ms () - start;
      g_array_append_val (headline_painted, elapsed);

      pause_ms (pace_ms);
      patched = FALSE;
      start = bench_now_ms ();
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, chars[i % 5], -1);
      while (!patched)
        g_main_context_iteration (NULL, TRUE);
      elapsed = bench_now_ms () - start;
      g_array_append_val (paragraph_times, elapsed);
      wait_for_page_frame (preview);
      elapsed = bench_now_ms () - start;
      g_array_append_val (paragraph_painted, elapsed);
    }

  g_print ("%s: %u pages, %s\n", name, kiku_list_get_length (kiku_article_get_pages (article)),
           pace_ms ? "keys 100 ms apart" : "keys back to back");
  report ("keystroke in the headline", headline_times);
  report ("  until the page painted it", headline_painted);
  report ("keystroke in a paragraph", paragraph_times);
  report ("  until the page painted it", paragraph_painted);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
  bench_run_pending ();
}

int
main (int   argc,
      char *argv[])
{
  const char *path = argc > 1 ? argv[1] : "data/samples/sample.kiku";
  g_autoptr(KikuArticle) sample = NULL;
  g_autoptr(KikuArticle) large = NULL;
  g_autofree char *drafts = g_dir_make_tmp ("kiku-bench-XXXXXX", NULL);

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();
  gtk_source_init ();
  bench_use_kiku_style ();

  sample = bench_load_article ("bench-preview", path);
  large = bench_enlarge_article (sample, 100);

  g_print ("Keystroke to patched preview (200 edits each, confirmed by the page's callback)\n");
  measure ("sample article", sample, drafts, 100);
  measure ("100 × sample", large, drafts, 100);
  measure ("sample article", sample, drafts, 0);
  measure ("100 × sample", large, drafts, 0);

  g_rmdir (drafts);

  return 0;
}
