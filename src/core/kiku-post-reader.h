/* kiku-post-reader.h: an article read back from what a site published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-article.h"

G_BEGIN_DECLS

#define KIKU_POST_READER_ERROR (kiku_post_reader_error_quark ())

typedef enum
{
  KIKU_POST_READER_ERROR_TOO_LARGE,
  KIKU_POST_READER_ERROR_INVALID,
} KikuPostReaderError;

/* Larger input, all parts together, is refused before it is parsed. */
#define KIKU_POST_READER_MAX_SIZE (16 * 1024 * 1024)

GQuark       kiku_post_reader_error_quark (void);

/* Reads an article back from what was published: each element of @parts is
 * one HTML document or fragment in page order: a WordPress post body (block
 * markup, pages joined by <!--nextpage-->) is one part; a folder or WebDAV
 * site's standalone pages are one part each. Markup Kiku made comes back
 * with its whole structure; other markup becomes sections (headings open
 * them) and blocks (paragraphs, images, lists) losing no text.
 * Image references are left as the published URLs/paths in the image
 * blocks (the caller downloads them). */
KikuArticle *kiku_post_reader_read (const char * const *parts, GError **error);

G_END_DECLS
