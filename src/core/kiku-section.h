/* kiku-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-node.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SECTION (kiku_section_get_type ())

G_DECLARE_FINAL_TYPE (KikuSection, kiku_section, KIKU, SECTION, KikuNode)

KikuSection *kiku_section_new          (void);
const char *kiku_section_get_heading  (KikuSection *self);
void        kiku_section_set_heading  (KikuSection *self,
                                       const char  *heading);
const char *kiku_section_get_question (KikuSection *self);
void        kiku_section_set_question (KikuSection *self,
                                       const char  *question);
const char *kiku_section_get_answer   (KikuSection *self);
void        kiku_section_set_answer   (KikuSection *self,
                                       const char  *answer);
KikuList   *kiku_section_get_blocks   (KikuSection *self);

G_END_DECLS
