/* kiku-image-file.h: which local files an article may use as images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-types.h"

G_BEGIN_DECLS

#define KIKU_IMAGE_ERROR (kiku_image_error_quark ())

/* The largest image file Kiku reads. */
#define KIKU_IMAGE_MAX_SIZE (32 * 1024 * 1024)

typedef struct _KikuImageAccess KikuImageAccess;

GQuark           kiku_image_error_quark          (void);

const char      *kiku_image_sniff                (const guint8        *data,
                                                  gsize                length,
                                                  GError             **error);

KikuImageAccess *kiku_image_access_new           (KikuArticle         *article);
KikuImageAccess *kiku_image_access_ref           (KikuImageAccess     *self);
void             kiku_image_access_unref         (KikuImageAccess     *self);
GFile           *kiku_image_access_resolve       (KikuImageAccess     *self,
                                                  const char          *reference);
GBytes          *kiku_image_access_read          (KikuImageAccess     *self,
                                                  const char          *reference,
                                                  const char         **content_type,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void             kiku_image_access_read_async    (KikuImageAccess     *self,
                                                  const char          *reference,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes          *kiku_image_access_read_finish   (GAsyncResult        *result,
                                                  const char         **content_type,
                                                  GError             **error);
gboolean         kiku_article_check_image        (KikuArticle         *article,
                                                  const char          *reference,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

gboolean         kiku_article_choose_image       (KikuArticle         *article,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void             kiku_article_choose_image_async (KikuArticle         *article,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         kiku_article_choose_image_finish (KikuArticle        *article,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean         kiku_article_is_image_chosen    (KikuArticle         *article,
                                                  const char          *checksum);

char            *kiku_article_import_image        (KikuArticle         *article,
                                                   GFile               *file,
                                                   GBytes              *bytes,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void             kiku_article_import_images_async (KikuArticle         *article,
                                                   GPtrArray           *files,
                                                   GBytes              *bytes,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char           **kiku_article_import_images_finish (KikuArticle        *article,
                                                    GAsyncResult       *result,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuImageAccess, kiku_image_access_unref)

G_END_DECLS
