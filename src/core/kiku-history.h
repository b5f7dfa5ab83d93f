/* kiku-history.h: undo and redo of every change to an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-article.h"

G_BEGIN_DECLS

#define KIKU_TYPE_HISTORY (kiku_history_get_type ())

G_DECLARE_FINAL_TYPE (KikuHistory, kiku_history, KIKU, HISTORY, GObject)

KikuHistory *kiku_history_new          (KikuArticle *article);
KikuArticle *kiku_history_get_article  (KikuHistory *self);
gboolean     kiku_history_can_undo     (KikuHistory *self);
gboolean     kiku_history_can_redo     (KikuHistory *self);
void         kiku_history_undo         (KikuHistory *self);
void         kiku_history_redo         (KikuHistory *self);
void         kiku_history_begin_group  (KikuHistory *self);
void         kiku_history_end_group    (KikuHistory *self);
void         kiku_history_break        (KikuHistory *self);
void         kiku_history_begin_unrecorded (KikuHistory *self);
void         kiku_history_end_unrecorded   (KikuHistory *self);
void         kiku_history_mark_saved   (KikuHistory *self);
guint        kiku_history_get_position (KikuHistory *self);
void         kiku_history_mark_saved_at (KikuHistory *self,
                                         guint        position);
gboolean     kiku_history_is_modified  (KikuHistory *self);
void         kiku_history_move_item    (KikuHistory *self,
                                        KikuList    *from,
                                        guint        from_position,
                                        KikuList    *to,
                                        guint        to_position);

G_END_DECLS
