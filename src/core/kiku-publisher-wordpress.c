/* kiku-publisher-wordpress.c: publishing to a WordPress site, through its REST API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kiku-core-private.h"
#include "kiku-publish-private.h"
#include "kiku-publisher-private.h"
#include "kiku-publisher-wordpress.h"
#include "kiku-site-posts.h"

struct _KikuPublisherWordpress
{
  GObject parent_instance;
};

static void publisher_iface_init (KikuPublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KikuPublisherWordpress, kiku_publisher_wordpress, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KIKU_TYPE_PUBLISHER, publisher_iface_init))

/* A string member of an answer that should be an object, or NULL whatever
 * came instead.
 */
const char *
_kiku_wp_string (JsonNode   *node,
                 const char *member)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return _kiku_publish_string_member (json_node_get_object (node), member);
}

/* The "id" of an answer that should be an object, or 0. */
gint64
_kiku_wp_id (JsonNode *node)
{
  JsonNode *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !(id = json_object_get_member (json_node_get_object (node), "id")) ||
      !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (id);
}

/* The id of the term called @name in a list of terms WordPress found, or 0.
 * WordPress stores names with HTML entities escaped.
 */
gint64
_kiku_wp_term_id (JsonNode   *found,
                  const char *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  JsonArray *terms;

  if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found))
    return 0;

  terms = json_node_get_array (found);
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *term = json_array_get_element (terms, i);
      const char *stored = _kiku_wp_string (term, "name");

      if (stored != NULL && (g_str_equal (stored, name) || g_str_equal (stored, escaped)))
        return _kiku_wp_id (term);
    }

  return 0;
}

/* WordPress's answer to a request: JSON, or NULL. */
JsonNode *
_kiku_wp_parse_reply (const char *data,
                      gsize       length)
{
  if (data == NULL || length == 0 || !g_utf8_validate_len (data, length, NULL))
    return NULL;

  return _kiku_json_parse (data, length, NULL);
}

/* Whether @data opens a JSON object or array and stops before closing it:
 * an answer cut short, not one that was never JSON. Strings are followed
 * so that a bracket inside one does not count.
 */
gboolean
_kiku_wp_reply_ends_early (const char *data,
                           gsize       length)
{
  gsize depth = 0;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  gsize i = 0;

  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  if (i == length || (data[i] != '{' && data[i] != '['))
    return FALSE;

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '{' || c == '[')
        {
          depth++;
        }
      else if ((c == '}' || c == ']') && --depth == 0)
        {
          /* Closed: whatever it is, it is whole. */
          return FALSE;
        }
    }

  return TRUE;
}

/* The API's root in a Link header, with whether it is the ?rest_route=
 * form, or NULL.
 */
char *
_kiku_wp_root_from_link (const char *link,
                         gboolean   *query_style)
{
  g_auto(GStrv) links = NULL;
  char *root = NULL;

  *query_style = FALSE;
  if (link == NULL || strstr (link, "rel=\"https://api.w.org/\"") == NULL)
    return NULL;

  links = g_strsplit (link, ",", -1);
  for (guint i = 0; links[i] && root == NULL; i++)
    {
      const char *open = strchr (links[i], '<');
      const char *close = open ? strchr (open, '>') : NULL;

      if (open && close && strstr (close, "https://api.w.org/"))
        root = g_strndup (open + 1, close - open - 1);
    }

  if (root != NULL && strstr (root, "rest_route=") != NULL)
    {
      char *trimmed = g_strndup (root, strstr (root, "rest_route=") - root + strlen ("rest_route="));

      g_free (root);
      root = trimmed;
      *query_style = TRUE;
    }

  return root;
}

/* RFC 6266: a quoted ASCII name for every client, and the real name in
 * RFC 8187's encoding; no quote, backslash or line break gets into the
 * header as it is.
 */
char *
_kiku_content_disposition (const char *filename)
{
  static const char attr_chars[] = "!#$&+-.^_`|~";
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GString) encoded = g_string_new (NULL);
  gboolean plain = TRUE;

  for (const guchar *p = (const guchar *)filename; *p; p++)
    {
      if (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\')
        g_string_append_c (ascii, *p);
      else if (*p < 0x80 || (*p & 0xC0) != 0x80)
        g_string_append_c (ascii, '_');
      if (*p >= 0x80 || *p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7F)
        plain = FALSE;

      if (g_ascii_isalnum (*p) || (*p < 0x80 && strchr (attr_chars, *p) != NULL && *p != '\0'))
        g_string_append_c (encoded, *p);
      else
        g_string_append_printf (encoded, "%%%02X", (guint)*p);
    }

  if (plain)
    return g_strdup_printf ("attachment; filename=\"%s\"", ascii->str);

  return g_strdup_printf ("attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii->str, encoded->str);
}

typedef struct
{
  SoupSession *session;
  KikuPublishJob         *job;
  char        *root;          /* the REST API's root */
  gboolean     query_style;   /* ?rest_route= rather than /wp-json/ */
  gboolean     head;          /* discover with HEAD, which spares rendering the home page */
} Wp;

static char *
wp_url (Wp         *wp,
        const char *route,
        const char *query)
{
  if (wp->query_style)
    return g_strdup_printf ("%s%s%s%s", wp->root, route, query ? "&" : "", query ? query : "");

  return g_strdup_printf ("%s%s%s%s", wp->root, route + 1, query ? "?" : "", query ? query : "");
}

/* The message WordPress gave, in its JSON error, when there is one. */
char *
_kiku_wp_error_message (GBytes *reply)
{
  gsize length = 0;
  const char *data = reply ? g_bytes_get_data (reply, &length) : NULL;
  g_autoptr(JsonNode) node = _kiku_wp_parse_reply (data, length);

  return g_strdup (_kiku_wp_string (node, "message"));
}

/* A tag or category asked to be made that WordPress has already: made
 * meanwhile by another publish, or under a name WordPress takes as the
 * same one (it compares names as it stores them, and slugs). It refuses
 * with a 400 "term_exists" that names the term it has: that one is the
 * answer, as if it had been made now ({"id": …}).
 */
static JsonNode *
wp_existing_term (GBytes *reply)
{
  gsize length = 0;
  const char *data = reply ? g_bytes_get_data (reply, &length) : NULL;
  g_autoptr(JsonNode) node = _kiku_wp_parse_reply (data, length);
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *object, *details;
  JsonNode *id;

  if (g_strcmp0 (_kiku_wp_string (node, "code"), "term_exists") != 0)
    return NULL;

  object = json_node_get_object (node);
  if (!json_object_has_member (object, "data") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "data")))
    return NULL;
  details = json_object_get_object_member (object, "data");
  if (!(id = json_object_get_member (details, "term_id")) ||
      !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) <= 0)
    return NULL;

  answer = json_object_new ();
  json_object_set_int_member (answer, "id", json_node_get_int (id));

  return json_node_init_object (json_node_alloc (), answer);
}

static JsonNode *
wp_request_full (Wp                  *wp,
                 const char          *method,
                 const char          *url,
                 GBytes              *body,
                 const char          *content_type,
                 const char          *filename,
                 const char          *what,
                 guint               *status_out,
                 SoupMessageHeaders **headers_out,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;
  JsonNode *node;
  const char *data;
  gsize length;
  guint status;

  if (message == NULL)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a web address"), url);
      return NULL;
    }

  if (wp->job->user != NULL && wp->job->password != NULL)
    {
      g_autofree char *pair = g_strconcat (wp->job->user, ":", wp->job->password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      _kiku_publish_set_authorization (message, header);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
      memset (header, 0, strlen (header));
    }

  if (filename != NULL)
    {
      g_autofree char *disposition = _kiku_content_disposition (filename);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Content-Disposition", disposition);
    }

  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  if (!(reply = soup_session_send_and_read (wp->session, message, cancellable, &transport)))
    {
      _kiku_publish_transport_error (transport, what, error);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (status_out != NULL)
    *status_out = status;
  if (headers_out != NULL)
    *headers_out = soup_message_headers_ref (soup_message_get_response_headers (message));

  if (status == SOUP_STATUS_BAD_REQUEST && (node = wp_existing_term (reply)) != NULL)
    return node;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *said = _kiku_wp_error_message (reply);

      if (status == SOUP_STATUS_UNAUTHORIZED)
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH,
                     _("The site answered 401: the user name or application password was refused"));
      else if (status == SOUP_STATUS_FORBIDDEN)
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
                     _("The site answered 403: this user may not publish there (%s)"),
                     said ? said : _("no reason given"));
      else if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TOO_LARGE,
                     _("“%s” is larger than the site’s upload limit"), what);
      else if (said != NULL)
        g_set_error (error, KIKU_PUBLISH_ERROR,
                     status >= 500 ? KIKU_PUBLISH_ERROR_SERVER
                     : status == 404 || status == 410 ? KIKU_PUBLISH_ERROR_GONE : KIKU_PUBLISH_ERROR_UNEXPECTED,
                     _("The site answered %u for %s: %s"), status, what, said);
      else
        _kiku_publish_status_error (status, what, error);
      return NULL;
    }

  data = g_bytes_get_data (reply, &length);
  if (_kiku_publish_reply_cut_short (message, reply))
    {
      _kiku_publish_cut_error (what, error);
      return NULL;
    }

  if (!(node = _kiku_wp_parse_reply (data, length)))
    {
      if (_kiku_wp_reply_ends_early (data, length))
        {
          _kiku_publish_cut_error (what, error);
          return NULL;
        }

      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The site did not answer as WordPress does for %s (no JSON came back): is it "
                     "a WordPress site with its REST API on?"), what);
      return NULL;
    }

  return node;
}

static JsonNode *
wp_request (Wp            *wp,
            const char    *method,
            const char    *url,
            GBytes        *body,
            const char    *content_type,
            const char    *filename,
            const char    *what,
            guint         *status_out,
            GCancellable  *cancellable,
            GError       **error)
{
  return wp_request_full (wp, method, url, body, content_type, filename, what, status_out, NULL,
                          cancellable, error);
}

/* The API's root, from the Link header WordPress sends, else the
 * ?rest_route= form that works without pretty permalinks.
 */
static gboolean
wp_discover (Wp            *wp,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (wp->head ? "HEAD" : "GET", wp->job->location);
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *fallback = NULL;
  g_autoptr(JsonNode) index = NULL;
  GError *transport = NULL;
  const char *link;

  if (message == NULL)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a web address"), wp->job->location);
      return FALSE;
    }

  if (!(reply = soup_session_send_and_read (wp->session, message, cancellable, &transport)))
    return _kiku_publish_transport_error (transport, wp->job->location, error);

  link = soup_message_headers_get_list (soup_message_get_response_headers (message), "Link");
  if ((wp->root = _kiku_wp_root_from_link (link, &wp->query_style)))
    return TRUE;

  /* No header: try the form that needs no permalinks. */
  fallback = g_strconcat (wp->job->location, strchr (wp->job->location, '?') ? "&" : "?", "rest_route=", NULL);
  wp->root = g_steal_pointer (&fallback);
  wp->query_style = TRUE;

  {
    g_autofree char *url = wp_url (wp, "/", NULL);
    g_autoptr(GError) local_error = NULL;

    index = wp_request (wp, "GET", url, NULL, NULL, NULL, _("the API"), NULL, cancellable, &local_error);
    if (index == NULL || !JSON_NODE_HOLDS_OBJECT (index) ||
        !json_object_has_member (json_node_get_object (index), "namespaces"))
      {
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                     _("%s does not look like a WordPress site, or its REST API is off"),
                     wp->job->location);
        return FALSE;
      }
  }

  return TRUE;
}


/* The site label a keyword names, ignoring case, or NULL. */
static const char *
find_label (char       **labels,
            const char  *keyword)
{
  g_autofree char *folded = g_utf8_casefold (keyword, -1);

  for (guint i = 0; labels && labels[i]; i++)
    {
      g_autofree char *label = g_utf8_casefold (labels[i], -1);

      if (g_strcmp0 (label, folded) == 0)
        return labels[i];
    }

  return NULL;
}

/* A term's name as WordPress stores it: it filters names as HTML, so what
 * looks like a tag would be cut out; <, > and & are kept as entities (and
 * searched for so, since its search compares the stored text).
 */
static char *
wp_escape_term (const char *name)
{
  GString *escaped = g_string_new (name);

  g_string_replace (escaped, "&", "&amp;", 0);
  g_string_replace (escaped, "<", "&lt;", 0);
  g_string_replace (escaped, ">", "&gt;", 0);

  return g_string_free (escaped, FALSE);
}

/* Finds the tag or category called @name, making it if it is missing. */
static gint64
wp_term (Wp            *wp,
         const char    *taxonomy,
         const char    *name,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *as_stored = wp_escape_term (name);
  g_autofree char *escaped = g_uri_escape_string (as_stored, NULL, TRUE);
  g_autofree char *query = g_strdup_printf ("search=%s&per_page=100", escaped);
  g_autofree char *url = wp_url (wp, taxonomy, query);
  g_autoptr(JsonNode) found = wp_request (wp, "GET", url, NULL, NULL, NULL, name, NULL, cancellable, error);
  gint64 id;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) body_node = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *create_url = NULL;

  if (found == NULL)
    return 0;

  if ((id = _kiku_wp_term_id (found, name)) != 0)
    return id;

  json_object_set_string_member (body, "name", as_stored);
  body_node = json_node_init_object (json_node_alloc (), body);
  text = _kiku_json_write (body_node, 0);
  bytes = g_bytes_new (text, strlen (text));
  create_url = wp_url (wp, taxonomy, NULL);
  created = wp_request (wp, "POST", create_url, bytes, "application/json", NULL, name, NULL, cancellable, error);

  return _kiku_wp_id (created);
}

/* Whether the user may make categories: an Author may not (WordPress
 * answers 403), and that is found out before anything is sent, never
 * after the images went up.
 */
static gboolean
wp_check_categories (Wp            *wp,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(JsonNode) me = NULL;
  g_autofree char *me_url = NULL;
  JsonObject *caps;
  const char *missing = NULL;

  for (guint i = 0; wp->job->keywords && wp->job->keywords[i]; i++)
    {
      const char *label = find_label (wp->job->labels, wp->job->keywords[i]);
      g_autofree char *escaped = NULL;
      g_autofree char *query = NULL;
      g_autofree char *url = NULL;
      g_autoptr(JsonNode) found = NULL;

      if (label == NULL)
        continue;
      escaped = g_uri_escape_string (label, NULL, TRUE);
      query = g_strdup_printf ("search=%s&per_page=100", escaped);
      url = wp_url (wp, "/wp/v2/categories", query);
      if (!(found = wp_request (wp, "GET", url, NULL, NULL, NULL, label, NULL, cancellable, error)))
        return FALSE;
      if (_kiku_wp_term_id (found, label) == 0)
        {
          missing = label;
          break;
        }
    }

  if (missing == NULL)
    return TRUE;

  me_url = wp_url (wp, "/wp/v2/users/me", "context=edit");
  if (!(me = wp_request (wp, "GET", me_url, NULL, NULL, NULL, _("the user"), NULL, cancellable, error)))
    return FALSE;
  caps = JSON_NODE_HOLDS_OBJECT (me) ? _kiku_publish_object_member (json_node_get_object (me), "capabilities") : NULL;
  if (caps != NULL && json_object_get_boolean_member_with_default (caps, "manage_categories", FALSE))
    return TRUE;

  g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
               _("The keyword “%s” is one of the site’s labels, which are categories, and the site has no "
                 "category “%s” yet; this user may not make categories. Ask an editor of the site to make "
                 "it, or remove the keyword. Nothing was sent."), missing, missing);
  return FALSE;
}

/* A post's title, body and excerpt, as Kiku sends them and as WordPress
 * gives them back raw in the "edit" context.
 */
static char *
wp_post_hash (const char *title,
              const char *content,
              const char *excerpt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { title, content, excerpt };

  /* Each with its NUL, so that no two ways of cutting them hash alike. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_checksum_update (checksum, (const guchar *)parts[i], strlen (parts[i]) + 1);

  return g_strdup (g_checksum_get_string (checksum));
}

static const char *
wp_raw (JsonNode   *post,
        const char *member)
{
  JsonObject *field = JSON_NODE_HOLDS_OBJECT (post) ? _kiku_publish_object_member (json_node_get_object (post), member) : NULL;

  return field ? _kiku_publish_string_member (field, "raw") : NULL;
}

/* The hash of a post WordPress gave back in the "edit" context, as
 * wp_post_hash() makes it of what Kiku sends, or NULL.
 */
static char *
wp_stored_hash (JsonNode *post)
{
  const char *title = wp_raw (post, "title");
  const char *content = wp_raw (post, "content");
  const char *excerpt = wp_raw (post, "excerpt");

  if (title == NULL || content == NULL || excerpt == NULL)
    return NULL;

  return wp_post_hash (title, content, excerpt);
}

/* The first post with an id in a list WordPress found that holds just
 * what one of @hashes was made of, or NULL: WordPress drafts may share a
 * slug, so a post is known as this article's by what it holds, never by
 * its slug alone.
 */
JsonNode *
_kiku_wp_find_own (JsonNode           *found,
                   const char * const *hashes)
{
  JsonArray *posts;

  if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found))
    return NULL;

  posts = json_node_get_array (found);
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonNode *post = json_array_get_element (posts, i);
      g_autofree char *hash = wp_stored_hash (post);

      if (hash != NULL && g_strv_contains (hashes, hash) && _kiku_wp_id (post) != 0)
        return post;
    }

  return NULL;
}

/* Whether the post on the site is what this article's last update sent,
 * an update whose answer never came: then the post changed since the
 * record because of this article, not behind its back. (A site that
 * filters what it is sent never matches, and Kiku asks as before.)
 */
static gboolean
wp_is_own_update (KikuPublishJob *job,
                  JsonNode       *current)
{
  const char *sent = job->previous ? _kiku_publish_string_member (job->previous, "update_attempted") : NULL;
  g_autofree char *hash = wp_stored_hash (current);

  return sent != NULL && hash != NULL && g_str_equal (hash, sent);
}

static gboolean
publish_to_wordpress (KikuPublishJob  *job,
                      GCancellable    *cancellable,
                      GError         **error)
{
  SoupSession *session = _kiku_publish_job_get_session (job);
  g_autoptr(GString) content = g_string_new (job->fragment);
  g_autoptr(JsonObject) post = json_object_new ();
  g_autoptr(JsonNode) post_node = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *post_text = NULL;
  g_autofree char *post_url = NULL;
  g_autofree char *sent = NULL;
  JsonObject *images = _kiku_publish_record_object (job->record, "images");
  JsonArray *tag_ids = json_array_new ();
  JsonArray *category_ids = json_array_new ();
  Wp wp = { session, job, NULL, FALSE };
  gint64 id = job->previous ? json_object_get_int_member_with_default (job->previous, "id", 0) : 0;
  GHashTableIter iter;
  gpointer path, name;
  gboolean ok = FALSE;

  if (!_kiku_publish_check_secure (job, error) || !wp_discover (&wp, cancellable, error) ||
      !wp_check_categories (&wp, cancellable, error))
    goto out;

  /* Images: uploaded once per content, then used from where they landed. */
  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autofree char *hash = NULL;
      g_autoptr(GBytes) bytes = _kiku_publish_job_read_image (job, path, &hash, cancellable, error);
      g_autofree char *placeholder = g_strconcat ("\"images/", (char *)name, "\"", NULL);
      JsonObject *known = _kiku_publish_object_member (images, name);
      g_autofree char *url = NULL;
      g_autofree char *quoted = NULL;

      if (bytes == NULL)
        goto out;

      if (known != NULL && g_strcmp0 (_kiku_publish_string_member (known, "hash"), hash) == 0)
        {
          url = g_strdup (_kiku_publish_string_member (known, "url") ?: "");
        }
      else
        {
          g_autofree char *type = g_content_type_guess (path, NULL, 0, NULL);
          g_autofree char *mime = g_content_type_get_mime_type (type);
          g_autofree char *media_url = wp_url (&wp, "/wp/v2/media", NULL);
          g_autofree char *basename = g_path_get_basename (path);
          g_autoptr(JsonNode) media = wp_request (&wp, "POST", media_url, bytes, mime, basename, basename,
                                                  NULL, cancellable, error);
          JsonObject *entry;

          if (media == NULL || !JSON_NODE_HOLDS_OBJECT (media))
            goto out;

          url = g_strdup (_kiku_wp_string (media, "source_url") ?: "");
          entry = json_object_new ();
          json_object_set_string_member (entry, "hash", hash);
          json_object_set_int_member (entry, "id", _kiku_wp_id (media));
          json_object_set_string_member (entry, "url", url);
          json_object_set_object_member (images, name, entry);
        }

      quoted = g_strconcat ("\"", url, "\"", NULL);
      g_string_replace (content, placeholder, quoted, 0);
      _kiku_publish_job_step (job, name);
    }

  for (guint i = 0; job->keywords && job->keywords[i]; i++)
    {
      const char *label = find_label (job->labels, job->keywords[i]);
      gint64 term;

      if (label != NULL)
        {
          term = wp_term (&wp, "/wp/v2/categories", label, cancellable, error);
          if (term == 0)
            goto out;
          json_array_add_int_element (category_ids, term);
        }
      else
        {
          term = wp_term (&wp, "/wp/v2/tags", job->keywords[i], cancellable, error);
          if (term == 0)
            goto out;
          json_array_add_int_element (tag_ids, term);
        }
    }

  json_object_set_string_member (post, "title", job->title ? job->title : "");
  json_object_set_string_member (post, "content", content->str);
  json_object_set_string_member (post, "excerpt", job->excerpt ? job->excerpt : "");
  json_object_set_string_member (post, "slug", job->slug);
  json_object_set_string_member (post, "status", job->status);
  if (job->date != NULL)
    json_object_set_string_member (post, "date", job->date);
  json_object_set_array_member (post, "tags", g_steal_pointer (&tag_ids));
  if (json_array_get_length (category_ids) > 0)
    json_object_set_array_member (post, "categories", g_steal_pointer (&category_ids));
  post_node = json_node_init_object (json_node_alloc (), post);
  post_text = _kiku_json_write (post_node, 0);
  body = g_bytes_new (post_text, strlen (post_text));

  sent = wp_post_hash (job->title ? job->title : "", content->str, job->excerpt ? job->excerpt : "");

  /* A create whose answer never came may have made the post: look for it
   * before making another one. Only a post holding what that create sent,
   * or what this one would, is this article's; another post with the slug
   * (a draft of someone else's) is left alone, and a new post made. When
   * another post had the slug, WordPress gave the new one "SLUG-2" (or
   * -3…), so those are looked at too.
   */
  if (id == 0 && job->previous && json_object_has_member (job->previous, "attempted"))
    {
      g_autofree char *escaped = g_uri_escape_string (job->slug, NULL, TRUE);
      g_autoptr(GString) query = g_string_new ("slug=");
      g_autofree char *url = NULL;
      g_autoptr(JsonNode) found = NULL;
      const char *hashes[] = { sent, _kiku_publish_string_member (job->previous, "attempted"), NULL };
      JsonNode *own;

      g_string_append (query, escaped);
      for (guint n = 2; n <= 5; n++)
        g_string_append_printf (query, ",%s-%u", escaped, n);
      g_string_append (query, "&status=publish,future,draft,pending,private&context=edit&per_page=100");
      url = wp_url (&wp, "/wp/v2/posts", query->str);
      if (!(found = wp_request (&wp, "GET", url, NULL, NULL, NULL, job->slug, NULL, cancellable, error)))
        goto out;

      own = _kiku_wp_find_own (found, hashes);
      if (own != NULL)
        {
          const char *modified = _kiku_wp_string (own, "modified_gmt");

          /* Known now as if that create had been answered. */
          id = _kiku_wp_id (own);
          json_object_set_int_member (job->record, "id", id);
          json_object_set_string_member (job->record, "url", _kiku_wp_string (own, "link") ?: "");
          json_object_set_string_member (job->record, "status", _kiku_wp_string (own, "status") ?: "");
          if (modified != NULL)
            json_object_set_string_member (job->record, "modified_gmt", modified);
          json_object_remove_member (job->record, "attempted");
          job->partial = TRUE;
        }
    }

  if (id != 0)
    {
      g_autofree char *route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
      g_autofree char *check_url = wp_url (&wp, route, "context=edit");
      g_autoptr(JsonNode) current = NULL;
      const char *recorded = _kiku_publish_string_member (job->record, "modified_gmt");
      guint status = 0;

      /* Someone may have changed it on the site since: never overwrite that
       * silently.
       */
      current = wp_request (&wp, "GET", check_url, NULL, NULL, NULL, _("the post"), &status, cancellable, error);
      /* In the bin counts as deleted. */
      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) &&
          g_strcmp0 (_kiku_wp_string (current, "status"), "trash") == 0)
        {
          g_clear_pointer (&current, json_node_unref);
          status = 410;
          g_set_error_literal (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE, "");
        }

      if (current == NULL && (status == 404 || status == 410) && job->overwrite)
        {
          /* Deleted on the site, and the user wants it back: a new post. */
          g_clear_error (error);
          id = 0;
        }
      else if (current == NULL)
        {
          if (status == 404 || status == 410)
            {
              g_clear_error (error);
              g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                           _("The post this article was published as was deleted from the site"));
            }
          goto out;
        }

      if (current != NULL && recorded != NULL && !job->overwrite &&
          g_strcmp0 (_kiku_wp_string (current, "modified_gmt"), recorded) != 0 &&
          !wp_is_own_update (job, current))
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT,
                       _("The post was changed on the site since it was published from here; "
                         "publishing would overwrite that change"));
          goto out;
        }

      if (id != 0)
        post_url = wp_url (&wp, route, NULL);
    }

  /* If the answer never comes, the next publish knows the post as this
   * create or update leaves it.
   */
  if (id == 0)
    {
      post_url = wp_url (&wp, "/wp/v2/posts", NULL);
      json_object_set_string_member (job->record, "attempted", sent);
    }
  else
    {
      json_object_set_string_member (job->record, "update_attempted", sent);
    }
  job->partial = TRUE;

  answer = wp_request (&wp, "POST", post_url, body, "application/json", NULL, _("the post"), NULL, cancellable, error);
  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    goto out;

  {
    json_object_set_int_member (job->record, "id", _kiku_wp_id (answer));
    json_object_set_string_member (job->record, "url", _kiku_wp_string (answer, "link") ?: "");
    json_object_set_string_member (job->record, "modified_gmt", _kiku_wp_string (answer, "modified_gmt") ?: "");
    json_object_set_string_member (job->record, "status", _kiku_wp_string (answer, "status") ?: "");
    /* When it appears, for a scheduled post. */
    if (_kiku_wp_string (answer, "date_gmt") != NULL)
      json_object_set_string_member (job->record, "date_gmt", _kiku_wp_string (answer, "date_gmt"));
    json_object_remove_member (job->record, "attempted");
    json_object_remove_member (job->record, "update_attempted");
  }

  _kiku_publish_job_step (job, job->title);

  ok = TRUE;

out:
  g_free (wp.root);
  if (tag_ids != NULL)
    json_array_unref (tag_ids);
  if (category_ids != NULL)
    json_array_unref (category_ids);

  return ok;
}

/* Whether WordPress knows the user, and lets them publish posts. */
static char *
kiku_publisher_wordpress_check (KikuPublisher   *publisher,
                                KikuPublishJob  *job,
                                GCancellable    *cancellable,
                                GError         **error)
{
  Wp wp = { _kiku_publish_job_get_session (job), job, NULL, FALSE };
  char *answer = NULL;

  if (_kiku_publish_check_secure (job, error) && wp_discover (&wp, cancellable, error))
    {
      g_autofree char *url = wp_url (&wp, "/wp/v2/users/me", "context=edit");
      g_autoptr(JsonNode) me = wp_request (&wp, "GET", url, NULL, NULL, NULL, _("the user"), NULL, cancellable, error);

      if (me != NULL && JSON_NODE_HOLDS_OBJECT (me))
        {
          JsonObject *caps = json_object_has_member (json_node_get_object (me), "capabilities")
                             ? _kiku_publish_object_member (json_node_get_object (me), "capabilities") : NULL;

          if (caps != NULL && !json_object_get_boolean_member_with_default (caps, "publish_posts", FALSE))
            g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
                         _("WordPress knows this user, but the user may not publish posts"));
          else
            answer = g_strdup_printf (_("WordPress accepted %s"),
                                      json_object_get_string_member_with_default (json_node_get_object (me), "name", job->user));
        }
    }
  g_free (wp.root);

  return answer;
}

/* Listing and pulling ---------------------------------------------------------- */

/* A GMT date WordPress gives ("2026-11-29T10:00:00", no zone), or NULL. */
static GDateTime *
wp_gmt_date (JsonNode   *post,
             const char *member)
{
  const char *text = _kiku_wp_string (post, member);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static char *
wp_rendered (JsonNode   *post,
             const char *member)
{
  JsonObject *field = JSON_NODE_HOLDS_OBJECT (post) ? _kiku_publish_object_member (json_node_get_object (post), member) : NULL;
  const char *raw = field ? _kiku_publish_string_member (field, "raw") : NULL;
  const char *rendered = field ? _kiku_publish_string_member (field, "rendered") : NULL;

  return g_strdup (raw ? raw : rendered ? rendered : "");
}

/* Any status the user may see, newest first: drafts and scheduled posts
 * among the published ones, in the "edit" context, which gives the raw
 * body the Kiku mark is looked for in.
 */
static GPtrArray *
kiku_publisher_wordpress_list_posts (KikuPublisher   *publisher,
                                     KikuPublishJob  *job,
                                     const char      *search,
                                     guint            page,
                                     gboolean        *more,
                                     GCancellable    *cancellable,
                                     GError         **error)
{
  Wp wp = { _kiku_publish_job_get_session (job), job, NULL, FALSE, TRUE };
  /* Only what the list shows: the rendered body would have WordPress run
   * every post through its filters, several times slower.
   */
  g_autoptr(GString) query = g_string_new ("context=edit&status=any&orderby=date&order=desc"
                                           "&_fields=id,title.raw,status,date,date_gmt,modified_gmt,link,content.raw");
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autofree char *url = NULL;
  GPtrArray *posts = NULL;
  const char *total_pages;
  JsonArray *array;

  if (!_kiku_publish_check_secure (job, error) || !wp_discover (&wp, cancellable, error))
    goto out;

  g_string_append_printf (query, "&per_page=%u&page=%u", KIKU_SITE_POSTS_PER_PAGE, page + 1);
  if (search != NULL && search[0] != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (search, NULL, TRUE);
      g_string_append_printf (query, "&search=%s", escaped);
    }
  url = wp_url (&wp, "/wp/v2/posts", query->str);
  found = wp_request_full (&wp, "GET", url, NULL, NULL, NULL, _("the list of posts"), NULL, &headers,
                           cancellable, error);
  if (found == NULL)
    goto out;
  if (!JSON_NODE_HOLDS_ARRAY (found))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The site did not answer with a list of posts"));
      goto out;
    }

  total_pages = headers ? soup_message_headers_get_one (headers, "X-WP-TotalPages") : NULL;
  array = json_node_get_array (found);
  *more = total_pages != NULL ? page + 1 < g_ascii_strtoull (total_pages, NULL, 10)
                              : json_array_get_length (array) == KIKU_SITE_POSTS_PER_PAGE;

  posts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *post = json_array_get_element (array, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, _kiku_wp_id (post));
      g_autofree char *title = wp_rendered (post, "title");
      g_autofree char *content = wp_rendered (post, "content");
      g_autoptr(GDateTime) date = wp_gmt_date (post, "date_gmt");
      g_autoptr(GDateTime) modified = wp_gmt_date (post, "modified_gmt");

      if (_kiku_wp_id (post) == 0)
        continue;
      if (date == NULL)
        date = wp_gmt_date (post, "date");
      g_ptr_array_add (posts, kiku_site_post_new (id, title, _kiku_wp_string (post, "status"), date, modified,
                                                  _kiku_html_is_kiku_made (content),
                                                  _kiku_wp_string (post, "link")));
    }

out:
  g_free (wp.root);

  return posts;
}

/* The names of the terms with @ids in @taxonomy. */
static gboolean
wp_term_names (Wp            *wp,
               const char    *taxonomy,
               JsonArray     *ids,
               GPtrArray     *names,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GString) query = g_string_new ("per_page=100&include=");
  g_autoptr(JsonNode) found = NULL;
  g_autofree char *url = NULL;

  if (ids == NULL || json_array_get_length (ids) == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (ids); i++)
    g_string_append_printf (query, "%s%" G_GINT64_FORMAT, i ? "," : "", json_array_get_int_element (ids, i));
  url = wp_url (wp, taxonomy, query->str);
  if (!(found = wp_request (wp, "GET", url, NULL, NULL, NULL, taxonomy, NULL, cancellable, error)))
    return FALSE;

  /* In the order the post lists them. */
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonArray *terms = JSON_NODE_HOLDS_ARRAY (found) ? json_node_get_array (found) : NULL;

      for (guint j = 0; terms && j < json_array_get_length (terms); j++)
        {
          JsonNode *term = json_array_get_element (terms, j);
          const char *name = _kiku_wp_string (term, "name");

          if (_kiku_wp_id (term) == json_array_get_int_element (ids, i) && name != NULL)
            {
              g_autoptr(GString) plain = g_string_new (name);

              /* WordPress keeps names with &, < and > escaped. */
              g_string_replace (plain, "&lt;", "<", 0);
              g_string_replace (plain, "&gt;", ">", 0);
              g_string_replace (plain, "&amp;", "&", 0);
              g_ptr_array_add (names, g_string_free (g_steal_pointer (&plain), FALSE));
            }
        }
    }

  return TRUE;
}

static JsonArray *
wp_array (JsonNode   *post,
          const char *member)
{
  JsonNode *node = JSON_NODE_HOLDS_OBJECT (post) ? json_object_get_member (json_node_get_object (post), member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The post's raw body and fields, its tags, and its categories that are
 * the site's labels (a keyword that is a label goes as a category); the
 * record is the one the publish that made it would have left, so that
 * Publish updates this same post, with the conflict check.
 */
static KikuPulledPost *
kiku_publisher_wordpress_pull (KikuPublisher   *publisher,
                               KikuPublishJob  *job,
                               const char      *id,
                               GCancellable    *cancellable,
                               GError         **error)
{
  Wp wp = { _kiku_publish_job_get_session (job), job, NULL, FALSE, TRUE };
  g_autoptr(KikuPulledPost) pulled = NULL;
  g_autoptr(JsonNode) post = NULL;
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *route = NULL;
  g_autofree char *url = NULL;
  char *end = NULL;
  gint64 number = g_ascii_strtoll (id, &end, 10);
  KikuPulledPost *result = NULL;

  if (number <= 0 || end == NULL || *end != '\0')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                   _("“%s” is not the number of a WordPress post"), id);
      goto out;
    }

  if (!_kiku_publish_check_secure (job, error) || !wp_discover (&wp, cancellable, error))
    goto out;

  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, number);
  url = wp_url (&wp, route, "context=edit&_fields=id,title.raw,excerpt.raw,content.raw,slug,status,date,date_gmt,"
                             "modified_gmt,link,tags,categories");
  if (!(post = wp_request (&wp, "GET", url, NULL, NULL, NULL, _("the post"), NULL, cancellable, error)))
    goto out;
  if (!JSON_NODE_HOLDS_OBJECT (post) || _kiku_wp_id (post) != number)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The site did not answer with the post"));
      goto out;
    }

  if (!wp_term_names (&wp, "/wp/v2/tags", wp_array (post, "tags"), keywords, cancellable, error) ||
      !wp_term_names (&wp, "/wp/v2/categories", wp_array (post, "categories"), categories, cancellable, error))
    goto out;
  for (guint i = 0; i < categories->len; i++)
    if (find_label (job->labels, g_ptr_array_index (categories, i)) != NULL)
      g_ptr_array_add (keywords, g_strdup (g_ptr_array_index (categories, i)));

  pulled = _kiku_pulled_post_new ();
  g_ptr_array_add (pulled->parts, wp_rendered (post, "content"));
  pulled->base = g_strdup (_kiku_wp_string (post, "link"));
  pulled->title = wp_rendered (post, "title");
  pulled->excerpt = wp_rendered (post, "excerpt");
  pulled->slug = g_strdup (_kiku_wp_string (post, "slug"));
  pulled->keywords = (char **)g_ptr_array_steal (keywords, NULL);
  pulled->modified = g_strdup (_kiku_wp_string (post, "modified_gmt"));
  json_object_set_int_member (pulled->record, "id", number);
  json_object_set_string_member (pulled->record, "url", _kiku_wp_string (post, "link") ?: "");
  json_object_set_string_member (pulled->record, "status", _kiku_wp_string (post, "status") ?: "");
  json_object_set_string_member (pulled->record, "modified_gmt", _kiku_wp_string (post, "modified_gmt") ?: "");
  if (_kiku_wp_string (post, "date_gmt") != NULL)
    json_object_set_string_member (pulled->record, "date_gmt", _kiku_wp_string (post, "date_gmt"));
  result = g_steal_pointer (&pulled);

out:
  g_free (wp.root);

  return result;
}

/* A post is one step, and its body the article's pages as one fragment. */
static gboolean
kiku_publisher_wordpress_sends_one_post (KikuPublisher *publisher)
{
  return TRUE;
}

static gboolean
kiku_publisher_wordpress_publish (KikuPublisher   *publisher,
                                  KikuPublishJob  *job,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  return publish_to_wordpress (job, cancellable, error);
}

/* WordPress keeps drafts and scheduled posts; the post's address ends in
 * its slug, and its author is the account that publishes, whatever the
 * article names.
 */
static KikuPublisherFeatures
kiku_publisher_wordpress_get_features (KikuPublisher *publisher)
{
  return KIKU_PUBLISHER_DRAFTS | KIKU_PUBLISHER_SCHEDULE | KIKU_PUBLISHER_NEEDS_SLUG;
}

static void
publisher_iface_init (KikuPublisherInterface *iface)
{
  iface->get_features = kiku_publisher_wordpress_get_features;
  iface->publish = kiku_publisher_wordpress_publish;
  iface->check = kiku_publisher_wordpress_check;
  iface->sends_one_post = kiku_publisher_wordpress_sends_one_post;
  iface->list_posts = kiku_publisher_wordpress_list_posts;
  iface->pull = kiku_publisher_wordpress_pull;
}

static void
kiku_publisher_wordpress_class_init (KikuPublisherWordpressClass *klass)
{
}

static void
kiku_publisher_wordpress_init (KikuPublisherWordpress *self)
{
}
