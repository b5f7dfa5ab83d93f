/* kiku-theme-private.h: the fixed words of the digest theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The renderer writes these into every page, and the importer finds them
 * again in the text a browser copies from such a page: one spelling serves
 * both. The theme's words are in the language of the article (Japanese,
 * with English for other languages), never in the UI's.
 */

/* The marks that open the key points box, a key point and a source point. */
#define KIKU_THEME_KEY_POINTS_MARK   "📘"
#define KIKU_THEME_KEY_POINT_MARK    "💡"
#define KIKU_THEME_SOURCE_POINT_MARK "✅"

/* The arrow after "read more" and "read the next page". */
#define KIKU_THEME_ARROW             "⇒"

#define KIKU_THEME_KEY_POINTS_JA     KIKU_THEME_KEY_POINTS_MARK " この記事で分かる事!"
#define KIKU_THEME_KEY_POINTS_EN     KIKU_THEME_KEY_POINTS_MARK " What this article tells you"

#define KIKU_THEME_READ_MORE_WORDS_JA "さらに読む"
#define KIKU_THEME_READ_MORE_JA      KIKU_THEME_READ_MORE_WORDS_JA " " KIKU_THEME_ARROW
#define KIKU_THEME_READ_MORE_EN      "Read more " KIKU_THEME_ARROW

#define KIKU_THEME_NEXT_PAGE_WORDS_JA "次のページを読む"
#define KIKU_THEME_NEXT_PAGE_JA      KIKU_THEME_NEXT_PAGE_WORDS_JA " " KIKU_THEME_ARROW
#define KIKU_THEME_NEXT_PAGE_EN      "Read the next page " KIKU_THEME_ARROW

/* The credit before a source's address, and the date it was published. */
#define KIKU_THEME_SOURCE_WORDS_JA   "出典/画像元"
#define KIKU_THEME_SOURCE_JA         KIKU_THEME_SOURCE_WORDS_JA ":"
#define KIKU_THEME_SOURCE_EN         "Source / image:"

#define KIKU_THEME_PUBLISHED_WORDS_JA "公開日"
#define KIKU_THEME_PUBLISHED_JA      KIKU_THEME_PUBLISHED_WORDS_JA ":"
#define KIKU_THEME_PUBLISHED_EN      "Published: "
