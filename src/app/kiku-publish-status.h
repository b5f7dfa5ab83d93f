/* kiku-publish-status.h: where the article was published, at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISH_STATUS (kiku_publish_status_get_type ())
G_DECLARE_FINAL_TYPE (KikuPublishStatus, kiku_publish_status, KIKU, PUBLISH_STATUS, GtkPopover)

KikuPublishStatus *kiku_publish_status_new         (void);
void               kiku_publish_status_set_article (KikuPublishStatus *self,
                                                    KikuArticle       *article);
gboolean           kiku_publish_status_has_records (KikuArticle       *article);

G_END_DECLS
