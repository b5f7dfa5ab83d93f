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
#include "kiku-site-posts.h"

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

  g_autofree char *old_slug = _kiku_publish_job_old_slug (job);

  if (!_kiku_publish_check_secure (job, error))
    return FALSE;

  /* Under a new slug nothing is there yet: what the record says of the
   * old folder's pages and images does not hold for the new one.
   */
  if (old_slug != NULL)
    {
      json_object_remove_member (job->previous, "etags");
      json_object_remove_member (job->previous, "pages");
      json_object_remove_member (job->previous, "pages_attempted");
      json_object_remove_member (job->previous, "images");
      json_object_remove_member (job->record, "etags");
      json_object_remove_member (job->record, "pages");
      json_object_remove_member (job->record, "pages_attempted");
      etags = _kiku_publish_record_object (job->record, "etags");
    }

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

  /* The slug changed: the old folder goes, now that the new one is whole,
   * and the record says so for the toast. One already gone is fine.
   */
  {
    if (old_slug != NULL)
      {
        g_autofree char *old_folder = g_strconcat (old_slug, "/", NULL);
        g_autoptr(SoupMessage) delete = dav_message (job, "DELETE", old_folder);
        GError *local_error = NULL;

        if (dav_send (session, delete, NULL, NULL, old_folder, FALSE, cancellable, &local_error))
          {
            json_object_set_string_member (job->record, "replaced_slug", old_slug);
          }
        else if (!g_error_matches (local_error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE))
          {
            g_propagate_error (error, local_error);
            return FALSE;
          }
        else
          {
            g_error_free (local_error);
          }
      }
  }

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

/* Listing and pulling ---------------------------------------------------------- */

typedef struct
{
  GPtrArray *hrefs;       /* of the collections */
  GPtrArray *modified;    /* their getlastmodified, or "" */
  GString   *text;
  char      *href;
  char      *lastmodified;
  gboolean   collection;
} Multistatus;

static const char *
local_name (const char *element)
{
  const char *colon = strrchr (element, ':');

  return colon ? colon + 1 : element;
}

static void
ms_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Multistatus *ms = user_data;
  const char *name = local_name (element);

  g_string_truncate (ms->text, 0);
  if (g_str_equal (name, "response"))
    {
      g_clear_pointer (&ms->href, g_free);
      g_clear_pointer (&ms->lastmodified, g_free);
      ms->collection = FALSE;
    }
  else if (g_str_equal (name, "collection"))
    {
      ms->collection = TRUE;
    }
}

static void
ms_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Multistatus *ms = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "href"))
    {
      g_free (ms->href);
      ms->href = g_strstrip (g_strdup (ms->text->str));
    }
  else if (g_str_equal (name, "getlastmodified"))
    {
      g_free (ms->lastmodified);
      ms->lastmodified = g_strstrip (g_strdup (ms->text->str));
    }
  else if (g_str_equal (name, "response") && ms->collection && ms->href != NULL)
    {
      g_ptr_array_add (ms->hrefs, g_steal_pointer (&ms->href));
      g_ptr_array_add (ms->modified, ms->lastmodified ? g_steal_pointer (&ms->lastmodified) : g_strdup (""));
    }
}

static void
ms_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Multistatus *ms = user_data;

  g_string_append_len (ms->text, text, length);
}

/* An HTTP date (RFC 1123), as WebDAV gives getlastmodified. */
static GDateTime *
http_date (const char *text)
{
  g_autoptr(GDateTime) parsed = text && *text ? soup_date_time_new_from_http_string (text) : NULL;

  return parsed ? g_date_time_ref (parsed) : NULL;
}

/* A GET of one page of an article: its HTML and ETag, or NULL with
 * @status set to what the site answered.
 */
static char *
dav_get_page (SoupSession     *session,
              KikuPublishJob  *job,
              const char      *path,
              char           **etag,
              guint           *status,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(SoupMessage) get = dav_message (job, "GET", path);
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;

  *status = 0;
  if (get == NULL)
    return _kiku_publish_outside_error (path, error), NULL;

  if (!(reply = soup_session_send_and_read (session, get, cancellable, &transport)))
    return _kiku_publish_transport_error (transport, path, error), NULL;

  *status = soup_message_get_status (get);
  if (!_kiku_publish_status_error (*status, path, error))
    return NULL;
  if (_kiku_publish_reply_cut_short (get, reply))
    return _kiku_publish_cut_error (path, error), NULL;
  if (!g_utf8_validate (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a page of text"), path);
      return NULL;
    }

  if (etag != NULL)
    *etag = _kiku_dav_etag (soup_message_headers_get_one (soup_message_get_response_headers (get), "ETag"));

  return g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
}

/* The folders under the site's base (a PROPFIND of depth 1), each with
 * its index.html: its title and whether Kiku made it.
 */
static GPtrArray *
kiku_publisher_webdav_list_posts (KikuPublisher   *publisher,
                                  KikuPublishJob  *job,
                                  const char      *search,
                                  guint            page,
                                  gboolean        *more,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  static const GMarkupParser parser = { ms_start, ms_end, ms_text, NULL, NULL };
  static const char body[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                             "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getlastmodified/>"
                             "</D:prop></D:propfind>";
  SoupSession *session = _kiku_publish_job_get_session (job);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) request = g_bytes_new_static (body, sizeof body - 1);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GUri) base = NULL;
  Multistatus ms = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free),
                     g_string_new (NULL), NULL, NULL, FALSE };
  GPtrArray *posts = NULL;
  GError *transport = NULL;

  if (!_kiku_publish_check_secure (job, error))
    goto out;

  message = dav_message (job, "PROPFIND", "");
  if (message == NULL)
    {
      _kiku_publish_outside_error (job->location, error);
      goto out;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "1");
  soup_message_set_request_body_from_bytes (message, "application/xml; charset=utf-8", request);
  if (!(reply = soup_session_send_and_read (session, message, cancellable, &transport)))
    {
      _kiku_publish_transport_error (transport, job->location, error);
      goto out;
    }
  if (!_kiku_publish_status_error (soup_message_get_status (message), job->location, error))
    goto out;

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &ms, NULL);
  if (!g_markup_parse_context_parse (context, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The WebDAV server did not answer with a list of folders"));
      goto out;
    }

  base = g_uri_parse (job->location, G_URI_FLAGS_NONE, NULL);
  for (guint i = 0; i < ms.hrefs->len; i++)
    {
      g_autoptr(GUri) resolved = base ? g_uri_parse_relative (base, g_ptr_array_index (ms.hrefs, i),
                                                               G_URI_FLAGS_NONE, NULL) : NULL;
      const char *path = resolved ? g_uri_get_path (resolved) : NULL;
      const char *base_path = base ? g_uri_get_path (base) : "";
      g_autofree char *trimmed = NULL;
      g_autofree char *name = NULL;
      g_autofree char *link = NULL;
      g_autoptr(GDateTime) modified = NULL;

      if (path == NULL || !g_str_has_prefix (path, base_path))
        continue;
      trimmed = g_strdup (path + strlen (base_path));
      if (g_str_has_prefix (trimmed, "/"))
        memmove (trimmed, trimmed + 1, strlen (trimmed));
      if (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
      if (trimmed[0] == '\0' || strchr (trimmed, '/') != NULL)
        continue;
      name = g_uri_unescape_string (trimmed, NULL);
      if (name == NULL || name[0] == '.')
        continue;

      link = g_uri_to_string (resolved);
      modified = http_date (g_ptr_array_index (ms.modified, i));
      {
        g_autofree char *page_link = g_strconcat (link, g_str_has_suffix (link, "/") ? "" : "/", "index.html", NULL);
        g_ptr_array_add (all, kiku_site_post_new (name, name, "publish", modified, modified, FALSE, page_link));
      }
    }

  /* Without words to find, only the page of folders shown is read (the
   * folders sort by when they changed); a search reads them all, for
   * their titles.
   */
  {
    g_autoptr(GPtrArray) chosen = search && *search ? g_ptr_array_ref (all)
                                                     : _kiku_site_posts_select (all, NULL, page, more);
    g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < chosen->len; i++)
      {
        KikuSitePost *folder = g_ptr_array_index (chosen, i);
        g_autofree char *index = g_strconcat (kiku_site_post_get_id (folder), "/index.html", NULL);
        g_autofree char *html = NULL;
        g_autofree char *title = NULL;
        guint status;

        /* A folder with no index.html is no article. */
        if (!(html = dav_get_page (session, job, index, NULL, &status, cancellable, NULL)))
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              goto out;
            continue;
          }
        title = _kiku_html_title (html);
        g_ptr_array_add (read, kiku_site_post_new (kiku_site_post_get_id (folder),
                                                   title ? title : kiku_site_post_get_id (folder), "publish",
                                                   kiku_site_post_get_date (folder),
                                                   kiku_site_post_get_modified (folder),
                                                   _kiku_html_is_kiku_made (html),
                                                   kiku_site_post_get_link (folder)));
      }

    if (search && *search)
      posts = _kiku_site_posts_select (read, search, page, more);
    else
      posts = g_steal_pointer (&read);
  }

out:
  g_ptr_array_unref (ms.hrefs);
  g_ptr_array_unref (ms.modified);
  g_string_free (ms.text, TRUE);
  g_free (ms.href);
  g_free (ms.lastmodified);

  return posts;
}

/* The pages of the article in the folder @id, until one is missing, with
 * their ETags: the record a publish would have left, so that the next
 * publish replaces just these.
 */
static KikuPulledPost *
kiku_publisher_webdav_pull (KikuPublisher   *publisher,
                            KikuPublishJob  *job,
                            const char      *id,
                            GCancellable    *cancellable,
                            GError         **error)
{
  SoupSession *session = _kiku_publish_job_get_session (job);
  g_autoptr(KikuPulledPost) pulled = _kiku_pulled_post_new ();
  JsonObject *etags = _kiku_publish_record_object (pulled->record, "etags");
  JsonObject *hashes = _kiku_publish_record_object (pulled->record, "pages");
  g_autofree char *base = NULL;

  if (!_kiku_publish_check_secure (job, error))
    return NULL;
  if (!kiku_slug_check (id, NULL))
    return _kiku_publish_outside_error (id, error), NULL;

  for (guint i = 0;; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup ("index.html") : g_strdup_printf ("page-%u.html", i + 1);
      g_autofree char *path = g_strconcat (id, "/", name, NULL);
      g_autofree char *etag = NULL;
      g_autofree char *hash = NULL;
      g_autoptr(GError) local_error = NULL;
      char *html;
      guint status;

      if (!(html = dav_get_page (session, job, path, &etag, &status, cancellable, &local_error)))
        {
          if (i > 0 && (status == 404 || status == 410))
            break;
          if (status == 404 || status == 410)
            g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                         _("The site has no article “%s”"), id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, html, -1);
      json_object_set_string_member (hashes, name, hash);
      if (etag != NULL)
        json_object_set_string_member (etags, name, etag);
      g_ptr_array_add (pulled->parts, html);
    }

  base = g_str_has_suffix (job->location, "/") ? g_strdup (job->location) : g_strconcat (job->location, "/", NULL);
  {
    g_autofree char *escaped = g_uri_escape_string (id, NULL, TRUE);
    pulled->base = g_strconcat (base, escaped, "/", NULL);
  }
  pulled->slug = g_strdup (id);
  {
    g_autofree char *url = g_strconcat (pulled->base, "index.html", NULL);
    json_object_set_string_member (pulled->record, "url", url);
  }

  return g_steal_pointer (&pulled);
}

static void
publisher_iface_init (KikuPublisherInterface *iface)
{
  iface->get_features = kiku_publisher_webdav_get_features;
  iface->publish = kiku_publisher_webdav_publish;
  iface->check = kiku_publisher_webdav_check;
  iface->list_posts = kiku_publisher_webdav_list_posts;
  iface->pull = kiku_publisher_webdav_pull;
}

static void
kiku_publisher_webdav_class_init (KikuPublisherWebdavClass *klass)
{
}

static void
kiku_publisher_webdav_init (KikuPublisherWebdav *self)
{
}
