/* kiku-editor-private.h: what the form shares with its cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-editor.h"
#include "kiku-field.h"

G_BEGIN_DECLS

typedef GtkWidget *(*KikuCardFactory) (gpointer   data,
                                       gpointer   item);
typedef void       (*KikuCardPlaced)  (gpointer   data,
                                       GtkWidget *card,
                                       guint      index,
                                       guint      n_items);

typedef struct _KikuCardList KikuCardList;

KikuCardList     *_kiku_card_list_new      (KikuEditor      *editor,
                                            KikuList        *model,
                                            GtkWidget       *box,
                                            GtkWidget       *anchor,
                                            KikuCardFactory  create,
                                            KikuCardPlaced   placed,
                                            gpointer         data);
void              _kiku_card_list_free     (KikuCardList    *list);
KikuFieldContext *_kiku_editor_get_context (KikuEditor      *self);

G_END_DECLS
