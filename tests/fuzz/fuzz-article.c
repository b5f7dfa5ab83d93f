/* fuzz-article.c: load → save → reload → render → validate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kiku.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The validator without the disk: every local image counts as usable, so
 * that a run depends on its input only.
 */
static gboolean
no_disk (KikuArticle  *article,
         const char   *reference,
         GError      **error,
         gpointer      user_data)
{
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) again = NULL;
  g_autoptr(KikuRenderer) renderer = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *fragment = NULL;
  guint n_pages;

  /* Whatever the bytes, the sniffer says image or not. */
  (void)kiku_image_sniff (data, size, NULL);

  if (!(article = kiku_article_new_from_data ((const char *)data, size, NULL, &error)))
    {
      /* Every refusal says where, in text a label can show. */
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  /* What Kiku opened, it must open again once saved, and a second save
   * changes nothing.
   */
  text = kiku_article_serialize (article, NULL, NULL);
  if (!(again = kiku_article_new_from_data (text, strlen (text), NULL, &error)))
    {
      g_printerr ("a saved article does not open again: %s\n", error->message);
      abort ();
    }
  text_again = kiku_article_serialize (again, NULL, NULL);
  if (strcmp (text, text_again) != 0)
    {
      g_printerr ("a second save changed the file\n");
      abort ();
    }

  renderer = kiku_renderer_new ();
  n_pages = kiku_list_get_length (kiku_article_get_pages (article));
  for (guint i = 0; i < MIN (n_pages, 3); i++)
    {
      g_autofree char *page = kiku_renderer_render_page (renderer, article, i);

      if (!g_utf8_validate (page, -1, NULL))
        abort ();
    }
  fragment = kiku_renderer_render_fragment (renderer, article);

  /* What a crafted file says it published, as the next publish reads it. */
  {
    g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (article, "Local folder");

    if (record != NULL)
      {
        g_autoptr(GDateTime) time = kiku_publish_record_dup_time (record);
        g_autofree char *as_json = kiku_publish_record_to_string (record);

        (void)kiku_publish_record_get_url (record);
        (void)kiku_publish_record_get_hash (record);
        (void)kiku_publish_record_get_remote_id (record);
        (void)kiku_publish_record_get_status (record);
      }
  }

  problems = kiku_article_validate_with (article, no_disk, NULL);
  for (guint i = 0; i < problems->len; i++)
    if (!g_utf8_validate (kiku_problem_get_message (g_ptr_array_index (problems, i)), -1, NULL))
      abort ();

  return 0;
}
