/* test-faults.c: publishing when the server fails, on cue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real WordPress cannot be made to drop a connection right after it has
 * made a post, or to fail on the one request a test wants: this small
 * server answers as WordPress's REST API does, and fails when told to.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "kiku.h"

typedef enum
{
  FAULT_NONE,
  FAULT_DROP_AFTER_CREATE,  /* the post is made, the answer never comes */
  FAULT_ERROR_500,          /* the server fails, nothing is made */
  FAULT_SLOW_AFTER_CREATE,  /* the post is made, the answer comes too late */
  FAULT_NO_LINK,            /* no Link header: only ?rest_route= finds the API */
  FAULT_NOT_WORDPRESS,      /* a plain web server */
  FAULT_TOO_LARGE,          /* images are over the upload limit */
  FAULT_DROP_AFTER_UPDATE,  /* the post is updated, the answer never comes */
} Fault;

typedef struct
{
  SoupServer *server;
  char       *base;
  Fault       fault;
  GPtrArray  *posts;        /* of JsonObject */
  guint       media;
  gint64      next_id;
  guint       paused;       /* answers held back, still to be sent */
} FakeWordPress;

static FakeWordPress fake;

static JsonObject *
find_post (gint64 id)
{
  for (guint i = 0; i < fake.posts->len; i++)
    if (json_object_get_int_member (g_ptr_array_index (fake.posts, i), "id") == id)
      return g_ptr_array_index (fake.posts, i);

  return NULL;
}

static void
reply_json (SoupServerMessage *message,
            guint              status,
            JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static JsonObject *
request_object (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  return json_node_dup_object (json_parser_get_root (parser));
}

static void
touch (JsonObject *post)
{
  static guint clock;
  g_autofree char *modified = g_strdup_printf ("2026-01-01T00:00:%02u", ++clock % 60);

  json_object_set_string_member (post, "modified_gmt", modified);
}

/* What WordPress keeps of a post that was sent, given back raw in the
 * "edit" context.
 */
static void
store_fields (JsonObject *post,
              JsonObject *body)
{
  const char *fields[] = { "title", "content", "excerpt" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (json_object_has_member (body, fields[i]))
      {
        JsonObject *field = json_object_new ();

        json_object_set_string_member (field, "raw", json_object_get_string_member (body, fields[i]));
        json_object_set_object_member (post, fields[i], field);
      }
}

static void
drop_connection (SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);

  g_socket_shutdown (socket, TRUE, TRUE, NULL);
  soup_server_message_set_status (message, 500, NULL);
}

static gboolean
unpause (gpointer data)
{
  soup_server_message_unpause (data);
  g_object_unref (data);
  fake.paused--;
  return G_SOURCE_REMOVE;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  const char *method = soup_server_message_get_method (message);
  const char *route = query ? g_hash_table_lookup (query, "rest_route") : NULL;
  g_autofree char *routed = NULL;

  /* The API without pretty permalinks: /?rest_route=/wp/v2/posts */
  if (g_str_equal (path, "/") && route != NULL)
    {
      if (fake.fault == FAULT_NOT_WORDPRESS)
        {
          soup_server_message_set_status (message, 200, NULL);
          soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
          return;
        }
      if (g_str_equal (route, "/"))
        {
          g_autoptr(JsonNode) index = json_from_string ("{\"namespaces\": [\"wp/v2\"]}", NULL);

          reply_json (message, 200, index);
          return;
        }
      path = routed = g_strconcat ("/wp-json", route, NULL);
    }

  if (g_str_equal (path, "/") && (fake.fault == FAULT_NO_LINK || fake.fault == FAULT_NOT_WORDPRESS))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
      return;
    }

  if (g_str_equal (path, "/"))
    {
      g_autofree char *link = g_strdup_printf ("<%swp-json/>; rel=\"https://api.w.org/\"", fake.base);

      soup_message_headers_append (soup_server_message_get_response_headers (message), "Link", link);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
      return;
    }

  if (g_str_equal (path, "/wp-json/wp/v2/media") && g_str_equal (method, "POST") && fake.fault == FAULT_TOO_LARGE)
    {
      /* As nginx's client_max_body_size answers, before WordPress sees it. */
      soup_server_message_set_status (message, 413, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<html><body>413 Request Entity Too Large</body></html>", 54);
      return;
    }

  if (g_str_equal (path, "/wp-json/wp/v2/media") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) media = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *url = g_strdup_printf ("%swp-content/uploads/%u.png", fake.base, ++fake.media);

      json_object_set_int_member (media, "id", 1000 + fake.media);
      json_object_set_string_member (media, "source_url", url);
      node = json_node_init_object (json_node_alloc (), media);
      reply_json (message, 201, node);
      return;
    }

  if (g_str_equal (path, "/wp-json/wp/v2/tags"))
    {
      g_autoptr(JsonNode) node = NULL;

      if (g_str_equal (method, "GET"))
        {
          g_autoptr(JsonArray) none = json_array_new ();

          node = json_node_init_array (json_node_alloc (), none);
          reply_json (message, 200, node);
        }
      else
        {
          g_autoptr(JsonObject) tag = json_object_new ();

          json_object_set_int_member (tag, "id", g_random_int_range (1, 1000));
          node = json_node_init_object (json_node_alloc (), tag);
          reply_json (message, 201, node);
        }
      return;
    }

  if (g_str_equal (path, "/wp-json/wp/v2/posts") && g_str_equal (method, "GET"))
    {
      const char *slug = query ? g_hash_table_lookup (query, "slug") : NULL;
      g_autoptr(JsonArray) found = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < fake.posts->len; i++)
        {
          JsonObject *post = g_ptr_array_index (fake.posts, i);

          if (slug && g_str_equal (json_object_get_string_member (post, "slug"), slug))
            json_array_add_object_element (found, json_object_ref (post));
        }

      node = json_node_init_array (json_node_alloc (), found);
      reply_json (message, 200, node);
      return;
    }

  if (g_str_equal (path, "/wp-json/wp/v2/posts") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *link = NULL;
      JsonObject *post;

      if (fake.fault == FAULT_ERROR_500)
        {
          g_autoptr(JsonObject) error = json_object_new ();

          json_object_set_string_member (error, "code", "db_down");
          json_object_set_string_member (error, "message", "The database is resting");
          node = json_node_init_object (json_node_alloc (), error);
          reply_json (message, 500, node);
          return;
        }

      body = request_object (message);
      post = json_object_new ();
      json_object_set_int_member (post, "id", ++fake.next_id);
      json_object_set_string_member (post, "slug", json_object_get_string_member (body, "slug"));
      json_object_set_string_member (post, "status", json_object_get_string_member (body, "status"));
      link = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, fake.base, fake.next_id);
      json_object_set_string_member (post, "link", link);
      store_fields (post, body);
      touch (post);
      g_ptr_array_add (fake.posts, post);

      if (fake.fault == FAULT_DROP_AFTER_CREATE)
        {
          /* Made, and the connection dropped before any answer. */
          drop_connection (message);
          return;
        }

      node = json_node_init_object (json_node_alloc (), post);
      reply_json (message, 201, node);

      if (fake.fault == FAULT_SLOW_AFTER_CREATE)
        {
          soup_server_message_pause (message);
          fake.paused++;
          g_timeout_add (1500, unpause, g_object_ref (message));
        }
      return;
    }

  if (g_str_has_prefix (path, "/wp-json/wp/v2/posts/"))
    {
      JsonObject *post = find_post (g_ascii_strtoll (path + strlen ("/wp-json/wp/v2/posts/"), NULL, 10));
      g_autoptr(JsonNode) node = NULL;

      if (post == NULL)
        {
          soup_server_message_set_status (message, 404, NULL);
          return;
        }

      if (g_str_equal (method, "POST"))
        {
          g_autoptr(JsonObject) body = request_object (message);

          store_fields (post, body);
          touch (post);
          if (fake.fault == FAULT_DROP_AFTER_UPDATE)
            {
              /* Updated, and the connection dropped before any answer. */
              drop_connection (message);
              return;
            }
        }

      node = json_node_init_object (json_node_alloc (), post);
      reply_json (message, 200, node);
      return;
    }

  soup_server_message_set_status (message, 404, NULL);
}

static void
start_fake (gboolean tls)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake.posts = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  fake.next_id = 0;
  fake.media = 0;
  fake.fault = FAULT_NONE;

  if (tls)
    {
      g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "test-cert.pem", NULL);
      g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "test-key.pem", NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);

      g_assert_no_error (error);
      fake.server = soup_server_new ("tls-certificate", certificate, NULL);
    }
  else
    {
      fake.server = soup_server_new (NULL, NULL);
    }

  soup_server_add_handler (fake.server, NULL, handle, NULL, NULL);
  soup_server_listen_local (fake.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0), &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fake.server);
  fake.base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
stop_fake (void)
{
  /* Let held answers go, and the server's connections close. */
  while (fake.paused > 0)
    g_main_context_iteration (NULL, TRUE);
  soup_server_disconnect (fake.server);
  g_clear_object (&fake.server);
  g_clear_pointer (&fake.base, g_free);
  g_clear_pointer (&fake.posts, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  char     *url;
  GError   *error;
  gboolean  done;
} Publish;

static void
on_published (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Publish *state = user_data;

  state->url = kiku_publish_finish (KIKU_ARTICLE (object), result, &state->error);
  state->done = TRUE;
}

static char *
publish (KikuArticle  *article,
         GError      **error)
{
  g_autoptr(KikuSite) site = kiku_site_new ("fake", KIKU_SITE_WORDPRESS, fake.base);
  KikuPublishOptions options = { "draft", NULL, FALSE, 1 };
  Publish state = { 0 };

  kiku_site_set_user (site, "editor");
  kiku_publish_async (article, site, "password", &options, NULL, NULL, NULL, on_published, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  if (state.error)
    g_propagate_error (error, state.error);

  return state.url;
}

static guint
posts_with_slug (const char *slug)
{
  guint n = 0;

  for (guint i = 0; i < fake.posts->len; i++)
    n += g_str_equal (json_object_get_string_member (g_ptr_array_index (fake.posts, i), "slug"), slug);

  return n;
}

static KikuArticle *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return kiku_article_new_from_file (file, NULL, NULL);
}

/* The content of an article file, less what it records of its publishing:
 * a failed publish changes nothing else.
 */
static char *
content_of (KikuArticle *article)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = kiku_article_serialize (article, NULL, NULL);
  g_autoptr(KikuArticle) copy = kiku_article_new_from_data (text, -1, NULL, &error);
  g_autoptr(JsonObject) empty = json_object_new ();

  g_assert_no_error (error);
  kiku_article_set_publish_record (copy, "fake", empty);

  return kiku_article_serialize (copy, NULL, NULL);
}

static void
check_fault (Fault            fault,
             KikuPublishError expected)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = content_of (article);
  g_autofree char *after = NULL;

  start_fake (FALSE);

  /* The fault, then as many retries as it takes. */
  fake.fault = fault;
  url = publish (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, (int)expected);
  g_clear_error (&error);

  after = content_of (article);
  g_assert_true (g_str_equal (before, after));

  /* Once more while the fault lasts: a post the first try made is found
   * and updated; a create still fails; never a second post.
   */
  url = publish (article, &error);
  g_assert_true ((url == NULL) != (error == NULL));
  g_clear_error (&error);
  g_assert_cmpuint (posts_with_slug ("night-libraries"), <=, 1);

  fake.fault = FAULT_NONE;
  for (guint i = 0; i < 3; i++)
    {
      g_free (url);
      url = publish (article, &error);
      g_assert_no_error (error);
      g_assert_nonnull (url);
    }

  /* However it went, there is one post. */
  g_assert_cmpuint (posts_with_slug ("night-libraries"), ==, 1);

  stop_fake ();
}

/* Without the Link header, the API is found at ?rest_route= and used. */
static void
test_rest_route_fallback (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  start_fake (FALSE);
  fake.fault = FAULT_NO_LINK;
  url = publish (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_cmpuint (posts_with_slug ("night-libraries"), ==, 1);
  g_assert_cmpuint (fake.media, ==, 2);
  stop_fake ();
}

/* One publish while @fault lasts: refused with @expected, in words that
 * contain @words, with nothing posted and the article as it was.
 */
static void
check_refused (gboolean          tls,
               Fault             fault,
               KikuPublishError  expected,
               const char       *words)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = content_of (article);
  g_autofree char *after = NULL;

  start_fake (tls);
  g_assert_true (g_str_has_prefix (fake.base, tls ? "https://" : "http://"));
  fake.fault = fault;
  url = publish (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, (int)expected);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpuint (fake.posts->len, ==, 0);
  after = content_of (article);
  g_assert_cmpstr (before, ==, after);
  stop_fake ();
}

/* A site that is not WordPress (or has its API off) is named as such. */
static void
test_not_wordpress (void)
{
  check_refused (FALSE, FAULT_NOT_WORDPRESS, KIKU_PUBLISH_ERROR_UNEXPECTED,
                 "does not look like a WordPress site, or its REST API is off");
}

/* An image over the server's limit says so, naming the file. */
static void
test_too_large (void)
{
  check_refused (FALSE, FAULT_TOO_LARGE, KIKU_PUBLISH_ERROR_TOO_LARGE, ".png");
}

static void
test_dropped_after_create (void)
{
  check_fault (FAULT_DROP_AFTER_CREATE, KIKU_PUBLISH_ERROR_NETWORK);
}

static void
test_error_500 (void)
{
  /* The server's own words. */
  check_refused (FALSE, FAULT_ERROR_500, KIKU_PUBLISH_ERROR_SERVER, "The database is resting");
  check_fault (FAULT_ERROR_500, KIKU_PUBLISH_ERROR_SERVER);
}

/* An update WordPress made but whose answer never came: the post changed
 * on the site since the record, and the change is this article's own, so
 * the next publish goes ahead without asking. A change someone made on the
 * site after such an update is still never overwritten unasked.
 */
static void
test_dropped_after_update (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  JsonObject *post, *content;

  start_fake (FALSE);
  url = publish (article, &error);
  g_assert_no_error (error);
  g_clear_pointer (&url, g_free);

  kiku_article_set_summary (article, "The lead, rewritten.");
  fake.fault = FAULT_DROP_AFTER_UPDATE;
  url = publish (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK);
  g_clear_error (&error);

  fake.fault = FAULT_NONE;
  url = publish (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_clear_pointer (&url, g_free);
  g_assert_cmpuint (posts_with_slug ("night-libraries"), ==, 1);

  /* Lost again, and then an editor changes the post on the site. */
  kiku_article_set_summary (article, "The lead, rewritten twice.");
  fake.fault = FAULT_DROP_AFTER_UPDATE;
  url = publish (article, &error);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK);
  g_clear_error (&error);

  fake.fault = FAULT_NONE;
  post = g_ptr_array_index (fake.posts, 0);
  content = json_object_get_object_member (post, "content");
  json_object_set_string_member (content, "raw", "<p>Corrected on the site.</p>");
  touch (post);
  url = publish (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT);
  g_assert_cmpstr (json_object_get_string_member (content, "raw"), ==, "<p>Corrected on the site.</p>");

  stop_fake ();
}

static void
test_slower_than_timeout (void)
{
  check_fault (FAULT_SLOW_AFTER_CREATE, KIKU_PUBLISH_ERROR_NETWORK);
}

/* A certificate nobody vouches for: refused, and said so. */
static void
test_tls_subprocess (void)
{
  check_refused (TRUE, FAULT_NONE, KIKU_PUBLISH_ERROR_TLS, "certificate");
}

/* GnuTLS's threads crash LeakSanitizer's own tracer at exit (a failure of
 * the tracer, not a leak report), so this one case runs in a child without
 * the leak check; AddressSanitizer still checks its memory.
 */
static void
test_tls (void)
{
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *saved = g_strdup (options);
  g_autofree char *child = g_strconcat (options ? options : "", options ? ":" : "", "detect_leaks=0", NULL);

  g_setenv ("ASAN_OPTIONS", child, TRUE);
  g_test_trap_subprocess ("/kiku/faults/tls/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("ASAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("ASAN_OPTIONS");

  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/faults/dropped-after-create", test_dropped_after_create);
  g_test_add_func ("/kiku/faults/dropped-after-update", test_dropped_after_update);
  g_test_add_func ("/kiku/faults/error-500", test_error_500);
  g_test_add_func ("/kiku/faults/rest-route-fallback", test_rest_route_fallback);
  g_test_add_func ("/kiku/faults/not-wordpress", test_not_wordpress);
  g_test_add_func ("/kiku/faults/too-large", test_too_large);
  g_test_add_func ("/kiku/faults/slower-than-timeout", test_slower_than_timeout);
  g_test_add_func ("/kiku/faults/tls", test_tls);
  g_test_add_func ("/kiku/faults/tls/subprocess", test_tls_subprocess);

  return g_test_run ();
}
