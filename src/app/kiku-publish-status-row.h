/* kiku-publish-status-row.h: one site the article was published to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISH_STATUS_ROW (kiku_publish_status_row_get_type ())
G_DECLARE_FINAL_TYPE (KikuPublishStatusRow, kiku_publish_status_row, KIKU, PUBLISH_STATUS_ROW, AdwActionRow)

GtkWidget *kiku_publish_status_row_new (KikuArticle       *article,
                                        KikuSite          *site,
                                        KikuPublishRecord *record);

G_END_DECLS
