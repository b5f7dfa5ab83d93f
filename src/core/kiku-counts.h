/* kiku-counts.h: how much there is to read in an article and in each page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-article.h"

G_BEGIN_DECLS

/**
 * KikuCount:
 * @characters: characters other than white space
 * @words: words of the scripts that put spaces between words
 * @cjk: characters of the scripts that do not (Han, kana, Hangul), which
 *   are read one by one rather than as words
 */
typedef struct
{
  guint characters;
  guint words;
  guint cjk;
} KikuCount;

/* The reading rates the reading time is figured from. */
#define KIKU_WORDS_PER_MINUTE      230
#define KIKU_CJK_CHARS_PER_MINUTE  500

void     kiku_count_text             (const char      *text,
                                      KikuCount       *count);
guint    kiku_count_reading_minutes  (const KikuCount *count);

#define KIKU_TYPE_COUNTS (kiku_counts_get_type ())

G_DECLARE_FINAL_TYPE (KikuCounts, kiku_counts, KIKU, COUNTS, GObject)

KikuCounts  *kiku_counts_new         (KikuArticle *article);
KikuArticle *kiku_counts_get_article (KikuCounts  *self);
void         kiku_counts_get_total   (KikuCounts  *self,
                                      KikuCount   *count);
void         kiku_counts_get_page    (KikuCounts  *self,
                                      guint        page,
                                      KikuCount   *count);

G_END_DECLS
