/* bench-site-posts.c: how long listing a site's posts and opening one take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishes the sample article to a WordPress site as a draft, then, 5
 * times each: lists the newest page of the site's posts (context=edit, 20
 * a page), lists them searched by a word of the headline, and opens the
 * post as an article (its body read back, its 2 images downloaded and
 * stored beside it, the file saved). Prints the median and the range of
 * each.
 *
 * Usage: bench-site-posts SAMPLE.kiku
 * The site comes from KIKU_BENCH_WP_URL, KIKU_BENCH_WP_USER and
 * KIKU_BENCH_WP_PASSWORD; without them it says so and does nothing.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bench-util.h"
#include "kiku-test-files.h"

#define ROUNDS 5

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Run;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

static void
wait_for (Run *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);
}

static void
die (GError *error)
{
  g_printerr ("bench-site-posts: %s\n", error->message);
  exit (1);
}

static double
list_once (KikuSite   *site,
           const char *password,
           const char *search,
           guint      *count)
{
  Run run = { NULL, NULL };
  g_autoptr(GPtrArray) posts = NULL;
  GError *error = NULL;
  double start = bench_now_ms ();
  double elapsed;

  kiku_site_list_posts_async (site, password, search, 0, NULL, on_done, &run);
  wait_for (&run);
  posts = kiku_site_list_posts_finish (site, run.result, NULL, &error);
  elapsed = bench_now_ms () - start;
  g_object_unref (run.result);
  if (posts == NULL)
    die (error);
  *count = posts->len;

  return elapsed;
}

static double
open_once (KikuSite   *site,
           const char *password,
           const char *id,
           const char *dir,
           guint       round)
{
  g_autofree char *name = g_strdup_printf ("opened-%u", round);
  g_autofree char *path = g_build_filename (dir, name, "article.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = NULL;
  Run run = { NULL, NULL };
  GError *error = NULL;
  double start = bench_now_ms ();
  double elapsed;

  kiku_site_open_post_async (site, password, id, file, NULL, on_done, &run);
  wait_for (&run);
  article = kiku_site_open_post_finish (site, run.result, &error);
  elapsed = bench_now_ms () - start;
  g_object_unref (run.result);
  if (article == NULL)
    die (error);

  return elapsed;
}

static void
report (const char *what,
        GArray     *times)
{
  double low = G_MAXDOUBLE, high = 0;

  for (guint i = 0; i < times->len; i++)
    {
      low = MIN (low, g_array_index (times, double, i));
      high = MAX (high, g_array_index (times, double, i));
    }

  g_print ("%-44s median %6.1f ms  (%.1f–%.1f)\n", what, bench_median (times), low, high);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) listing = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) searching = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opening = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(KikuSite) site = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url_published = NULL;
  const char *url = g_getenv ("KIKU_BENCH_WP_URL");
  const char *password = g_getenv ("KIKU_BENCH_WP_PASSWORD");
  KikuPublishOptions options = { .status = "draft" };
  guint listed = 0, found = 0;
  Run run = { NULL, NULL };
  GError *error = NULL;

  setlocale (LC_ALL, "");

  if (argc != 2)
    {
      g_printerr ("Usage: bench-site-posts SAMPLE.kiku\n");
      return 2;
    }
  if (url == NULL || password == NULL)
    {
      g_print ("bench-site-posts: no WordPress to read from (KIKU_BENCH_WP_URL is not set)\n");
      return 0;
    }

  site = kiku_site_new ("bench", KIKU_SITE_WORDPRESS, url);
  kiku_site_set_user (site, g_getenv ("KIKU_BENCH_WP_USER"));
  dir = g_dir_make_tmp ("kiku-bench-XXXXXX", NULL);

  article = bench_load_article ("bench-site-posts", argv[1]);
  slug = g_strdup_printf ("bench-posts-%u", g_random_int ());
  kiku_article_set_slug (article, slug);
  kiku_publish_async (article, site, password, &options, NULL, NULL, NULL, on_done, &run);
  wait_for (&run);
  url_published = kiku_publish_finish (article, run.result, &error);
  g_object_unref (run.result);
  if (url_published == NULL)
    die (error);
  record = kiku_article_dup_publish_record (article, "bench");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (record));

  for (guint round = 0; round < ROUNDS; round++)
    {
      double ms = list_once (site, password, NULL, &listed);
      g_array_append_val (listing, ms);
      ms = list_once (site, password, "図書館", &found);
      g_array_append_val (searching, ms);
      ms = open_once (site, password, id, dir, round);
      g_array_append_val (opening, ms);
    }

  g_print ("WordPress at %s, %d rounds\n", url, ROUNDS);
  {
    g_autofree char *what = g_strdup_printf ("list the newest posts (%u of them)", listed);
    report (what, listing);
  }
  {
    g_autofree char *what = g_strdup_printf ("list posts found by a word (%u)", found);
    report (what, searching);
  }
  report ("open a post (body, 2 images, saved)", opening);

  kiku_test_remove_tree (dir);

  return 0;
}
