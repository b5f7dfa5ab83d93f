/* kiku-source-card.h: the card that edits a source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block-card.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SOURCE_CARD (kiku_source_card_get_type ())

G_DECLARE_FINAL_TYPE (KikuSourceCard, kiku_source_card, KIKU, SOURCE_CARD, KikuBlockCard)

G_END_DECLS
