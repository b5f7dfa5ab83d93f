/* kiku-document.h: an article being edited: its history, its file, its drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-article.h"
#include "kiku-history.h"

G_BEGIN_DECLS

#define KIKU_TYPE_DOCUMENT (kiku_document_get_type ())
#define KIKU_TYPE_DRAFT (kiku_draft_get_type ())

G_DECLARE_FINAL_TYPE (KikuDocument, kiku_document, KIKU, DOCUMENT, GObject)

typedef struct _KikuDraft KikuDraft;

KikuDocument *kiku_document_new                (KikuArticle          *article,
                                                const char           *drafts_dir);
KikuDocument *kiku_document_new_from_draft     (KikuDraft            *draft,
                                                const char           *drafts_dir,
                                                GError              **error);
KikuArticle  *kiku_document_get_article        (KikuDocument         *self);
KikuHistory  *kiku_document_get_history        (KikuDocument         *self);
GFile        *kiku_document_get_file           (KikuDocument         *self);
gboolean      kiku_document_get_modified       (KikuDocument         *self);
char         *kiku_document_dup_title          (KikuDocument         *self);
const char   *kiku_document_get_draft_id       (KikuDocument         *self);
void          kiku_document_set_autosave_delay (KikuDocument         *self,
                                                guint                 milliseconds);
void          kiku_document_save_async         (KikuDocument         *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      kiku_document_save_finish        (KikuDocument         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void          kiku_document_discard_draft      (KikuDocument         *self);
void          kiku_document_mark_unsaved       (KikuDocument         *self);
void          kiku_document_write_publish_record_async  (KikuDocument         *self,
                                                         const char           *site,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      kiku_document_write_publish_record_finish (KikuDocument         *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

GType         kiku_draft_get_type              (void) G_GNUC_CONST;
GPtrArray    *kiku_drafts_list                 (const char           *drafts_dir);
void          kiku_draft_free                  (KikuDraft            *draft);
KikuDraft    *kiku_draft_copy                  (const KikuDraft      *draft);
const char   *kiku_draft_get_id                (const KikuDraft      *draft);
const char   *kiku_draft_get_title             (const KikuDraft      *draft);
GFile        *kiku_draft_get_file              (const KikuDraft      *draft);
GDateTime    *kiku_draft_get_saved             (const KikuDraft      *draft);
gboolean      kiku_draft_delete                (const KikuDraft      *draft,
                                                const char           *drafts_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuDraft, kiku_draft_free)

G_END_DECLS
