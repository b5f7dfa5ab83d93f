/* kiku-comment-card.h: the card that edits a persona comment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block-card.h"

G_BEGIN_DECLS

#define KIKU_TYPE_COMMENT_CARD (kiku_comment_card_get_type ())

G_DECLARE_FINAL_TYPE (KikuCommentCard, kiku_comment_card, KIKU, COMMENT_CARD, KikuBlockCard)

G_END_DECLS
