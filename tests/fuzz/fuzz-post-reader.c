/* fuzz-post-reader.c: published HTML → article → block markup → article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kiku.h"
#include "kiku-html-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_reference (const char *what,
                 const char *reference,
                 KikuUrlUse  use)
{
  if (reference != NULL && !_kiku_url_is_allowed (reference, use))
    {
      g_printerr ("an unsafe %s reached the article: %s\n", what, reference);
      abort ();
    }
}

static void
check_text (const char *text)
{
  for (const char *p = text; p != NULL && *p; p++)
    if ((guchar)*p < 0x20 && *p != '\n' && *p != '\t')
      {
        g_printerr ("a control character reached the article\n");
        abort ();
      }
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_printerr ("text that is not UTF-8 reached the article\n");
      abort ();
    }
}

static KikuWalk
check_node (KikuNode *node,
            guint     depth,
            gpointer  user_data)
{
  if (KIKU_IS_IMAGE (node))
    {
      check_reference ("image", kiku_image_get_src (KIKU_IMAGE (node)), KIKU_URL_IMAGE);
      check_text (kiku_image_get_caption (KIKU_IMAGE (node)));
      check_text (kiku_image_get_alt (KIKU_IMAGE (node)));
    }
  else if (KIKU_IS_SOURCE (node))
    {
      check_reference ("source address", kiku_source_get_url (KIKU_SOURCE (node)), KIKU_URL_LINK);
      check_reference ("source image", kiku_source_get_image (KIKU_SOURCE (node)), KIKU_URL_IMAGE);
      check_text (kiku_source_get_title (KIKU_SOURCE (node)));
    }
  else if (KIKU_IS_PARAGRAPH (node))
    check_text (kiku_paragraph_get_text (KIKU_PARAGRAPH (node)));
  else if (KIKU_IS_SECTION (node))
    check_text (kiku_section_get_heading (KIKU_SECTION (node)));

  return KIKU_WALK_CONTINUE;
}

/* The input is one part, or several parted by NUL bytes. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) again = NULL;
  g_autoptr(KikuRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fragment = NULL;
  const char *start = (const char *)data;
  const char *end = start + size;

  while (start <= end)
    {
      const char *nul = memchr (start, '\0', end - start);
      const char *stop = nul ? nul : end;

      g_ptr_array_add (parts, g_strndup (start, stop - start));
      start = stop + 1;
    }
  g_ptr_array_add (parts, NULL);

  if (!(article = kiku_post_reader_read ((const char *const *)parts->pdata, &error)))
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  kiku_node_walk (KIKU_NODE (article), check_node, NULL);
  check_text (kiku_article_get_title (article));
  check_text (kiku_article_get_slug (article));

  /* What was read publishes and reads back. */
  renderer = kiku_renderer_new ();
  fragment = kiku_renderer_render_fragment (renderer, article);
  {
    const char *again_parts[] = { fragment, NULL };

    g_clear_error (&error);
    if (!(again = kiku_post_reader_read (again_parts, &error)))
      {
        g_printerr ("an article read from a post does not read back once rendered: %s\n", error->message);
        abort ();
      }
  }

  return 0;
}
