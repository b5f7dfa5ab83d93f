/* kiku-cite.c: filling a source box from the page it cites, and checking links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-cite"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>

#include "kiku-cite.h"
#include "kiku-cite-private.h"
#include "kiku-core-private.h"
#include "kiku-image-file.h"
#include "kiku-publisher-private.h"

/* Fetching as a good citizen: the publishers' one kind of HTTP session
 * (Kiku's User-Agent, no cookie jar, so no cookie is kept), redirects
 * followed by hand so that each is checked and counted, and never more
 * read than is needed.
 */
#define TIMEOUT_SECONDS 10
#define MAX_REDIRECTS 5
#define MAX_IMAGE (10 * 1024 * 1024)
#define LINK_CHECKS_AT_ONCE 4
/* A link found good, gone or moved is not asked again for an hour. */
#define LINK_CACHE_USEC (G_TIME_SPAN_HOUR)

G_DEFINE_QUARK (kiku-cite-error-quark, kiku_cite_error)

/* KikuCitation ----------------------------------------------------------- */

struct _KikuCitation
{
  GObject         parent_instance;

  char           *requested_url;
  char           *url;
  char           *title;
  char           *publisher;
  char           *date;
  GFile          *image;
  char           *image_url;
  char           *image_credit;
  char           *image_problem;
  KikuMetaOrigin  origins[KIKU_META_N_FIELDS];
  gboolean        from_cache;
};

G_DEFINE_FINAL_TYPE (KikuCitation, kiku_citation, G_TYPE_OBJECT)

/* A citation is made whole in the worker and never changes after: its
 * properties are read-only, for views that bind to them. */
enum {
  CITATION_PROP_0,
  CITATION_PROP_URL,
  CITATION_PROP_TITLE,
  CITATION_PROP_PUBLISHER,
  CITATION_PROP_DATE,
  CITATION_PROP_IMAGE,
  CITATION_PROP_IMAGE_CREDIT,
  CITATION_PROP_FROM_CACHE,
  CITATION_N_PROPS
};

static GParamSpec *citation_properties [CITATION_N_PROPS];

static void
kiku_citation_dispose (GObject *object)
{
  KikuCitation *self = (KikuCitation *)object;

  g_clear_object (&self->image);

  G_OBJECT_CLASS (kiku_citation_parent_class)->dispose (object);
}

static void
kiku_citation_finalize (GObject *object)
{
  KikuCitation *self = (KikuCitation *)object;

  g_free (self->requested_url);
  g_free (self->url);
  g_free (self->title);
  g_free (self->publisher);
  g_free (self->date);
  g_free (self->image_url);
  g_free (self->image_credit);
  g_free (self->image_problem);

  G_OBJECT_CLASS (kiku_citation_parent_class)->finalize (object);
}

static void
kiku_citation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KikuCitation *self = KIKU_CITATION (object);

  switch (prop_id)
    {
    case CITATION_PROP_URL:
      g_value_set_string (value, kiku_citation_get_url (self));
      break;
    case CITATION_PROP_TITLE:
      g_value_set_string (value, kiku_citation_get_title (self));
      break;
    case CITATION_PROP_PUBLISHER:
      g_value_set_string (value, kiku_citation_get_publisher (self));
      break;
    case CITATION_PROP_DATE:
      g_value_set_string (value, kiku_citation_get_date (self));
      break;
    case CITATION_PROP_IMAGE:
      g_value_set_object (value, kiku_citation_get_image (self));
      break;
    case CITATION_PROP_IMAGE_CREDIT:
      g_value_set_string (value, kiku_citation_get_image_credit (self));
      break;
    case CITATION_PROP_FROM_CACHE:
      g_value_set_boolean (value, kiku_citation_get_from_cache (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_citation_class_init (KikuCitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kiku_citation_dispose;
  object_class->finalize = kiku_citation_finalize;
  object_class->get_property = kiku_citation_get_property;

  citation_properties [CITATION_PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  citation_properties [CITATION_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  citation_properties [CITATION_PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, flags);
  citation_properties [CITATION_PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  citation_properties [CITATION_PROP_IMAGE] = g_param_spec_object ("image", NULL, NULL, G_TYPE_FILE, flags);
  citation_properties [CITATION_PROP_IMAGE_CREDIT] = g_param_spec_string ("image-credit", NULL, NULL, NULL, flags);
  citation_properties [CITATION_PROP_FROM_CACHE] = g_param_spec_boolean ("from-cache", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, CITATION_N_PROPS, citation_properties);
}

static void
kiku_citation_init (KikuCitation *self)
{
}

const char *
kiku_citation_get_url (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->url;
}

/* The address the citation was asked for. */
const char *
kiku_citation_get_requested_url (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->requested_url;
}

const char *
kiku_citation_get_title (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->title;
}

const char *
kiku_citation_get_publisher (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->publisher;
}

const char *
kiku_citation_get_date (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->date;
}

GFile *
kiku_citation_get_image (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->image;
}

const char *
kiku_citation_get_image_url (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->image != NULL ? self->image_url : NULL;
}

const char *
kiku_citation_get_image_problem (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->image_problem;
}

const char *
kiku_citation_get_image_credit (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);
  return self->image != NULL ? self->image_credit : NULL;
}

static KikuMetaField
meta_field (KikuCiteFields field)
{
  switch ((int)field)
    {
    case KIKU_CITE_FIELD_TITLE: return KIKU_META_TITLE;
    case KIKU_CITE_FIELD_PUBLISHER: return KIKU_META_PUBLISHER;
    case KIKU_CITE_FIELD_DATE: return KIKU_META_DATE;
    case KIKU_CITE_FIELD_IMAGE: return KIKU_META_IMAGE;
    case KIKU_CITE_FIELD_CREDIT: return KIKU_META_CREDIT;
    case KIKU_CITE_FIELD_URL: return KIKU_META_CANONICAL;
    default: return KIKU_META_N_FIELDS;
    }
}

const char *
kiku_citation_get_origin (KikuCitation   *self,
                          KikuCiteFields  field)
{
  KikuMetaField f;

  g_return_val_if_fail (KIKU_IS_CITATION (self), NULL);

  if ((f = meta_field (field)) == KIKU_META_N_FIELDS)
    return NULL;
  if ((f == KIKU_META_IMAGE || f == KIKU_META_CREDIT) && self->image == NULL)
    return NULL;

  return _kiku_meta_origin_name (self->origins[f]);
}

gboolean
kiku_citation_get_from_cache (KikuCitation *self)
{
  g_return_val_if_fail (KIKU_IS_CITATION (self), FALSE);
  return self->from_cache;
}

/* KikuLinkResult --------------------------------------------------------- */

struct _KikuLinkResult
{
  char          *url;
  KikuLinkState  state;
  guint          status;
  char          *new_url;
  char          *message;
};

G_DEFINE_BOXED_TYPE (KikuLinkResult, kiku_link_result, kiku_link_result_copy, kiku_link_result_free)

static KikuLinkResult *
link_result_new (const char    *url,
                 KikuLinkState  state,
                 guint          status,
                 const char    *new_url,
                 char          *message)
{
  KikuLinkResult *result = g_new0 (KikuLinkResult, 1);

  result->url = g_strdup (url);
  result->state = state;
  result->status = status;
  result->new_url = g_strdup (new_url);
  result->message = message;

  return result;
}

KikuLinkResult *
kiku_link_result_copy (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return link_result_new (self->url, self->state, self->status, self->new_url, g_strdup (self->message));
}

void
kiku_link_result_free (KikuLinkResult *self)
{
  if (self == NULL)
    return;
  g_free (self->url);
  g_free (self->new_url);
  g_free (self->message);
  g_free (self);
}

const char *
kiku_link_result_get_url (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

KikuLinkState
kiku_link_result_get_state (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, KIKU_LINK_FAILED);
  return self->state;
}

guint
kiku_link_result_get_status (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->status;
}

const char *
kiku_link_result_get_new_url (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->new_url;
}

const char *
kiku_link_result_get_message (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->message;
}

gboolean
kiku_link_result_is_broken (const KikuLinkResult *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->state != KIKU_LINK_OK;
}

/* KikuCiter -------------------------------------------------------------- */

typedef struct
{
  KikuLinkResult *result;
  gint64          time;
} CachedLink;

struct _KikuCiter
{
  GObject     parent_instance;

  GFile      *cache_dir;

  GMutex      mutex;
  GHashTable *links;      /* URL → CachedLink */
};

G_DEFINE_FINAL_TYPE (KikuCiter, kiku_citer, G_TYPE_OBJECT)

static void
cached_link_free (gpointer data)
{
  CachedLink *cached = data;

  kiku_link_result_free (cached->result);
  g_free (cached);
}

static void
kiku_citer_dispose (GObject *object)
{
  KikuCiter *self = (KikuCiter *)object;

  g_clear_object (&self->cache_dir);

  G_OBJECT_CLASS (kiku_citer_parent_class)->dispose (object);
}

static void
kiku_citer_finalize (GObject *object)
{
  KikuCiter *self = (KikuCiter *)object;

  g_clear_pointer (&self->links, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kiku_citer_parent_class)->finalize (object);
}

static void
kiku_citer_class_init (KikuCiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_citer_dispose;
  object_class->finalize = kiku_citer_finalize;

  /* libxml2 sets itself up once, before any worker thread parses. */
  xmlInitParser ();
}

static void
kiku_citer_init (KikuCiter *self)
{
  g_mutex_init (&self->mutex);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_link_free);
}

/**
 * kiku_citer_new:
 * @cache_dir: where the metadata and images of fetched pages are kept
 */
KikuCiter *
kiku_citer_new (GFile *cache_dir)
{
  KikuCiter *self;

  g_return_val_if_fail (G_IS_FILE (cache_dir), NULL);

  self = g_object_new (KIKU_TYPE_CITER, NULL);
  self->cache_dir = g_object_ref (cache_dir);

  return self;
}

/**
 * kiku_citer_get_default:
 *
 * Returns: (transfer none): the citer keeping its cache in the user's
 *   cache folder, under kiku/cite
 */
KikuCiter *
kiku_citer_get_default (void)
{
  static KikuCiter *citer;

  if (g_once_init_enter (&citer))
    {
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "kiku", "cite", NULL);
      g_autoptr(GFile) dir = g_file_new_for_path (path);

      g_once_init_leave (&citer, kiku_citer_new (dir));
    }

  return citer;
}

/* Fetching --------------------------------------------------------------- */

static GUri *
parse_web_url (const char  *url,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_URL,
                   _("“%s” is not a web address: only http:// and https:// pages can be cited"),
                   url != NULL ? url : "");
      return NULL;
    }

  return g_steal_pointer (&uri);
}

static void
set_network_error (GError     **error,
                   GUri        *uri,
                   GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  /* In the writer's words, the address once: GIO's own messages name
   * the host again.
   */
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NETWORK,
                 _("%s did not answer within %d seconds"), g_uri_get_host (uri), TIMEOUT_SECONDS);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NETWORK,
                 _("%s refused the connection: the site may be down"), g_uri_get_host (uri));
  else if (cause->domain == G_RESOLVER_ERROR || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NETWORK,
                 _("No site is found at %s: check the address, or the network"), g_uri_get_host (uri));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NETWORK,
                 _("%s cannot be reached from this computer: is the network on?"), g_uri_get_host (uri));
  else
    g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NETWORK,
                 _("Could not reach %s (%s)"), g_uri_get_host (uri), cause->message);
  g_error_free (cause);
}

typedef struct
{
  GBytes     *body;
  char       *final_url;
  char       *content_type;
  char       *charset;
} Fetched;

static void
fetched_clear (Fetched *fetched)
{
  g_clear_pointer (&fetched->body, g_bytes_unref);
  g_clear_pointer (&fetched->final_url, g_free);
  g_clear_pointer (&fetched->content_type, g_free);
  g_clear_pointer (&fetched->charset, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetched, fetched_clear)

/* Sends @method to @uri and follows at most MAX_REDIRECTS redirects, each
 * to an http or https address. Returns the last message with its body's
 * stream open, or NULL.
 */
static SoupMessage *
send_following (SoupSession   *session,
                const char    *method,
                GUri          *start,
                const char    *accept,
                GUri         **final,
                GInputStream **stream,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GUri) uri = g_uri_ref (start);

  for (guint redirects = 0; ; redirects++)
    {
      g_autoptr(SoupMessage) message = soup_message_new_from_uri (method, uri);
      g_autoptr(GInputStream) body = NULL;
      GError *local_error = NULL;
      const char *location;
      g_autoptr(GUri) next = NULL;
      guint status;

      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      if (accept != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", accept);

      if (!(body = soup_session_send (session, message, cancellable, &local_error)))
        {
          set_network_error (error, uri, local_error);
          return NULL;
        }

      status = soup_message_get_status (message);
      location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
      if (!SOUP_STATUS_IS_REDIRECTION (status) || status == 304 || location == NULL)
        {
          *final = g_steal_pointer (&uri);
          *stream = g_steal_pointer (&body);
          return g_steal_pointer (&message);
        }

      g_input_stream_close (body, NULL, NULL);
      next = g_uri_parse_relative (uri, location, G_URI_FLAGS_ENCODED, NULL);
      if (next == NULL || g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0' ||
          (g_ascii_strcasecmp (g_uri_get_scheme (next), "http") != 0 &&
           g_ascii_strcasecmp (g_uri_get_scheme (next), "https") != 0))
        {
          g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_REDIRECTS,
                       _("%s sends the page on to an address that is not a web page"),
                       g_uri_get_host (uri));
          return NULL;
        }
      if (redirects == MAX_REDIRECTS)
        {
          g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_REDIRECTS,
                       _("%s sends the page on more than %d times"), g_uri_get_host (start), MAX_REDIRECTS);
          return NULL;
        }
      g_clear_pointer (&uri, g_uri_unref);
      uri = g_steal_pointer (&next);
    }
}

/* Reads at most @max bytes; *@over is set when there was more. */
static GBytes *
read_at_most (GInputStream  *stream,
              gsize          max,
              gint64         deadline,
              gboolean      *over,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[16384];

  *over = FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      /* A site sending a trickle has its 10 s too, not 10 s a read. */
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out");
          return NULL;
        }
      if (data->len + (gsize)n > max)
        {
          g_byte_array_append (data, buffer, max - data->len);
          *over = TRUE;
          break;
        }
      g_byte_array_append (data, buffer, n);
    }
  g_input_stream_close (stream, NULL, NULL);

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
fetch (SoupSession   *session,
       GUri          *uri,
       const char    *accept,
       gsize          max,
       gboolean       whole_or_nothing,
       Fetched       *fetched,
       gboolean      *over,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GUri) final = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GHashTable) params = NULL;
  GError *local_error = NULL;
  const char *type;
  guint status;
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  if (!(message = send_following (session, "GET", uri, accept, &final, &stream, cancellable, error)))
    return FALSE;

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_input_stream_close (stream, NULL, NULL);
      if (status == 404 || status == 410)
        g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_HTTP,
                     status == 410 ? _("The page was removed from %s (%u)") : _("The page is not on %s (%u)"),
                     g_uri_get_host (final), status);
      else
        g_set_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_HTTP,
                     _("%s answered %u (%s)"), g_uri_get_host (final), status,
                     soup_message_get_reason_phrase (message));
      return FALSE;
    }

  /* What is taken whole or not at all (an image) is not read at all when
   * the site says it is too large. */
  if (whole_or_nothing &&
      soup_message_headers_get_content_length (soup_message_get_response_headers (message)) > (goffset)max)
    {
      g_input_stream_close (stream, NULL, NULL);
      fetched->final_url = g_uri_to_string (final);
      fetched->body = g_bytes_new (NULL, 0);
      *over = TRUE;
      return TRUE;
    }

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), &params);
  fetched->content_type = g_strdup (type);
  if (params != NULL)
    fetched->charset = g_strdup (g_hash_table_lookup (params, "charset"));
  fetched->final_url = g_uri_to_string (final);

  if (!(fetched->body = read_at_most (stream, max, deadline, over, cancellable, &local_error)))
    {
      set_network_error (error, final, local_error);
      return FALSE;
    }

  return TRUE;
}

/* The cache -------------------------------------------------------------- */

static GFile *
cache_file_for (KikuCiter  *self,
                const char *url)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *name = g_strconcat (hash, ".json", NULL);

  g_autoptr(GFile) pages = g_file_get_child (self->cache_dir, "pages");

  return g_file_get_child (pages, name);
}

static const char * const field_keys[KIKU_META_N_FIELDS] = {
  "title", "publisher", "published", "image", "image_credit", "canonical",
};

static void
cache_store (KikuCiter    *self,
             KikuCitation *citation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = cache_file_for (self, citation->requested_url);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fetched = g_date_time_format_iso8601 (now);
  const char *values[KIKU_META_N_FIELDS] = {
    citation->title, citation->publisher, citation->date, citation->image_url,
    citation->image_credit, citation->url,
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requested_url");
  json_builder_add_string_value (builder, citation->requested_url);
  json_builder_set_member_name (builder, "fetched");
  json_builder_add_string_value (builder, fetched);
  for (guint i = 0; i < KIKU_META_N_FIELDS; i++)
    if (values[i] != NULL)
      {
        g_autofree char *origin_key = g_strconcat (field_keys[i], "_origin", NULL);

        json_builder_set_member_name (builder, field_keys[i]);
        json_builder_add_string_value (builder, values[i]);
        json_builder_set_member_name (builder, origin_key);
        json_builder_add_int_value (builder, citation->origins[i]);
      }
  if (citation->image != NULL)
    {
      g_autofree char *name = g_file_get_basename (citation->image);

      json_builder_set_member_name (builder, "image_file");
      json_builder_add_string_value (builder, name);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  path = g_file_get_path (dir);
  if (g_mkdir_with_parents (path, 0700) != 0)
    return;
  /* A cache that cannot be written only means no offline fill. */
  g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, NULL, NULL);
}

static KikuCitation *
cache_load (KikuCiter  *self,
            const char *url)
{
  g_autoptr(GFile) file = cache_file_for (self, url);
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  KikuCitation *citation;
  char **targets[KIKU_META_N_FIELDS];
  const char *image_file;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, NULL))
    return NULL;
  if (!(root = _kiku_json_parse_with_depth (text, length, 4, NULL)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (g_strcmp0 (_kiku_publish_string_member (object, "requested_url"), url) != 0)
    return NULL;

  citation = g_object_new (KIKU_TYPE_CITATION, NULL);
  citation->requested_url = g_strdup (url);
  citation->from_cache = TRUE;
  targets[KIKU_META_TITLE] = &citation->title;
  targets[KIKU_META_PUBLISHER] = &citation->publisher;
  targets[KIKU_META_DATE] = &citation->date;
  targets[KIKU_META_IMAGE] = &citation->image_url;
  targets[KIKU_META_CREDIT] = &citation->image_credit;
  targets[KIKU_META_CANONICAL] = &citation->url;
  for (guint i = 0; i < KIKU_META_N_FIELDS; i++)
    {
      g_autofree char *origin_key = g_strconcat (field_keys[i], "_origin", NULL);
      JsonNode *origin = json_object_get_member (object, origin_key);

      *targets[i] = g_strdup (_kiku_publish_string_member (object, field_keys[i]));
      if (*targets[i] != NULL && origin != NULL && JSON_NODE_HOLDS_VALUE (origin) &&
          json_node_get_value_type (origin) == G_TYPE_INT64)
        citation->origins[i] = CLAMP (json_node_get_int (origin), KIKU_META_NONE, KIKU_META_HTML);
    }
  if (citation->url == NULL)
    citation->url = g_strdup (url);

  image_file = _kiku_publish_string_member (object, "image_file");
  if (image_file != NULL && strchr (image_file, '/') == NULL && image_file[0] != '.')
    {
      g_autoptr(GFile) images = g_file_get_child (self->cache_dir, "images");
      g_autoptr(GFile) image = g_file_get_child (images, image_file);

      if (g_file_query_exists (image, NULL))
        citation->image = g_steal_pointer (&image);
    }

  return citation;
}

static const char *
extension_for (const char *type)
{
  if (g_str_equal (type, "image/png")) return "png";
  if (g_str_equal (type, "image/jpeg")) return "jpg";
  if (g_str_equal (type, "image/gif")) return "gif";
  if (g_str_equal (type, "image/webp")) return "webp";
  if (g_str_equal (type, "image/avif")) return "avif";
  return "img";
}

/* The page's image into the cache, named by its content; a reason in
 * words when it is refused.
 */
static void
fetch_image (KikuCiter     *self,
             SoupSession   *session,
             KikuCitation  *citation,
             GCancellable  *cancellable)
{
  g_auto(Fetched) fetched = { 0 };
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) images = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const char *type;
  gboolean over = FALSE;

  if (!(uri = g_uri_parse (citation->image_url, G_URI_FLAGS_ENCODED, NULL)))
    return;

  if (!fetch (session, uri, "image/*", MAX_IMAGE, TRUE, &fetched, &over, cancellable, &error))
    {
      citation->image_problem = g_strdup_printf (_("The image could not be fetched: %s"), error->message);
      return;
    }
  if (over)
    {
      citation->image_problem = g_strdup_printf (_("The image is larger than %d MiB, so it was not taken"),
                                                 MAX_IMAGE / (1024 * 1024));
      return;
    }
  if (!(type = kiku_image_sniff (g_bytes_get_data (fetched.body, NULL), g_bytes_get_size (fetched.body), NULL)) ||
      g_str_equal (type, "image/svg+xml"))
    {
      citation->image_problem = g_strdup (_("The page’s image is not an image, so it was not taken"));
      return;
    }

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, fetched.body);
  name = g_strconcat (hash, ".", extension_for (type), NULL);
  images = g_file_get_child (self->cache_dir, "images");
  file = g_file_get_child (images, name);
  path = g_file_get_path (images);
  if (g_mkdir_with_parents (path, 0700) != 0 ||
      (!g_file_query_exists (file, NULL) &&
       !g_file_replace_contents (file, g_bytes_get_data (fetched.body, NULL), g_bytes_get_size (fetched.body),
                                 NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                 NULL, cancellable, &error)))
    {
      citation->image_problem = g_strdup_printf (_("The image could not be kept: %s"),
                                                 error != NULL ? error->message : g_strerror (errno));
      return;
    }

  citation->image = g_steal_pointer (&file);
}

/* Whether two addresses are of one site: the same registered domain
 * (news.example.co.jp and www.example.co.jp), or the same host where
 * there is none (an IP address, localhost). */
static gboolean
same_base_domain (const char *a,
                  const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_ENCODED, NULL);
  const char *ha, *hb, *da, *db;

  if (ua == NULL || ub == NULL || (ha = g_uri_get_host (ua)) == NULL || (hb = g_uri_get_host (ub)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (ha, hb) == 0)
    return TRUE;

  da = soup_tld_get_base_domain (ha, NULL);
  db = soup_tld_get_base_domain (hb, NULL);

  return da != NULL && db != NULL && g_ascii_strcasecmp (da, db) == 0;
}

static gboolean
is_html_type (const char *type)
{
  return type == NULL ||
         g_ascii_strcasecmp (type, "text/html") == 0 ||
         g_ascii_strcasecmp (type, "application/xhtml+xml") == 0;
}

static void
cite_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KikuCiter *self = source_object;
  const char *url = task_data;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_auto(Fetched) fetched = { 0 };
  g_autoptr(KikuPageMeta) meta = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  GError *error = NULL;
  gboolean over;

  if (!(uri = parse_web_url (url, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  session = _kiku_publish_session_new (TIMEOUT_SECONDS);
  if (!fetch (session, uri, "text/html,application/xhtml+xml", KIKU_CITE_MAX_PAGE, FALSE,
              &fetched, &over, cancellable, &error))
    {
      if (g_error_matches (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NETWORK))
        {
          KikuCitation *cached = cache_load (self, url);

          if (cached != NULL)
            {
              g_error_free (error);
              g_task_return_pointer (task, cached, g_object_unref);
              return;
            }
          g_task_return_new_error (task, KIKU_CITE_ERROR, KIKU_CITE_ERROR_OFFLINE,
                                   _("%s. This page was never fetched before, so there is nothing saved to fill from."),
                                   error->message);
          g_error_free (error);
          return;
        }
      g_task_return_error (task, error);
      return;
    }

  if (!is_html_type (fetched.content_type))
    {
      g_task_return_new_error (task, KIKU_CITE_ERROR, KIKU_CITE_ERROR_NOT_A_PAGE,
                               _("%s is not a web page but %s"), url, fetched.content_type);
      return;
    }

  meta = _kiku_page_meta_parse (g_bytes_get_data (fetched.body, NULL), g_bytes_get_size (fetched.body),
                                fetched.charset, fetched.final_url);

  citation = g_object_new (KIKU_TYPE_CITATION, NULL);
  citation->requested_url = g_strdup (url);
  /* A page may name only an address of its own site as its canonical
   * one: never may a page send the source box elsewhere. */
  if (meta->values[KIKU_META_CANONICAL] != NULL &&
      !same_base_domain (meta->values[KIKU_META_CANONICAL], fetched.final_url))
    g_clear_pointer (&meta->values[KIKU_META_CANONICAL], g_free);
  citation->url = g_strdup (meta->values[KIKU_META_CANONICAL] != NULL ?
                            meta->values[KIKU_META_CANONICAL] : fetched.final_url);
  citation->title = g_strdup (meta->values[KIKU_META_TITLE]);
  citation->publisher = g_strdup (meta->values[KIKU_META_PUBLISHER]);
  citation->date = g_strdup (meta->values[KIKU_META_DATE]);
  citation->image_url = g_strdup (meta->values[KIKU_META_IMAGE]);
  citation->image_credit = g_strdup (meta->values[KIKU_META_CREDIT]);
  memcpy (citation->origins, meta->origins, sizeof citation->origins);
  if (meta->values[KIKU_META_CANONICAL] == NULL)
    citation->origins[KIKU_META_CANONICAL] = KIKU_META_NONE;
  /* An image with no credit of its own is the publisher's. */
  if (citation->image_credit == NULL && citation->publisher != NULL)
    {
      citation->image_credit = g_strdup (citation->publisher);
      citation->origins[KIKU_META_CREDIT] = citation->origins[KIKU_META_PUBLISHER];
    }

  if (citation->image_url != NULL)
    fetch_image (self, session, citation, cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;

  cache_store (self, citation);
  g_task_return_pointer (task, g_steal_pointer (&citation), g_object_unref);
}

/**
 * kiku_citer_cite_async:
 * @url: the page's address
 *
 * Fetches the page in a worker thread and reads what it says about
 * itself. With no network, a page fetched before is read from the cache.
 */
void
kiku_citer_cite_async (KikuCiter           *self,
                       const char          *url,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KIKU_IS_CITER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_citer_cite_async);
  g_task_set_task_data (task, g_strstrip (g_strdup (url)), g_free);
  g_task_run_in_thread (task, cite_thread);
}

KikuCitation *
kiku_citer_cite_finish (KikuCiter     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (KIKU_IS_CITER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Filling ---------------------------------------------------------------- */

static gboolean
is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (*text == ' ' || *text == '\t' || *text == '\n')
    text++;

  return *text == '\0';
}

/**
 * kiku_article_fill_source:
 *
 * Fills the empty fields of @source from @citation, the image copied into
 * the article's images folder, as one step of the article's history. The
 * URL is replaced by the canonical one only when it is still the one that
 * was cited. When the image cannot be copied (an article never saved has
 * no folder), @error says why and the other fields are filled all the same.
 *
 * Returns: the fields that were filled
 */
KikuCiteFields
kiku_article_fill_source (KikuArticle   *article,
                          KikuSource    *source,
                          KikuCitation  *citation,
                          GError       **error)
{
  g_autoptr(KikuHistory) history = NULL;
  g_autofree char *image = NULL;
  GError *image_error = NULL;
  KikuCiteFields filled = 0;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), 0);
  g_return_val_if_fail (KIKU_IS_SOURCE (source), 0);
  g_return_val_if_fail (KIKU_IS_CITATION (citation), 0);

  if (is_empty (kiku_source_get_image (source)) && citation->image != NULL)
    image = kiku_article_import_image (article, citation->image, NULL, NULL, &image_error);

  if ((history = _kiku_article_dup_history (article)) != NULL)
    {
      kiku_history_break (history);
      kiku_history_begin_group (history);
    }

  if (is_empty (kiku_source_get_title (source)) && citation->title != NULL)
    {
      kiku_source_set_title (source, citation->title);
      filled |= KIKU_CITE_FIELD_TITLE;
    }
  if (is_empty (kiku_source_get_publisher (source)) && citation->publisher != NULL)
    {
      kiku_source_set_publisher (source, citation->publisher);
      filled |= KIKU_CITE_FIELD_PUBLISHER;
    }
  if (is_empty (kiku_source_get_published (source)) && citation->date != NULL)
    {
      kiku_source_set_published (source, citation->date);
      filled |= KIKU_CITE_FIELD_DATE;
    }
  if (image != NULL)
    {
      kiku_source_set_image (source, image);
      filled |= KIKU_CITE_FIELD_IMAGE;
    }
  /* A credit goes with an image: it is not put beside none. */
  if (is_empty (kiku_source_get_image_credit (source)) && citation->image_credit != NULL &&
      citation->image != NULL && !is_empty (kiku_source_get_image (source)))
    {
      kiku_source_set_image_credit (source, citation->image_credit);
      filled |= KIKU_CITE_FIELD_CREDIT;
    }
  if (citation->url != NULL &&
      (is_empty (kiku_source_get_url (source)) ||
       (g_strcmp0 (kiku_source_get_url (source), citation->requested_url) == 0 &&
        g_strcmp0 (citation->url, citation->requested_url) != 0)))
    {
      kiku_source_set_url (source, citation->url);
      filled |= KIKU_CITE_FIELD_URL;
    }

  if (history != NULL)
    {
      kiku_history_end_group (history);
      kiku_history_break (history);
    }

  if (image_error != NULL)
    g_propagate_error (error, image_error);

  return filled;
}

/* Checking links --------------------------------------------------------- */

/* Another site is another registered domain: example.com sending its
 * page on to www.example.com or to its https:// address has not moved it. */
static gboolean
same_site (GUri *a,
           GUri *b)
{
  g_autofree char *sa = g_uri_to_string (a);
  g_autofree char *sb = g_uri_to_string (b);

  return same_base_domain (sa, sb);
}

static gboolean
is_dead_host (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

static KikuLinkResult *
check_one (const char   *url,
           GCancellable *cancellable)
{
  g_autoptr(GUri) start = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gboolean away = FALSE;
  const char *method = "HEAD";

  if (!(start = parse_web_url (url, &error)))
    return link_result_new (url, KIKU_LINK_FAILED, 0, NULL, g_strdup (error->message));

  session = _kiku_publish_session_new (TIMEOUT_SECONDS);
  uri = g_uri_ref (start);

  for (guint redirects = 0; ; )
    {
      g_autoptr(SoupMessage) message = soup_message_new_from_uri (method, uri);
      g_autoptr(GInputStream) body = NULL;
      const char *location;
      g_autoptr(GUri) next = NULL;
      guint status;

      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      if (!(body = soup_session_send (session, message, cancellable, &error)))
        {
          if (is_dead_host (error))
            return link_result_new (url, KIKU_LINK_DEAD_HOST, 0, NULL,
                                    g_strdup_printf (_("The site %s cannot be reached: %s"),
                                                     g_uri_get_host (uri), error->message));
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
            return link_result_new (url, KIKU_LINK_FAILED, 0, NULL,
                                    g_strdup_printf (_("%s did not answer within %d seconds"),
                                                     g_uri_get_host (uri), TIMEOUT_SECONDS));
          return link_result_new (url, KIKU_LINK_FAILED, 0, NULL,
                                  g_strdup_printf (_("The check failed: %s"), error->message));
        }
      /* Only the answer's status matters, never its body. */
      g_input_stream_close (body, NULL, NULL);

      status = soup_message_get_status (message);
      location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");

      if ((status == 405 || status == 501) && g_str_equal (method, "HEAD"))
        {
          method = "GET";
          continue;
        }

      if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304 && location != NULL)
        {
          next = g_uri_parse_relative (uri, location, G_URI_FLAGS_ENCODED, NULL);
          if (next == NULL || g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0' ||
              (g_ascii_strcasecmp (g_uri_get_scheme (next), "http") != 0 &&
               g_ascii_strcasecmp (g_uri_get_scheme (next), "https") != 0))
            return link_result_new (url, KIKU_LINK_FAILED, status, NULL,
                                    g_strdup (_("The page is sent on to an address that is not a web page")));
          if (++redirects > MAX_REDIRECTS)
            return link_result_new (url, KIKU_LINK_FAILED, status, NULL,
                                    g_strdup_printf (_("The page is sent on more than %d times"), MAX_REDIRECTS));
          if (!same_site (start, next))
            away = TRUE;
          g_clear_pointer (&uri, g_uri_unref);
          uri = g_steal_pointer (&next);
          continue;
        }

      if (status == 404 || status == 410)
        return link_result_new (url, KIKU_LINK_GONE, status, NULL,
                                g_strdup_printf (status == 410 ? _("The page was removed (%u)")
                                                               : _("The page is not there (%u)"), status));
      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        return link_result_new (url, KIKU_LINK_FAILED, status, NULL,
                                g_strdup_printf (_("The site answered %u (%s)"), status,
                                                 soup_message_get_reason_phrase (message)));
      if (away)
        {
          g_autofree char *new_url = g_uri_to_string (uri);

          return link_result_new (url, KIKU_LINK_REDIRECTED_AWAY, status, new_url,
                                  g_strdup_printf (_("The page has moved to another site: %s"), new_url));
        }

      return link_result_new (url, KIKU_LINK_OK, status, NULL, g_strdup (_("The page is there")));
    }
}

typedef struct
{
  KikuCiter    *citer;
  GStrv         urls;
  GPtrArray    *results;
  GCancellable *cancellable;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check = data;

  g_strfreev (check->urls);
  g_clear_pointer (&check->results, g_ptr_array_unref);
  g_free (check);
}

/**
 * kiku_citer_forget_links:
 *
 * Forgets what the link checks found, so that the next check asks every
 * site again: the writer asked for it, having perhaps just fixed a page.
 */
void
kiku_citer_forget_links (KikuCiter *self)
{
  g_return_if_fail (KIKU_IS_CITER (self));

  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->links);
  g_mutex_unlock (&self->mutex);
}

static void
check_worker (gpointer data,
              gpointer user_data)
{
  guint index = GPOINTER_TO_UINT (data) - 1;
  CheckData *check = user_data;
  KikuCiter *self = check->citer;
  const char *url = check->urls[index];
  KikuLinkResult *result = NULL;
  CachedLink *cached;

  g_mutex_lock (&self->mutex);
  cached = g_hash_table_lookup (self->links, url);
  if (cached != NULL && g_get_monotonic_time () - cached->time < LINK_CACHE_USEC)
    result = kiku_link_result_copy (cached->result);
  g_mutex_unlock (&self->mutex);

  if (result == NULL)
    {
      result = check_one (url, check->cancellable);
      /* A host that cannot be reached, or a failure, may be this
       * machine's network: such results are asked again next time. */
      if (result->state != KIKU_LINK_DEAD_HOST && result->state != KIKU_LINK_FAILED)
        {
          cached = g_new0 (CachedLink, 1);
          cached->result = kiku_link_result_copy (result);
          cached->time = g_get_monotonic_time ();
          g_mutex_lock (&self->mutex);
          g_hash_table_replace (self->links, g_strdup (url), cached);
          g_mutex_unlock (&self->mutex);
        }
    }

  /* Each worker writes its own slot. */
  g_ptr_array_index (check->results, index) = result;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *check = task_data;
  guint n = g_strv_length (check->urls);
  GThreadPool *pool;

  check->citer = source_object;
  check->cancellable = cancellable;
  check->results = g_ptr_array_new_full (n, (GDestroyNotify)kiku_link_result_free);
  g_ptr_array_set_size (check->results, n);

  pool = g_thread_pool_new (check_worker, check, MIN (MAX (n, 1), LINK_CHECKS_AT_ONCE), FALSE, NULL);
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&check->results), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * kiku_citer_check_links_async:
 * @urls: the addresses to check
 *
 * Asks each address's site whether the page is still there (HEAD, or GET
 * where HEAD is refused), four at a time, in worker threads. A result is
 * kept for an hour, unless the site could not be reached.
 */
void
kiku_citer_check_links_async (KikuCiter           *self,
                              const char * const  *urls,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *check;

  g_return_if_fail (KIKU_IS_CITER (self));
  g_return_if_fail (urls != NULL);

  check = g_new0 (CheckData, 1);
  check->urls = g_strdupv ((char **)urls);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_citer_check_links_async);
  g_task_set_task_data (task, check, check_data_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * kiku_citer_check_links_finish:
 *
 * Returns: (transfer container) (element-type KikuLinkResult): one result
 *   for each address, in their order
 */
GPtrArray *
kiku_citer_check_links_finish (KikuCiter     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (KIKU_IS_CITER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
