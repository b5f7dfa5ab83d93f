/* kiku-markdown.c: CommonMark to HTML, with no way for text to make markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-markdown"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "kiku-html-private.h"
#include "kiku-renderer.h"

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
 * http, https, or a relative path. A link in text may also give an address
 * to write to or a number to call (mailto:, tel:), and an image may be
 * inline data of a common raster format. The README's "Rendering" section
 * says the same; tests/test-commonmark.c holds the writer to it.
 */
gboolean
_kiku_url_is_allowed (const char *url,
                      KikuUrlUse  use)
{
  g_autofree char *scheme = NULL;
  const char *p = url;

  /* Empty is the page itself: a link that goes nowhere, an image that
   * would load the page. */
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

  if (use == KIKU_URL_TEXT_LINK && (g_str_equal (scheme, "mailto") || g_str_equal (scheme, "tel")))
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

/* Text as cmark escapes it. Markdown output only ever stands between tags
 * or inside double quotes, where an apostrophe means nothing.
 */
static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;

  for (const char *p = text; *p; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append (out, run);
}

/* A destination as cmark writes it: every byte that is not a URL character
 * percent-encoded ("/my uri" is "/my%20uri", "/föö" is "/f%C3%B6%C3%B6"),
 * those already encoded left alone. No space, control character, quote or
 * angle bracket is left, so what is judged here is the address the browser
 * will see. "&" and "'" stay, to be written as entities.
 */
static char *
dup_destination (const char *url)
{
  static const char kept[] = "!#$%&'()*+,-./:;=?@_";
  GString *out = g_string_sized_new (strlen (url));

  for (const guchar *p = (const guchar *)url; *p; p++)
    {
      if (g_ascii_isalnum (*p) || strchr (kept, *p) != NULL)
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

static void
append_destination_attr (GString    *out,
                         const char *name,
                         const char *destination)
{
  g_string_append_printf (out, " %s=\"", name);
  for (const char *p = destination; *p; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '\'')
        g_string_append (out, "&#x27;");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The destination to write for @node, or %NULL when the policy drops it. */
static char *
dup_allowed_destination (cmark_node *node,
                         KikuUrlUse  use)
{
  char *destination = dup_destination (cmark_node_get_url (node));

  if (!_kiku_url_is_allowed (destination, use))
    g_clear_pointer (&destination, g_free);

  return destination;
}

/**
 * kiku_renderer_link_is_allowed:
 * @address: a link's address as the writer gives it
 *
 * Whether the renderer keeps a link in text to @address, judged on the
 * address the browser would see, as it judges links it renders.
 *
 * Returns: %FALSE for an address the renderer would drop
 */
gboolean
kiku_renderer_link_is_allowed (const char *address)
{
  g_autofree char *destination = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  destination = dup_destination (address);

  return _kiku_url_is_allowed (destination, KIKU_URL_TEXT_LINK);
}

/* An image's alt text as cmark writes it: the text inside @node, line
 * breaks as spaces. Images nest in images as deep as the input says
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

      if (event != CMARK_EVENT_ENTER || child == node)
        continue;

      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          append_escaped (out, cmark_node_get_literal (child));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;

        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

typedef struct
{
  GString  *out;
  gsize     start;        /* where the HTML of this text begins in out */
  gboolean  inline_only;
  gboolean  wrote_block;  /* inline_only: a block's text came before */
  GArray   *open_links;   /* for each open link, whether its tag was written */
} Writer;

/* A line break, unless the HTML so far ends with one: where cmark's writer
 * starts a block.
 */
static void
cr (Writer *w)
{
  if (w->out->len > w->start && w->out->str[w->out->len - 1] != '\n')
    g_string_append_c (w->out, '\n');
}

/* The start of a block with text of its own. In one line of text (a key
 * point, a comment) such blocks follow each other after a <br>.
 */
static gboolean
open_leaf_block (Writer *w)
{
  if (w->inline_only)
    {
      if (w->wrote_block)
        g_string_append (w->out, "<br>");
      w->wrote_block = TRUE;
      return FALSE;
    }

  cr (w);
  return TRUE;
}

static gboolean
in_tight_list (cmark_node *paragraph)
{
  cmark_node *list = cmark_node_parent (cmark_node_parent (paragraph));

  return list != NULL && cmark_node_get_type (list) == CMARK_NODE_LIST && cmark_node_get_list_tight (list);
}

static void
write_link (Writer     *w,
            cmark_node *node,
            gboolean    entering)
{
  gboolean written;

  if (!entering)
    {
      written = g_array_index (w->open_links, gboolean, w->open_links->len - 1);
      g_array_set_size (w->open_links, w->open_links->len - 1);
      if (written)
        g_string_append (w->out, "</a>");
      return;
    }

  {
    g_autofree char *destination = dup_allowed_destination (node, KIKU_URL_TEXT_LINK);
    const char *title = cmark_node_get_title (node);

    written = destination != NULL;
    g_array_append_val (w->open_links, written);
    if (!written)
      return;

    g_string_append (w->out, "<a");
    append_destination_attr (w->out, "href", destination);
    if (title != NULL && title[0] != '\0')
      {
        g_string_append (w->out, " title=\"");
        append_escaped (w->out, title);
        g_string_append_c (w->out, '"');
      }
    g_string_append_c (w->out, '>');
  }
}

/* A dropped image leaves its alt text, as a reader without images sees it. */
static void
write_image (Writer     *w,
             cmark_node *node)
{
  g_autofree char *destination = dup_allowed_destination (node, KIKU_URL_IMAGE);
  const char *title = cmark_node_get_title (node);

  if (destination == NULL)
    {
      append_alt_text (w->out, node);
      return;
    }

  g_string_append (w->out, "<img");
  append_destination_attr (w->out, "src", destination);
  g_string_append (w->out, " alt=\"");
  append_alt_text (w->out, node);
  g_string_append_c (w->out, '"');
  if (title != NULL && title[0] != '\0')
    {
      g_string_append (w->out, " title=\"");
      append_escaped (w->out, title);
      g_string_append_c (w->out, '"');
    }
  g_string_append_c (w->out, '>');
}

static void
write_code_block (Writer     *w,
                  cmark_node *node)
{
  const char *info = cmark_node_get_fence_info (node);

  if (open_leaf_block (w))
    {
      g_string_append (w->out, "<pre><code");
      /* The language is the info string's first word, as cmark has it. */
      if (info != NULL && info[0] != '\0')
        {
          g_autofree char *language = g_strndup (info, strcspn (info, " \t\n\v\f\r"));

          g_string_append (w->out, " class=\"language-");
          append_escaped (w->out, language);
          g_string_append_c (w->out, '"');
        }
      g_string_append_c (w->out, '>');
    }

  append_escaped (w->out, cmark_node_get_literal (node));

  if (!w->inline_only)
    g_string_append (w->out, "</code></pre>\n");
}

/* Writes the HTML of a parsed document as cmark's own writer does, with
 * the policy of the README's "Rendering" section: raw HTML is never
 * written, a link or image to anything but the allowed destinations loses
 * its target and keeps its text, headings are paragraphs (the article's
 * headings are its sections'), and void elements have no XML slash.
 */
static void
write_document (Writer     *w,
                cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = event == CMARK_EVENT_ENTER;
      gboolean blocks = !w->inline_only;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_DOCUMENT:
          break;

        case CMARK_NODE_BLOCK_QUOTE:
          if (blocks)
            {
              cr (w);
              g_string_append (w->out, entering ? "<blockquote>\n" : "</blockquote>\n");
            }
          break;

        case CMARK_NODE_LIST:
          if (blocks && entering)
            {
              cr (w);
              if (cmark_node_get_list_type (node) != CMARK_ORDERED_LIST)
                g_string_append (w->out, "<ul>\n");
              else if (cmark_node_get_list_start (node) == 1)
                g_string_append (w->out, "<ol>\n");
              else
                g_string_append_printf (w->out, "<ol start=\"%d\">\n", cmark_node_get_list_start (node));
            }
          else if (blocks)
            {
              g_string_append (w->out, cmark_node_get_list_type (node) == CMARK_ORDERED_LIST ?
                                       "</ol>\n" : "</ul>\n");
            }
          break;

        case CMARK_NODE_ITEM:
          if (blocks && entering)
            {
              cr (w);
              g_string_append (w->out, "<li>");
            }
          else if (blocks)
            {
              g_string_append (w->out, "</li>\n");
            }
          break;

        case CMARK_NODE_PARAGRAPH:
          /* Tight lists have no paragraphs, as in cmark. */
          if (in_tight_list (node))
            {
              if (entering && w->inline_only)
                open_leaf_block (w);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case CMARK_NODE_HEADING:
          /* Even in a tight list a heading is a block of its own: its words
           * must not run into the next block's. */
          if (entering && open_leaf_block (w))
            g_string_append (w->out, "<p>");
          else if (!entering && blocks)
            g_string_append (w->out, "</p>\n");
          break;

        case CMARK_NODE_CODE_BLOCK:
          write_code_block (w, node);
          break;

        case CMARK_NODE_THEMATIC_BREAK:
          if (blocks)
            {
              cr (w);
              g_string_append (w->out, "<hr>\n");
            }
          break;

        case CMARK_NODE_HTML_BLOCK:
          /* Raw HTML is dropped, never written; the block still ends a line. */
          if (blocks)
            cr (w);
          break;

        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
          break;

        case CMARK_NODE_TEXT:
          append_escaped (w->out, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (w->out, '\n');
          break;

        case CMARK_NODE_LINEBREAK:
          g_string_append (w->out, "<br>\n");
          break;

        case CMARK_NODE_CODE:
          g_string_append (w->out, "<code>");
          append_escaped (w->out, cmark_node_get_literal (node));
          g_string_append (w->out, "</code>");
          break;

        case CMARK_NODE_EMPH:
          g_string_append (w->out, entering ? "<em>" : "</em>");
          break;

        case CMARK_NODE_STRONG:
          g_string_append (w->out, entering ? "<strong>" : "</strong>");
          break;

        case CMARK_NODE_LINK:
          write_link (w, node, entering);
          break;

        case CMARK_NODE_IMAGE:
          write_image (w, node);
          /* The alt text is written; skip the children. */
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
          break;

        case CMARK_NODE_NONE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

/* Most text in an article is one line of prose with no markup at all. Such
 * text is one paragraph holding the text itself, and cmark's parser need
 * not be started for it: the same HTML comes out, at a fraction of the cost.
 */
gboolean
_kiku_markdown_is_plain (const char *text)
{
  const guchar first = text[0];
  gsize length = 0;

  /* What could open a block: a heading, a quote, a list, a code block. */
  if (first == '\0' || g_ascii_isspace (first) || g_ascii_isdigit (first) || strchr ("#>-+=|", first) != NULL)
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
  Writer w = { out, out->len, inline_only, FALSE, NULL };
  cmark_node *document;

  if (text == NULL || text[0] == '\0')
    return;

  if (_kiku_markdown_is_plain (text))
    {
      if (!inline_only)
        g_string_append (out, "<p>");
      append_escaped (out, text);
      if (!inline_only)
        g_string_append (out, "</p>");
      return;
    }

  document = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  w.open_links = g_array_new (FALSE, FALSE, sizeof (gboolean));
  write_document (&w, document);
  g_array_unref (w.open_links);
  cmark_node_free (document);

  /* No trailing line break inside the element that holds it. */
  while (out->len > w.start && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
}

/* The inline HTML of @node's text, its blocks after one another with <br>. */
static void
append_inline_of (GString    *out,
                  cmark_node *node)
{
  Writer w = { out, out->len, TRUE, FALSE, NULL };

  w.open_links = g_array_new (FALSE, FALSE, sizeof (gboolean));
  write_document (&w, node);
  g_array_unref (w.open_links);

  while (out->len > w.start && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
}

static void
append_wp_paragraph (GString    *out,
                     cmark_node *node)
{
  g_string_append (out, "<!-- wp:paragraph -->\n<p>");
  append_inline_of (out, node);
  g_string_append (out, "</p>\n<!-- /wp:paragraph -->\n");
}

/* Whether CommonMark @text is one paragraph (or nothing at all). */
gboolean
_kiku_markdown_is_one_paragraph (const char *text)
{
  cmark_node *document;
  cmark_node *first;
  gboolean one;

  if (text == NULL || text[0] == '\0' || _kiku_markdown_is_plain (text))
    return TRUE;

  document = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  first = cmark_node_first_child (document);
  one = first == NULL || (cmark_node_get_type (first) == CMARK_NODE_PARAGRAPH && cmark_node_next (first) == NULL);
  cmark_node_free (document);

  return one;
}

/* Appends CommonMark @text as the WordPress block editor's core blocks, one
 * for each of its blocks: paragraphs, headings, lists, quotes, code and
 * thematic breaks, with the HTML each block's save() writes. What is inside
 * a list item or a quote's paragraph is inline, as in one line of text.
 * Raw HTML is dropped, as everywhere.
 */
void
_kiku_markdown_append_wp_blocks (GString    *out,
                                 const char *text)
{
  cmark_node *document;

  if (text == NULL || text[0] == '\0')
    return;

  document = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  for (cmark_node *node = cmark_node_first_child (document); node != NULL; node = cmark_node_next (node))
    {
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          append_wp_paragraph (out, node);
          break;

        case CMARK_NODE_HEADING:
          {
            int level = cmark_node_get_heading_level (node);

            if (level == 2)
              g_string_append (out, "<!-- wp:heading -->\n");
            else
              g_string_append_printf (out, "<!-- wp:heading {\"level\":%d} -->\n", level);
            g_string_append_printf (out, "<h%d class=\"wp-block-heading\">", level);
            append_inline_of (out, node);
            g_string_append_printf (out, "</h%d>\n<!-- /wp:heading -->\n", level);
          }
          break;

        case CMARK_NODE_LIST:
          {
            gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
            int start = cmark_node_get_list_start (node);
            const char *tag = ordered ? "ol" : "ul";

            if (ordered && start != 1)
              g_string_append_printf (out, "<!-- wp:list {\"ordered\":true,\"start\":%d} -->\n"
                                           "<ol start=\"%d\" class=\"wp-block-list\">", start, start);
            else if (ordered)
              g_string_append (out, "<!-- wp:list {\"ordered\":true} -->\n<ol class=\"wp-block-list\">");
            else
              g_string_append (out, "<!-- wp:list -->\n<ul class=\"wp-block-list\">");
            for (cmark_node *item = cmark_node_first_child (node); item != NULL; item = cmark_node_next (item))
              {
                g_string_append (out, "<!-- wp:list-item -->\n<li>");
                append_inline_of (out, item);
                g_string_append (out, "</li>\n<!-- /wp:list-item -->\n");
              }
            g_string_append_printf (out, "</%s>\n<!-- /wp:list -->\n", tag);
          }
          break;

        case CMARK_NODE_BLOCK_QUOTE:
          g_string_append (out, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">");
          for (cmark_node *child = cmark_node_first_child (node); child != NULL; child = cmark_node_next (child))
            append_wp_paragraph (out, child);
          g_string_append (out, "</blockquote>\n<!-- /wp:quote -->\n");
          break;

        case CMARK_NODE_CODE_BLOCK:
          g_string_append (out, "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>");
          append_escaped (out, cmark_node_get_literal (node));
          g_string_append (out, "</code></pre>\n<!-- /wp:code -->\n");
          break;

        case CMARK_NODE_THEMATIC_BREAK:
          g_string_append (out, "<!-- wp:separator -->\n"
                                "<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n"
                                "<!-- /wp:separator -->\n");
          break;

        case CMARK_NODE_HTML_BLOCK:
        default:
          break;
        }
    }
  cmark_node_free (document);
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
