/* bench-frame.c: what one frame of a plain GTK window costs on this machine
 *
 * The floor under Kiku's "until idle" figures: a window of Kiku's default
 * size (1100 × 800) with nothing of Kiku's in it, painted frame after
 * frame by GTK's default renderer, one small label changing each frame as
 * a keystroke changes a field. Where the GL driver cannot say which parts
 * of the window still hold the last frame (EGL_EXT_buffer_age, as Mesa's
 * software rasteriser under Xvfb cannot), GTK paints the whole window for
 * every change, however small; so this is what any edit that shows on
 * screen costs here at least.
 *
 * Prints, for an empty window, a window of 40 lines of English and one of
 * 40 lines of Japanese, the time from the frame's start (before-paint) to
 * its end (after-paint) over 100 frames: median and 95th percentile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <gtk/gtk.h>

#include "bench-util.h"

#define WIDTH   1100
#define HEIGHT  800
#define LINES   40
#define WARM_UP 20
#define FRAMES  100

typedef struct
{
  GtkWidget *changing;
  GArray    *times;
  double     started;
  guint      frames;
  gboolean   done;
} Run;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Run *run = data;
  char text[16];

  g_snprintf (text, sizeof text, "%u", run->frames);
  gtk_label_set_text (GTK_LABEL (run->changing), text);

  return G_SOURCE_CONTINUE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Run           *run)
{
  run->started = bench_now_ms ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  double took = bench_now_ms () - run->started;

  if (run->started <= 0)
    return;
  if (++run->frames > WARM_UP)
    g_array_append_val (run->times, took);
  if (run->frames >= WARM_UP + FRAMES)
    run->done = TRUE;
}

static void
measure (const char *name,
         const char *line)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GdkFrameClock *clock;
  Run run = { 0 };
  guint tick;

  run.times = g_array_new (FALSE, FALSE, sizeof (double));
  run.changing = gtk_label_new ("0");
  gtk_box_append (GTK_BOX (box), run.changing);
  for (guint i = 0; line != NULL && i < LINES; i++)
    gtk_box_append (GTK_BOX (box), gtk_label_new (line));

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &run);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), &run);
  tick = gtk_widget_add_tick_callback (window, on_tick, &run, NULL);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_remove_tick_callback (window, tick);
  g_signal_handlers_disconnect_by_data (clock, &run);
  g_print ("  %-34s median %6.2f ms   95th %6.2f ms\n", name,
           bench_median (run.times), bench_percentile (run.times, 95));
  g_array_unref (run.times);
  gtk_window_destroy (GTK_WINDOW (window));
  bench_run_pending ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_init ();

  g_print ("One frame of a plain GTK window, %u × %u, the whole window painted "
           "(%u frames each, after %u to warm up)\n", WIDTH, HEIGHT, FRAMES, WARM_UP);
  measure ("empty (one changing label)", NULL);
  measure ("40 lines of English", "The council voted on Tuesday to keep the library open until ten at night.");
  measure ("40 lines of Japanese", "市議会は火曜日、図書館の開館時間を夜十時まで延長する案を可決した。");

  return 0;
}
