/* kiku-find.c: finding and replacing text in every field of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-find"

#include "config.h"

#include <string.h>

#include "kiku-article.h"
#include "kiku-comment.h"
#include "kiku-find.h"
#include "kiku-image.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-section.h"
#include "kiku-source.h"

/* The fields a writer writes prose in, in the order the form shows them.
 * Addresses, file names, the slug, dates and the language are left out:
 * replacing a word of the text should not change where the article lives
 * or which image it shows.
 */
static const char * const article_fields[] = { "title", "subtitle", "summary", "intro", "author", NULL };
static const char * const page_fields[] = { "teaser", NULL };
static const char * const section_fields[] = { "heading", "question", "answer", NULL };
static const char * const text_fields[] = { "text", NULL };
static const char * const source_fields[] = { "title", "publisher", "image-credit", NULL };
static const char * const image_fields[] = { "caption", "credit", "alt", NULL };
static const char * const no_fields[] = { NULL };

/* Upper and lower case are the same letter unless the case must match. */
static inline gboolean
same_char (gunichar      a,
           gunichar      b,
           KikuFindFlags flags)
{
  if (a == b)
    return TRUE;
  if (flags & KIKU_FIND_MATCH_CASE)
    return FALSE;

  return g_unichar_tolower (a) == g_unichar_tolower (b) ||
         g_unichar_toupper (a) == g_unichar_toupper (b);
}

/* Whole words. Japanese, Chinese, Thai and a few other scripts write words
 * without spaces between them, so where a word ends cannot be told from the
 * characters. A match is therefore refused as "not a whole word" only where,
 * at one of its two edges, the characters on both sides are word characters
 * (letters, digits, marks, connectors such as "_") of a script that puts
 * spaces between words: "cat" is not found in "concatenate" but is in
 * "cat's", while 猫 is found in 黒猫です and "API" in "APIを使う".
 */
static gboolean
is_spaced_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_CONNECT_PUNCTUATION:
      break;

    default:
      return FALSE;
    }

  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_BOPOMOFO:
    case G_UNICODE_SCRIPT_YI:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
    case G_UNICODE_SCRIPT_TIBETAN:
      return FALSE;

    default:
      return TRUE;
    }
}

static gboolean
is_word_edge (const char *text,
              const char *before_end,
              const char *edge)
{
  gunichar before, after;

  if (edge == text || *edge == '\0')
    return TRUE;

  before = g_utf8_get_char (before_end);
  after = g_utf8_get_char (edge);

  return !(is_spaced_word_char (before) && is_spaced_word_char (after));
}

static KikuFindMatch *
match_new (KikuNode   *node,
           const char *property,
           gsize       start,
           gsize       end,
           glong       start_char,
           glong       end_char)
{
  KikuFindMatch *match = g_new0 (KikuFindMatch, 1);

  match->node = node ? g_object_ref (node) : NULL;
  match->property = property;
  match->start = start;
  match->end = end;
  match->start_char = start_char;
  match->end_char = end_char;

  return match;
}

void
kiku_find_match_free (KikuFindMatch *match)
{
  if (match == NULL)
    return;

  g_clear_object (&match->node);
  g_free (match);
}

/**
 * kiku_find_get_properties:
 *
 * Returns: (transfer none): the names of the text fields of @node that
 *   finding goes through, in the order the form shows them
 */
const char * const *
kiku_find_get_properties (KikuNode *node)
{
  g_return_val_if_fail (KIKU_IS_NODE (node), no_fields);

  if (KIKU_IS_ARTICLE (node))
    return article_fields;
  if (KIKU_IS_PAGE (node))
    return page_fields;
  if (KIKU_IS_SECTION (node))
    return section_fields;
  if (KIKU_IS_PARAGRAPH (node) || KIKU_IS_COMMENT (node) || KIKU_IS_POINT (node))
    return text_fields;
  if (KIKU_IS_SOURCE (node))
    return source_fields;
  if (KIKU_IS_IMAGE (node))
    return image_fields;

  return no_fields;
}

/**
 * kiku_find_in_text:
 * @text: (nullable): where to look
 * @needle: what to look for
 *
 * Finds @needle in @text, the matches apart from one another, from the
 * start. An empty needle matches nothing.
 *
 * Returns: (transfer container) (element-type KikuFindMatch): the matches,
 *   with no node or property
 */
GPtrArray *
kiku_find_in_text (const char    *text,
                   const char    *needle,
                   KikuFindFlags  flags)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_find_match_free);
  glong needle_chars;
  const char *p, *previous = NULL;
  glong index = 0;

  g_return_val_if_fail (needle != NULL, matches);

  if (text == NULL || *needle == '\0' ||
      !g_utf8_validate (text, -1, NULL) || !g_utf8_validate (needle, -1, NULL))
    return matches;

  needle_chars = g_utf8_strlen (needle, -1);

  for (p = text; *p != '\0'; )
    {
      const char *q = p, *n = needle, *last = NULL;

      while (*n != '\0' && *q != '\0' &&
             same_char (g_utf8_get_char (q), g_utf8_get_char (n), flags))
        {
          last = q;
          q = g_utf8_next_char (q);
          n = g_utf8_next_char (n);
        }

      if (*n == '\0' &&
          (!(flags & KIKU_FIND_WHOLE_WORDS) ||
           (is_word_edge (text, previous, p) && is_word_edge (text, last, q))))
        {
          g_ptr_array_add (matches, match_new (NULL, NULL, p - text, q - text,
                                               index, index + needle_chars));
          previous = last;
          p = q;
          index += needle_chars;
          continue;
        }

      previous = p;
      p = g_utf8_next_char (p);
      index++;
    }

  return matches;
}

typedef struct
{
  const char    *needle;
  KikuFindFlags  flags;
  GPtrArray     *matches;
} FindData;

static KikuWalk
find_in_node (KikuNode *node,
              guint     depth,
              gpointer  user_data)
{
  FindData *data = user_data;
  const char * const *fields = kiku_find_get_properties (node);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) found = NULL;

      g_object_get (node, fields[i], &text, NULL);
      found = kiku_find_in_text (text, data->needle, data->flags);

      for (guint j = 0; j < found->len; j++)
        {
          KikuFindMatch *match = g_ptr_array_index (found, j);

          match->node = g_object_ref (node);
          match->property = g_intern_static_string (fields[i]);
          g_ptr_array_add (data->matches, g_steal_pointer (&found->pdata[j]));
        }
    }

  return KIKU_WALK_CONTINUE;
}

/**
 * kiku_find:
 * @root: the article, or any node in it
 * @needle: what to look for
 *
 * Finds @needle in every text field of @root and the nodes below it, in
 * the order of the file: a node's own fields, then what its lists hold
 * (the article's key points, its pages, their sections and blocks, the
 * points of a source).
 *
 * Returns: (transfer container) (element-type KikuFindMatch): the matches
 */
GPtrArray *
kiku_find (KikuNode      *root,
           const char    *needle,
           KikuFindFlags  flags)
{
  FindData data = { needle, flags, NULL };

  g_return_val_if_fail (KIKU_IS_NODE (root), NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  data.matches = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_find_match_free);
  if (*needle != '\0')
    kiku_node_walk (root, find_in_node, &data);

  return data.matches;
}

/* The field's text with each match replaced, @matches all of the field. */
static char *
replace_in_text (const char    *text,
                 GPtrArray     *matches,
                 guint          first,
                 guint          last,
                 const char    *replacement)
{
  GString *result = g_string_new (NULL);
  gsize done = 0;

  for (guint i = first; i < last; i++)
    {
      KikuFindMatch *match = g_ptr_array_index (matches, i);

      g_string_append_len (result, text + done, match->start - done);
      g_string_append (result, replacement);
      done = match->end;
    }
  g_string_append (result, text + done);

  return g_string_free (result, FALSE);
}

/**
 * kiku_find_replace:
 * @match: a match kiku_find() gave
 * @needle: what was looked for
 * @history: (nullable): the article's history, to make the change one step
 *
 * Replaces the text of @match with @replacement, if the field still has
 * @needle there.
 *
 * Returns: whether it replaced
 */
gboolean
kiku_find_replace (KikuFindMatch *match,
                   const char    *needle,
                   KikuFindFlags  flags,
                   const char    *replacement,
                   KikuHistory   *history)
{
  g_autofree char *text = NULL;
  g_autofree char *replaced = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) one = NULL;

  g_return_val_if_fail (match != NULL && KIKU_IS_NODE (match->node), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);
  g_return_val_if_fail (replacement != NULL, FALSE);
  g_return_val_if_fail (history == NULL || KIKU_IS_HISTORY (history), FALSE);

  g_object_get (match->node, match->property, &text, NULL);
  found = kiku_find_in_text (text, needle, flags);

  one = g_ptr_array_new ();
  for (guint i = 0; i < found->len; i++)
    {
      KikuFindMatch *m = g_ptr_array_index (found, i);

      if (m->start == match->start && m->end == match->end)
        g_ptr_array_add (one, m);
    }
  if (one->len == 0)
    return FALSE;

  replaced = replace_in_text (text, one, 0, 1, replacement);

  if (history != NULL)
    {
      kiku_history_break (history);
      kiku_history_begin_group (history);
    }
  g_object_set (match->node, match->property, replaced, NULL);
  if (history != NULL)
    kiku_history_end_group (history);

  return TRUE;
}

/**
 * kiku_find_replace_all:
 * @root: the article, or any node in it
 * @history: (nullable): the article's history: the replacements are one
 *   step in it, undone together
 *
 * Replaces every match kiku_find() finds with @replacement.
 *
 * Returns: how many matches were replaced
 */
guint
kiku_find_replace_all (KikuNode      *root,
                       const char    *needle,
                       KikuFindFlags  flags,
                       const char    *replacement,
                       KikuHistory   *history)
{
  g_autoptr(GPtrArray) matches = NULL;
  guint first = 0;

  g_return_val_if_fail (KIKU_IS_NODE (root), 0);
  g_return_val_if_fail (needle != NULL, 0);
  g_return_val_if_fail (replacement != NULL, 0);
  g_return_val_if_fail (history == NULL || KIKU_IS_HISTORY (history), 0);

  matches = kiku_find (root, needle, flags);
  if (matches->len == 0)
    return 0;

  if (history != NULL)
    {
      kiku_history_break (history);
      kiku_history_begin_group (history);
    }

  /* The matches of one field are next to one another: one change each. */
  while (first < matches->len)
    {
      KikuFindMatch *match = g_ptr_array_index (matches, first);
      g_autofree char *text = NULL;
      g_autofree char *replaced = NULL;
      guint last = first + 1;

      while (last < matches->len &&
             ((KikuFindMatch *)g_ptr_array_index (matches, last))->node == match->node &&
             ((KikuFindMatch *)g_ptr_array_index (matches, last))->property == match->property)
        last++;

      g_object_get (match->node, match->property, &text, NULL);
      replaced = replace_in_text (text, matches, first, last, replacement);
      g_object_set (match->node, match->property, replaced, NULL);

      first = last;
    }

  if (history != NULL)
    kiku_history_end_group (history);

  return matches->len;
}
