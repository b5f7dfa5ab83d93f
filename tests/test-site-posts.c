/* test-site-posts.c: a site's articles listed, searched, paged and opened,
 * against a folder and the real WebDAV and WordPress servers; the roles of
 * WordPress's users; a changed slug
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiku.h"
#include "kiku-core-private.h"
#include "kiku-html-private.h"
#include "kiku-test-files.h"

static KikuArticle *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KikuArticle *article = kiku_article_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return article;
}

typedef struct
{
  GAsyncResult *result;
} Waiting;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiting *waiting = user_data;

  waiting->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiting *waiting)
{
  while (waiting->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return waiting->result;
}

static char *
publish (KikuArticle  *article,
         KikuSite     *site,
         const char   *password,
         GError      **error)
{
  Waiting waiting = { NULL };
  char *url;

  kiku_publish_async (article, site, password, NULL, NULL, NULL, NULL, on_done, &waiting);
  url = kiku_publish_finish (article, wait_for (&waiting), error);
  g_object_unref (waiting.result);

  return url;
}

static GPtrArray *
list (KikuSite    *site,
      const char  *password,
      const char  *search,
      guint        page,
      gboolean    *more)
{
  Waiting waiting = { NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *posts;

  kiku_site_list_posts_async (site, password, search, page, NULL, on_done, &waiting);
  posts = kiku_site_list_posts_finish (site, wait_for (&waiting), more, &error);
  g_object_unref (waiting.result);
  g_assert_no_error (error);
  g_assert_nonnull (posts);

  return posts;
}

static void
assert_newest_first (GPtrArray *posts)
{
  for (guint i = 1; i < posts->len; i++)
    {
      GDateTime *before = kiku_site_post_get_modified (g_ptr_array_index (posts, i - 1));
      GDateTime *after = kiku_site_post_get_modified (g_ptr_array_index (posts, i));

      g_assert_cmpint (g_date_time_compare (before, after), >=, 0);
    }
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

/* Folder --------------------------------------------------------------------- */

/* Articles published to a folder are listed, Kiku's marked as Kiku's, a
 * folder of someone else's pages not; newest first; 20 at a time; found
 * by a word of their headline.
 */
static void
test_folder_list (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-posts-XXXXXX", NULL);
  g_autoptr(KikuSite) site = kiku_site_new ("here", KIKU_SITE_FOLDER, dir);
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *url = NULL;
  g_autofree char *index = g_build_filename (dir, "night-libraries", "index.html", NULL);
  gboolean more = FALSE;

  url = publish (article, site, NULL, &error);
  g_assert_no_error (error);

  /* 21 more by hand, each older than the last: not Kiku's. */
  for (guint i = 0; i < 21; i++)
    {
      g_autofree char *name = g_strdup_printf ("hand-%02u", i);
      g_autofree char *folder = g_build_filename (dir, name, NULL);
      g_autofree char *page = g_build_filename (folder, "index.html", NULL);
      g_autofree char *html = g_strdup_printf ("<html><head><title>Hand page %u</title></head><body>x</body></html>", i);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      g_assert_true (g_file_set_contents (page, html, -1, NULL));
      {
        g_autoptr(GFile) file = g_file_new_for_path (page);
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (1700000000 - i * 3600);
        g_autoptr(GFileInfo) info = g_file_info_new ();

        g_file_info_set_modification_date_time (info, when);
        g_assert_true (g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL));
      }
    }

  first = list (site, NULL, NULL, 0, &more);
  g_assert_cmpuint (first->len, ==, KIKU_SITE_POSTS_PER_PAGE);
  g_assert_true (more);
  assert_newest_first (first);
  /* The one just published is the newest, and Kiku's. */
  g_assert_cmpstr (kiku_site_post_get_id (g_ptr_array_index (first, 0)), ==, "night-libraries");
  g_assert_true (kiku_site_post_get_kiku_made (g_ptr_array_index (first, 0)));
  g_assert_cmpstr (kiku_site_post_get_title (g_ptr_array_index (first, 0)), ==, kiku_article_get_title (article));
  g_assert_false (kiku_site_post_get_kiku_made (g_ptr_array_index (first, 1)));
  g_assert_cmpstr (kiku_site_post_get_title (g_ptr_array_index (first, 1)), ==, "Hand page 0");

  second = list (site, NULL, NULL, 1, &more);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_false (more);
  g_assert_cmpstr (kiku_site_post_get_title (g_ptr_array_index (second, 1)), ==, "Hand page 20");

  found = list (site, NULL, "図書館", 0, &more);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (kiku_site_post_get_id (g_ptr_array_index (found, 0)), ==, "night-libraries");
  g_assert_false (more);

  kiku_test_remove_tree (dir);
}

/* The slug changed: the article is written under the new one and the old
 * folder is gone, and the record says it was replaced.
 */
static void
test_folder_slug_change (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-posts-XXXXXX", NULL);
  g_autoptr(KikuSite) site = kiku_site_new ("here", KIKU_SITE_FOLDER, dir);
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autofree char *url = NULL;
  g_autofree char *second = NULL;
  g_autofree char *old_dir = g_build_filename (dir, "night-libraries", NULL);
  g_autofree char *new_index = g_build_filename (dir, "evening-libraries", "index.html", NULL);
  g_autofree char *new_page = g_build_filename (dir, "evening-libraries", "page-2.html", NULL);

  url = publish (article, site, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (old_dir, G_FILE_TEST_IS_DIR));

  kiku_article_set_slug (article, "evening-libraries");
  second = publish (article, site, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (new_index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (new_page, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (old_dir, G_FILE_TEST_EXISTS));
  record = kiku_article_dup_publish_record (article, "here");
  g_assert_cmpstr (json_object_get_string_member_with_default (kiku_publish_record_get_details (record),
                                                               "replaced_slug", NULL), ==, "night-libraries");

  kiku_test_remove_tree (dir);
}


/* Opening ------------------------------------------------------------------------ */

/* A fixture in a folder of its own, with the local images it names
 * there (the test fixtures name some that are not kept beside them).
 */
static KikuArticle *
load_fixture (const char *name,
              char      **dir)
{
  g_autofree char *source = g_str_equal (name, "sample.kiku")
                            ? g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL)
                            : g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *png_path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images",
                                                     "reading-room.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *png = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *images = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) local = g_regex_new ("\"images/([^\"/]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize png_length;
  KikuArticle *article;

  *dir = g_dir_make_tmp ("kiku-fixture-XXXXXX", NULL);
  images = g_build_filename (*dir, "images", NULL);
  g_assert_cmpint (g_mkdir_with_parents (images, 0755), ==, 0);
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  /* WordPress takes no SVG upload: a PNG in its place. */
  {
    g_autoptr(GString) png_names = g_string_new (text);

    g_string_replace (png_names, ".svg\"", ".png\"", 0);
    g_free (text);
    text = g_string_free (g_steal_pointer (&png_names), FALSE);
  }
  g_assert_true (g_file_get_contents (png_path, &png, &png_length, NULL));

  g_regex_match (local, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *image = g_match_info_fetch (match, 1);
      g_autofree char *path = g_build_filename (images, image, NULL);

      if (g_str_has_suffix (image, ".svg"))
        g_assert_true (g_file_set_contents (path, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" "
                                                  "height=\"4\"><rect width=\"4\" height=\"4\"/></svg>", -1, NULL));
      else
        g_assert_true (g_file_set_contents (path, png, png_length, NULL));
      g_match_info_next (match, NULL);
    }

  copy = g_build_filename (*dir, name, NULL);
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  file = g_file_new_for_path (copy);
  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  return article;
}

static KikuArticle *
open_post (KikuSite    *site,
           const char  *password,
           const char  *id,
           const char  *dir,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "opened", "article.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Waiting waiting = { NULL };
  KikuArticle *article;

  kiku_site_open_post_async (site, password, id, file, NULL, on_done, &waiting);
  article = kiku_site_open_post_finish (site, wait_for (&waiting), error);
  g_object_unref (waiting.result);

  return article;
}

/* The article as its file has it, minus what the site or the opening
 * assigns: the publish records, and the names its images are stored under
 * (by content when opened, by the user's choice before).
 */
static char *
comparable (KikuArticle *article)
{
  g_autofree char *text = kiku_article_serialize (article, NULL, NULL);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autofree char *again = NULL;
  g_autoptr(GRegex) images = g_regex_new ("\"images/[^\"]*\"", 0, 0, NULL);

  g_assert_nonnull (node);
  json_object_remove_member (json_node_get_object (node), "published_to");
  again = json_to_string (node, TRUE);

  return g_regex_replace_literal (images, again, -1, 0, "\"images/…\"", 0, NULL);
}

/* Each image the opened article uses is a file beside it, and an image by
 * its bytes.
 */
static void
assert_images_beside (KikuArticle *article)
{
  g_autofree char *text = kiku_article_serialize (article, NULL, NULL);
  g_autoptr(GRegex) images = g_regex_new ("\"(images/[^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (kiku_article_get_file (article));
  guint n = 0;

  g_regex_match (images, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *reference = g_match_info_fetch (match, 1);
      g_autoptr(GFile) image = g_file_resolve_relative_path (folder, reference);
      g_autoptr(GBytes) bytes = g_file_load_bytes (image, NULL, NULL, NULL);

      g_assert_nonnull (bytes);
      g_assert_nonnull (kiku_image_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
      n++;
      g_match_info_next (match, NULL);
    }
}

/* The names of the images a publish record says are on the site, sorted. */
static char *
image_names_in (KikuPublishRecord *record)
{
  JsonObject *details = kiku_publish_record_get_details (record);
  g_autoptr(GList) names = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!json_object_has_member (details, "images"))
    return g_string_free (g_steal_pointer (&out), FALSE);
  names = g_list_sort (json_object_get_members (json_object_get_object_member (details, "images")),
                       (GCompareFunc)g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (out, "%s\n", (const char *)l->data);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Each line of @names is one of @among's. */
static void
assert_names_among (const char *names,
                    const char *among)
{
  g_auto(GStrv) lines = g_strsplit (names, "\n", -1);
  g_auto(GStrv) known = g_strsplit (among, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '\0' && !g_strv_contains ((const char * const *)known, lines[i]))
      g_error ("“%s” is a new name; the names were:\n%s", lines[i], among);
}

/* Publish, open from the site: the same article, for each fixture; and
 * Publish of the opened one updates the same post or folder, with nothing
 * seen as changed on the site.
 */
static void
round_trip (KikuSite   *site,
            const char *password)
{
  static const char *fixtures[] = { "sample.kiku", "full.kiku", "every-block.kiku" };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *fixture_dir = NULL;
      g_autoptr(KikuArticle) article = load_fixture (fixtures[i], &fixture_dir);
      g_autoptr(KikuArticle) opened = NULL;
      g_autoptr(KikuPublishRecord) record = NULL;
      g_autoptr(KikuPublishRecord) opened_record = NULL;
      g_autoptr(KikuPublishRecord) again_record = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *slug = unique ("round-trip");
      g_autofree char *url = NULL;
      g_autofree char *again = NULL;
      g_autofree char *id = NULL;
      g_autofree char *dir = g_dir_make_tmp ("kiku-opened-XXXXXX", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *hash = NULL;

      g_test_message ("%s", fixtures[i]);
      kiku_article_set_slug (article, slug);
      url = publish (article, site, password, &error);
      g_assert_no_error (error);
      record = kiku_article_dup_publish_record (article, kiku_site_get_name (site));
      id = kiku_publish_record_get_remote_id (record) > 0
           ? g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (record))
           : g_strdup (slug);

      opened = open_post (site, password, id, dir, &error);
      g_assert_no_error (error);
      before = comparable (article);
      after = comparable (opened);
      g_assert_cmpstr (after, ==, before);
      assert_images_beside (opened);

      /* It knows where it came from, and is unchanged here since. */
      opened_record = kiku_article_dup_publish_record (opened, kiku_site_get_name (site));
      g_assert_nonnull (opened_record);
      g_assert_cmpstr (kiku_publish_record_get_url (opened_record), ==, url);
      hash = kiku_publish_dup_hash (opened, site);
      g_assert_cmpstr (hash, ==, kiku_publish_record_get_hash (opened_record));

      /* Its file holds it all. */
      {
        g_autoptr(KikuArticle) reloaded = kiku_article_new_from_file (kiku_article_get_file (opened), NULL, &error);
        g_autofree char *saved = NULL;

        g_autofree char *reloaded_hash = NULL;

        g_assert_no_error (error);
        saved = comparable (reloaded);
        g_assert_cmpstr (saved, ==, before);
        reloaded_hash = kiku_publish_dup_hash (reloaded, site);
        g_assert_cmpstr (reloaded_hash, ==, hash);
      }

      /* Publishing it updates the very same post, the conflict check
       * satisfied.
       */
      kiku_article_set_title (opened, "更新された見出し");
      again = publish (opened, site, password, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, url);
      again_record = kiku_article_dup_publish_record (opened, kiku_site_get_name (site));
      g_assert_cmpint (kiku_publish_record_get_remote_id (again_record), ==, kiku_publish_record_get_remote_id (record));

      /* On a folder or WebDAV site its images keep their names there, not
       * sent again under new ones beside the old. (The fixture's images
       * are all one PNG: the copy keeps one file of it, under one of its
       * names.)
       */
      if (kiku_site_get_kind (site) != KIKU_SITE_WORDPRESS)
        {
          g_autofree char *first = image_names_in (record);
          g_autofree char *then = image_names_in (again_record);

          g_assert_cmpstr (then, !=, "");
          assert_names_among (then, first);
        }
      if (kiku_site_get_kind (site) == KIKU_SITE_FOLDER)
        {
          g_autofree char *images = g_build_filename (kiku_site_get_location (site), slug, "images", NULL);
          g_autoptr(GDir) folder = g_dir_open (images, 0, NULL);
          g_autofree char *first = image_names_in (record);
          g_autoptr(GString) there = g_string_new (NULL);
          const char *name;

          g_assert_nonnull (folder);
          while ((name = g_dir_read_name (folder)))
            g_string_append_printf (there, "%s\n", name);
          assert_names_among (there->str, first);
        }

      kiku_test_remove_tree (dir);
      kiku_test_remove_tree (fixture_dir);
    }
}

static void
test_folder_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-posts-XXXXXX", NULL);
  g_autoptr(KikuSite) site = kiku_site_new ("here", KIKU_SITE_FOLDER, dir);

  round_trip (site, NULL);
  kiku_test_remove_tree (dir);
}

/* WebDAV ----------------------------------------------------------------------- */

static KikuSite *
webdav_site (void)
{
  KikuSite *site;

  if (g_getenv ("KIKU_TEST_WEBDAV_URL") == NULL)
    {
      kiku_test_lacking ("WebDAV server");
      return NULL;
    }

  site = kiku_site_new ("dav", KIKU_SITE_WEBDAV, g_getenv ("KIKU_TEST_WEBDAV_URL"));
  kiku_site_set_user (site, g_getenv ("KIKU_TEST_WEBDAV_USER"));

  return site;
}

/* A folder the article was published into is listed (PROPFIND), found by
 * its name, marked Kiku's; a changed slug removes the old folder.
 */
static void
test_webdav_list_and_slug (void)
{
  g_autoptr(KikuSite) site = webdav_site ();
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autofree char *slug = unique ("dav-list");
  g_autofree char *new_slug = unique ("dav-moved");
  g_autofree char *url = NULL;
  g_autofree char *second = NULL;
  g_autofree char *old_root = NULL;
  const char *password = g_getenv ("KIKU_TEST_WEBDAV_PASSWORD");
  gboolean more = TRUE;

  if (site == NULL)
    return;

  article = load_sample ();
  kiku_article_set_slug (article, slug);
  url = publish (article, site, password, &error);
  g_assert_no_error (error);

  found = list (site, password, slug, 0, &more);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_false (more);
  g_assert_cmpstr (kiku_site_post_get_id (g_ptr_array_index (found, 0)), ==, slug);
  g_assert_true (kiku_site_post_get_kiku_made (g_ptr_array_index (found, 0)));
  g_assert_cmpstr (kiku_site_post_get_title (g_ptr_array_index (found, 0)), ==, kiku_article_get_title (article));
  g_assert_cmpstr (kiku_site_post_get_link (g_ptr_array_index (found, 0)), ==, url);

  kiku_article_set_slug (article, new_slug);
  second = publish (article, site, password, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (second, "/index.html"));
  g_assert_nonnull (strstr (second, new_slug));
  old_root = g_build_filename (g_getenv ("KIKU_TEST_WEBDAV_ROOT"), slug, NULL);
  if (g_getenv ("KIKU_TEST_WEBDAV_ROOT") != NULL)
    g_assert_false (g_file_test (old_root, G_FILE_TEST_EXISTS));
  gone = list (site, password, slug, 0, &more);
  g_assert_cmpuint (gone->len, ==, 0);
  after = list (site, password, new_slug, 0, &more);
  g_assert_cmpuint (after->len, ==, 1);
}

/* WordPress --------------------------------------------------------------------- */

/* Asks the site's REST API directly, as @user. */
static JsonNode *
wp_api_as (const char *user,
           const char *password,
           const char *method,
           const char *route_and_query,
           const char *json_body,
           guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (g_getenv ("KIKU_TEST_WP_URL"), "wp-json", route_and_query, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
  g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (message, "application/json", body);
    }

  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    g_error ("%s %s answered %u", method, url, soup_message_get_status (message));

  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
wp_api (const char *method,
        const char *route_and_query,
        const char *json_body)
{
  return wp_api_as (g_getenv ("KIKU_TEST_WP_USER"), g_getenv ("KIKU_TEST_WP_PASSWORD"), method,
                    route_and_query, json_body, NULL);
}

static KikuSite *
wp_site_as (const char *role)
{
  g_autofree char *variable = role ? g_strdup_printf ("KIKU_TEST_WP_%s", role) : g_strdup ("KIKU_TEST_WP_USER");
  KikuSite *site;

  if (g_getenv ("KIKU_TEST_WP_URL") == NULL)
    {
      kiku_test_lacking ("WordPress");
      return NULL;
    }
  if (g_getenv (variable) == NULL)
    {
      kiku_test_lacking ("WordPress user of that role");
      return NULL;
    }

  site = kiku_site_new ("wp", KIKU_SITE_WORDPRESS, g_getenv ("KIKU_TEST_WP_URL"));
  kiku_site_set_user (site, g_getenv (variable));

  return site;
}

static const char *
wp_password_of (const char *role)
{
  g_autofree char *variable = role ? g_strdup_printf ("KIKU_TEST_WP_%s_PASSWORD", role) : g_strdup ("KIKU_TEST_WP_PASSWORD");

  return g_getenv (variable);
}

/* Posts of any status, newest first, 20 a page, searched by a word; a
 * post Kiku published is marked Kiku's, one written in WordPress not.
 */
static void
test_wordpress_list (void)
{
  g_autoptr(KikuSite) site = wp_site_as (NULL);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) kiku = NULL;
  g_autofree char *word = unique ("kikulist");
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  const char *password = wp_password_of (NULL);
  gboolean more = FALSE;

  if (site == NULL)
    return;

  /* 21 written in WordPress, drafts and published alternately. */
  for (guint i = 0; i < 21; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"title\": \"%s %u\", \"content\": \"<p>hand</p>\", "
                                               "\"status\": \"%s\", \"date_gmt\": \"2020-01-%02uT10:00:00\"}",
                                               word, i, i % 2 ? "draft" : "publish", 28 - i);
      g_autoptr(JsonNode) made = wp_api ("POST", "/wp/v2/posts", body);
    }

  article = load_sample ();
  title = g_strdup_printf ("%s 夜の図書館", word);
  kiku_article_set_title (article, title);
  kiku_article_set_slug (article, word);
  url = publish (article, site, password, &error);
  g_assert_no_error (error);

  first = list (site, password, word, 0, &more);
  g_assert_cmpuint (first->len, ==, KIKU_SITE_POSTS_PER_PAGE);
  g_assert_true (more);
  /* Newest first: the one Kiku just made, a draft. */
  g_assert_cmpstr (kiku_site_post_get_title (g_ptr_array_index (first, 0)), ==, title);
  g_assert_cmpstr (kiku_site_post_get_status (g_ptr_array_index (first, 0)), ==, "draft");
  g_assert_true (kiku_site_post_get_kiku_made (g_ptr_array_index (first, 0)));
  g_assert_false (kiku_site_post_get_kiku_made (g_ptr_array_index (first, 1)));
  for (guint i = 1; i < first->len; i++)
    {
      GDateTime *before = kiku_site_post_get_date (g_ptr_array_index (first, i - 1));
      GDateTime *after = kiku_site_post_get_date (g_ptr_array_index (first, i));

      g_assert_cmpint (g_date_time_compare (before, after), >=, 0);
    }
  /* Drafts and published posts alike. */
  g_assert_cmpstr (kiku_site_post_get_status (g_ptr_array_index (first, 1)), ==, "publish");
  g_assert_cmpstr (kiku_site_post_get_status (g_ptr_array_index (first, 2)), ==, "draft");

  second = list (site, password, word, 1, &more);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_false (more);

  kiku = list (site, password, "nothing-at-all-matches-this", 0, &more);
  g_assert_cmpuint (kiku->len, ==, 0);
  g_assert_false (more);
}

static void
test_webdav_round_trip (void)
{
  g_autoptr(KikuSite) site = webdav_site ();

  if (site != NULL)
    round_trip (site, g_getenv ("KIKU_TEST_WEBDAV_PASSWORD"));
}

static void
test_wordpress_round_trip (void)
{
  g_autoptr(KikuSite) site = wp_site_as (NULL);

  if (site != NULL)
    round_trip (site, wp_password_of (NULL));
}

typedef struct
{
  const char    *text;
  KikuParagraph *found;
} FindText;

/* The paragraph whose CommonMark renders to the text looked for. */
static KikuWalk
find_paragraph (KikuNode *node,
                guint     depth,
                gpointer  user_data)
{
  FindText *find = user_data;

  if (KIKU_IS_PARAGRAPH (node))
    {
      g_autofree char *text = _kiku_markdown_to_text (kiku_paragraph_get_text (KIKU_PARAGRAPH (node)));

      if (g_strcmp0 (g_strstrip (text), find->text) == 0)
        {
          find->found = KIKU_PARAGRAPH (node);
          return KIKU_WALK_STOP;
        }
    }

  return KIKU_WALK_CONTINUE;
}

/* A paragraph changed in WordPress (its block's content POSTed, as the
 * block editor saves): the post opens with the change in that paragraph
 * and everything else as it was; Check Site says it changed there, and
 * a publish from the old copy is refused as a conflict.
 */
static void
test_wordpress_site_edit (void)
{
  static const char old_text[] = "図書館といえば、夕方には閉まってしまう場所という印象を持つ人も多いのではないでしょうか。";
  static const char new_text[] = "図書館は夕方に閉まるもの、と思われがちです & それは「昔の話」<です>。";
  g_autoptr(KikuSite) site = wp_site_as (NULL);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) opened = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) post = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GString) content = NULL;
  g_autofree char *slug = unique ("site-edit");
  g_autofree char *url = NULL;
  g_autofree char *route = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *old_element = g_strdup_printf (">%s</p>", old_text);
  g_autofree char *escaped = g_markup_escape_text (new_text, -1);
  g_autofree char *new_element = g_strdup_printf (">%s</p>", escaped);
  g_autofree char *dir = g_dir_make_tmp ("kiku-opened-XXXXXX", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *id = NULL;
  const char *password = wp_password_of (NULL);
  gboolean changed = FALSE;

  if (site == NULL)
    return;

  article = load_sample ();
  kiku_article_set_slug (article, slug);
  url = publish (article, site, password, &error);
  g_assert_no_error (error);
  record = kiku_article_dup_publish_record (article, "wp");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (record));

  /* Nobody changed it yet. */
  {
    Waiting waiting = { NULL };

    kiku_site_post_changed_async (site, password, article, NULL, on_done, &waiting);
    g_assert_true (kiku_site_post_changed_finish (site, wait_for (&waiting), &changed, &error));
    g_object_unref (waiting.result);
    g_assert_no_error (error);
    g_assert_false (changed);
  }

  route = g_strdup_printf ("/wp/v2/posts/%s?context=edit", id);
  post = wp_api ("GET", route, NULL);
  content = g_string_new (json_object_get_string_member (json_object_get_object_member (json_node_get_object (post), "content"), "raw"));
  g_assert_cmpuint (g_string_replace (content, old_element, new_element, 0), ==, 1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content->str);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  body_text = json_to_string (body, FALSE);
  g_free (route);
  route = g_strdup_printf ("/wp/v2/posts/%s", id);
  /* WordPress keeps the modification time by the second. */
  g_usleep (1100 * 1000);
  saved = wp_api ("POST", route, body_text);

  opened = open_post (site, password, id, dir, &error);
  g_assert_no_error (error);

  /* The change, in that paragraph; everything else as it was. */
  {
    g_autofree char *original = comparable (article);
    g_autofree char *old_json = g_strdup_printf ("\"%s\"", old_text);
    g_autoptr(JsonNode) text_node = json_node_init_string (json_node_alloc (), new_text);
    g_autofree char *new_json = json_to_string (text_node, FALSE);
    g_autoptr(GString) edited = g_string_new (original);

    g_assert_cmpuint (g_string_replace (edited, old_json, new_json, 0), ==, 1);
    expected = g_string_free (g_steal_pointer (&edited), FALSE);
  }
  /* The paragraph is CommonMark: the site's plain text comes back as the
   * source that renders to it (& and < escaped as the reader sees fit).
   */
  {
    FindText find = { new_text, NULL };
    g_autoptr(JsonNode) source_node = NULL;
    g_autoptr(JsonNode) text_node = json_node_init_string (json_node_alloc (), new_text);
    g_autofree char *source_json = NULL;
    g_autofree char *text_json = json_to_string (text_node, FALSE);
    g_autofree char *raw = comparable (opened);
    g_autoptr(GString) plain = g_string_new (raw);

    kiku_node_walk (KIKU_NODE (opened), find_paragraph, &find);
    g_assert_nonnull (find.found);
    source_node = json_node_init_string (json_node_alloc (), kiku_paragraph_get_text (find.found));
    source_json = json_to_string (source_node, FALSE);
    g_assert_cmpuint (g_string_replace (plain, source_json, text_json, 0), ==, 1);
    got = g_string_free (g_steal_pointer (&plain), FALSE);
  }
  g_assert_cmpstr (got, ==, expected);

  /* The old copy sees the change on the site, and does not overwrite it. */
  {
    Waiting waiting = { NULL };
    g_autofree char *refused = NULL;

    kiku_site_post_changed_async (site, password, article, NULL, on_done, &waiting);
    g_assert_true (kiku_site_post_changed_finish (site, wait_for (&waiting), &changed, &error));
    g_object_unref (waiting.result);
    g_assert_no_error (error);
    g_assert_true (changed);

    refused = publish (article, site, password, &error);
    g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT);
    g_assert_null (refused);
    g_clear_error (&error);
  }

  kiku_test_remove_tree (dir);
}

static gint64
newest_media_id (void)
{
  g_autoptr(JsonNode) media = wp_api ("GET", "/wp/v2/media?per_page=1&orderby=id&order=desc&context=edit", NULL);
  JsonArray *array = json_node_get_array (media);

  if (json_array_get_length (array) == 0)
    return 0;

  return json_object_get_int_member (json_array_get_object_element (array, 0), "id");
}

static guint
posts_with_slug (const char *slug)
{
  g_autofree char *query = g_strdup_printf ("/wp/v2/posts?slug=%s&status=publish,future,draft,pending,private&context=edit", slug);
  g_autoptr(JsonNode) found = wp_api ("GET", query, NULL);

  return json_array_get_length (json_node_get_array (found));
}

/* An Author and an Editor publish the sample, images and tags with it; a
 * keyword that needs a category the Author may not make is refused in
 * words before anything is sent, while the Editor makes it.
 */
static void
test_wordpress_role (gconstpointer data)
{
  const char *role = data;
  g_autoptr(KikuSite) site = wp_site_as (role);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autoptr(JsonNode) post = NULL;
  g_autofree char *slug = unique ("role");
  g_autofree char *label = unique ("Label");
  g_autofree char *route = NULL;
  g_autofree char *url = NULL;
  const char *password = wp_password_of (role);
  const char * const labels[] = { label, NULL };
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  gint64 media_before;
  JsonObject *images;

  if (site == NULL)
    return;

  article = load_sample ();
  kiku_article_set_slug (article, slug);
  url = publish (article, site, password, &error);
  g_assert_no_error (error);
  record = kiku_article_dup_publish_record (article, "wp");
  images = json_object_get_object_member (kiku_publish_record_get_details (record), "images");
  g_assert_cmpuint (json_object_get_size (images), ==, 2);
  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT "?context=edit", kiku_publish_record_get_remote_id (record));
  post = wp_api ("GET", route, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (post), "tags")), ==,
                    g_strv_length ((char **)kiku_article_get_keywords (article)));
  /* The body came through the role's filter with Kiku's structure. */
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (post), "content"), "raw"),
                            "kiku-page"));

  /* What the role's filter let through opens as the same article. */
  {
    g_autofree char *dir = g_dir_make_tmp ("kiku-opened-XXXXXX", NULL);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (record));
    g_autoptr(KikuArticle) opened = open_post (site, password, id, dir, &error);
    g_autofree char *before = comparable (article);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    after = comparable (opened);
    g_assert_cmpstr (after, ==, before);
    kiku_test_remove_tree (dir);
  }

  /* A keyword that is a site label with no category yet. */
  kiku_site_set_labels (site, labels);
  for (const char * const *k = kiku_article_get_keywords (article); k && *k; k++)
    g_ptr_array_add (keywords, (gpointer)*k);
  g_ptr_array_add (keywords, label);
  {
    g_autoptr(KikuArticle) other = load_sample ();
    g_autofree char *other_slug = unique ("role-label");
    g_autofree char *other_url = NULL;

    kiku_article_set_slug (other, other_slug);
    kiku_article_set_keywords (other, (const char * const *)keywords->pdata);
    /* A new image, which must not be uploaded for a post that is refused. */
    media_before = newest_media_id ();
    other_url = publish (other, site, password, &error);

    if (g_str_equal (role, "AUTHOR"))
      {
        g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN);
        g_assert_nonnull (strstr (error->message, label));
        g_assert_nonnull (strstr (error->message, "Nothing was sent"));
        g_assert_null (other_url);
        g_assert_cmpint (newest_media_id (), ==, media_before);
        g_assert_cmpuint (posts_with_slug (other_slug), ==, 0);
      }
    else
      {
        g_assert_no_error (error);
        g_assert_nonnull (other_url);
        g_assert_cmpuint (posts_with_slug (other_slug), ==, 1);
      }
  }
}

/* A copy opened from a site is known for one by its place, and by which
 * site; the writer's own files are not.
 */
static void
test_pulled_from (void)
{
  g_autoptr(KikuSite) site = kiku_site_new ("Night / 夜 %41", KIKU_SITE_FOLDER, "/srv/site");
  g_autoptr(GFile) copy = kiku_site_dup_pull_file (site, "../42");
  g_autofree char *from = kiku_site_dup_pulled_from (copy);
  g_autoptr(GFile) own = g_file_new_build_filename (g_get_home_dir (), "article.kiku", NULL);
  g_autoptr(GFile) parent = g_file_get_parent (copy);
  g_autoptr(GFile) images = g_file_get_child (parent, "images");
  g_autofree char *parent_from = kiku_site_dup_pulled_from (parent);
  g_autofree char *own_from = kiku_site_dup_pulled_from (own);
  g_autofree char *images_from = kiku_site_dup_pulled_from (images);

  g_assert_cmpstr (from, ==, "Night / 夜 %41");
  g_assert_null (own_from);
  g_assert_null (parent_from);
  g_assert_null (images_from);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/site-posts/pulled-from", test_pulled_from);
  g_test_add_func ("/kiku/site-posts/folder/list", test_folder_list);
  g_test_add_func ("/kiku/site-posts/folder/slug-change", test_folder_slug_change);
  g_test_add_func ("/kiku/site-posts/webdav/list-and-slug-change", test_webdav_list_and_slug);
  g_test_add_func ("/kiku/site-posts/folder/round-trip", test_folder_round_trip);
  g_test_add_func ("/kiku/site-posts/webdav/round-trip", test_webdav_round_trip);
  g_test_add_func ("/kiku/site-posts/wordpress/list", test_wordpress_list);
  g_test_add_func ("/kiku/site-posts/wordpress/round-trip", test_wordpress_round_trip);
  g_test_add_func ("/kiku/site-posts/wordpress/site-edit", test_wordpress_site_edit);
  g_test_add_data_func ("/kiku/site-posts/wordpress/role/author", "AUTHOR", test_wordpress_role);
  g_test_add_data_func ("/kiku/site-posts/wordpress/role/editor", "EDITOR", test_wordpress_role);

  return g_test_run ();
}
