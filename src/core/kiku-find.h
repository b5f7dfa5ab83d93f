/* kiku-find.h: finding and replacing text in every field of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-history.h"
#include "kiku-node.h"

G_BEGIN_DECLS

/**
 * KikuFindFlags:
 * @KIKU_FIND_NONE: case does not matter, any part of a word matches
 * @KIKU_FIND_MATCH_CASE: upper and lower case must be as in the needle
 * @KIKU_FIND_WHOLE_WORDS: a match may not start or end inside a word of a
 *   script that puts spaces between words
 */
typedef enum
{
  KIKU_FIND_NONE        = 0,
  KIKU_FIND_MATCH_CASE  = 1 << 0,
  KIKU_FIND_WHOLE_WORDS = 1 << 1,
} KikuFindFlags;

/**
 * KikuFindMatch:
 * @node: the node whose field holds the match
 * @property: (type utf8): the field, an interned property name of @node
 * @start: the byte offset of the match in the field's text
 * @end: the byte offset just after the match
 * @start_char: @start counted in characters, as GtkEditable and
 *   GtkTextBuffer count
 * @end_char: @end counted in characters
 */
typedef struct
{
  KikuNode   *node;
  const char *property;
  gsize       start;
  gsize       end;
  glong       start_char;
  glong       end_char;
} KikuFindMatch;

void                kiku_find_match_free       (KikuFindMatch *match);
const char * const *kiku_find_get_properties   (KikuNode      *node);
GPtrArray          *kiku_find_in_text          (const char    *text,
                                                const char    *needle,
                                                KikuFindFlags  flags);
GPtrArray          *kiku_find                  (KikuNode      *root,
                                                const char    *needle,
                                                KikuFindFlags  flags);
gboolean            kiku_find_replace          (KikuFindMatch *match,
                                                const char    *needle,
                                                KikuFindFlags  flags,
                                                const char    *replacement,
                                                KikuHistory   *history);
guint               kiku_find_replace_all      (KikuNode      *root,
                                                const char    *needle,
                                                KikuFindFlags  flags,
                                                const char    *replacement,
                                                KikuHistory   *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuFindMatch, kiku_find_match_free)

G_END_DECLS
