/* kiku-publish-record.h: what an article records of its publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kiku-article.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISH_RECORD (kiku_publish_record_get_type ())

typedef struct _KikuPublishRecord KikuPublishRecord;

GType               kiku_publish_record_get_type      (void) G_GNUC_CONST;
KikuPublishRecord  *kiku_publish_record_new           (const char        *site,
                                                       JsonObject        *details);
KikuPublishRecord  *kiku_publish_record_ref           (KikuPublishRecord *self);
void                kiku_publish_record_unref         (KikuPublishRecord *self);
const char         *kiku_publish_record_get_site      (KikuPublishRecord *self);
const char         *kiku_publish_record_get_url       (KikuPublishRecord *self);
const char         *kiku_publish_record_get_hash      (KikuPublishRecord *self);
GDateTime          *kiku_publish_record_dup_time      (KikuPublishRecord *self);
gint64              kiku_publish_record_get_remote_id (KikuPublishRecord *self);
const char         *kiku_publish_record_get_status    (KikuPublishRecord *self);
JsonObject         *kiku_publish_record_get_details   (KikuPublishRecord *self);
char               *kiku_publish_record_to_string     (KikuPublishRecord *self);
gboolean            kiku_publish_record_equal         (KikuPublishRecord *a,
                                                       KikuPublishRecord *b);

KikuPublishRecord  *kiku_article_dup_publish_record   (KikuArticle       *article,
                                                       const char        *site);
void                kiku_article_set_publish_record   (KikuArticle       *article,
                                                       KikuPublishRecord *record);
guint               kiku_article_get_n_publish_records (KikuArticle      *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuPublishRecord, kiku_publish_record_unref)

G_END_DECLS
