/* kiku-markdown.c: CommonMark to HTML, with no way for text to make markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-markdown"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "kiku-html-private.h"

void
_kiku_html_append_escaped (GString    *out,
                           const char *text)
{
  const char *run = text;

  if (text == NULL)
    return;

  for (const char *p = text; *p; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append (out, run);
}

void
_kiku_html_append_attr (GString    *out,
                        const char *name,
                        const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  _kiku_html_append_escaped (out, value);
  g_string_append_c (out, '"');
}

/* Browsers ignore tabs and line breaks inside a URL's scheme and trim
 * control characters and spaces around it, so "java\nscript:" is a
 * javascript: URL. Find the scheme the way they would.
 */
static char *
dup_scheme (const char *url)
{
  GString *scheme = g_string_new (NULL);

  while (*url && (guchar)*url <= ' ')
    url++;

  for (const char *p = url; *p; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        continue;
      if (*p == ':')
        return g_string_free (scheme, FALSE);
      if (*p == '/' || *p == '?' || *p == '#' || *p == '\\')
        break;
      g_string_append_c (scheme, g_ascii_tolower (*p));
    }

  g_string_free (scheme, TRUE);

  return NULL;
}

gboolean
_kiku_url_is_web (const char *url)
{
  g_autofree char *scheme = NULL;

  if (url == NULL || !(scheme = dup_scheme (url)))
    return FALSE;

  return g_str_equal (scheme, "http") || g_str_equal (scheme, "https");
}

/* Links and images may only go to the web or to the article's own files:
 * http, https, or a relative path. An image may also be inline data of a
 * common raster format.
 */
gboolean
_kiku_url_is_allowed (const char *url,
                      KikuUrlUse  use)
{
  g_autofree char *scheme = NULL;
  const char *p = url;

  if (url == NULL || url[0] == '\0')
    return FALSE;

  while (*p && (guchar)*p <= ' ')
    p++;

  /* "//host/path" and "\\host" leave the site: not a relative path. */
  if ((p[0] == '/' || p[0] == '\\') && (p[1] == '/' || p[1] == '\\'))
    return FALSE;

  if (!(scheme = dup_scheme (url)))
    return TRUE;

  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    return TRUE;

  if (use == KIKU_URL_IMAGE && g_str_equal (scheme, "data"))
    {
      static const char *types[] = { "png", "jpeg", "gif", "webp" };
      const char *rest = strchr (p, ':') + 1;

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        {
          g_autofree char *prefix = g_strdup_printf ("image/%s;base64,", types[i]);

          if (g_ascii_strncasecmp (rest, prefix, strlen (prefix)) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* The text inside @node. Images nest in images as deep as the input says
 * ("![" 400 000 times): cmark's iterator walks them without recursion.
 */
static void
append_alt_text (GString    *out,
                 cmark_node *node)
{
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);
      const char *literal;

      if (event == CMARK_EVENT_ENTER && child != node && (literal = cmark_node_get_literal (child)))
        g_string_append (out, literal);
    }

  cmark_iter_free (iter);
}

/* Writes the HTML of a parsed document. Raw HTML is never passed through,
 * and a link or image to anything but the allowed URLs loses its target and
 * keeps its text.
 */
static void
append_node (GString    *out,
             cmark_node *root,
             gboolean    inline_only)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  /* Each link that is written, so that its close tag follows only then. */
  GArray *open_links = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gboolean first_block = TRUE;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = event == CMARK_EVENT_ENTER;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_DOCUMENT:
          break;

        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
          if (inline_only)
            {
              /* One line of text: blocks after the first join with a break. */
              if (entering && !first_block)
                g_string_append (out, "<br>");
              first_block = FALSE;
            }
          else if (cmark_node_get_type (cmark_node_parent (node)) == CMARK_NODE_ITEM &&
                   cmark_node_get_list_tight (cmark_node_parent (cmark_node_parent (node))))
            {
              /* Tight lists have no paragraphs. */
            }
          else
            {
              g_string_append (out, entering ? "<p>" : "</p>\n");
            }
          break;

        case CMARK_NODE_BLOCK_QUOTE:
          if (!inline_only)
            g_string_append (out, entering ? "<blockquote>\n" : "</blockquote>\n");
          break;

        case CMARK_NODE_LIST:
          if (!inline_only)
            {
              gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;

              if (entering)
                g_string_append (out, ordered ? "<ol>\n" : "<ul>\n");
              else
                g_string_append (out, ordered ? "</ol>\n" : "</ul>\n");
            }
          break;

        case CMARK_NODE_ITEM:
          if (inline_only)
            {
              if (entering && !first_block)
                g_string_append (out, "<br>");
            }
          else
            {
              g_string_append (out, entering ? "<li>" : "</li>\n");
            }
          break;

        case CMARK_NODE_CODE_BLOCK:
          if (!inline_only)
            g_string_append (out, "<pre><code>");
          else if (!first_block)
            g_string_append (out, "<br>");
          first_block = FALSE;
          _kiku_html_append_escaped (out, cmark_node_get_literal (node));
          if (!inline_only)
            g_string_append (out, "</code></pre>\n");
          break;

        case CMARK_NODE_THEMATIC_BREAK:
          if (!inline_only)
            g_string_append (out, "<hr>\n");
          break;

        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
          /* Raw HTML is dropped, never written. */
          break;

        case CMARK_NODE_TEXT:
          _kiku_html_append_escaped (out, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, '\n');
          break;

        case CMARK_NODE_LINEBREAK:
          g_string_append (out, "<br>\n");
          break;

        case CMARK_NODE_CODE:
          g_string_append (out, "<code>");
          _kiku_html_append_escaped (out, cmark_node_get_literal (node));
          g_string_append (out, "</code>");
          break;

        case CMARK_NODE_EMPH:
          g_string_append (out, entering ? "<em>" : "</em>");
          break;

        case CMARK_NODE_STRONG:
          g_string_append (out, entering ? "<strong>" : "</strong>");
          break;

        case CMARK_NODE_LINK:
          if (entering)
            {
              gboolean allowed = _kiku_url_is_allowed (cmark_node_get_url (node), KIKU_URL_LINK);

              g_array_append_val (open_links, allowed);
              if (allowed)
                {
                  const char *title = cmark_node_get_title (node);

                  g_string_append (out, "<a");
                  _kiku_html_append_attr (out, "href", cmark_node_get_url (node));
                  if (title != NULL && title[0] != '\0')
                    _kiku_html_append_attr (out, "title", title);
                  g_string_append_c (out, '>');
                }
            }
          else
            {
              gboolean allowed = g_array_index (open_links, gboolean, open_links->len - 1);

              g_array_set_size (open_links, open_links->len - 1);
              if (allowed)
                g_string_append (out, "</a>");
            }
          break;

        case CMARK_NODE_IMAGE:
          if (entering)
            {
              g_autoptr(GString) alt = g_string_new (NULL);

              append_alt_text (alt, node);
              if (_kiku_url_is_allowed (cmark_node_get_url (node), KIKU_URL_IMAGE))
                {
                  g_string_append (out, "<img");
                  _kiku_html_append_attr (out, "src", cmark_node_get_url (node));
                  _kiku_html_append_attr (out, "alt", alt->str);
                  g_string_append_c (out, '>');
                }
              else
                {
                  _kiku_html_append_escaped (out, alt->str);
                }

              /* The alt text is written; skip the children. */
              cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
            }
          break;

        case CMARK_NODE_NONE:
        default:
          break;
        }
    }

  g_array_unref (open_links);
  cmark_iter_free (iter);
}

/* Most text in an article is one line of prose with no markup at all. Such
 * text is one paragraph holding the text itself, and cmark's parser need
 * not be started for it: the same HTML comes out, at a fraction of the cost.
 */
static gboolean
is_plain (const char *text)
{
  const guchar first = text[0];
  gsize length = 0;

  /* What could open a block: a heading, a quote, a list, a code block. */
  if (g_ascii_isspace (first) || g_ascii_isdigit (first) || strchr ("#>-+=|", first) != NULL)
    return FALSE;

  for (const char *p = text; *p; p++, length++)
    {
      /* Inline markup, entities, escapes and line breaks. */
      if (strchr ("\\`*_[]<>!&~\n\r", *p) != NULL)
        return FALSE;
    }

  return !g_ascii_isspace (text[length - 1]);
}

/* Appends the HTML of CommonMark @text. With @inline_only, the result has
 * no block elements and can stand inside a <p>.
 */
void
_kiku_markdown_append (GString    *out,
                       const char *text,
                       gboolean    inline_only)
{
  cmark_node *document;

  if (text == NULL || text[0] == '\0')
    return;

  if (is_plain (text))
    {
      if (!inline_only)
        g_string_append (out, "<p>");
      _kiku_html_append_escaped (out, text);
      if (!inline_only)
        g_string_append (out, "</p>");
      return;
    }

  document = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  append_node (out, document, inline_only);
  cmark_node_free (document);

  /* No trailing line break inside the element that holds it. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
}

/* Without recursion: quotes nest as deep as the input says ("> " 400 000
 * times).
 */
static void
append_plain (GString    *out,
              cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER || node == root)
        continue;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
          g_string_append (out, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;

        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          break;

        default:
          if (cmark_node_first_child (node) != NULL && out->len > 0 &&
              cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH)
            g_string_append (out, "\n\n");
          break;
        }
    }

  cmark_iter_free (iter);
}

/* The text a reader sees, without markup: for descriptions and feeds. */
char *
_kiku_markdown_to_text (const char *text)
{
  GString *out = g_string_new (NULL);
  cmark_node *document;

  if (text == NULL)
    return g_string_free (out, FALSE);

  document = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  append_plain (out, document);
  cmark_node_free (document);

  return g_string_free (out, FALSE);
}
