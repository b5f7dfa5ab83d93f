/* bench-render.c: how fast articles render, against cmark alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders the sample article and one 100 times its size, and prints the
 * median time of a render and its throughput, beside cmark rendering the
 * same text as one CommonMark document.
 */

#include "config.h"

#include <cmark.h>
#include <locale.h>
#include <stdio.h>

#include "bench-util.h"

typedef gsize (*Work) (gpointer data);

/* The median of @runs timings of @work, after a few to warm up. */
static double
median_us (Work     work,
           gpointer data,
           guint    runs,
           gsize   *bytes)
{
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (double), runs);

  for (guint i = 0; i < 3; i++)
    *bytes = work (data);

  for (guint i = 0; i < runs; i++)
    {
      double start = bench_now_ms ();
      double elapsed;

      *bytes = work (data);
      elapsed = (bench_now_ms () - start) * 1000;
      g_array_append_val (times, elapsed);
    }

  return bench_median (times);
}

typedef struct
{
  KikuRenderer *renderer;
  KikuArticle  *article;
  char         *markdown;
} Job;

static gsize
render_all_pages (gpointer data)
{
  Job *job = data;
  gsize total = 0;

  for (guint i = 0; i < kiku_list_get_length (kiku_article_get_pages (job->article)); i++)
    {
      g_autofree char *html = kiku_renderer_render_page (job->renderer, job->article, i);
      total += strlen (html);
    }

  return total;
}

static gsize
render_fragment (gpointer data)
{
  Job *job = data;
  g_autofree char *html = kiku_renderer_render_fragment (job->renderer, job->article);

  return strlen (html);
}

static gsize
render_cmark (gpointer data)
{
  Job *job = data;
  char *html = cmark_markdown_to_html (job->markdown, strlen (job->markdown), CMARK_OPT_DEFAULT);
  gsize length = strlen (html);

  free (html);

  return length;
}

static void
add_text (GString    *out,
          const char *text)
{
  if (text != NULL)
    {
      g_string_append (out, text);
      g_string_append (out, "\n\n");
    }
}

static void
add_points (GString  *out,
            KikuList *points)
{
  for (guint i = 0; i < kiku_list_get_length (points); i++)
    add_text (out, kiku_point_get_text (kiku_list_get (points, i)));
}

/* All the article's words as one CommonMark document: what cmark alone
 * would be given to make the same page.
 */
static char *
article_markdown (KikuArticle *article)
{
  GString *out = g_string_new (NULL);
  KikuList *pages = kiku_article_get_pages (article);

  add_text (out, kiku_article_get_title (article));
  add_text (out, kiku_article_get_subtitle (article));
  add_text (out, kiku_article_get_summary (article));
  add_points (out, kiku_article_get_key_points (article));
  add_text (out, kiku_article_get_intro (article));

  for (guint p = 0; p < kiku_list_get_length (pages); p++)
    {
      KikuPage *page = kiku_list_get (pages, p);
      KikuList *sections = kiku_page_get_sections (page);

      for (guint s = 0; s < kiku_list_get_length (sections); s++)
        {
          KikuSection *section = kiku_list_get (sections, s);
          KikuList *blocks = kiku_section_get_blocks (section);

          add_text (out, kiku_section_get_heading (section));
          add_text (out, kiku_section_get_question (section));
          add_text (out, kiku_section_get_answer (section));

          for (guint b = 0; b < kiku_list_get_length (blocks); b++)
            {
              KikuBlock *block = kiku_list_get (blocks, b);

              if (KIKU_IS_PARAGRAPH (block))
                add_text (out, kiku_paragraph_get_text (KIKU_PARAGRAPH (block)));
              else if (KIKU_IS_COMMENT (block))
                add_text (out, kiku_comment_get_text (KIKU_COMMENT (block)));
              else if (KIKU_IS_SOURCE (block))
                {
                  add_text (out, kiku_source_get_title (KIKU_SOURCE (block)));
                  add_points (out, kiku_source_get_points (KIKU_SOURCE (block)));
                  add_text (out, kiku_source_get_publisher (KIKU_SOURCE (block)));
                  add_text (out, kiku_source_get_url (KIKU_SOURCE (block)));
                }
              else if (KIKU_IS_IMAGE (block))
                add_text (out, kiku_image_get_caption (KIKU_IMAGE (block)));
            }
        }

      add_text (out, kiku_page_get_teaser (page));
    }

  return g_string_free (out, FALSE);
}

static void
report (const char *what,
        double      us,
        gsize       bytes)
{
  g_print ("  %-34s %10.1f µs  %8.1f MB/s  (%zu bytes of HTML)\n",
           what, us, bytes / us, bytes);
}

int
main (int   argc,
      char *argv[])
{
  const char *path = argc > 1 ? argv[1] : "data/samples/sample.kiku";
  g_autoptr(KikuArticle) sample = bench_load_article ("bench-render", path);
  g_autoptr(KikuArticle) large = NULL;
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  Job small_job, large_job;
  double sample_pages, sample_fragment, sample_cmark, large_pages, large_fragment, large_cmark;
  gsize bytes;

  setlocale (LC_ALL, "");

  large = bench_enlarge_article (sample, 100);

  small_job = (Job) { renderer, sample, article_markdown (sample) };
  large_job = (Job) { renderer, large, article_markdown (large) };

  g_print ("Rendering (median of many runs; one core)\n");
  g_print ("sample article: %u pages, %zu bytes of text\n",
           kiku_list_get_length (kiku_article_get_pages (sample)), strlen (small_job.markdown));

  sample_pages = median_us (render_all_pages, &small_job, 500, &bytes);
  report ("every page, standalone", sample_pages, bytes);
  sample_fragment = median_us (render_fragment, &small_job, 500, &bytes);
  report ("fragment", sample_fragment, bytes);
  sample_cmark = median_us (render_cmark, &small_job, 500, &bytes);
  report ("cmark alone, same text", sample_cmark, bytes);

  g_print ("100 × sample: %u pages, %zu bytes of text\n",
           kiku_list_get_length (kiku_article_get_pages (large)), strlen (large_job.markdown));

  large_pages = median_us (render_all_pages, &large_job, 21, &bytes);
  report ("every page, standalone", large_pages, bytes);
  large_fragment = median_us (render_fragment, &large_job, 21, &bytes);
  report ("fragment", large_fragment, bytes);
  large_cmark = median_us (render_cmark, &large_job, 21, &bytes);
  report ("cmark alone, same text", large_cmark, bytes);

  g_print ("sample, every page: %.3f ms (target < 1 ms)\n", sample_pages / 1000);
  g_print ("100 × sample, fragment / cmark: %.2f× (target ≤ 2×)\n", large_fragment / large_cmark);
  g_print ("100 × sample, standalone pages / cmark: %.2f×\n", large_pages / large_cmark);

  g_free (small_job.markdown);
  g_free (large_job.markdown);

  return 0;
}
