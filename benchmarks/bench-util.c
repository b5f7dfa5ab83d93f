/* bench-util.c: what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "bench-util.h"

double
bench_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Sorts @times, of doubles, and returns the value below which @percent of
 * them lie.
 */
double
bench_percentile (GArray *times,
                  guint   percent)
{
  g_array_sort (times, compare_doubles);

  return g_array_index (times, double, MIN (times->len * percent / 100, times->len - 1));
}

double
bench_median (GArray *times)
{
  return bench_percentile (times, 50);
}

/* The sample's pages over and over: @times as much content, its images
 * still found from the sample's folder.
 */
KikuArticle *
bench_enlarge_article (KikuArticle *sample,
                       guint        times)
{
  g_autofree char *text = kiku_article_serialize (sample, NULL, NULL);
  KikuArticle *large = kiku_article_new_from_data (text, -1, kiku_article_get_file (sample), NULL);
  KikuList *pages = kiku_article_get_pages (large);
  guint n = kiku_list_get_length (pages);

  for (guint i = 1; i < times; i++)
    {
      g_autoptr(KikuArticle) copy = kiku_article_new_from_data (text, -1, NULL, NULL);

      for (guint p = 0; p < n; p++)
        {
          g_autoptr(KikuNode) page = kiku_list_remove (kiku_article_get_pages (copy), 0);
          kiku_list_append (pages, page);
        }
    }

  return large;
}

/* The article at PATH; on an error, says so and ends the program. */
KikuArticle *
bench_load_article (const char *program,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  KikuArticle *article = kiku_article_new_from_file (file, NULL, &error);

  if (article == NULL)
    {
      g_printerr ("%s: %s: %s\n", program, path, error->message);
      exit (1);
    }

  return article;
}

/* Runs what the main loop has ready, without waiting. */
void
bench_run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
