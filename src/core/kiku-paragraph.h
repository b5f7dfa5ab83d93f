/* kiku-paragraph.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PARAGRAPH (kiku_paragraph_get_type ())

G_DECLARE_FINAL_TYPE (KikuParagraph, kiku_paragraph, KIKU, PARAGRAPH, KikuBlock)

KikuParagraph *kiku_paragraph_new      (void);
const char *kiku_paragraph_get_text (KikuParagraph *self);
void        kiku_paragraph_set_text (KikuParagraph *self,
                                     const char    *text);

G_END_DECLS
