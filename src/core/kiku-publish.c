/* kiku-publish.c: publishing an article to a site, and checking a site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kiku-core-private.h"
#include "kiku-html-private.h"
#include "kiku-image-file.h"
#include "kiku-list.h"
#include "kiku-publish.h"
#include "kiku-publisher-private.h"
#include "kiku-renderer.h"
#include "kiku-site-posts.h"

/* A publish is made in two halves. In the main thread, the pages are
 * rendered from the article as it is, and what was published before is
 * read from the article's record. In a worker thread, the site is written
 * to (blocking I/O is fine there). Back in the main thread, the article
 * records what succeeded: on success all of it, on failure what did get
 * there, so a retry never sends it twice.
 *
 * The record lives in the article file under "published_to", by site name:
 * {"url", "time", "hash", "images": {name: its hash, or where it went}};
 * for WebDAV "etags": {page: ETag} and "pages": {page: hash}; for
 * WordPress the post's "id", "status" and "modified_gmt". A request whose
 * answer may never come leaves a hash of what it sent ("pages_attempted":
 * {page: hash}; "attempted" for a create, "update_attempted"), so that the
 * next publish knows what it finds on the site as this article's own.
 *
 * What is said to the site is each kind's own: a KikuPublisher
 * (kiku-publisher-folder.c, -webdav.c, -wordpress.c) does it, through the
 * session _kiku_publish_session_new() makes. The site list is
 * kiku-site-store.c, the record kiku-publish-record.c.
 */

G_DEFINE_QUARK (kiku-publish-error-quark, kiku_publish_error)

void
_kiku_publish_job_free (KikuPublishJob *job)
{

  g_clear_object (&job->publisher);
  g_clear_object (&job->session);
  g_free (job->site);
  g_free (job->location);
  g_free (job->user);
  if (job->password)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->slug);
  g_free (job->title);
  g_free (job->excerpt);
  g_free (job->fragment);
  g_strfreev (job->keywords);
  g_strfreev (job->labels);
  g_free (job->status);
  g_free (job->date);
  g_ptr_array_unref (job->names);
  g_ptr_array_unref (job->pages);
  g_hash_table_unref (job->images);
  g_clear_pointer (&job->known_names, g_hash_table_unref);
  g_clear_pointer (&job->access, kiku_image_access_unref);
  g_clear_pointer (&job->previous, json_object_unref);
  g_clear_pointer (&job->record, json_object_unref);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  KikuProgressFunc  func;
  gpointer          data;
  double            fraction;
  char             *message;
} Progress;

static gboolean
report_progress (gpointer user_data)
{
  Progress *progress = user_data;

  progress->func (progress->fraction, progress->message, progress->data);
  g_free (progress->message);
  g_free (progress);

  return G_SOURCE_REMOVE;
}

/* Called in the worker: the report is made in the caller's thread. */
void
_kiku_publish_job_step (KikuPublishJob *job,
                        const char     *message)
{
  Progress *progress;

  job->done++;
  if (job->progress == NULL)
    return;

  progress = g_new0 (Progress, 1);
  progress->func = job->progress;
  progress->data = job->progress_data;
  progress->fraction = job->steps ? (double)job->done / job->steps : 1.0;
  progress->message = g_strdup (message);
  g_main_context_invoke (job->context, report_progress, progress);
}

/* Made in the worker, and let go there when the job is done: a session
 * belongs to the thread that uses it.
 */
SoupSession *
_kiku_publish_job_get_session (KikuPublishJob *job)
{
  if (job->session == NULL)
    job->session = _kiku_publish_session_new (job->timeout);

  return job->session;
}

static gboolean
name_is_given (KikuPublishJob *job,
               const char     *name)
{
  GHashTableIter iter;
  gpointer given;

  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, NULL, &given))
    if (g_str_equal (given, name))
      return TRUE;

  return FALSE;
}

static char *
image_name_for (KikuArticle *article,
                const char  *reference,
                gpointer     user_data)
{
  KikuPublishJob *job = user_data;

  /* The name the image had on the site, for an image the article uses:
   * only those are sent. Two images never share a name.
   */
  if (job->known_names != NULL && g_uri_peek_scheme (reference) == NULL)
    {
      g_autoptr(GFile) file = kiku_article_resolve_path (article, reference);
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *known = path ? g_hash_table_lookup (job->known_names, path) : NULL;

      if (known != NULL && !g_hash_table_contains (job->images, path) && !name_is_given (job, known))
        g_hash_table_insert (job->images, g_steal_pointer (&path), g_strdup (known));
    }

  return _kiku_image_file_name (job->images, article, reference);
}

/**
 * kiku_slug_check:
 *
 * The one rule for slugs, which the validator and every publisher apply:
 * a slug is one part of a web address (and the name of a folder), so it
 * holds no separator (/ \\ ? # % :), no control character, is not made of
 * dots only (".", "..", "..."), starts with neither a dot nor "~", neither
 * starts nor ends with a space, and has at most %KIKU_SLUG_MAX_LENGTH bytes.
 *
 * Returns: %TRUE, or %FALSE with @error set in %KIKU_PUBLISH_ERROR saying
 *   what is wrong, in the writer's words
 */
gboolean
kiku_slug_check (const char  *slug,
                 GError     **error)
{
  gboolean dots_only = TRUE;
  gunichar first, last;

  if (slug == NULL || slug[0] == '\0')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH, _("The slug is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (slug, -1, NULL))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug is not valid text"));
      return FALSE;
    }

  if (strlen (slug) > KIKU_SLUG_MAX_LENGTH)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug is longer than %u bytes; make it shorter"), KIKU_SLUG_MAX_LENGTH);
      return FALSE;
    }

  for (const char *p = slug; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                       _("The slug holds a control character, such as a line break"));
          return FALSE;
        }

      if (c < 0x80 && strchr ("/\\?#%:", (char)c) != NULL)
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                       _("The slug may not hold “%c”, which separates the parts of a web address"),
                       (char)c);
          return FALSE;
        }

      if (c != '.')
        dots_only = FALSE;
    }

  if (dots_only)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug “%s” is only dots, which in a web address means a folder "
                     "above or this one"), slug);
      return FALSE;
    }

  if (slug[0] == '.')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug may not start with a dot, which hides a folder"));
      return FALSE;
    }

  if (slug[0] == '~')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug may not start with “~”, which names a user’s folder on many servers"));
      return FALSE;
    }

  first = g_utf8_get_char (slug);
  last = g_utf8_get_char (g_utf8_find_prev_char (slug, slug + strlen (slug)));
  if (g_unichar_isspace (first) || g_unichar_isspace (last) ||
      g_unichar_type (first) == G_UNICODE_SPACE_SEPARATOR ||
      g_unichar_type (last) == G_UNICODE_SPACE_SEPARATOR)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug may not start or end with a space"));
      return FALSE;
    }

  return TRUE;
}

/* The article's slug as it is: kiku_slug_check() refuses it before any
 * publisher uses it, rather than changing it behind the user's back.
 */
static char *
slug_for (KikuArticle *article)
{
  const char *slug = kiku_article_get_slug (article);
  g_autofree char *digest = NULL;

  if (slug != NULL)
    return g_strdup (slug);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, kiku_article_get_title (article) ?: "", -1);

  return g_strdup_printf ("article-%.8s", digest);
}

/* The hash of what the pages say: the ids the renderer gives elements for
 * the preview (data-kiku-id) are left out, since they are the numbers of
 * the model's objects in this run, and the same article loaded again
 * would hash otherwise.
 */
char *
_kiku_publish_pages_hash (GPtrArray *pages)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  static const char attribute[] = " data-kiku-id=\"";

  for (guint i = 0; i < pages->len; i++)
    {
      const char *page = g_ptr_array_index (pages, i);
      const char *at;

      while ((at = strstr (page, attribute)) != NULL)
        {
          const char *end = strchr (at + strlen (attribute), '"');

          g_checksum_update (checksum, (const guchar *)page, at - page);
          if (end == NULL)
            break;
          page = end + 1;
        }
      g_checksum_update (checksum, (const guchar *)page, -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static char *
job_hash (KikuPublishJob *job)
{
  return _kiku_publish_pages_hash (job->pages);
}

const char *
_kiku_publish_job_previous_string (KikuPublishJob *job,
                                   const char     *object,
                                   const char     *member)
{
  JsonObject *inner;

  if (job->previous == NULL || !json_object_has_member (job->previous, object) ||
      !(inner = _kiku_publish_object_member (job->previous, object)))
    return NULL;

  return _kiku_publish_string_member (inner, member);
}

/* Only what the article may use as an image is ever read, let alone sent. */
GBytes *
_kiku_publish_job_read_image (KikuPublishJob  *job,
                              const char      *path,
                              char           **hash,
                              GCancellable    *cancellable,
                              GError         **error)
{
  GBytes *bytes;

  if (!(bytes = kiku_image_access_read (job->access, path, NULL, cancellable, error)))
    return NULL;

  *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return bytes;
}

/* Publishing ----------------------------------------------------------------- */

static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KikuPublishJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (!kiku_slug_check (job->slug, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  ok = kiku_publisher_publish (job->publisher, job, cancellable, &error);
  g_clear_object (&job->session);

  if (ok)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *time = g_date_time_format_iso8601 (now);
      g_autofree char *hash = job_hash (job);

      json_object_set_string_member (job->record, "time", time);
      json_object_set_string_member (job->record, "hash", hash);
      json_object_set_string_member (job->record, "slug", job->slug);
      /* What was sent is what the site holds now. */
      json_object_remove_member (job->record, "site_hash");
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_error (task, error);
    }
}

/**
 * _kiku_publish_image_name_is_safe:
 *
 * Whether @name may name an image in a post's images folder on a site: one
 * part of a path, that neither climbs nor hides, in UTF-8 without control
 * characters. The names in a record come from the article's file, which
 * may be anybody's.
 */
gboolean
_kiku_publish_image_name_is_safe (const char *name)
{
  if (name == NULL || name[0] == '\0' || name[0] == '.' || strlen (name) > 200 ||
      !g_utf8_validate (name, -1, NULL) || strpbrk (name, "/\\") != NULL)
    return FALSE;

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return FALSE;
    }

  return TRUE;
}

/* The names the images had on @site when the article was last published
 * there, or opened from it: a publish gives those the article still uses
 * the same names (image_name_for()), so that an article moved, or opened
 * from the site, sends none of them again.
 */
static void
job_take_image_names (KikuPublishJob *job,
                      KikuArticle    *article,
                      KikuSite       *site)
{
  g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (article, kiku_site_get_name (site));
  JsonObject *details = record ? kiku_publish_record_get_details (record) : NULL;
  JsonNode *names = details ? json_object_get_member (details, "image_names") : NULL;
  g_autoptr(GList) references = NULL;

  if (names == NULL || !JSON_NODE_HOLDS_OBJECT (names))
    return;

  references = json_object_get_members (json_node_get_object (names));
  for (GList *l = references; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (names), l->data);
      const char *name = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;

      if (!_kiku_publish_image_name_is_safe (name) || g_uri_peek_scheme (l->data) != NULL ||
          !(file = kiku_article_resolve_path (article, l->data)) || !(path = g_file_get_path (file)))
        continue;

      if (job->known_names == NULL)
        job->known_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (!g_hash_table_contains (job->known_names, path))
        g_hash_table_insert (job->known_names, g_steal_pointer (&path), g_strdup (name));
    }
}

/* The names the images were given, by where they are beside the article,
 * for the record: see job_take_image_names().
 */
static void
job_record_image_names (KikuPublishJob *job,
                        KikuArticle    *article)
{
  GFile *file = kiku_article_get_file (article);
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;
  JsonObject *names;
  GHashTableIter iter;
  gpointer path, name;

  json_object_remove_member (job->record, "image_names");
  if (folder == NULL)
    return;

  names = _kiku_publish_record_object (job->record, "image_names");
  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autoptr(GFile) image = g_file_new_for_path (path);
      g_autofree char *relative = g_file_get_relative_path (folder, image);

      if (relative != NULL && _kiku_publish_image_name_is_safe (name))
        json_object_set_string_member (names, relative, name);
    }
}

/* The pages as a publish to @job's site sends them, named as the site
 * keeps them, with the images they use gathered into job->images.
 */
static void
job_render (KikuPublishJob *job,
            KikuArticle    *article,
            KikuSite       *site)
{
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  guint n_pages;

  job_take_image_names (job, article, site);
  kiku_renderer_set_image_func (renderer, image_name_for, job, NULL);
  n_pages = kiku_list_get_length (kiku_article_get_pages (article));
  for (guint i = 0; i < n_pages; i++)
    {
      g_ptr_array_add (job->names, kiku_renderer_dup_page_name (renderer, i));
      g_ptr_array_add (job->pages, kiku_renderer_render_page (renderer, article, i));
    }
  if (kiku_publisher_sends_one_post (job->publisher))
    job->fragment = kiku_renderer_render_fragment (renderer, article);
}

/**
 * kiku_publish_dup_hash:
 *
 * The hash a publish of @article to @site would record, as it is now:
 * when it differs from the record's, the article changed here since.
 *
 * Returns: (transfer full): the hash
 */
char *
kiku_publish_dup_hash (KikuArticle *article,
                       KikuSite    *site)
{
  KikuPublishJob *job;
  char *hash;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (KIKU_IS_SITE (site), NULL);

  job = _kiku_publish_job_new_for_site (site, NULL);
  job_render (job, article, site);
  hash = job_hash (job);
  _kiku_publish_job_free (job);

  return hash;
}

/* The names a publish to @site gives the article's images: absolute path
 * → name in images/.
 */
GHashTable *
_kiku_publish_image_names (KikuArticle *article,
                           KikuSite    *site)
{
  KikuPublishJob *job = _kiku_publish_job_new_for_site (site, NULL);
  GHashTable *names;

  job_render (job, article, site);
  names = g_hash_table_ref (job->images);
  _kiku_publish_job_free (job);

  return names;
}

/**
 * kiku_publish_async:
 * @password: (nullable): the password for the site's user
 * @options: (nullable): the status and date, for the sites that have them
 * @progress: (nullable): told how far the publish has come, in this thread
 *
 * Publishes @article to @site: its pages rendered as they are now, and its
 * local images. A second publish replaces what the first one made.
 */
void
kiku_publish_async (KikuArticle              *article,
                    KikuSite                 *site,
                    const char               *password,
                    const KikuPublishOptions *options,
                    GCancellable             *cancellable,
                    KikuProgressFunc          progress,
                    gpointer                  progress_data,
                    GAsyncReadyCallback       callback,
                    gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  KikuPublishJob *job;

  g_return_if_fail (KIKU_IS_ARTICLE (article));
  g_return_if_fail (KIKU_IS_SITE (site));

  job = g_new0 (KikuPublishJob, 1);
  job->publisher = kiku_publisher_new_for_kind (kiku_site_get_kind (site));
  job->site = g_strdup (kiku_site_get_name (site));
  job->location = g_strdup (kiku_site_get_location (site));
  job->user = g_strdup (kiku_site_get_user (site));
  job->password = g_strdup (password);
  job->slug = slug_for (article);
  job->status = g_strdup (options && options->status ? options->status : "draft");
  job->date = g_strdup (options ? options->date : NULL);
  job->overwrite = options ? options->overwrite : FALSE;
  job->timeout = options && options->timeout ? options->timeout : 60;
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->pages = g_ptr_array_new_with_free_func (g_free);
  job->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->access = kiku_image_access_new (article);
  {
    g_autoptr(KikuPublishRecord) previous = kiku_article_dup_publish_record (article, job->site);

    job->previous = previous ? _kiku_publish_record_copy (kiku_publish_record_get_details (previous)) : NULL;
    job->record = job->previous ? _kiku_publish_record_copy (job->previous) : json_object_new ();
    /* Said once, by the publish that did it. */
    json_object_remove_member (job->record, "replaced_slug");
  }
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  job_render (job, article, site);
  job_record_image_names (job, article);
  job->title = g_strdup (kiku_article_get_title (article));
  job->excerpt = _kiku_markdown_to_text (kiku_article_get_summary (article));
  job->keywords = g_strdupv ((char **)kiku_article_get_keywords (article));
  job->labels = g_strdupv ((char **)kiku_site_get_labels (site));
  /* A step a file; a post is one. */
  job->steps = (kiku_publisher_sends_one_post (job->publisher) ? 1 : job->pages->len) +
               g_hash_table_size (job->images);

  task = g_task_new (article, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_publish_async);
  g_task_set_task_data (task, job, (GDestroyNotify)_kiku_publish_job_free);
  g_task_run_in_thread (task, publish_thread);
}

/**
 * kiku_publish_finish:
 *
 * Records in the article what got to the site, whether or not all of it
 * did, so that the next publish replaces it rather than adding to it.
 *
 * Returns: (transfer full): the address of the published page, or %NULL
 *   with @error set
 */
char *
kiku_publish_finish (KikuArticle   *article,
                     GAsyncResult  *result,
                     GError       **error)
{
  KikuPublishJob *job;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (g_task_is_valid (result, article), NULL);

  job = g_task_get_task_data (G_TASK (result));

  /* What did succeed is recorded even after a failure; a publish that got
   * nothing there changes nothing.
   */
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      if (job->done > 0 || job->partial)
        {
          g_autoptr(KikuPublishRecord) record = kiku_publish_record_new (job->site, job->record);
          kiku_article_set_publish_record (article, record);
        }
      return NULL;
    }

  {
    g_autoptr(KikuPublishRecord) record = kiku_publish_record_new (job->site, job->record);
    kiku_article_set_publish_record (article, record);
  }

  return g_strdup (json_object_get_string_member_with_default (job->record, "url", NULL));
}

/* Checking a site ------------------------------------------------------------ */

/* A job that talks to @site without publishing to it: a check, a
 * listing, a pull.
 */
KikuPublishJob *
_kiku_publish_job_new_for_site (KikuSite   *site,
                                const char *password)
{
  KikuPublishJob *job = g_new0 (KikuPublishJob, 1);

  job->publisher = kiku_publisher_new_for_kind (kiku_site_get_kind (site));
  job->site = g_strdup (kiku_site_get_name (site));
  job->location = g_strdup (kiku_site_get_location (site));
  job->user = g_strdup (kiku_site_get_user (site));
  job->password = g_strdup (password);
  job->labels = g_strdupv ((char **)kiku_site_get_labels (site));
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->pages = g_ptr_array_new_with_free_func (g_free);
  job->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->context = g_main_context_ref_thread_default ();
  job->timeout = 30;

  return job;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KikuPublishJob *job = task_data;
  GError *error = NULL;
  char *answer;

  answer = kiku_publisher_check (job->publisher, job, cancellable, &error);
  g_clear_object (&job->session);

  if (answer != NULL)
    g_task_return_pointer (task, answer, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_site_check_async:
 *
 * Tries the site with @password, changing nothing there.
 */
void
kiku_site_check_async (KikuSite            *site,
                       const char          *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  KikuPublishJob *job;

  g_return_if_fail (KIKU_IS_SITE (site));

  job = _kiku_publish_job_new_for_site (site, password);
  /* A check waits less than a publish: nothing is being sent. */
  job->timeout = 30;

  task = g_task_new (site, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_site_check_async);
  g_task_set_task_data (task, job, (GDestroyNotify)_kiku_publish_job_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * kiku_site_check_finish:
 *
 * Returns: (transfer full): what the site said, for the user, or %NULL
 *   with @error set
 */
char *
kiku_site_check_finish (KikuSite      *site,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, site), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
