/* bench-editor.c: how fast the editor window opens and answers typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the sample article and one 100 times its size: the time from making
 * the window to its first frame on screen, and the time each keystroke in
 * the headline and in a paragraph takes, until the main loop is idle again
 * (the model, the history, the autosave timer, the outline).
 *
 * Then structural edits on the page shown: a paragraph added in the middle
 * of its middle section, moved down and up, and the add undone, 30 rounds;
 * each timed for the change itself, until the main loop is idle, and until
 * the writer's place is kept (the focus in the card, on the next frame);
 * and what each frame that painted in them took.
 *
 * The window has Kiku's stylesheet, as the application gives it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "bench-gui.h"
#include "bench-util.h"
#include "kiku-block-card.h"
#include "kiku-field.h"
#include "kiku-window.h"

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static double
open_window (KikuDocument  *document,
             KikuWindow   **out)
{
  double start = bench_now_ms ();
  KikuWindow *window = kiku_window_new (NULL, document);
  gboolean painted = FALSE;
  GdkFrameClock *clock;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, &painted);

  *out = window;

  return bench_now_ms () - start;
}

static void
type_keys (GtkEditable   *entry,
           GtkTextBuffer *buffer,
           GArray        *entry_times,
           GArray        *buffer_times,
           guint          count)
{
  const char *chars[] = { "あ", "い", "う", "え", "お", "か", "き", "く", "け", "こ" };

  for (guint i = 0; i < count; i++)
    {
      double start = bench_now_ms ();
      int position = -1;
      GtkTextIter end;
      double elapsed;

      gtk_editable_insert_text (entry, chars[i % 10], -1, &position);
      bench_run_pending ();
      elapsed = bench_now_ms () - start;
      g_array_append_val (entry_times, elapsed);

      start = bench_now_ms ();
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, chars[i % 10], -1);
      bench_run_pending ();
      elapsed = bench_now_ms () - start;
      g_array_append_val (buffer_times, elapsed);
    }
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Runs the main loop for @ms, frames and all. */
static void
run_for_ms (double ms)
{
  double end = bench_now_ms () + ms;

  while (bench_now_ms () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

/* English typed into a paragraph of an article in English, so that its
 * spelling is checked: each keystroke timed until the main loop is idle,
 * and until the frame after it is painted (the check runs in that frame).
 * Then the frame is let through before the next key, at a typist's pace.
 */
static void
type_english (KikuWindow    *window,
              GtkTextBuffer *buffer,
              GArray        *key_times,
              GArray        *frame_times,
              guint          count)
{
  const char *text = "The quick brown fox jumps over the lazy dgo and recieves a letter. ";
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  run_for_ms (200);

  for (guint i = 0; i < count; i++)
    {
      char key[2] = { text[i % strlen (text)], '\0' };
      double start = bench_now_ms (), elapsed, limit;

      painted = FALSE;
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, key, -1);
      bench_run_pending ();
      elapsed = bench_now_ms () - start;
      g_array_append_val (key_times, elapsed);

      limit = start + 500;
      while (!painted && bench_now_ms () < limit)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (200);
      elapsed = bench_now_ms () - start;
      g_array_append_val (frame_times, elapsed);
    }

  g_signal_handler_disconnect (clock, handler);
}

static GtkWidget *
focus_of (KikuWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* One kind of structural edit, measured each time it is made. */
typedef struct
{
  GArray *change;   /* the change itself: the model, the history, the cards */
  GArray *idle;     /* until the main loop is quiet, the edit placed and painted */
  GArray *frames;   /* frames painted in that time */
  GArray *cpu;      /* the main thread's processor time in that time */
  guint   unplaced; /* edits whose card did not take the focus */
} EditTimes;

/* What the frame clock did during one edit. */
static struct
{
  gboolean counting;
  gboolean trace;
  double   start;
  guint    frames;
  double   last_activity;
  double   paint_started;
  GArray  *paint_times;  /* each frame that painted, before-paint to after-paint */
} frame_log;

static void
on_before_paint_counted (GdkFrameClock *clock)
{
  frame_log.paint_started = bench_now_ms ();
}

static void
on_after_paint_counted (GdkFrameClock *clock)
{
  if (!frame_log.counting)
    return;
  frame_log.frames++;
  frame_log.last_activity = bench_now_ms ();
  /* A frame of a millisecond or less only ran the frame clock's phases:
   * nothing changed, nothing was painted.
   */
  if (frame_log.paint_times != NULL && frame_log.paint_started > 0 &&
      frame_log.last_activity - frame_log.paint_started > 1.0)
    {
      double paint = frame_log.last_activity - frame_log.paint_started;

      g_array_append_val (frame_log.paint_times, paint);
    }
  if (frame_log.trace)
    g_printerr ("    frame %u painted at %.1f ms (%.1f ms)\n", frame_log.frames, frame_log.last_activity - frame_log.start,
                frame_log.last_activity - frame_log.paint_started);
}

static void
watch_frames (KikuWindow *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (on_before_paint_counted), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_counted), NULL);
}

/* The processor time of the calling thread: the main loop's own work
 * (without the rasteriser's threads, and without waiting).
 */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* The card of @block as the editor has it now, if it has one. */
static GtkWidget *
card_of (KikuEditor *editor,
         KikuBlock  *block)
{
  GtkWidget *card = kiku_editor_find_field (editor, KIKU_NODE (block), NULL);

  while (card != NULL && !KIKU_IS_BLOCK_CARD (card))
    card = gtk_widget_get_parent (card);

  return card;
}

/* Whether the focus is in the card of @block, looked up afresh: an editor
 * that makes its cards again has a new one.
 */
static gboolean
focus_is_in (KikuWindow *window,
             KikuBlock  *block)
{
  GtkWidget *card = card_of (kiku_window_get_editor (window), block);

  return card != NULL && focus_of (window) != NULL && gtk_widget_is_ancestor (focus_of (window), card);
}

/* Runs the main loop until it has been quiet for 100 ms (no source
 * dispatched, no frame painted) with at least one frame painted and the
 * focus in the card of @block; the edit ended at its last activity.
 */
static void
settle (KikuWindow *window,
        KikuBlock  *block,
        double      start,
        EditTimes  *times)
{
  double change = bench_now_ms () - start;
  double cpu_start = thread_cpu_ms () - change;
  double idle;

  g_array_append_val (times->change, change);
  frame_log.counting = TRUE;
  frame_log.start = start;
  frame_log.frames = 0;
  frame_log.last_activity = bench_now_ms ();

  for (;;)
    {
      double now;

      if (g_main_context_iteration (NULL, FALSE))
        {
          frame_log.last_activity = bench_now_ms ();
          continue;
        }

      now = bench_now_ms ();
      if (frame_log.frames > 0 && now - frame_log.last_activity >= 100 && focus_is_in (window, block))
        break;
      if (now - start > 3000)
        {
          times->unplaced++;
          break;
        }
      g_usleep (500);
    }

  frame_log.counting = FALSE;
  idle = frame_log.last_activity - start;
  g_array_append_val (times->idle, idle);
  {
    double frames = frame_log.frames;
    double cpu = thread_cpu_ms () - cpu_start;

    g_array_append_val (times->frames, frames);
    g_array_append_val (times->cpu, cpu);
  }
}

static void
structural_edits (KikuWindow  *window,
                  KikuSection *section,
                  EditTimes   *times)
{
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuHistory *history = kiku_document_get_history (kiku_window_get_document (window));

  watch_frames (window);

  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
      guint middle = kiku_list_get_length (blocks) / 2;
      double start;

      kiku_paragraph_set_text (paragraph, "新しい段落。");

      /* KIKU_BENCH_TRACE: when the frames of the first edits are painted. */
      frame_log.trace = round == 0 && g_getenv ("KIKU_BENCH_TRACE") != NULL;
      kiku_history_break (history);
      start = bench_now_ms ();
      kiku_list_insert (blocks, middle, paragraph);
      settle (window, KIKU_BLOCK (paragraph), start, &times[0]);

      kiku_history_break (history);
      start = bench_now_ms ();
      kiku_list_move (blocks, middle, middle + 1);
      settle (window, KIKU_BLOCK (paragraph), start, &times[1]);

      kiku_history_break (history);
      start = bench_now_ms ();
      kiku_list_move (blocks, middle + 1, middle);
      settle (window, KIKU_BLOCK (paragraph), start, &times[2]);

      /* The two moves, then the add: its neighbour takes the focus. */
      kiku_history_undo (history);
      kiku_history_undo (history);
      bench_run_pending ();
      start = bench_now_ms ();
      kiku_history_undo (history);
      settle (window, kiku_list_get (blocks, middle), start, &times[3]);
    }
}

/* What drawing the window's picture costs by itself: the render nodes of
 * the window as it is, drawn again and again by GTK's default renderer
 * into a bare window of the same size, with no layout, no snapshot and no
 * edit. Every frame of the window repaints all of it where the driver
 * offers no buffer age, so this is what any frame costs here at least.
 */
static void
report_picture (KikuWindow *window)
{
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) picture = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GskRenderer) renderer = NULL;
  GtkWidget *canvas;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  picture = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  canvas = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (canvas), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (canvas), width, height);
  gtk_window_present (GTK_WINDOW (canvas));
  while (!gtk_widget_get_mapped (canvas))
    g_main_context_iteration (NULL, TRUE);
  bench_run_pending ();

  renderer = gsk_renderer_new_for_surface (gtk_native_get_surface (GTK_NATIVE (canvas)));
  for (guint i = 0; i < 110; i++)
    {
      double start = bench_now_ms ();
      double elapsed;

      gsk_renderer_render (renderer, picture, NULL);
      elapsed = bench_now_ms () - start;
      /* The first frames make the renderer's caches and shaders. */
      if (i >= 10)
        g_array_append_val (times, elapsed);
    }
  gsk_renderer_unrealize (renderer);
  gtk_window_destroy (GTK_WINDOW (canvas));
  bench_run_pending ();

  g_print ("  the window's picture alone (%d × %d, %s, 100 times): median %.1f ms, 95th %.1f ms\n",
           width, height, G_OBJECT_TYPE_NAME (renderer), bench_median (times), bench_percentile (times, 95));
}

static void
report_times (const char *what,
              GArray     *times)
{
  g_print ("  %-34s median %6.2f ms   95th %6.2f ms   worst %6.2f ms\n", what,
           bench_median (times), bench_percentile (times, 95), bench_percentile (times, 100));
}

static void
measure (const char  *name,
         KikuArticle *article,
         const char  *drafts)
{
  g_autoptr(KikuDocument) document = kiku_document_new (article, drafts);
  g_autoptr(GArray) entry_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) buffer_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) english_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) english_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *language = NULL;
  KikuEditor *editor;
  KikuWindow *window;
  KikuSection *section;
  GtkWidget *headline, *paragraph;
  double open_ms;

  open_ms = open_window (document, &window);
  editor = kiku_window_get_editor (window);
  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);

  headline = kiku_editor_find_field (editor, KIKU_NODE (article), "title");
  paragraph = kiku_field_get_focus_target (kiku_editor_find_field (editor, kiku_list_get (kiku_section_get_blocks (section), 0), "text"));

  type_keys (GTK_EDITABLE (headline), gtk_text_view_get_buffer (GTK_TEXT_VIEW (paragraph)),
             entry_times, buffer_times, 200);

  /* The article in English for a while: its text is spell-checked. */
  language = g_strdup (kiku_article_get_language (article));
  kiku_article_set_language (article, "en");
  run_for_ms (1000);
  type_english (window, gtk_text_view_get_buffer (GTK_TEXT_VIEW (paragraph)),
                english_times, english_frames, 200);
  kiku_article_set_language (article, language);
  run_for_ms (500);

  {
    KikuList *pages = kiku_article_get_pages (article);
    guint n_sections = 0;

    for (guint p = 0; p < kiku_list_get_length (pages); p++)
      n_sections += kiku_list_get_length (kiku_page_get_sections (kiku_list_get (pages, p)));
    g_print ("%s: %u pages, %u sections\n", name, kiku_list_get_length (pages), n_sections);
  }
  g_print ("  %-34s %6.1f ms\n", "window made to first frame", open_ms);
  report_times ("keystroke in the headline", entry_times);
  report_times ("keystroke in a paragraph", buffer_times);
  report_times ("keystroke in English (spelling)", english_times);
  report_times ("  until its frame is painted", english_frames);

  {
    /* In the middle of the article: its middle page, its middle section. */
    KikuList *pages = kiku_article_get_pages (article);
    guint middle_page = kiku_list_get_length (pages) / 2;
    KikuList *sections = kiku_page_get_sections (kiku_list_get (pages, middle_page));
    const char *what[] = { "add a block mid-section", "move it down", "move it up", "undo the add" };
    EditTimes times[4] = { 0 };

    for (guint i = 0; i < 4; i++)
      {
        times[i].change = g_array_new (FALSE, FALSE, sizeof (double));
        times[i].idle = g_array_new (FALSE, FALSE, sizeof (double));
        times[i].frames = g_array_new (FALSE, FALSE, sizeof (double));
        times[i].cpu = g_array_new (FALSE, FALSE, sizeof (double));
      }

    kiku_editor_show_page (kiku_window_get_editor (window), middle_page);
    bench_run_pending ();
    frame_log.paint_times = g_array_new (FALSE, FALSE, sizeof (double));
    structural_edits (window, kiku_list_get (sections, kiku_list_get_length (sections) / 2), times);
    g_print ("  each frame that painted in them (%u; before-paint to after-paint): median %.1f ms, 95th %.1f ms\n",
             frame_log.paint_times->len, bench_median (frame_log.paint_times), bench_percentile (frame_log.paint_times, 95));
    g_clear_pointer (&frame_log.paint_times, g_array_unref);
    report_picture (window);
    g_print ("  structural edits on page %u, 30 each (ms; frames: median / 95th):\n"
             "  %-24s %15s %17s %9s %17s\n",
             middle_page + 1, "", "change", "until idle", "frames", "main thread CPU");
    for (guint i = 0; i < 4; i++)
      {
        g_print ("  %-24s %6.2f / %6.2f %7.1f / %7.1f %3.0f / %3.0f %7.1f / %7.1f\n", what[i],
                 bench_median (times[i].change), bench_percentile (times[i].change, 95),
                 bench_median (times[i].idle), bench_percentile (times[i].idle, 95),
                 bench_median (times[i].frames), bench_percentile (times[i].frames, 95),
                 bench_median (times[i].cpu), bench_percentile (times[i].cpu, 95));
        if (times[i].unplaced > 0)
          g_print ("  %-24s %u of 30 did not end with the focus in the card\n", what[i], times[i].unplaced);
        g_array_unref (times[i].change);
        g_array_unref (times[i].idle);
        g_array_unref (times[i].frames);
        g_array_unref (times[i].cpu);
      }
  }

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
  g_autoptr(KikuArticle) warmup = NULL;
  g_autoptr(KikuArticle) large = NULL;
  g_autofree char *drafts = g_dir_make_tmp ("kiku-bench-XXXXXX", NULL);

  setlocale (LC_ALL, "");
  gtk_init ();
  /* The caret's blink fades in and out frame by frame for ten seconds
   * after each change: frames of GTK's, not of the edit, which would keep
   * the main loop from ever looking quiet.
   */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  adw_init ();
  gtk_source_init ();
  bench_use_kiku_style ();

  sample = bench_load_article ("bench-editor", path);
  warmup = bench_load_article ("bench-editor", path);
  large = bench_enlarge_article (sample, 100);

  g_print ("Editor window (typing: 200 keystrokes each, until the main loop is idle)\n");
  /* The first window loads the theme and the icons: not part of the figure. */
  measure ("warm-up", warmup, drafts);
  measure ("sample article", sample, drafts);
  measure ("100 × sample", large, drafts);

  g_rmdir (drafts);

  return 0;
}
