/* kiku-export.c: an article as a folder of static pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-export"

#include "config.h"

#include <string.h>

#include "kiku-export.h"
#include "kiku-core-private.h"
#include "kiku-file-util.h"
#include "kiku-image-file.h"
#include "kiku-list.h"

/* The standalone pages the preview shows (index.html, page-2.html, ...),
 * with the article's local images copied into images/ beside them, so the
 * folder opens in a browser anywhere.
 */

typedef struct
{
  GFile      *folder;
  GPtrArray  *names;     /* page file names */
  GPtrArray  *pages;     /* their HTML */
  GHashTable *images;    /* source path → name in images/ */
  KikuImageAccess *access;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_object_unref (export->folder);
  g_ptr_array_unref (export->names);
  g_ptr_array_unref (export->pages);
  g_hash_table_unref (export->images);
  kiku_image_access_unref (export->access);
  g_free (export);
}

static char *
export_image (KikuArticle *article,
              const char  *reference,
              gpointer     user_data)
{
  Export *export = user_data;

  return _kiku_image_file_name (export->images, article, reference);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GFile) images = g_file_get_child (export->folder, "images");
  GError *error = NULL;
  GHashTableIter iter;
  gpointer path, name;

  if (!g_file_make_directory_with_parents (export->folder, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  for (guint i = 0; i < export->pages->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (export->folder, g_ptr_array_index (export->names, i));
      const char *html = g_ptr_array_index (export->pages, i);

      if (!kiku_write_file_atomic_with_mode (file, html, strlen (html), 0644, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (g_hash_table_size (export->images) > 0 &&
      !g_file_make_directory_with_parents (images, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  g_hash_table_iter_init (&iter, export->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autoptr(GFile) target = g_file_get_child (images, name);
      g_autoptr(GBytes) bytes = NULL;

      /* Only what the article may use as an image is ever read. */
      if (!(bytes = kiku_image_access_read (export->access, path, NULL, cancellable, &error)) ||
          !kiku_write_file_atomic_with_mode (target, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), 0644, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * kiku_article_export_async:
 * @renderer: the renderer to make the pages with; its image function is
 *   replaced for the export
 *
 * Writes the article's standalone pages into @folder, and copies its local
 * images beside them. The pages are made before this returns, from the
 * article as it is; the disk is written to in a worker thread.
 */
void
kiku_article_export_async (KikuArticle         *article,
                           KikuRenderer        *renderer,
                           GFile               *folder,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;
  guint n_pages;

  g_return_if_fail (KIKU_IS_ARTICLE (article));
  g_return_if_fail (KIKU_IS_RENDERER (renderer));
  g_return_if_fail (G_IS_FILE (folder));

  export = g_new0 (Export, 1);
  export->folder = g_object_ref (folder);
  export->names = g_ptr_array_new_with_free_func (g_free);
  export->pages = g_ptr_array_new_with_free_func (g_free);
  export->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  export->access = kiku_image_access_new (article);

  kiku_renderer_set_image_func (renderer, export_image, export, NULL);
  n_pages = kiku_list_get_length (kiku_article_get_pages (article));
  for (guint i = 0; i < n_pages; i++)
    {
      g_ptr_array_add (export->names, kiku_renderer_dup_page_name (renderer, i));
      g_ptr_array_add (export->pages, kiku_renderer_render_page (renderer, article, i));
    }
  kiku_renderer_set_image_func (renderer, NULL, NULL, NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_article_export_async);
  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
kiku_article_export_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
