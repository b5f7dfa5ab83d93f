/* kiku-site-posts.c: a site's published articles, listed and opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kiku-file-util.h"
#include "kiku-format.h"
#include "kiku-image-file.h"
#include "kiku-image.h"
#include "kiku-node.h"
#include "kiku-post-reader.h"
#include "kiku-publish.h"
#include "kiku-publisher-private.h"
#include "kiku-site-posts.h"
#include "kiku-source.h"

/* A site's articles come through the same publishers that send them (a
 * listing and a pull are jobs on the site, with the one HTTP session a job
 * makes). Opening one reads its pages back with kiku_post_reader_read(),
 * downloads its images beside the article file (named by their content,
 * as any image Kiku takes in), and gives the article the record a publish
 * of it would have left: Publish then updates that same post or folder,
 * with the usual check that nobody changed it on the site meanwhile.
 */

struct _KikuSitePost
{
  GObject    parent_instance;
  char      *id;
  char      *title;
  char      *status;
  GDateTime *date;
  GDateTime *modified;
  gboolean   kiku_made;
  char      *link;
};

G_DEFINE_FINAL_TYPE (KikuSitePost, kiku_site_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATUS,
  PROP_DATE,
  PROP_MODIFIED,
  PROP_KIKU_MADE,
  PROP_LINK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kiku_site_post_finalize (GObject *object)
{
  KikuSitePost *self = KIKU_SITE_POST (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->status);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->link);

  G_OBJECT_CLASS (kiku_site_post_parent_class)->finalize (object);
}

static void
kiku_site_post_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KikuSitePost *self = KIKU_SITE_POST (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_DATE: g_value_set_boxed (value, self->date); break;
    case PROP_MODIFIED: g_value_set_boxed (value, self->modified); break;
    case PROP_KIKU_MADE: g_value_set_boolean (value, self->kiku_made); break;
    case PROP_LINK: g_value_set_string (value, self->link); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_site_post_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KikuSitePost *self = KIKU_SITE_POST (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_TITLE: self->title = g_value_dup_string (value); break;
    case PROP_STATUS: self->status = g_value_dup_string (value); break;
    case PROP_DATE: self->date = g_value_dup_boxed (value); break;
    case PROP_MODIFIED: self->modified = g_value_dup_boxed (value); break;
    case PROP_KIKU_MADE: self->kiku_made = g_value_get_boolean (value); break;
    case PROP_LINK: self->link = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_site_post_class_init (KikuSitePostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kiku_site_post_finalize;
  object_class->get_property = kiku_site_post_get_property;
  object_class->set_property = kiku_site_post_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_KIKU_MADE] = g_param_spec_boolean ("kiku-made", NULL, NULL, FALSE, flags);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_site_post_init (KikuSitePost *self)
{
}

/**
 * kiku_site_post_new:
 * @id: the site's name for it: a WordPress post's number, a folder's name
 * @status: "publish", "draft", "future", "pending" or "private"
 *
 * Returns: (transfer full): one article of a site's listing
 */
KikuSitePost *
kiku_site_post_new (const char *id,
                    const char *title,
                    const char *status,
                    GDateTime  *date,
                    GDateTime  *modified,
                    gboolean    kiku_made,
                    const char *link)
{
  return g_object_new (KIKU_TYPE_SITE_POST, "id", id, "title", title, "status", status, "date", date,
                       "modified", modified, "kiku-made", kiku_made, "link", link, NULL);
}

const char *
kiku_site_post_get_id (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);
  return self->id;
}

const char *
kiku_site_post_get_title (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);
  return self->title;
}

const char *
kiku_site_post_get_status (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);
  return self->status;
}

GDateTime *
kiku_site_post_get_date (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);
  return self->date;
}

GDateTime *
kiku_site_post_get_modified (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);
  return self->modified;
}

gboolean
kiku_site_post_get_kiku_made (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), FALSE);
  return self->kiku_made;
}

const char *
kiku_site_post_get_link (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);
  return self->link;
}

/**
 * kiku_site_post_dup_status_label:
 *
 * Returns: (transfer full): the post's status in the user's words:
 *   "Published", "Draft", "Scheduled for …"
 */
char *
kiku_site_post_dup_status_label (KikuSitePost *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_POST (self), NULL);

  if (g_strcmp0 (self->status, "future") == 0 && self->date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (self->date);
      g_autofree char *when = g_date_time_format (local, "%x %H:%M");

      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Scheduled for %s"), when);
    }
  if (g_strcmp0 (self->status, "draft") == 0)
    return g_strdup (_("Draft"));
  if (g_strcmp0 (self->status, "pending") == 0)
    return g_strdup (_("Pending review"));
  if (g_strcmp0 (self->status, "private") == 0)
    return g_strdup (_("Private"));

  return g_strdup (_("Published"));
}

/* Listing --------------------------------------------------------------------- */

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  KikuSitePost *first = *(KikuSitePost **)a;
  KikuSitePost *second = *(KikuSitePost **)b;

  if (first->modified == NULL || second->modified == NULL)
    return (first->modified == NULL) - (second->modified == NULL);

  return g_date_time_compare (second->modified, first->modified);
}

/* For sites that give all their articles at once: those matching
 * @search (in the title or the name, ignoring case), newest first, the
 * @page-th slice of them.
 */
GPtrArray *
_kiku_site_posts_select (GPtrArray  *all,
                         const char *search,
                         guint       page,
                         gboolean   *more)
{
  g_autofree char *folded = search && *search ? g_utf8_casefold (search, -1) : NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *slice = g_ptr_array_new_with_free_func (g_object_unref);
  guint start = page * KIKU_SITE_POSTS_PER_PAGE;

  for (guint i = 0; i < all->len; i++)
    {
      KikuSitePost *post = g_ptr_array_index (all, i);
      g_autofree char *title = g_utf8_casefold (post->title ? post->title : "", -1);
      g_autofree char *id = g_utf8_casefold (post->id, -1);

      if (folded == NULL || strstr (title, folded) != NULL || strstr (id, folded) != NULL)
        g_ptr_array_add (matching, g_object_ref (post));
    }
  g_ptr_array_sort (matching, newest_first);

  for (guint i = start; i < matching->len && i < start + KIKU_SITE_POSTS_PER_PAGE; i++)
    g_ptr_array_add (slice, g_object_ref (g_ptr_array_index (matching, i)));
  *more = matching->len > start + KIKU_SITE_POSTS_PER_PAGE;

  return slice;
}

typedef struct
{
  KikuPublishJob *job;
  char           *search;
  char           *id;
  guint           page;
  gboolean        more;
  GFile          *file;
  KikuArticle    *article;
  KikuSite       *site;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  _kiku_publish_job_free (request->job);
  g_free (request->search);
  g_free (request->id);
  g_clear_object (&request->file);
  g_clear_object (&request->article);
  g_clear_object (&request->site);
  g_free (request);
}

static Request *
request_new (KikuSite   *site,
             const char *password)
{
  Request *request = g_new0 (Request, 1);

  request->job = _kiku_publish_job_new_for_site (site, password);
  request->site = g_object_ref (site);

  return request;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  GPtrArray *posts;

  posts = _kiku_publisher_list_posts (request->job->publisher, request->job, request->search, request->page,
                                      &request->more, cancellable, &error);
  g_clear_object (&request->job->session);

  if (posts != NULL)
    g_task_return_pointer (task, posts, (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_site_list_posts_async:
 * @password: (nullable): the password for the site's user
 * @search: (nullable): words the articles must hold
 * @page: which page of %KIKU_SITE_POSTS_PER_PAGE articles, from 0
 *
 * Lists the site's articles, newest first: for WordPress every post the
 * user may see, whatever its status.
 */
void
kiku_site_list_posts_async (KikuSite            *site,
                            const char          *password,
                            const char          *search,
                            guint                page,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (KIKU_IS_SITE (site));

  request = request_new (site, password);
  request->search = g_strdup (search);
  request->page = page;

  task = g_task_new (site, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_site_list_posts_async);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * kiku_site_list_posts_finish:
 * @more: (out) (optional): whether a next page has more
 *
 * Returns: (transfer container) (element-type KikuSitePost): the
 *   articles, or %NULL with @error set
 */
GPtrArray *
kiku_site_list_posts_finish (KikuSite      *site,
                             GAsyncResult  *result,
                             gboolean      *more,
                             GError       **error)
{
  Request *request;

  g_return_val_if_fail (g_task_is_valid (result, site), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (more != NULL)
    *more = request->more;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Opening --------------------------------------------------------------------- */

/* Where an image a page names is, from the page's own address: a URL, or
 * for a folder site a path inside the article's folder. NULL for anything
 * else (data:, file: on a web site, a path climbing out).
 */
static char *
resolve_reference (KikuPulledPost *pulled,
                   const char     *reference)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) resolved = NULL;
  const char *scheme;

  if (reference == NULL || reference[0] == '\0' || pulled->base == NULL)
    return NULL;

  if (g_path_is_absolute (pulled->base))
    {
      g_autofree char *path = NULL;
      g_autofree char *canonical = NULL;

      /* Another server's image stays named there. */
      if (g_uri_peek_scheme (reference) != NULL || g_path_is_absolute (reference))
        return NULL;
      path = g_uri_unescape_string (reference, NULL);
      canonical = path ? g_canonicalize_filename (path, pulled->base) : NULL;
      if (canonical == NULL || !g_str_has_prefix (canonical, pulled->base))
        return NULL;
      return g_steal_pointer (&canonical);
    }

  if (!(base = g_uri_parse (pulled->base, G_URI_FLAGS_NONE, NULL)) ||
      !(resolved = g_uri_parse_relative (base, reference, G_URI_FLAGS_NONE, NULL)))
    return NULL;
  scheme = g_uri_get_scheme (resolved);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return NULL;

  /* Only what the site itself holds comes down: an image the article
   * names on another server stays named there, as it was written.
   */
  if (g_ascii_strcasecmp (g_uri_get_host (resolved) ?: "", g_uri_get_host (base) ?: "") != 0 ||
      g_uri_get_port (resolved) != g_uri_get_port (base))
    return NULL;

  return g_uri_to_string (resolved);
}

/* The bytes of one image the post uses: downloaded (only http and https,
 * no larger than an image may be), or read from the folder site.
 */
static GBytes *
fetch_image (KikuPublishJob  *job,
             const char      *where,
             GCancellable    *cancellable,
             GError         **error)
{
  if (g_path_is_absolute (where))
    {
      g_autoptr(GFile) file = g_file_new_for_path (where);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, error);

      if (info == NULL)
        return NULL;
      if (g_file_info_get_size (info) > KIKU_IMAGE_MAX_SIZE)
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TOO_LARGE,
                       _("“%s” is larger than an image may be"), where);
          return NULL;
        }
      return g_file_load_bytes (file, cancellable, NULL, error);
    }

  return _kiku_publish_download (_kiku_publish_job_get_session (job), where, KIKU_IMAGE_MAX_SIZE,
                                 cancellable, error);
}

typedef struct
{
  GPtrArray *images;
  GPtrArray *sources;
} Found;

static KikuWalk
find_images (KikuNode *node,
             guint     depth,
             gpointer  user_data)
{
  Found *found = user_data;

  if (G_TYPE_CHECK_INSTANCE_TYPE (node, KIKU_TYPE_IMAGE))
    g_ptr_array_add (found->images, node);
  else if (G_TYPE_CHECK_INSTANCE_TYPE (node, KIKU_TYPE_SOURCE))
    g_ptr_array_add (found->sources, node);

  return KIKU_WALK_CONTINUE;
}

/* The name an image has in the post's images folder on a folder or
 * WebDAV site, from the reference Kiku's page makes to it; or NULL.
 */
static char *
name_on_site (const char *reference)
{
  g_autofree char *name = NULL;

  if (reference == NULL || !g_str_has_prefix (reference, "images/") ||
      strchr (reference + strlen ("images/"), '/') != NULL ||
      !(name = g_uri_unescape_string (reference + strlen ("images/"), NULL)) ||
      !_kiku_publish_image_name_is_safe (name))
    return NULL;

  return g_steal_pointer (&name);
}

/* Each image the article names, downloaded once, stored in its images
 * folder and named there: one that is not an image by its bytes, or is
 * too large, fails the whole open rather than leave a hole unannounced.
 * @sources_of gets each stored image's path → "HASH ADDRESS"; @on_site,
 * for those a Kiku page names in its images folder, its name here →
 * "HASH NAME-ON-THE-SITE".
 */
static gboolean
take_images (KikuArticle     *article,
             KikuPublishJob  *job,
             KikuPulledPost  *pulled,
             GHashTable      *sources_of,
             GHashTable      *on_site,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  Found found = { images, sources };

  kiku_node_walk (KIKU_NODE (article), find_images, &found);

  for (guint i = 0; i < images->len + sources->len; i++)
    {
      gboolean is_image = i < images->len;
      gpointer node = is_image ? g_ptr_array_index (images, i) : g_ptr_array_index (sources, i - images->len);
      const char *reference = is_image ? kiku_image_get_src (node) : kiku_source_get_image (node);
      g_autofree char *where = resolve_reference (pulled, reference);
      const char *local;

      if (where == NULL)
        continue;

      if (!(local = g_hash_table_lookup (stored, where)))
        {
          g_autoptr(GBytes) bytes = fetch_image (job, where, cancellable, error);
          char *name;

          if (bytes == NULL || !(name = kiku_article_import_image (article, NULL, bytes, cancellable, error)))
            return FALSE;
          g_hash_table_insert (stored, g_strdup (where), name);
          local = name;
          {
            g_autoptr(GFile) folder = g_file_get_parent (kiku_article_get_file (article));
            g_autoptr(GFile) image = g_file_resolve_relative_path (folder, name);
            g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
            g_autofree char *site_name = name_on_site (reference);

            g_hash_table_insert (sources_of, g_file_get_path (image), g_strconcat (hash, " ", where, NULL));
            if (site_name != NULL)
              g_hash_table_insert (on_site, g_strdup (name), g_strconcat (hash, " ", site_name, NULL));
          }
        }

      if (is_image)
        kiku_image_set_src (node, local);
      else
        kiku_source_set_image (node, local);
    }

  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Request *request = task_data;
  KikuPublishJob *job = request->job;
  g_autoptr(KikuPulledPost) pulled = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (request->file);
  g_autoptr(GHashTable) sources_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) on_site = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GError *error = NULL;

  if (!(pulled = _kiku_publisher_pull (job->publisher, job, request->id, cancellable, &error)) ||
      !(article = kiku_post_reader_read ((const char * const *)pulled->parts->pdata, &error)))
    goto failed;

  /* What the site keeps apart from the body is the site's to say. */
  if (pulled->title != NULL && pulled->title[0] != '\0')
    kiku_article_set_title (article, pulled->title);
  if (pulled->slug != NULL && pulled->slug[0] != '\0')
    kiku_article_set_slug (article, pulled->slug);
  if (pulled->keywords != NULL && (kiku_article_get_keywords (article) == NULL ||
                                   kiku_article_get_keywords (article)[0] == NULL))
    kiku_article_set_keywords (article, (const char * const *)pulled->keywords);
  if (pulled->excerpt != NULL && pulled->excerpt[0] != '\0' &&
      (kiku_article_get_summary (article) == NULL || kiku_article_get_summary (article)[0] == '\0'))
    kiku_article_set_summary (article, pulled->excerpt);

  if (folder != NULL && !g_file_make_directory_with_parents (folder, cancellable, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        goto failed;
      g_clear_error (&error);
    }
  kiku_article_set_file (article, request->file);
  if (!take_images (article, job, pulled, sources_of, on_site, cancellable, &error))
    goto failed;

  /* A WordPress post's images are in its media already: the record says
   * where, so that the next publish uses them rather than sending them
   * again.
   */
  if (json_object_has_member (pulled->record, "modified_gmt"))
    {
      g_autoptr(GHashTable) names = _kiku_publish_image_names (article, request->site);
      JsonObject *images = _kiku_publish_record_object (pulled->record, "images");
      GHashTableIter iter;
      gpointer path, name;

      g_hash_table_iter_init (&iter, names);
      while (g_hash_table_iter_next (&iter, &path, &name))
        {
          const char *source = g_hash_table_lookup (sources_of, path);
          const char *space = source ? strchr (source, ' ') : NULL;
          g_autofree char *hash = NULL;
          JsonObject *entry;

          if (space == NULL)
            continue;
          hash = g_strndup (source, space - source);
          entry = json_object_new ();
          json_object_set_string_member (entry, "hash", hash);
          json_object_set_string_member (entry, "url", space + 1);
          json_object_set_object_member (images, name, entry);
        }
    }
  else
    {
      /* A folder or WebDAV site has each image under the name its page
       * gives it: the record says what each is called there and what it
       * holds, so that the next publish gives it that name and, finding
       * it unchanged, does not send it again.
       */
      JsonObject *images = _kiku_publish_record_object (pulled->record, "images");
      JsonObject *names = _kiku_publish_record_object (pulled->record, "image_names");
      GHashTableIter iter;
      gpointer local, entry;

      g_hash_table_iter_init (&iter, on_site);
      while (g_hash_table_iter_next (&iter, &local, &entry))
        {
          const char *space = strchr (entry, ' ');
          g_autofree char *hash = g_strndup (entry, space - (const char *)entry);

          /* The same image under two names on the site: the first. */
          if (json_object_has_member (images, space + 1))
            continue;
          json_object_set_string_member (images, space + 1, hash);
          json_object_set_string_member (names, local, space + 1);
        }

      /* Its pages are rendered with those names from here on. */
      {
        g_autoptr(KikuPublishRecord) provisional = kiku_publish_record_new (job->site, pulled->record);

        kiku_article_set_publish_record (article, provisional);
      }
    }

  /* The record a publish of it would have left, its hash that of the
   * article as it now is here: unchanged until it is edited.
   */
  {
    g_autofree char *hash = kiku_publish_dup_hash (article, request->site);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *time = g_date_time_format_iso8601 (now);
    g_autoptr(KikuPublishRecord) record = NULL;

    json_object_set_string_member (pulled->record, "time", pulled->modified ? pulled->modified : time);
    json_object_set_string_member (pulled->record, "hash", hash);
    /* What the site holds, as fetched: re-rendered here the pages name
     * their images as stored here, so that hash is not the site's.
     */
    {
      g_autofree char *site_hash = _kiku_publish_pages_hash (pulled->parts);
      json_object_set_string_member (pulled->record, "site_hash", site_hash);
    }
    json_object_set_string_member (pulled->record, "slug", kiku_article_get_slug (article) ?: request->id);
    record = kiku_publish_record_new (job->site, pulled->record);
    kiku_article_set_publish_record (article, record);
  }

  g_clear_object (&job->session);
  if (!kiku_article_save (article, request->file, cancellable, &error))
    goto failed;

  g_task_return_pointer (task, g_steal_pointer (&article), g_object_unref);
  return;

failed:
  g_clear_object (&job->session);
  g_task_return_error (task, error);
}

/**
 * kiku_site_open_post_async:
 * @id: the post's id, as the listing gave it
 * @file: where the article is saved; its images go into the "images"
 *   folder beside it
 *
 * Opens one of the site's articles as an article, saved to @file, with
 * its images, and the record that makes Publish update that same post.
 */
void
kiku_site_open_post_async (KikuSite            *site,
                           const char          *password,
                           const char          *id,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (KIKU_IS_SITE (site));
  g_return_if_fail (id != NULL);
  g_return_if_fail (G_IS_FILE (file));

  request = request_new (site, password);
  request->id = g_strdup (id);
  request->file = g_object_ref (file);
  /* Images may be large: as long as a publish waits. */
  request->job->timeout = 60;

  task = g_task_new (site, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_site_open_post_async);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * kiku_site_open_post_finish:
 *
 * Returns: (transfer full): the article, saved, or %NULL with @error set
 */
KikuArticle *
kiku_site_open_post_finish (KikuSite      *site,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, site), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changed on the site? ------------------------------------------------------------ */

static gboolean
pages_hash_equal (KikuPulledPost *pulled,
                  const char     *recorded)
{
  g_autofree char *hash = _kiku_publish_pages_hash (pulled->parts);

  return g_strcmp0 (hash, recorded) == 0;
}

static void
changed_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  KikuPublishJob *job = request->job;
  g_autoptr(KikuPulledPost) pulled = NULL;
  GError *error = NULL;
  gboolean changed;

  pulled = _kiku_publisher_pull (job->publisher, job, request->id, cancellable, &error);
  g_clear_object (&job->session);
  if (pulled == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* WordPress says when it last changed the post; a folder's pages are
   * compared with what was last sent there.
   */
  if (json_object_has_member (job->previous, "modified_gmt"))
    changed = g_strcmp0 (pulled->modified, _kiku_publish_string_member (job->previous, "modified_gmt")) != 0;
  else
    changed = !pages_hash_equal (pulled, _kiku_publish_string_member (job->previous, "site_hash") ?:
                                         _kiku_publish_string_member (job->previous, "hash"));

  g_task_return_boolean (task, changed);
}

/**
 * kiku_site_post_changed_async:
 *
 * Asks the site whether the post @article was published as was changed
 * there since: by someone else, or in the site's own editor.
 */
void
kiku_site_post_changed_async (KikuSite            *site,
                              const char          *password,
                              KikuArticle         *article,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  JsonObject *details;
  Request *request;

  g_return_if_fail (KIKU_IS_SITE (site));
  g_return_if_fail (KIKU_IS_ARTICLE (article));

  task = g_task_new (site, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_site_post_changed_async);

  record = kiku_article_dup_publish_record (article, kiku_site_get_name (site));
  if (record == NULL)
    {
      g_task_return_new_error (task, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                               _("The article was never published to “%s”"), kiku_site_get_name (site));
      return;
    }

  details = kiku_publish_record_get_details (record);
  request = request_new (site, password);
  request->job->previous = _kiku_publish_record_copy (details);
  if (kiku_publish_record_get_remote_id (record) > 0)
    request->id = g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (record));
  else
    request->id = g_strdup (_kiku_publish_string_member (details, "slug") ?: kiku_article_get_slug (article));

  if (request->id == NULL)
    {
      request_free (request);
      g_task_return_new_error (task, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                               _("The record does not say which post the article was published as"));
      return;
    }

  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, changed_thread);
}

/**
 * kiku_site_post_changed_finish:
 * @changed: (out): whether it changed on the site
 *
 * Returns: whether the site answered; %FALSE with @error set otherwise
 */
gboolean
kiku_site_post_changed_finish (KikuSite      *site,
                               GAsyncResult  *result,
                               gboolean      *changed,
                               GError       **error)
{
  GError *local_error = NULL;
  gboolean answer;

  g_return_val_if_fail (g_task_is_valid (result, site), FALSE);

  answer = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *changed = answer;

  return TRUE;
}

/**
 * kiku_site_dup_pull_file:
 * @id: the post's id on @site
 *
 * Where an article opened from a site is kept until the user saves it
 * elsewhere: in Kiku's data folder, a folder for each site and post, the
 * images in "images" beside it; "article.kiku", or when an earlier
 * opening is there, the next "article-N.kiku", so that no copy (open in a
 * window, perhaps) is written over.
 *
 * Returns: (transfer full): the file
 */
GFile *
kiku_site_dup_pull_file (KikuSite   *site,
                         const char *id)
{
  g_autofree char *site_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KIKU_IS_SITE (site), NULL);

  site_name = g_uri_escape_string (kiku_site_get_name (site), NULL, FALSE);
  name = g_uri_escape_string (id, NULL, FALSE);
  g_strdelimit (site_name, "/\\", '_');
  g_strdelimit (name, "/\\", '_');
  path = g_build_filename (g_get_user_data_dir (), "kiku", "sites", site_name, name, "article.kiku", NULL);

  /* Never over an earlier copy, which may be open with changes of its
   * own: the next free name beside it, sharing its images folder.
   */
  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS) && n < 10000; n++)
    {
      g_autofree char *numbered = g_strdup_printf ("article-%u.kiku", n);

      g_free (path);
      path = g_build_filename (g_get_user_data_dir (), "kiku", "sites", site_name, name, numbered, NULL);
    }

  return g_file_new_for_path (path);
}

/**
 * kiku_site_dup_pulled_from:
 * @file: an article's file
 *
 * Whether @file is a copy that kiku_site_dup_pull_file() named, and of
 * which site: so that its window can say so beside the writer's own file
 * of the same article.
 *
 * Returns: (transfer full) (nullable): the site's name, or %NULL when
 *   @file is not such a copy
 */
char *
kiku_site_dup_pulled_from (GFile *file)
{
  g_autoptr(GFile) sites = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) steps = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  sites = g_file_new_build_filename (g_get_user_data_dir (), "kiku", "sites", NULL);
  if (!(relative = g_file_get_relative_path (sites, file)))
    return NULL;

  /* The site's folder, the post's, the article. */
  steps = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  if (g_strv_length (steps) != 3 || !g_str_has_suffix (steps[2], ".kiku") ||
      !(name = g_uri_unescape_string (steps[0], NULL)) || name[0] == '\0')
    return NULL;

  return g_utf8_make_valid (name, -1);
}
