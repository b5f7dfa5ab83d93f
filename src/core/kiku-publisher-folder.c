/* kiku-publisher-folder.c: publishing to a folder on this computer, each
 * file written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kiku-file-util.h"
#include "kiku-publisher-folder.h"
#include "kiku-publisher-private.h"
#include "kiku-site-posts.h"

struct _KikuPublisherFolder
{
  GObject parent_instance;
};

static void publisher_iface_init (KikuPublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KikuPublisherFolder, kiku_publisher_folder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KIKU_TYPE_PUBLISHER, publisher_iface_init))

/* Whether @path lies inside @base, checked before anything is written
 * there: by its name, and where it exists, by where its links lead.
 */
static gboolean
check_inside_folder (const char  *base,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *canonical_base = g_canonicalize_filename (base, NULL);
  g_autofree char *canonical = g_canonicalize_filename (path, canonical_base);
  g_autofree char *prefix = g_str_has_suffix (canonical_base, "/") ? g_strdup (canonical_base)
                                                                   : g_strconcat (canonical_base, "/", NULL);
  char *real_base, *real;
  gboolean inside;

  if (!g_str_has_prefix (canonical, prefix) || canonical[strlen (prefix)] == '\0')
    return _kiku_publish_outside_error (path, error);

  /* An existing part of the path that is a link out of the site. */
  real_base = realpath (canonical_base, NULL);
  real = realpath (canonical, NULL);
  if (real == NULL)
    {
      g_autofree char *parent = g_path_get_dirname (canonical);
      real = realpath (parent, NULL);
    }
  inside = real_base == NULL || real == NULL || g_str_equal (real, real_base) ||
           (g_str_has_prefix (real, real_base) &&
            (real[strlen (real_base)] == '/' || g_str_equal (real_base, "/")));
  free (real_base);
  free (real);

  return inside ? TRUE : _kiku_publish_outside_error (path, error);
}

/* A folder and everything in it, links removed as links. */
static gboolean
remove_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, cancellable, NULL)))
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!remove_tree (child, cancellable, error))
            return FALSE;
        }
      else if (!g_file_delete (child, cancellable, error))
        {
          return FALSE;
        }
    }

  return g_file_delete (file, cancellable, error);
}

static gboolean
publish_to_folder (KikuPublishJob  *job,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autofree char *dir = g_build_filename (job->location, job->slug, NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *index = NULL;
  JsonObject *sent_images = _kiku_publish_record_object (job->record, "images");
  GHashTableIter iter;
  gpointer path, name;

  if (!check_inside_folder (job->location, dir, error) || !check_inside_folder (job->location, images, error))
    return FALSE;

  if (g_mkdir_with_parents (images, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), images, g_strerror (saved_errno));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autofree char *hash = NULL;
      g_autoptr(GBytes) bytes = _kiku_publish_job_read_image (job, path, &hash, cancellable, error);
      g_autofree char *target_path = g_build_filename (images, name, NULL);
      g_autoptr(GFile) target = g_file_new_for_path (target_path);

      if (bytes == NULL || !check_inside_folder (images, target_path, error))
        return FALSE;

      if (g_strcmp0 (_kiku_publish_job_previous_string (job, "images", name), hash) != 0 || !g_file_query_exists (target, NULL))
        {
          gsize length;
          const char *data = g_bytes_get_data (bytes, &length);

          /* A copy on a site: readable by the web server, nothing more. */
          if (!kiku_write_file_atomic_with_mode (target, data, length, 0644, cancellable, error))
            return FALSE;
        }
      json_object_set_string_member (sent_images, name, hash);
      _kiku_publish_job_step (job, name);
    }

  for (guint i = 0; i < job->pages->len; i++)
    {
      g_autofree char *page_path = g_build_filename (dir, g_ptr_array_index (job->names, i), NULL);
      g_autoptr(GFile) page = g_file_new_for_path (page_path);
      const char *html = g_ptr_array_index (job->pages, i);

      if (!check_inside_folder (dir, page_path, error) ||
          !kiku_write_file_atomic_with_mode (page, html, strlen (html), 0644, cancellable, error))
        return FALSE;
      _kiku_publish_job_step (job, g_ptr_array_index (job->names, i));
    }

  /* The slug changed: the article's old folder goes, now that the new one
   * is whole, and the record says so for the toast.
   */
  {
    g_autofree char *old_slug = _kiku_publish_job_old_slug (job);
    g_autofree char *old_dir = old_slug ? g_build_filename (job->location, old_slug, NULL) : NULL;

    if (old_dir != NULL && check_inside_folder (job->location, old_dir, NULL) &&
        g_file_test (old_dir, G_FILE_TEST_IS_DIR))
      {
        g_autoptr(GFile) old = g_file_new_for_path (old_dir);

        if (!remove_tree (old, cancellable, error))
          return FALSE;
        json_object_set_string_member (job->record, "replaced_slug", old_slug);
      }
  }

  index = g_build_filename (dir, "index.html", NULL);
  {
    g_autofree char *url = g_filename_to_uri (index, NULL, NULL);
    json_object_set_string_member (job->record, "url", url);
  }

  return TRUE;
}

/* Whether Kiku can write into the folder, which is made if missing. */
static char *
kiku_publisher_folder_check (KikuPublisher   *publisher,
                             KikuPublishJob  *job,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autofree char *probe = g_build_filename (job->location, ".kiku-check", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (probe);
  GError *local_error = NULL;

  if (g_mkdir_with_parents (job->location, 0755) == 0 &&
      kiku_write_file_atomic (file, "", 0, cancellable, &local_error))
    {
      g_file_delete (file, NULL, NULL);
      return g_strdup_printf (_("Kiku can write into %s"), job->location);
    }
  else if (local_error == NULL)
    {
      int saved_errno = errno;
      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), job->location, g_strerror (saved_errno));
    }

  g_propagate_error (error, local_error);

  return NULL;
}

static gboolean
kiku_publisher_folder_publish (KikuPublisher   *publisher,
                               KikuPublishJob  *job,
                               GCancellable    *cancellable,
                               GError         **error)
{
  return publish_to_folder (job, cancellable, error);
}

/* Pages land in a folder named by the slug, as the theme renders them with
 * the author under the headline; what is written there is public at once.
 */
static KikuPublisherFeatures
kiku_publisher_folder_get_features (KikuPublisher *publisher)
{
  return KIKU_PUBLISHER_NEEDS_SLUG | KIKU_PUBLISHER_NEEDS_AUTHOR;
}

/* The article folders in the site's folder: those with an index.html. */
static GPtrArray *
kiku_publisher_folder_list_posts (KikuPublisher   *publisher,
                                  KikuPublishJob  *job,
                                  const char      *search,
                                  guint            page,
                                  gboolean        *more,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autoptr(GFile) root = g_file_new_for_path (job->location);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (children == NULL)
    return NULL;

  while ((info = g_file_enumerator_next_file (children, cancellable, error)))
    {
      g_autoptr(GFileInfo) child = info;
      const char *name = g_file_info_get_name (child);
      g_autofree char *index_path = g_build_filename (job->location, name, "index.html", NULL);
      g_autoptr(GFile) index = g_file_new_for_path (index_path);
      g_autoptr(GFileInfo) index_info = NULL;
      g_autofree char *html = NULL;
      g_autofree char *title = NULL;
      g_autofree char *link = NULL;
      g_autoptr(GDateTime) modified = NULL;

      if (g_file_info_get_file_type (child) != G_FILE_TYPE_DIRECTORY || name[0] == '.' ||
          !(index_info = g_file_query_info (index, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                            G_FILE_QUERY_INFO_NONE,
                                            cancellable, NULL)) ||
          !g_file_get_contents (index_path, &html, NULL, NULL))
        continue;

      title = _kiku_html_title (html);
      link = g_filename_to_uri (index_path, NULL, NULL);
      modified = g_file_info_get_modification_date_time (index_info);
      g_ptr_array_add (all, kiku_site_post_new (name, title ? title : name, "publish", modified, modified,
                                                _kiku_html_is_kiku_made (html), link));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return _kiku_site_posts_select (all, search, page, more);
}

/* The pages of the article in the folder named @id, as the renderer names
 * them, until one is missing.
 */
static KikuPulledPost *
kiku_publisher_folder_pull (KikuPublisher   *publisher,
                            KikuPublishJob  *job,
                            const char      *id,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(KikuPulledPost) pulled = _kiku_pulled_post_new ();
  g_autofree char *dir = g_build_filename (job->location, id, NULL);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL);
  g_autoptr(GError) local_error = NULL;

  if (!check_inside_folder (job->location, dir, error) || kiku_slug_check (id, NULL) == FALSE)
    {
      if (error && *error == NULL)
        _kiku_publish_outside_error (id, error);
      return NULL;
    }

  for (guint i = 0;; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup ("index.html") : g_strdup_printf ("page-%u.html", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *html = NULL;

      if (!g_file_get_contents (path, &html, NULL, &local_error))
        {
          if (i > 0 && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            break;
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                         _("The site has no article “%s”"), id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_ptr_array_add (pulled->parts, g_steal_pointer (&html));
    }

  pulled->base = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  pulled->slug = g_strdup (id);
  {
    g_autofree char *url = g_filename_to_uri (index, NULL, NULL);
    json_object_set_string_member (pulled->record, "url", url);
  }

  return g_steal_pointer (&pulled);
}

static void
publisher_iface_init (KikuPublisherInterface *iface)
{
  iface->get_features = kiku_publisher_folder_get_features;
  iface->publish = kiku_publisher_folder_publish;
  iface->check = kiku_publisher_folder_check;
  iface->list_posts = kiku_publisher_folder_list_posts;
  iface->pull = kiku_publisher_folder_pull;
}

static void
kiku_publisher_folder_class_init (KikuPublisherFolderClass *klass)
{
}

static void
kiku_publisher_folder_init (KikuPublisherFolder *self)
{
}
