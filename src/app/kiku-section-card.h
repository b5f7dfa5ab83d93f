/* kiku-section-card.h: the card that edits one section and its blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-editor.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SECTION_CARD (kiku_section_card_get_type ())

G_DECLARE_FINAL_TYPE (KikuSectionCard, kiku_section_card, KIKU, SECTION_CARD, GtkBox)

GtkWidget   *kiku_section_card_new         (KikuEditor      *editor,
                                            KikuSection     *section);
KikuSection *kiku_section_card_get_section (KikuSectionCard *self);
void         kiku_section_card_set_place   (KikuSectionCard *self,
                                            guint            index,
                                            guint            n_items);

G_END_DECLS
