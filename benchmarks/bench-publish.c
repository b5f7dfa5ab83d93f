/* bench-publish.c: how long publishing to WordPress takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishes the sample article, with a third image added, to a WordPress
 * site as a draft: first as a new post, then again unchanged. Prints the
 * median time of each, and how many images each one uploaded (the
 * re-publish should upload none).
 *
 * Usage: bench-publish SAMPLE.kiku EXTRA-IMAGE.png
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
  GMainLoop  *loop;
  char       *url;
  GError     *error;
} Run;

/* How many of the article's images have a media id other than in @before. */
static guint
count_new_media (KikuArticle *article,
                 KikuPublishRecord *before)
{
  g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (article, "bench");
  JsonObject *images = json_object_get_object_member (kiku_publish_record_get_details (record), "images");
  JsonObject *old_images = before ? json_object_get_object_member (kiku_publish_record_get_details (before), "images") : NULL;
  g_autoptr(GList) names = json_object_get_members (images);
  guint count = 0;

  for (GList *l = names; l; l = l->next)
    {
      gint64 id = json_object_get_int_member (json_object_get_object_member (images, l->data), "id");
      JsonObject *old = old_images && json_object_has_member (old_images, l->data)
                        ? json_object_get_object_member (old_images, l->data) : NULL;

      if (old == NULL || json_object_get_int_member (old, "id") != id)
        count++;
    }

  return count;
}

static void
on_published (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->url = kiku_publish_finish (KIKU_ARTICLE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Publishes and returns the milliseconds it took. */
static double
publish_once (KikuArticle *article,
              KikuSite    *site,
              const char  *password,
              guint       *images_sent)
{
  KikuPublishOptions options = { .status = "draft" };
  g_autoptr(KikuPublishRecord) before = kiku_article_dup_publish_record (article, "bench");
  Run run = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  double start = bench_now_ms ();
  double elapsed;

  kiku_publish_async (article, site, password, &options, NULL, NULL, NULL, on_published, &run);
  g_main_loop_run (run.loop);
  elapsed = bench_now_ms () - start;

  if (run.error != NULL)
    {
      g_printerr ("bench-publish: %s\n", run.error->message);
      exit (1);
    }

  *images_sent = count_new_media (article, before);
  g_free (run.url);
  g_main_loop_unref (run.loop);

  return elapsed;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (from, &contents, &length, &error) ||
      !g_file_set_contents (to, contents, length, &error))
    {
      g_printerr ("bench-publish: %s\n", error->message);
      exit (1);
    }
}

/* A copy of the sample in @dir, with @extra as a third image. */
static KikuArticle *
load_with_three_images (const char *sample,
                        const char *extra,
                        const char *dir)
{
  g_autofree char *sample_dir = g_path_get_dirname (sample);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *copy = g_build_filename (dir, "article.kiku", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *sample_images = g_build_filename (sample_dir, "images", NULL);
  g_autofree char *extra_copy = g_build_filename (images, "harbour.png", NULL);
  g_autoptr(KikuImage) image = kiku_image_new ();
  KikuArticle *article;
  KikuPage *page;
  KikuSection *section;
  const char *name;

  g_mkdir_with_parents (images, 0700);
  copy_file (sample, copy);
  copy_file (extra, extra_copy);
  if ((listing = g_dir_open (sample_images, 0, &error)) == NULL)
    {
      g_printerr ("bench-publish: %s\n", error->message);
      exit (1);
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (sample_images, name, NULL);
      g_autofree char *to = g_build_filename (images, name, NULL);

      copy_file (from, to);
    }

  article = bench_load_article ("bench-publish", copy);

  kiku_image_set_src (image, "images/harbour.png");
  kiku_image_set_caption (image, "港の夜景(イメージ)");
  kiku_image_set_alt (image, "夜の港に灯りがともるイラスト");
  page = g_list_model_get_item (G_LIST_MODEL (kiku_article_get_pages (article)), 0);
  section = g_list_model_get_item (G_LIST_MODEL (kiku_page_get_sections (page)), 0);
  kiku_list_append (kiku_section_get_blocks (section), image);
  g_object_unref (section);
  g_object_unref (page);

  return article;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(KikuSite) site = NULL;
  g_autofree char *dir = NULL;
  const char *url = g_getenv ("KIKU_BENCH_WP_URL");
  const char *password = g_getenv ("KIKU_BENCH_WP_PASSWORD");
  guint max_first_images = 0;
  guint max_again_images = 0;

  setlocale (LC_ALL, "");

  if (argc != 3)
    {
      g_printerr ("Usage: bench-publish SAMPLE.kiku EXTRA-IMAGE.png\n");
      return 2;
    }
  if (url == NULL || password == NULL)
    {
      g_print ("bench-publish: no WordPress to publish to (KIKU_BENCH_WP_URL is not set)\n");
      return 0;
    }

  site = kiku_site_new ("bench", KIKU_SITE_WORDPRESS, url);
  kiku_site_set_user (site, g_getenv ("KIKU_BENCH_WP_USER"));
  dir = g_dir_make_tmp ("kiku-bench-XXXXXX", NULL);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(KikuArticle) article = load_with_three_images (argv[1], argv[2], dir);
      g_autofree char *slug = g_strdup_printf ("bench-%u-%u", g_random_int (), round);
      guint sent;
      double ms;

      kiku_article_set_slug (article, slug);

      ms = publish_once (article, site, password, &sent);
      g_array_append_val (first, ms);
      max_first_images = MAX (max_first_images, sent);

      ms = publish_once (article, site, password, &sent);
      g_array_append_val (again, ms);
      max_again_images = MAX (max_again_images, sent);
    }

  kiku_test_remove_tree (dir);

  printf ("Publishing the sample with three images to WordPress (%u rounds, draft)\n", ROUNDS);
  printf ("  first publish:       median %7.1f ms  (images uploaded: %u)\n", bench_median (first), max_first_images);
  printf ("  unchanged republish: median %7.1f ms  (images uploaded: %u)\n", bench_median (again), max_again_images);

  return 0;
}
