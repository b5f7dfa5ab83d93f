/* kiku-export.h: an article as a folder of static pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-article.h"
#include "kiku-renderer.h"

G_BEGIN_DECLS

void     kiku_article_export_async  (KikuArticle          *article,
                                     KikuRenderer         *renderer,
                                     GFile                *folder,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean kiku_article_export_finish (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
