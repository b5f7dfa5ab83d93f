/* src/core/kiku-post-reader.h */
#pragma once

#include "kiku-article.h"

G_BEGIN_DECLS

KikuArticle *kiku_post_reader_read (const char * const *parts, GError **error);
/* each part one HTML document or fragment in page order: a WordPress post
 * body (pages joined by <!--nextpage-->) is one part; folder/WebDAV
 * standalone pages one part each. Image references stay as published
 * URLs/paths in image blocks (the caller downloads them). */

G_END_DECLS
