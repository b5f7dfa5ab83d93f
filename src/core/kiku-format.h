/* kiku-format.h: the .kiku file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-article.h"

G_BEGIN_DECLS

#define KIKU_FORMAT_ERROR (kiku_format_error_quark ())

/* The value of the "format" member of every article file. */
#define KIKU_FORMAT_NAME      "kiku-article"
/* The newest version of the format this build reads and the one it writes. */
#define KIKU_FORMAT_VERSION   1
/* Larger files are refused before they are read. */
#define KIKU_FORMAT_MAX_SIZE  (64 * 1024 * 1024)
/* Deeper nesting of arrays and objects is refused before it is parsed. */
#define KIKU_FORMAT_MAX_DEPTH 64

GQuark       kiku_format_error_quark    (void);

KikuArticle *kiku_article_new_from_data (const char           *data,
                                         gsize                 length,
                                         GFile                *file,
                                         GError              **error);
KikuArticle *kiku_article_new_from_file (GFile                *file,
                                         GCancellable         *cancellable,
                                         GError              **error);
void         kiku_article_load_async    (GFile                *file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
KikuArticle *kiku_article_load_finish   (GAsyncResult         *result,
                                         GError              **error);
char        *kiku_article_serialize     (KikuArticle          *self,
                                         GFile                *destination,
                                         gsize                *length);
gboolean     kiku_article_save          (KikuArticle          *self,
                                         GFile                *file,
                                         GCancellable         *cancellable,
                                         GError              **error);
void         kiku_article_save_async    (KikuArticle          *self,
                                         GFile                *file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean     kiku_article_save_finish   (KikuArticle          *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
