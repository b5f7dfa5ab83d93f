/* kiku-test-html.c: reading rendered HTML back in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kiku-test-html.h"

/* The text a reader sees in the body: tags removed, entities decoded, a line
 * break between elements.
 */
char *
kiku_test_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *body = strstr (html, "<body");
  const char *p = body ? body : html;

  while (*p)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');

          g_assert_nonnull (end);
          g_string_append_c (out, '\n');
          p = end + 1;
        }
      else if (*p == '&')
        {
          static const struct { const char *entity; const char *text; } entities[] = {
            { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
          };
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !found; i++)
            {
              if (g_str_has_prefix (p, entities[i].entity))
                {
                  g_string_append (out, entities[i].text);
                  p += strlen (entities[i].entity);
                  found = TRUE;
                }
            }

          if (!found)
            g_error ("an unknown entity at “%.12s”", p);
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }

  return g_string_free (out, FALSE);
}

char *
kiku_test_strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Every line appears in @text, in order, spaces aside. A line that repeats
 * one of the two before it is shown once on the page, as one field.
 */
void
kiku_test_assert_in_order (const char  *text,
                           char       **lines)
{
  g_autofree char *haystack = kiku_test_strip_spaces (text);
  const char *position = haystack;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *needle = kiku_test_strip_spaces (lines[i]);
      gboolean repeat = FALSE;
      const char *found;

      if (needle[0] == '\0')
        continue;

      for (guint back = 1; back <= 2 && back <= seen->len; back++)
        if (g_str_equal (g_ptr_array_index (seen, seen->len - back), needle))
          repeat = TRUE;

      if (!repeat)
        {
          if (!(found = strstr (position, needle)))
            g_error ("line %u is not on the page after what came before it: “%s”", i + 1, lines[i]);
          position = found + strlen (needle);
        }

      g_ptr_array_add (seen, g_steal_pointer (&needle));
    }
}
