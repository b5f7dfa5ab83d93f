/* test-publish.c: sites, and publishing to a folder and to a real WebDAV server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiku.h"

static char *
make_temp_dir (void)
{
  char *dir = g_dir_make_tmp ("kiku-publish-XXXXXX", NULL);

  g_assert_nonnull (dir);

  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}

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
  char     *url;
  GError   *error;
  gboolean  done;
  guint     progress_calls;
  double    last_fraction;
} Publish;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Publish *publish = user_data;

  g_assert_cmpfloat (fraction, >=, publish->last_fraction);
  publish->last_fraction = fraction;
  publish->progress_calls++;
}

static void
on_published (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Publish *publish = user_data;

  publish->url = kiku_publish_finish (KIKU_ARTICLE (object), result, &publish->error);
  publish->done = TRUE;
}

/* Publishes and waits; returns the URL, or NULL with *error set. */
static char *
publish (KikuArticle  *article,
         KikuSite     *site,
         const char   *password,
         GError      **error)
{
  Publish state = { 0 };

  kiku_publish_async (article, site, password, NULL, NULL, on_progress, &state, on_published, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  if (state.error != NULL)
    g_propagate_error (error, state.error);
  else
    {
      g_assert_cmpuint (state.progress_calls, >, 0);
      g_assert_cmpfloat (state.last_fraction, ==, 1.0);
    }

  return state.url;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  return text;
}

static void
test_sites (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sites.json", NULL);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KikuSite *site;

  /* From the first start, the local folder is there. */
  sites = kiku_sites_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpint (kiku_site_get_kind (g_ptr_array_index (sites, 0)), ==, KIKU_SITE_FOLDER);

  site = kiku_site_new ("digest", KIKU_SITE_WEBDAV, "https://example.com/dav/");
  kiku_site_set_user (site, "editor");
  kiku_site_set_language (site, "ja");
  g_ptr_array_add (sites, site);
  g_assert_true (kiku_sites_save (sites, dir, &error));
  g_assert_no_error (error);

  /* No password in the file, ever. */
  text = read_text (path);
  g_assert_null (strstr (text, "password"));

  again = kiku_sites_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  site = kiku_sites_find (again, "digest");
  g_assert_nonnull (site);
  g_assert_cmpint (kiku_site_get_kind (site), ==, KIKU_SITE_WEBDAV);
  g_assert_cmpstr (kiku_site_get_location (site), ==, "https://example.com/dav/");
  g_assert_cmpstr (kiku_site_get_user (site), ==, "editor");

  /* A damaged list says so. */
  g_assert_true (g_file_set_contents (path, "{\"sites\": [", -1, NULL));
  g_clear_pointer (&again, g_ptr_array_unref);
  again = kiku_sites_load (dir, &error);
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, "the list of sites is damaged"));

  remove_tree (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(KikuSite) site = kiku_site_new ("here", KIKU_SITE_FOLDER, dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) second_record = NULL;
  g_autofree char *url = NULL;
  g_autofree char *index_path = g_build_filename (dir, "night-libraries", "index.html", NULL);
  g_autofree char *second_path = g_build_filename (dir, "night-libraries", "page-2.html", NULL);
  g_autofree char *index = NULL;
  g_autofree char *saved = NULL;
  const char *src;

  url = publish (article, site, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "file://"));
  g_assert_true (g_str_has_suffix (url, "/night-libraries/index.html"));

  index = read_text (index_path);
  g_assert_true (g_file_test (second_path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (index, "<h1 class=\"p-name\""));

  /* Its images are beside it. */
  src = strstr (index, "<img src=\"images/");
  g_assert_nonnull (src);
  {
    g_autofree char *name = g_strndup (src + 10, strchr (src + 10, '"') - src - 10);
    g_autofree char *image = g_build_filename (dir, "night-libraries", name, NULL);

    g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
  }

  /* The article records what it published, and keeps it in its file. */
  record = kiku_article_dup_publish_record (article, "here");
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member (record, "url"), ==, url);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (record, "images")), ==, 2);
  saved = kiku_article_serialize (article, NULL, NULL);
  g_assert_nonnull (strstr (saved, "\"published_to\""));

  /* An edit, and the same place gets the new page. */
  kiku_article_set_title (article, "二度目の公開");
  g_free (url);
  url = publish (article, site, NULL, &error);
  g_assert_no_error (error);
  g_free (index);
  index = read_text (index_path);
  g_assert_nonnull (strstr (index, "二度目の公開"));
  second_record = kiku_article_dup_publish_record (article, "here");
  g_assert_cmpstr (json_object_get_string_member (second_record, "hash"), !=,
                   json_object_get_string_member (record, "hash"));

  remove_tree (dir);
}

static const char *
webdav_url (void)
{
  const char *url = g_getenv ("KIKU_TEST_WEBDAV_URL");

  if (url == NULL)
    g_test_skip ("no WebDAV server: build-aux/dev test starts one");

  return url;
}

static KikuSite *
webdav_site (void)
{
  KikuSite *site = kiku_site_new ("dav", KIKU_SITE_WEBDAV, g_getenv ("KIKU_TEST_WEBDAV_URL"));

  kiku_site_set_user (site, g_getenv ("KIKU_TEST_WEBDAV_USER"));

  return site;
}

/* Against Apache's mod_dav: the pages and images arrive, a second publish
 * replaces them, and a page someone else changed is not overwritten.
 */
static void
test_webdav (void)
{
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *index_path = NULL;
  g_autofree char *images_path = NULL;
  g_autofree char *index = NULL;
  g_autoptr(GDir) images = NULL;
  const char *password = g_getenv ("KIKU_TEST_WEBDAV_PASSWORD");
  guint n_images = 0;

  if (webdav_url () == NULL)
    return;

  article = load_sample ();
  site = webdav_site ();

  /* A slug of its own, so that runs do not meet. */
  slug = g_strdup_printf ("night-libraries-%u", g_random_int ());
  kiku_article_set_slug (article, slug);
  index_path = g_build_filename (g_getenv ("KIKU_TEST_WEBDAV_ROOT"), slug, "index.html", NULL);
  images_path = g_build_filename (g_getenv ("KIKU_TEST_WEBDAV_ROOT"), slug, "images", NULL);

  url = publish (article, site, password, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (url, "/index.html"));
  index = read_text (index_path);
  g_assert_nonnull (strstr (index, kiku_article_get_title (article)));

  images = g_dir_open (images_path, 0, NULL);
  while (images && g_dir_read_name (images))
    n_images++;
  g_assert_cmpuint (n_images, ==, 2);

  /* Again, after an edit: the same page, replaced. */
  kiku_article_set_title (article, "WebDAV で二度目");
  g_free (url);
  url = publish (article, site, password, &error);
  g_assert_no_error (error);
  g_free (index);
  index = read_text (index_path);
  g_assert_nonnull (strstr (index, "WebDAV で二度目"));

  /* Someone changes the page on the site: the next publish refuses to
   * overwrite it, and says so.
   */
  {
    g_autofree char *theirs = g_strdup ("<p>changed by someone else</p>");

    g_usleep (1100000);   /* the ETag has the modification time in seconds */
    g_assert_true (g_file_set_contents (index_path, theirs, -1, NULL));
  }
  kiku_article_set_title (article, "三度目");
  g_free (url);
  url = publish (article, site, password, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "was changed on the site"));
  g_free (index);
  index = read_text (index_path);
  g_assert_cmpstr (index, ==, "<p>changed by someone else</p>");
}

static void
test_webdav_wrong_password (void)
{
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (webdav_url () == NULL)
    return;

  article = load_sample ();
  site = webdav_site ();
  before = kiku_article_serialize (article, NULL, NULL);

  url = publish (article, site, "not-the-password", &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "401"));

  /* Nothing got there: the article is as it was. */
  after = kiku_article_serialize (article, NULL, NULL);
  g_assert_true (g_str_equal (after, before));
}

/* No password crosses the network unencrypted: refused before sending. */
static void
test_insecure (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(KikuSite) site = kiku_site_new ("plain", KIKU_SITE_WEBDAV, "http://192.0.2.1/dav/");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  kiku_site_set_user (site, "editor");
  url = publish (article, site, "secret", &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "https://"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/publish/sites", test_sites);
  g_test_add_func ("/kiku/publish/folder", test_folder);
  g_test_add_func ("/kiku/publish/webdav", test_webdav);
  g_test_add_func ("/kiku/publish/webdav-wrong-password", test_webdav_wrong_password);
  g_test_add_func ("/kiku/publish/insecure", test_insecure);

  return g_test_run ();
}
