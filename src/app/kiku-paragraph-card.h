/* kiku-paragraph-card.h: the card that edits a paragraph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block-card.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PARAGRAPH_CARD (kiku_paragraph_card_get_type ())

G_DECLARE_FINAL_TYPE (KikuParagraphCard, kiku_paragraph_card, KIKU, PARAGRAPH_CARD, KikuBlockCard)

G_END_DECLS
