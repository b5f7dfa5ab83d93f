/* kiku-keywords-field.h: the article's keywords, as chips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_KEYWORD_CHIP (kiku_keyword_chip_get_type ())

G_DECLARE_FINAL_TYPE (KikuKeywordChip, kiku_keyword_chip, KIKU, KEYWORD_CHIP, GtkFlowBoxChild)

#define KIKU_TYPE_KEYWORDS_FIELD (kiku_keywords_field_get_type ())

G_DECLARE_FINAL_TYPE (KikuKeywordsField, kiku_keywords_field, KIKU, KEYWORDS_FIELD, GtkWidget)

const char *kiku_keyword_chip_get_keyword (KikuKeywordChip   *self);

GtkWidget  *kiku_keywords_field_new       (KikuArticle       *article);
GtkWidget  *kiku_keywords_field_get_entry (KikuKeywordsField *self);

G_END_DECLS
