/* test-faults.c: publishing when the server fails, on cue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real WordPress cannot be made to drop a connection right after it has
 * made a post, or to fail on the one request a test wants: this small
 * server answers as WordPress's REST API does, and fails when told to. It
 * is a WebDAV server too, under /dav/, for the same reason.
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
  FAULT_CUT_SHORT,          /* the post is made, half the answer comes, of the length announced */
  FAULT_CUT_SHORT_UNSIZED,  /* the same with no length announced: the JSON stops */
  FAULT_DROP_AFTER_PUT,     /* every answer to a WebDAV page PUT is lost, stored or refused */
  FAULT_CUT_GET,            /* a WebDAV page comes half, of the length announced */
  FAULT_TERM_EXISTS,        /* each tag asked for is missing, then made meanwhile */
} Fault;

/* A file on the fake WebDAV server; a folder has no body. */
typedef struct
{
  GBytes *body;
  char   *etag;
} DavFile;

typedef struct
{
  SoupServer *server;
  char       *base;
  Fault       fault;
  GPtrArray  *posts;        /* of JsonObject */
  guint       media;
  gint64      next_id;
  guint       paused;       /* answers held back, still to be sent */
  GHashTable *dav;          /* path → DavFile */
  guint       dav_etags;
  guint       dav_page_puts;
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

static JsonObject *
find_slug (const char *slug)
{
  for (guint i = 0; i < fake.posts->len; i++)
    if (g_str_equal (json_object_get_string_member (g_ptr_array_index (fake.posts, i), "slug"), slug))
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
  if (json_object_has_member (body, "tags"))
    json_object_set_array_member (post, "tags", json_array_ref (json_object_get_array_member (body, "tags")));
}

static void
drop_connection (SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);

  g_socket_shutdown (socket, TRUE, TRUE, NULL);
  soup_server_message_set_status (message, 500, NULL);
}

/* The headers, then half the body, then the connection closes, as when a
 * proxy or the network cuts the answer short. With @sized, the headers
 * announce the whole body's length; without, the end of the connection is
 * the end of the body.
 */
static void
cut_reply (SoupServerMessage *message,
           guint              status,
           const char        *content_type,
           const char        *text,
           gboolean           sized)
{
  GSocket *socket = soup_server_message_get_socket (message);
  g_autofree char *length = sized ? g_strdup_printf ("Content-Length: %zu\r\n", strlen (text)) : g_strdup ("");
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: %s\r\n%s"
                                           "Connection: close\r\n\r\n",
                                           status, soup_status_get_phrase (status), content_type, length);

  g_assert_cmpint (g_socket_send (socket, head, strlen (head), NULL, NULL), ==, (gssize)strlen (head));
  g_assert_cmpint (g_socket_send (socket, text, strlen (text) / 2, NULL, NULL), ==, (gssize)(strlen (text) / 2));
  drop_connection (message);
}

static void
dav_file_free (gpointer data)
{
  DavFile *file = data;

  g_clear_pointer (&file->body, g_bytes_unref);
  g_free (file->etag);
  g_free (file);
}

/* A file of the article on the fake WebDAV server, or NULL. */
static DavFile *
dav_file (const char *name)
{
  g_autofree char *path = g_strconcat ("/dav/night-libraries/", name, NULL);

  return g_hash_table_lookup (fake.dav, path);
}

/* Someone else writes @text into a file on the site. */
static void
dav_write (const char *name,
           const char *text)
{
  g_autofree char *path = g_strconcat ("/dav/night-libraries/", name, NULL);
  DavFile *file = g_new0 (DavFile, 1);

  file->body = g_bytes_new (text, strlen (text));
  file->etag = g_strdup_printf ("\"%u\"", ++fake.dav_etags);
  g_hash_table_replace (fake.dav, g_strdup (path), file);
}

static gboolean
dav_holds (const char *name,
           const char *text)
{
  DavFile *file = dav_file (name);
  gsize length;
  const char *data = file && file->body ? g_bytes_get_data (file->body, &length) : NULL;

  return data != NULL && g_strstr_len (data, length, text) != NULL;
}

/* As Apache's mod_dav answers, conditions and ETags included. */
static void
handle_dav (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *method = soup_server_message_get_method (message);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  DavFile *file = g_hash_table_lookup (fake.dav, path);

  if (g_str_equal (method, "MKCOL"))
    {
      if (file != NULL)
        {
          soup_server_message_set_status (message, 405, NULL);
          return;
        }
      g_hash_table_insert (fake.dav, g_strdup (path), g_new0 (DavFile, 1));
      soup_server_message_set_status (message, 201, NULL);
      return;
    }

  if (g_str_equal (method, "PUT"))
    {
      const char *if_match = soup_message_headers_get_one (request, "If-Match");
      const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
      gboolean page = g_str_has_suffix (path, ".html");
      gboolean existed = file != NULL;
      g_autoptr(GBytes) body = NULL;

      if (page)
        fake.dav_page_puts++;

      if ((if_match != NULL && (file == NULL || g_strcmp0 (if_match, file->etag) != 0)) ||
          (if_none_match != NULL && file != NULL))
        {
          if (page && fake.fault == FAULT_DROP_AFTER_PUT)
            drop_connection (message);
          else
            soup_server_message_set_status (message, 412, NULL);
          return;
        }

      body = soup_message_body_flatten (soup_server_message_get_request_body (message));
      file = g_new0 (DavFile, 1);
      file->body = g_steal_pointer (&body);
      file->etag = g_strdup_printf ("\"%u\"", ++fake.dav_etags);
      g_hash_table_replace (fake.dav, g_strdup (path), file);

      if (page && fake.fault == FAULT_DROP_AFTER_PUT)
        {
          /* Stored, and the connection dropped before any answer. */
          drop_connection (message);
          return;
        }

      soup_message_headers_replace (response, "ETag", file->etag);
      soup_server_message_set_status (message, existed ? 204 : 201, NULL);
      return;
    }

  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    {
      if (file == NULL || file->body == NULL)
        {
          soup_server_message_set_status (message, 404, NULL);
          return;
        }
      if (g_str_equal (method, "GET") && fake.fault == FAULT_CUT_GET)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (file->body, NULL), g_bytes_get_size (file->body));

          cut_reply (message, 200, "text/html", text, TRUE);
          return;
        }
      soup_message_headers_replace (response, "ETag", file->etag);
      soup_server_message_set_status (message, 200, NULL);
      if (g_str_equal (method, "GET"))
        soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY,
                                          g_bytes_get_data (file->body, NULL), g_bytes_get_size (file->body));
      return;
    }

  soup_server_message_set_status (message, 405, NULL);
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
      else if (fake.fault == FAULT_TERM_EXISTS)
        {
          /* What WordPress answers when the tag is there after all. */
          g_autoptr(JsonObject) refusal = json_object_new ();
          g_autoptr(JsonObject) details = json_object_new ();

          json_object_set_int_member (details, "status", 400);
          json_object_set_int_member (details, "term_id", 4242);
          json_object_set_string_member (refusal, "code", "term_exists");
          json_object_set_string_member (refusal, "message", "A term with the name provided already exists in this taxonomy.");
          json_object_set_object_member (refusal, "data", g_steal_pointer (&details));
          node = json_node_init_object (json_node_alloc (), refusal);
          reply_json (message, 400, node);
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
      g_auto(GStrv) slugs = g_strsplit (slug ? slug : "", ",", -1);
      g_autoptr(JsonArray) found = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      /* Any of a list of slugs, the newest post first. */
      for (guint i = fake.posts->len; i > 0; i--)
        {
          JsonObject *post = g_ptr_array_index (fake.posts, i - 1);

          if (slug && g_strv_contains ((const char * const *)slugs, json_object_get_string_member (post, "slug")))
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
      {
        /* As WordPress's REST API makes a new post's slug, a draft's too:
         * one another post has gets "-2", "-3"…
         */
        const char *wanted = json_object_get_string_member (body, "slug");
        g_autofree char *slug = g_strdup (wanted);

        for (guint n = 2; find_slug (slug) != NULL; n++)
          {
            g_free (slug);
            slug = g_strdup_printf ("%s-%u", wanted, n);
          }
        json_object_set_string_member (post, "slug", slug);
      }
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
      if (fake.fault == FAULT_CUT_SHORT || fake.fault == FAULT_CUT_SHORT_UNSIZED)
        {
          g_autofree char *text = json_to_string (node, FALSE);

          cut_reply (message, 201, "application/json", text, fake.fault == FAULT_CUT_SHORT);
          return;
        }
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
  fake.dav = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, dav_file_free);
  fake.next_id = 0;
  fake.media = 0;
  fake.dav_etags = 0;
  fake.dav_page_puts = 0;
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
  soup_server_add_handler (fake.server, "/dav", handle_dav, NULL, NULL);
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
  g_clear_pointer (&fake.dav, g_hash_table_unref);
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
publish_to (KikuArticle  *article,
            KikuSite     *site,
            const char   *password,
            GError      **error)
{
  KikuPublishOptions options = { "draft", NULL, FALSE, 1 };
  Publish state = { 0 };

  kiku_publish_async (article, site, password, &options, NULL, NULL, NULL, on_published, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  if (state.error)
    g_propagate_error (error, state.error);

  return state.url;
}

/* To the fake WordPress. */
static char *
publish (KikuArticle  *article,
         GError      **error)
{
  g_autoptr(KikuSite) site = kiku_site_new ("fake", KIKU_SITE_WORDPRESS, fake.base);

  kiku_site_set_user (site, "editor");

  return publish_to (article, site, "password", error);
}

/* To the fake WebDAV server. */
static char *
publish_dav (KikuArticle  *article,
             GError      **error)
{
  g_autofree char *location = g_strconcat (fake.base, "dav/", NULL);
  g_autoptr(KikuSite) site = kiku_site_new ("dav", KIKU_SITE_WEBDAV, location);

  return publish_to (article, site, NULL, error);
}

/* Whether @slug is @wanted, or what WordPress makes of it when another
 * post has it: "wanted-2", "wanted-3"…
 */
static gboolean
slug_is (const char *slug,
         const char *wanted)
{
  const char *rest = g_str_has_prefix (slug, wanted) ? slug + strlen (wanted) : NULL;

  return rest != NULL && (rest[0] == '\0' || (rest[0] == '-' && g_ascii_isdigit (rest[1])));
}

/* The posts with @slug, however WordPress numbered them. */
static guint
posts_with_slug (const char *slug)
{
  guint n = 0;

  for (guint i = 0; i < fake.posts->len; i++)
    n += slug_is (json_object_get_string_member (g_ptr_array_index (fake.posts, i), "slug"), slug);

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
  g_autoptr(KikuPublishRecord) empty = kiku_publish_record_new ("fake", NULL);

  g_assert_no_error (error);
  kiku_article_set_publish_record (copy, empty);

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

/* A tag made meanwhile (by another publish at the same moment): WordPress
 * refuses to make it again and names the one it has, which the post gets.
 */
static void
test_term_exists (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  JsonObject *post;
  JsonArray *tags;

  start_fake (FALSE);
  fake.fault = FAULT_TERM_EXISTS;
  url = publish (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);

  g_assert_cmpuint (fake.posts->len, ==, 1);
  post = g_ptr_array_index (fake.posts, 0);
  tags = json_object_get_array_member (post, "tags");
  g_assert_cmpuint (json_array_get_length (tags), >, 0);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    g_assert_cmpint (json_array_get_int_element (tags, i), ==, 4242);

  stop_fake ();
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

/* A draft of someone else's with the sample's slug, made where WordPress
 * lets drafts share a slug (the classic editor, XML-RPC, WP-CLI, an
 * import; its REST API numbers a new one instead).
 */
static JsonObject *
add_foreign_draft (void)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *post = json_object_new ();

  json_object_set_string_member (body, "title", "Night libraries (my notes)");
  json_object_set_string_member (body, "content", "<p>A colleague's draft.</p>");
  json_object_set_string_member (body, "excerpt", "Not for Kiku to touch.");
  json_object_set_int_member (post, "id", ++fake.next_id);
  json_object_set_string_member (post, "slug", "night-libraries");
  json_object_set_string_member (post, "status", "draft");
  json_object_set_string_member (post, "link", fake.base);
  store_fields (post, body);
  touch (post);
  g_ptr_array_add (fake.posts, post);

  return post;
}

static char *
post_text (JsonObject *post)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), post);

  return json_to_string (node, FALSE);
}

/* The posts that hold the article's title. */
static guint
posts_titled (const char  *title,
              gint64      *id)
{
  guint n = 0;

  for (guint i = 0; i < fake.posts->len; i++)
    {
      JsonObject *post = g_ptr_array_index (fake.posts, i);

      if (g_str_equal (json_object_get_string_member (json_object_get_object_member (post, "title"), "raw"), title))
        {
          *id = json_object_get_int_member (post, "id");
          n++;
        }
    }

  return n;
}

/* A create that failed, and a draft of someone else's with the same slug,
 * made before the create (which WordPress then numbers "-2") or after it
 * (sharing its slug, and listed first): the retry takes only a post that
 * holds what Kiku sent as its own, the draft stays as it was, and there is
 * one post of the article's.
 */
static void
check_foreign_draft (Fault             fault,
                     KikuPublishError  expected,
                     gboolean          draft_first)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autofree char *url = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *after = NULL;
  JsonObject *draft = NULL;
  gint64 id = 0;

  start_fake (FALSE);
  if (draft_first)
    draft = add_foreign_draft ();

  fake.fault = fault;
  url = publish (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, (int)expected);
  g_clear_error (&error);

  if (!draft_first)
    draft = add_foreign_draft ();
  theirs = post_text (draft);

  fake.fault = FAULT_NONE;
  url = publish (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);

  after = post_text (draft);
  g_assert_cmpstr (after, ==, theirs);
  g_assert_cmpuint (posts_titled (kiku_article_get_title (article), &id), ==, 1);
  g_assert_cmpuint (posts_with_slug ("night-libraries"), ==, 2);
  record = kiku_article_dup_publish_record (article, "fake");
  g_assert_cmpint (kiku_publish_record_get_remote_id (record), ==, id);
  g_assert_false (json_object_has_member (kiku_publish_record_get_details (record), "attempted"));

  stop_fake ();
}

/* The create was made and its answer lost, and then someone made a draft
 * with the same slug: the post is found by what it holds.
 */
static void
test_foreign_draft_dropped_after_create (void)
{
  check_foreign_draft (FAULT_DROP_AFTER_CREATE, KIKU_PUBLISH_ERROR_NETWORK, FALSE);
}

/* The draft was there first: the post the lost create made is "-2". */
static void
test_foreign_draft_first (void)
{
  check_foreign_draft (FAULT_DROP_AFTER_CREATE, KIKU_PUBLISH_ERROR_NETWORK, TRUE);
}

/* The create failed and made nothing: a new post, never the draft. */
static void
test_foreign_draft_error_500 (void)
{
  check_foreign_draft (FAULT_ERROR_500, KIKU_PUBLISH_ERROR_SERVER, TRUE);
}

/* An answer cut short is said to be one, not taken for a site that is not
 * WordPress; the post it made is found by the next publish.
 */
static void
check_cut_short (Fault fault)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autofree char *url = NULL;
  gint64 id = 0;

  start_fake (FALSE);
  fake.fault = fault;
  url = publish (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "The connection was cut"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_assert_null (strstr (error->message, "WordPress"));
  g_clear_error (&error);
  g_assert_cmpuint (posts_with_slug ("night-libraries"), ==, 1);

  fake.fault = FAULT_NONE;
  url = publish (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_cmpuint (posts_titled (kiku_article_get_title (article), &id), ==, 1);
  record = kiku_article_dup_publish_record (article, "fake");
  g_assert_cmpint (kiku_publish_record_get_remote_id (record), ==, id);

  stop_fake ();
}

static void
test_cut_short (void)
{
  check_cut_short (FAULT_CUT_SHORT);
}

static void
test_cut_short_unsized (void)
{
  check_cut_short (FAULT_CUT_SHORT_UNSIZED);
}

/* The article's record names each page by the ETag the site has for it,
 * and keeps no page as still in flight.
 */
static void
assert_dav_record (KikuArticle *article)
{
  g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (article, "dav");
  JsonObject *etags = json_object_get_object_member (kiku_publish_record_get_details (record), "etags");
  const char *pages[] = { "index.html", "page-2.html" };

  g_assert_cmpuint (json_object_get_size (etags), ==, G_N_ELEMENTS (pages));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_cmpstr (json_object_get_string_member (etags, pages[i]), ==, dav_file (pages[i])->etag);
  g_assert_false (json_object_has_member (kiku_publish_record_get_details (record), "pages_attempted"));
}

/* One publish while every answer to a page PUT is lost: it fails, and the
 * site holds the page all the same.
 */
static void
publish_dav_lost (KikuArticle *article,
                  const char  *lead)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  kiku_article_set_summary (article, lead);
  fake.fault = FAULT_DROP_AFTER_PUT;
  url = publish_dav (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK);
  g_assert_true (dav_holds ("index.html", lead));
  fake.fault = FAULT_NONE;
}

/* A WebDAV PUT the server stored but whose answer was lost: the page on
 * the site has another ETag than the record's, yet it is this article's
 * own, so the retry goes on without a conflict, whether the page holds what
 * is sent now or what the lost try sent. A page someone else changed is
 * still never overwritten unasked.
 */
static void
test_dav_dropped_after_put (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  start_fake (FALSE);

  /* The first publish: the page was not there, and now it is. */
  publish_dav_lost (article, "First lead.");
  g_test_message ("%u PUTs of pages so far", fake.dav_page_puts);
  url = publish_dav (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_clear_pointer (&url, g_free);
  assert_dav_record (article);

  /* An update, sent again as it was. */
  publish_dav_lost (article, "The lead, rewritten.");
  url = publish_dav (article, &error);
  g_assert_no_error (error);
  g_clear_pointer (&url, g_free);
  g_assert_true (dav_holds ("index.html", "The lead, rewritten."));
  assert_dav_record (article);

  /* An update, and the article edited again before the retry. */
  publish_dav_lost (article, "The lead, rewritten twice.");
  kiku_article_set_summary (article, "The lead, rewritten three times.");
  url = publish_dav (article, &error);
  g_assert_no_error (error);
  g_clear_pointer (&url, g_free);
  g_assert_true (dav_holds ("index.html", "The lead, rewritten three times."));
  assert_dav_record (article);

  /* An update lost, and then an editor changes the page on the site. */
  publish_dav_lost (article, "The lead, rewritten four times.");
  dav_write ("index.html", "<p>Corrected on the site.</p>");
  url = publish_dav (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (dav_holds ("index.html", "<p>Corrected on the site.</p>"));

  /* And with no lost answer: a changed page is refused as before. */
  url = publish_dav (article, &error);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT);
  g_assert_true (dav_holds ("index.html", "<p>Corrected on the site.</p>"));

  stop_fake ();
}

/* The page read back after a lost answer comes cut short: said so, never
 * taken for someone else's change; the next try goes through.
 */
static void
test_dav_cut_short (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  start_fake (FALSE);
  publish_dav_lost (article, "First lead.");

  fake.fault = FAULT_CUT_GET;
  url = publish_dav (article, &error);
  g_assert_null (url);
  g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "The connection was cut"));
  g_clear_error (&error);

  fake.fault = FAULT_NONE;
  url = publish_dav (article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  assert_dav_record (article);

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
  g_test_add_func ("/kiku/faults/foreign-draft/dropped-after-create", test_foreign_draft_dropped_after_create);
  g_test_add_func ("/kiku/faults/foreign-draft/first", test_foreign_draft_first);
  g_test_add_func ("/kiku/faults/foreign-draft/error-500", test_foreign_draft_error_500);
  g_test_add_func ("/kiku/faults/cut-short", test_cut_short);
  g_test_add_func ("/kiku/faults/cut-short-unsized", test_cut_short_unsized);
  g_test_add_func ("/kiku/faults/webdav/dropped-after-put", test_dav_dropped_after_put);
  g_test_add_func ("/kiku/faults/webdav/cut-short", test_dav_cut_short);
  g_test_add_func ("/kiku/faults/error-500", test_error_500);
  g_test_add_func ("/kiku/faults/term-exists", test_term_exists);
  g_test_add_func ("/kiku/faults/rest-route-fallback", test_rest_route_fallback);
  g_test_add_func ("/kiku/faults/not-wordpress", test_not_wordpress);
  g_test_add_func ("/kiku/faults/too-large", test_too_large);
  g_test_add_func ("/kiku/faults/slower-than-timeout", test_slower_than_timeout);
  g_test_add_func ("/kiku/faults/tls", test_tls);
  g_test_add_func ("/kiku/faults/tls/subprocess", test_tls_subprocess);

  return g_test_run ();
}
