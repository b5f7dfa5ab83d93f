/* kiku-publish-record.h: what an article records of its publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kiku-article.h"

G_BEGIN_DECLS

JsonObject   *kiku_article_dup_publish_record (KikuArticle *article,
                                               const char  *site);
void          kiku_article_set_publish_record (KikuArticle *article,
                                               const char  *site,
                                               JsonObject  *record);

G_END_DECLS
