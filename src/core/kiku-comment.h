/* kiku-comment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block.h"

G_BEGIN_DECLS

#define KIKU_TYPE_COMMENT (kiku_comment_get_type ())

G_DECLARE_FINAL_TYPE (KikuComment, kiku_comment, KIKU, COMMENT, KikuBlock)

KikuComment *kiku_comment_new         (void);
const char *kiku_comment_get_persona (KikuComment *self);
void        kiku_comment_set_persona (KikuComment *self,
                                      const char  *persona);
const char *kiku_comment_get_text    (KikuComment *self);
void        kiku_comment_set_text    (KikuComment *self,
                                      const char  *text);

G_END_DECLS
