/* kiku-image-card.h: the card that edits an image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block-card.h"

G_BEGIN_DECLS

#define KIKU_TYPE_IMAGE_CARD (kiku_image_card_get_type ())

G_DECLARE_FINAL_TYPE (KikuImageCard, kiku_image_card, KIKU, IMAGE_CARD, KikuBlockCard)

G_END_DECLS
