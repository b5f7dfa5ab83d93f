/* kiku-block-card.h: the card that edits one block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-field.h"

G_BEGIN_DECLS

#define KIKU_TYPE_BLOCK_CARD (kiku_block_card_get_type ())

G_DECLARE_DERIVABLE_TYPE (KikuBlockCard, kiku_block_card, KIKU, BLOCK_CARD, GtkBox)

struct _KikuBlockCardClass
{
  GtkBoxClass parent_class;
};

GtkWidget        *kiku_block_card_new         (KikuFieldContext *context,
                                               KikuBlock        *block);
KikuBlock        *kiku_block_card_get_block   (KikuBlockCard    *self);
KikuFieldContext *kiku_block_card_get_context (KikuBlockCard    *self);
void              kiku_block_card_set_ends    (KikuBlockCard    *self,
                                               gboolean          first,
                                               gboolean          last);
void              kiku_block_card_add_image_chooser (KikuBlockCard *self,
                                                     GtkWidget     *row,
                                                     const char    *property,
                                                     const char    *title);

G_END_DECLS
