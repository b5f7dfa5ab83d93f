/* kiku-publisher-webdav.c: publishing to a WebDAV server: MKCOL for
 * folders, PUT with If-Match for pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kiku-publish-private.h"
#include "kiku-publisher-private.h"
#include "kiku-publisher-webdav.h"

struct _KikuPublisherWebdav
{
  GObject parent_instance;
};

static void publisher_iface_init (KikuPublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KikuPublisherWebdav, kiku_publisher_webdav, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KIKU_TYPE_PUBLISHER, publisher_iface_init))

/* An ETag as If-Match can use it: a weak one's opaque part. */
char *
_kiku_dav_etag (const char *header)
{
  if (header == NULL)
    return NULL;

  return g_strdup (g_str_has_prefix (header, "W/") ? header + 2 : header);
}

static SoupMessage *
dav_message (KikuPublishJob *job,
             const char     *method,
             const char     *path)
{
  g_autofree char *base = g_str_has_suffix (job->location, "/") ? g_strdup (job->location)
                                                                 : g_strconcat (job->location, "/", NULL);
  g_autoptr(GString) url = g_string_new (base);
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  SoupMessage *message;

  /* Each part escaped, and none that climbs or stays: the address lies
   * inside the site's base, or there is no request (dav_send says why).
   */
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (segments[i][0] == '\0' && segments[i + 1] == NULL && i > 0)
        break;
      if (segments[i][0] == '\0' || g_str_equal (segments[i], ".") || g_str_equal (segments[i], ".."))
        {
          if (path[0] == '\0')
            break;
          return NULL;
        }
      escaped = g_uri_escape_string (segments[i], NULL, TRUE);
      g_string_append (url, escaped);
      if (segments[i + 1] != NULL)
        g_string_append_c (url, '/');
    }

  if (!g_str_has_prefix (url->str, base) || !(message = soup_message_new (method, url->str)))
    return NULL;

  if (job->user != NULL && job->password != NULL)
    {
      g_autofree char *pair = g_strconcat (job->user, ":", job->password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      _kiku_publish_set_authorization (message, header);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
      memset (header, 0, strlen (header));
    }

  return message;
}

static gboolean
dav_send (SoupSession   *session,
          SoupMessage   *message,
          GBytes        *body,
          const char    *content_type,
          const char    *what,
          gboolean       accept_exists,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;
  guint status;

  if (message == NULL)
    return _kiku_publish_outside_error (what, error);

  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  if (!(reply = soup_session_send_and_read (session, message, cancellable, &transport)))
    return _kiku_publish_transport_error (transport, what, error);

  status = soup_message_get_status (message);
  if (accept_exists && status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    return TRUE;

  return _kiku_publish_status_error (status, what, error);
}

static char *
dav_etag (SoupSession    *session,
          KikuPublishJob *job,
          const char     *path,
          GCancellable   *cancellable)
{
  g_autoptr(SoupMessage) head = dav_message (job, "HEAD", path);
  g_autoptr(GBytes) reply = head ? soup_session_send_and_read (session, head, cancellable, NULL) : NULL;
  const char *etag;

  if (reply == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (head)))
    return NULL;

  etag = soup_message_headers_get_one (soup_message_get_response_headers (head), "ETag");

  /* A weak tag never matches If-Match: keep the opaque part. */
  return _kiku_dav_etag (etag);
}

/* The page at @path as the site holds it now: the hash of its bytes, and
 * its ETag header as the site wrote it, when it gave one.
 */
static gboolean
dav_fetch (SoupSession     *session,
           KikuPublishJob  *job,
           const char      *path,
           const char      *what,
           char           **hash,
           char           **etag,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(SoupMessage) get = dav_message (job, "GET", path);
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;

  if (get == NULL)
    return _kiku_publish_outside_error (what, error);

  if (!(reply = soup_session_send_and_read (session, get, cancellable, &transport)))
    return _kiku_publish_transport_error (transport, what, error);

  if (!_kiku_publish_status_error (soup_message_get_status (get), what, error))
    return FALSE;

  if (_kiku_publish_reply_cut_short (get, reply))
    return _kiku_publish_cut_error (what, error);

  *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, reply);
  *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (get), "ETag"));

  return TRUE;
}

/* After the site refused a conditional PUT of a page (412: its ETag is not
 * the one recorded), whether the page there is this article's own all the
 * same, and then puts it: it holds what is being sent now (it is left as
 * it is, and @etag set to its ETag), what the last publish sent (Apache's
 * ETag is weak for a second after a write, so the ETag alone cannot tell),
 * or what the last try sent before its answer was lost. Anything else is
 * someone else's change, and nothing is written: @refused (transfer full)
 * is the error.
 */
static gboolean
dav_put_again (SoupSession     *session,
               KikuPublishJob  *job,
               const char      *target,
               const char      *page,
               GBytes          *body,
               const char      *sent,
               GError          *refused,
               char           **etag,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autofree char *found = NULL;
  g_autofree char *header = NULL;
  g_autoptr(SoupMessage) again = NULL;
  GError *local_error = NULL;

  if (!dav_fetch (session, job, target, page, &found, &header, cancellable, &local_error))
    {
      /* Not there to compare: still not known as this article's. */
      if (g_error_matches (local_error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE))
        {
          g_error_free (local_error);
          g_propagate_error (error, refused);
        }
      else
        {
          g_error_free (refused);
          g_propagate_error (error, local_error);
        }
      return FALSE;
    }

  if (g_str_equal (found, sent))
    {
      g_error_free (refused);
      *etag = _kiku_dav_etag (header);
      return TRUE;
    }

  if (g_strcmp0 (found, _kiku_publish_job_previous_string (job, "pages", page)) != 0 &&
      g_strcmp0 (found, _kiku_publish_job_previous_string (job, "pages_attempted", page)) != 0)
    {
      g_propagate_error (error, refused);
      return FALSE;
    }

  g_error_free (refused);
  again = dav_message (job, "PUT", target);

  /* Over the page just read and nothing newer, when its ETag is sure. */
  if (again != NULL && header != NULL && !g_str_has_prefix (header, "W/"))
    soup_message_headers_replace (soup_message_get_request_headers (again), "If-Match", header);

  return dav_send (session, again, body, "text/html; charset=utf-8", page, FALSE, cancellable, error);
}

static gboolean
publish_to_webdav (KikuPublishJob  *job,
                   GCancellable    *cancellable,
                   GError         **error)
{
  SoupSession *session = _kiku_publish_job_get_session (job);
  g_autofree char *folder = g_strconcat (job->slug, "/", NULL);
  g_autofree char *images_folder = g_strconcat (job->slug, "/images/", NULL);
  JsonObject *sent_images = _kiku_publish_record_object (job->record, "images");
  JsonObject *etags = _kiku_publish_record_object (job->record, "etags");
  GHashTableIter iter;
  gpointer path, name;

  if (!_kiku_publish_check_secure (job, error))
    return FALSE;

  /* Folders, made when they are not there yet. */
  {
    g_autoptr(SoupMessage) mkcol = dav_message (job, "MKCOL", folder);
    g_autoptr(SoupMessage) mkcol_images = dav_message (job, "MKCOL", images_folder);

    if (!dav_send (session, mkcol, NULL, NULL, folder, TRUE, cancellable, error) ||
        !dav_send (session, mkcol_images, NULL, NULL, images_folder, TRUE, cancellable, error))
      return FALSE;
  }

  /* Images: one already there with the same content is not sent again. */
  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autofree char *hash = NULL;
      g_autoptr(GBytes) bytes = _kiku_publish_job_read_image (job, path, &hash, cancellable, error);
      g_autofree char *target = g_strconcat (images_folder, name, NULL);
      g_autofree char *type = NULL;
      g_autofree char *mime = NULL;

      if (bytes == NULL)
        return FALSE;

      if (g_strcmp0 (_kiku_publish_job_previous_string (job, "images", name), hash) != 0)
        {
          g_autoptr(SoupMessage) put = dav_message (job, "PUT", target);

          type = g_content_type_guess (path, NULL, 0, NULL);
          mime = g_content_type_get_mime_type (type);
          if (!dav_send (session, put, bytes, mime, name, FALSE, cancellable, error))
            return FALSE;
        }

      json_object_set_string_member (sent_images, name, hash);
      _kiku_publish_job_step (job, name);
    }

  /* Pages: replaced only when they are as this article last left them,
   * which the ETag says; when it cannot, dav_put_again() looks.
   */
  for (guint i = 0; i < job->pages->len; i++)
    {
      const char *page = g_ptr_array_index (job->names, i);
      const char *html = g_ptr_array_index (job->pages, i);
      g_autofree char *target = g_strconcat (folder, page, NULL);
      g_autoptr(SoupMessage) put = dav_message (job, "PUT", target);
      g_autoptr(GBytes) body = g_bytes_new (html, strlen (html));
      const char *previous = _kiku_publish_job_previous_string (job, "etags", page);
      g_autofree char *etag = NULL;
      g_autofree char *sent = g_compute_checksum_for_string (G_CHECKSUM_SHA256, html, -1);
      JsonObject *attempted = _kiku_publish_record_object (job->record, "pages_attempted");
      GError *local_error = NULL;

      if (!job->overwrite && put != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (put),
                                      previous ? "If-Match" : "If-None-Match",
                                      previous ? previous : "*");

      /* If the answer never comes, the next publish knows the page as this
       * PUT leaves it.
       */
      json_object_set_string_member (attempted, page, sent);
      job->partial = TRUE;

      if (!dav_send (session, put, body, "text/html; charset=utf-8", page, FALSE, cancellable, &local_error))
        {
          if (!g_error_matches (local_error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (!dav_put_again (session, job, target, page, body, sent, local_error, &etag, cancellable, error))
            return FALSE;
        }

      if (etag == NULL)
        etag = dav_etag (session, job, target, cancellable);
      if (etag != NULL)
        json_object_set_string_member (etags, page, etag);
      json_object_set_string_member (_kiku_publish_record_object (job->record, "pages"), page, sent);
      json_object_remove_member (attempted, page);
      _kiku_publish_job_step (job, page);
    }
  json_object_remove_member (job->record, "pages_attempted");

  {
    g_autofree char *base = g_str_has_suffix (job->location, "/") ? g_strdup (job->location)
                                                                   : g_strconcat (job->location, "/", NULL);
    g_autofree char *url = g_strconcat (base, folder, "index.html", NULL);

    json_object_set_string_member (job->record, "url", url);
  }

  return TRUE;
}

/* Whether the server lets the user in: a PROPFIND of the base, nothing
 * written.
 */
static char *
kiku_publisher_webdav_check (KikuPublisher   *publisher,
                             KikuPublishJob  *job,
                             GCancellable    *cancellable,
                             GError         **error)
{
  SoupSession *session = _kiku_publish_job_get_session (job);
  g_autoptr(SoupMessage) message = NULL;

  if (!_kiku_publish_check_secure (job, error))
    return NULL;

  message = dav_message (job, "PROPFIND", "");
  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "0");
  if (!dav_send (session, message, NULL, NULL, job->location, FALSE, cancellable, error))
    return NULL;

  return g_strdup (_("The WebDAV server accepted the user and password"));
}

static gboolean
kiku_publisher_webdav_publish (KikuPublisher   *publisher,
                               KikuPublishJob  *job,
                               GCancellable    *cancellable,
                               GError         **error)
{
  return publish_to_webdav (job, cancellable, error);
}

/* As a folder, on a server: the folder is named by the slug, the theme
 * prints the author, and there is no draft or schedule.
 */
static KikuPublisherFeatures
kiku_publisher_webdav_get_features (KikuPublisher *publisher)
{
  return KIKU_PUBLISHER_NEEDS_SLUG | KIKU_PUBLISHER_NEEDS_AUTHOR;
}

static void
publisher_iface_init (KikuPublisherInterface *iface)
{
  iface->get_features = kiku_publisher_webdav_get_features;
  iface->publish = kiku_publisher_webdav_publish;
  iface->check = kiku_publisher_webdav_check;
}

static void
kiku_publisher_webdav_class_init (KikuPublisherWebdavClass *klass)
{
}

static void
kiku_publisher_webdav_init (KikuPublisherWebdav *self)
{
}
