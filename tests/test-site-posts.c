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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/site-posts/folder/list", test_folder_list);
  g_test_add_func ("/kiku/site-posts/folder/slug-change", test_folder_slug_change);
  g_test_add_func ("/kiku/site-posts/webdav/list-and-slug-change", test_webdav_list_and_slug);
  g_test_add_func ("/kiku/site-posts/wordpress/list", test_wordpress_list);
  g_test_add_data_func ("/kiku/site-posts/wordpress/role/author", "AUTHOR", test_wordpress_role);
  g_test_add_data_func ("/kiku/site-posts/wordpress/role/editor", "EDITOR", test_wordpress_role);

  return g_test_run ();
}
