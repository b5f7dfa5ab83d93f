/* kiku-publisher.c: what publishes a job to one kind of site, and what
 * the publishers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kiku-publisher-folder.h"
#include "kiku-publisher-private.h"
#include "kiku-publisher-webdav.h"
#include "kiku-publisher-wordpress.h"

G_DEFINE_INTERFACE (KikuPublisher, kiku_publisher, G_TYPE_OBJECT)

static void
kiku_publisher_default_init (KikuPublisherInterface *iface)
{
}

/**
 * kiku_publisher_new_for_kind:
 *
 * Returns: (transfer full): the publisher for sites of @kind
 */
KikuPublisher *
kiku_publisher_new_for_kind (KikuSiteKind kind)
{
  switch (kind)
    {
    case KIKU_SITE_FOLDER:
      return g_object_new (KIKU_TYPE_PUBLISHER_FOLDER, NULL);

    case KIKU_SITE_WEBDAV:
      return g_object_new (KIKU_TYPE_PUBLISHER_WEBDAV, NULL);

    case KIKU_SITE_WORDPRESS:
      return g_object_new (KIKU_TYPE_PUBLISHER_WORDPRESS, NULL);

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * kiku_publisher_publish:
 *
 * Publishes @job to its site, in the calling (worker) thread.
 */
gboolean
kiku_publisher_publish (KikuPublisher   *self,
                        KikuPublishJob  *job,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_return_val_if_fail (KIKU_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);

  return KIKU_PUBLISHER_GET_IFACE (self)->publish (self, job, cancellable, error);
}

/**
 * kiku_publisher_check:
 *
 * Tries @job's site, in the calling (worker) thread, changing nothing.
 *
 * Returns: (transfer full): what the site said, for the user, or %NULL
 *   with @error set
 */
char *
kiku_publisher_check (KikuPublisher   *self,
                      KikuPublishJob  *job,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_return_val_if_fail (KIKU_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (job != NULL, NULL);

  return KIKU_PUBLISHER_GET_IFACE (self)->check (self, job, cancellable, error);
}

gboolean
kiku_publisher_sends_one_post (KikuPublisher *self)
{
  KikuPublisherInterface *iface;

  g_return_val_if_fail (KIKU_IS_PUBLISHER (self), FALSE);

  iface = KIKU_PUBLISHER_GET_IFACE (self);

  return iface->sends_one_post != NULL && iface->sends_one_post (self);
}

/* Shared by the publishers ------------------------------------------------------- */

/* The one HTTP session a job talks to its site through: how long to wait
 * for an answer, and who asks. TLS is GIO's default: the system's trusted
 * certificates, and no certificate that fails them is accepted.
 */
SoupSession *
_kiku_publish_session_new (guint timeout)
{
  return soup_session_new_with_options ("timeout", timeout,
                                        "user-agent", "Kiku/" PACKAGE_VERSION,
                                        NULL);
}

/* A member that is a string, or NULL: never a warning for another kind of
 * value, as json-glib's getters give.
 */
const char *
_kiku_publish_string_member (JsonObject *object,
                             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A member that is an object, or NULL. */
JsonObject *
_kiku_publish_object_member (JsonObject *object,
                             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
wipe_authorization (gpointer  data,
                    GObject  *message)
{
  SoupMessageHeaders *headers = data;
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  /* libsoup frees its copy without clearing it; clear it first. */
  if (value != NULL)
    memset ((char *)value, 0, strlen (value));
  soup_message_headers_unref (headers);
}

/* The Authorization header, cleared from memory with the message, like the
 * password and its base64 copy.
 */
void
_kiku_publish_set_authorization (SoupMessage *message,
                                 const char  *value)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", value);
  g_object_weak_ref (G_OBJECT (message), wipe_authorization, soup_message_headers_ref (headers));
}

gboolean
_kiku_publish_outside_error (const char  *what,
                             GError     **error)
{
  g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
               _("“%s” would lie outside the site’s folder; nothing was written there"), what);
  return FALSE;
}

static gboolean
is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A password never crosses the network in the clear. */
gboolean
_kiku_publish_check_secure (KikuPublishJob  *job,
                            GError         **error)
{
  g_autoptr(GUri) uri = g_uri_parse (job->location, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a web address starting with http:// or https://"), job->location);
      return FALSE;
    }

  if (job->password != NULL && g_str_equal (g_uri_get_scheme (uri), "http") && !is_loopback (uri))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_INSECURE,
                   _("The site’s address starts with http://, so the password would cross the network "
                     "unencrypted. Use the https:// address of the site."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_kiku_publish_status_error (guint        status,
                            const char  *what,
                            GError     **error)
{
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH,
                   _("The site answered 401: the user name or password was refused"));
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
                   _("The site answered 403: this user may not publish there"));
      break;
    case SOUP_STATUS_NOT_FOUND:
    case 410:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                   _("The site answered %u: “%s” is not there"), status, what);
      break;
    case SOUP_STATUS_PRECONDITION_FAILED:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT,
                   _("“%s” was changed on the site since it was last published from here; "
                     "publishing would overwrite that change"), what);
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TOO_LARGE,
                   _("“%s” is larger than the site accepts"), what);
      break;
    default:
      g_set_error (error, KIKU_PUBLISH_ERROR,
                   status >= 500 ? KIKU_PUBLISH_ERROR_SERVER : KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The site answered %u (%s) for “%s”"), status,
                   soup_status_get_phrase (status) ?: "", what);
    }

  return FALSE;
}

/* An answer that stopped short: the site acted, or may have, and a retry
 * finds out what got there.
 */
gboolean
_kiku_publish_cut_error (const char  *what,
                         GError     **error)
{
  g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK,
               /* Translators: %s is what was asked for: “the post”, a file
                * name, a tag. */
               _("The connection was cut while the site was answering for %s; try again"), what);
  return FALSE;
}

/* Whether the body is shorter than the length the server announced. When
 * the server says it closes the connection after the answer, libsoup gives
 * what came before the close as the whole body, without an error. A
 * compressed body is decoded, so its length says nothing here.
 */
gboolean
_kiku_publish_reply_cut_short (SoupMessage *message,
                               GBytes      *reply)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0))
    return FALSE;

  return (goffset)g_bytes_get_size (reply) < soup_message_headers_get_content_length (headers);
}

gboolean
_kiku_publish_transport_error (GError      *transport,
                               const char  *what,
                               GError     **error)
{
  if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, transport);
      return FALSE;
    }

  /* The site was reached, and its answer broke off. */
  if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      g_error_free (transport);
      return _kiku_publish_cut_error (what, error);
    }

  if (transport->domain == G_TLS_ERROR)
    g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TLS,
                 _("The site’s certificate is not to be trusted: %s"), transport->message);
  else
    g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK,
                 _("The site could not be reached: %s"), transport->message);

  g_error_free (transport);

  return FALSE;
}

/**
 * kiku_publisher_get_features:
 *
 * Returns: what sites of this publisher's kind do with an article
 */
KikuPublisherFeatures
kiku_publisher_get_features (KikuPublisher *self)
{
  KikuPublisherInterface *iface;

  g_return_val_if_fail (KIKU_IS_PUBLISHER (self), 0);

  iface = KIKU_PUBLISHER_GET_IFACE (self);

  return iface->get_features ? iface->get_features (self) : 0;
}

/**
 * kiku_site_get_features:
 *
 * Returns: what @site does with an article, as its publisher says
 */
KikuPublisherFeatures
kiku_site_get_features (KikuSite *site)
{
  g_autoptr(KikuPublisher) publisher = NULL;

  g_return_val_if_fail (KIKU_IS_SITE (site), 0);

  publisher = kiku_publisher_new_for_kind (kiku_site_get_kind (site));

  return kiku_publisher_get_features (publisher);
}

/* Listing and pulling --------------------------------------------------------- */

GPtrArray *
_kiku_publisher_list_posts (KikuPublisher   *self,
                            KikuPublishJob  *job,
                            const char      *search,
                            guint            page,
                            gboolean        *more,
                            GCancellable    *cancellable,
                            GError         **error)
{
  KikuPublisherInterface *iface = KIKU_PUBLISHER_GET_IFACE (self);

  *more = FALSE;
  if (iface->list_posts == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This kind of site cannot list its articles"));
      return NULL;
    }

  return iface->list_posts (self, job, search, page, more, cancellable, error);
}

KikuPulledPost *
_kiku_publisher_pull (KikuPublisher   *self,
                      KikuPublishJob  *job,
                      const char      *id,
                      GCancellable    *cancellable,
                      GError         **error)
{
  KikuPublisherInterface *iface = KIKU_PUBLISHER_GET_IFACE (self);

  if (iface->pull == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This kind of site cannot give its articles back"));
      return NULL;
    }

  return iface->pull (self, job, id, cancellable, error);
}

KikuPulledPost *
_kiku_pulled_post_new (void)
{
  KikuPulledPost *pulled = g_new0 (KikuPulledPost, 1);

  pulled->parts = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  pulled->record = json_object_new ();

  return pulled;
}

void
_kiku_pulled_post_free (KikuPulledPost *pulled)
{
  if (pulled == NULL)
    return;

  g_ptr_array_unref (pulled->parts);
  g_free (pulled->base);
  g_free (pulled->title);
  g_free (pulled->excerpt);
  g_free (pulled->slug);
  g_strfreev (pulled->keywords);
  g_free (pulled->modified);
  json_object_unref (pulled->record);
  g_free (pulled);
}

/* A file from the web, refused when it is larger than @limit: read no
 * further than one byte past it, whatever length the server announces.
 * Only http and https are fetched.
 */
GBytes *
_kiku_publish_download (SoupSession   *session,
                        const char    *url,
                        goffset        limit,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  GError *transport = NULL;
  guint8 buffer[16384];

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      !(message = soup_message_new_from_uri ("GET", uri)))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("“%s” is not a web address starting with http:// or https://"), url);
      return NULL;
    }

  if (!(stream = soup_session_send (session, message, cancellable, &transport)))
    {
      _kiku_publish_transport_error (transport, url, error);
      return NULL;
    }

  if (!_kiku_publish_status_error (soup_message_get_status (message), url, error))
    return NULL;

  for (;;)
    {
      gssize got = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (got < 0)
        return NULL;
      if (got == 0)
        break;
      g_byte_array_append (data, buffer, got);
      if ((goffset)data->len > limit)
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TOO_LARGE,
                       _("“%s” is larger than an image may be"), url);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Whether a page or post body came from Kiku's renderer: its article and
 * pages carry the kiku-article and kiku-page class names, as elements'
 * classes or as blocks' className, and those survive kses and the block
 * editor. A page written by hand could claim them too; that is harmless,
 * it only decides what the list shows.
 */
gboolean
_kiku_html_is_kiku_made (const char *html)
{
  return html != NULL && (strstr (html, "kiku-page") != NULL || strstr (html, "kiku-article") != NULL);
}

/* The article's headline a page gives: its og:title, which is the
 * headline alone, else its <title>; or NULL.
 */
char *
_kiku_html_title (const char *html)
{
  static const char og[] = "<meta property=\"og:title\" content=\"";
  const char *start = html ? strstr (html, og) : NULL;
  const char *end = start ? strchr (start + strlen (og), '"') : NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GString) text = NULL;

  if (start != NULL && end != NULL)
    {
      start += strlen (og);
    }
  else
    {
      start = html ? strstr (html, "<title>") : NULL;
      end = start ? strstr (start, "</title>") : NULL;
      if (start == NULL || end == NULL)
        return NULL;
      start += strlen ("<title>");
    }

  raw = g_strndup (start, end - start);
  text = g_string_new (g_strstrip (raw));
  g_string_replace (text, "&lt;", "<", 0);
  g_string_replace (text, "&gt;", ">", 0);
  g_string_replace (text, "&quot;", "\"", 0);
  g_string_replace (text, "&#39;", "'", 0);
  g_string_replace (text, "&amp;", "&", 0);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The slug the article was last published under here, when it was
 * another: from the record, or for a record older than that member, from
 * the address it gave ("…/SLUG/index.html").
 */
char *
_kiku_publish_job_old_slug (KikuPublishJob *job)
{
  const char *slug = job->previous ? _kiku_publish_string_member (job->previous, "slug") : NULL;
  const char *url = job->previous ? _kiku_publish_string_member (job->previous, "url") : NULL;
  g_autofree char *found = NULL;

  if (slug == NULL && url != NULL && g_str_has_suffix (url, "/index.html"))
    {
      g_autofree char *folder = g_strndup (url, strlen (url) - strlen ("/index.html"));
      const char *last = strrchr (folder, '/');

      if (last != NULL)
        found = g_uri_unescape_string (last + 1, NULL);
      slug = found;
    }

  if (slug == NULL || slug[0] == '\0' || g_strcmp0 (slug, job->slug) == 0 || !kiku_slug_check (slug, NULL))
    return NULL;

  return g_strdup (slug);
}
