/* kiku-post-reader.c: an article read back from what a site published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-post-reader"

#include "config.h"

#include <cmark.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "kiku-comment.h"
#include "kiku-core-private.h"
#include "kiku-html-private.h"
#include "kiku-image.h"
#include "kiku-list.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-post-reader.h"
#include "kiku-section.h"
#include "kiku-source.h"

/* How the renderer marks what it writes (the README's "Publishing" part
 * says why): class names name the parts of the article, as the theme
 * styles them; data-kiku-* attributes carry what no text shows (the slug,
 * dates, a persona's id, the CommonMark source of rendered text). Both
 * survive WordPress's filter for users without unfiltered_html.
 */

/* Deeper markup is read as its text alone. */
#define MAX_DEPTH 128
/* More parts, nodes or text are refused. */
#define MAX_PARTS 1000
#define MAX_NODES 200000

typedef struct
{
  KikuArticle *article;
  KikuPage    *page;     /* the page being read, or NULL for a new one */
  KikuSection *section;  /* the section being read, or NULL for a new one */
  GString     *loose;    /* text and inline markup outside any block */
  gboolean     has_data; /* the article's own fields came from its data */
  GHashTable  *consumed; /* elements already read as a field */
  char        *extensions; /* members of later versions, by where they stand */
  guint        n_nodes;
} Reader;

G_DEFINE_QUARK (kiku-post-reader-error-quark, kiku_post_reader_error)

static void     read_flow               (Reader *r, xmlNode *parent, guint depth);
static gboolean image_reference_is_safe (const char *reference);

/* Text and attributes ----------------------------------------------------- */

/* Valid UTF-8 without control characters but line breaks and tabs. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) ||
          c == 0x2028 || c == 0x2029 || c == 0xfeff)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value;
  char *text;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;
  if (!(value = xmlGetProp (node, (const xmlChar *)name)))
    return NULL;

  text = clean_text ((const char *)value);
  xmlFree (value);

  return text;
}

/* A data-kiku-* attribute, as the renderer writes them: %XX for the
 * characters that mean something in markup.
 */
static char *
data_attr (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = attr (node, name);
  g_autofree char *decoded = NULL;

  if (value == NULL)
    return NULL;
  if (!(decoded = g_uri_unescape_string (value, NULL)))
    return NULL;

  return clean_text (decoded);
}

/* The element below @node that carries the CommonMark source of its text. */
static xmlNode *
find_carrier (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (xmlHasProp (child, (const xmlChar *)"data-kiku-md"))
        return child;
      if (child->children != NULL && child->children->next == NULL &&
          (found = find_carrier (child)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_tag (xmlNode    *node,
        const char *tag)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *)node->name, tag) == 0;
}

static gboolean
is_heading (xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_tolower (node->name[0]) == 'h' && node->name[1] >= '1' && node->name[1] <= '6' &&
         node->name[2] == '\0';
}

static gboolean
has_class (xmlNode    *node,
           const char *name)
{
  g_autofree char *classes = attr (node, "class");
  g_auto(GStrv) tokens = NULL;

  if (classes == NULL)
    return FALSE;

  tokens = g_strsplit_set (classes, " \t\n\r\f", -1);
  return g_strv_contains ((const char *const *)tokens, name);
}

/* The first element in @root (itself included) with the class, in document
 * order, without recursion.
 */
static xmlNode *
find_class (xmlNode    *root,
            const char *name)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && has_class (node, name))
        return node;

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node != root && node->next == NULL)
        node = node->parent;
      if (node == NULL || node == root)
        return NULL;
      node = node->next;
    }

  return NULL;
}

static xmlNode *
find_tag (xmlNode    *root,
          const char *tag)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (is_tag (node, tag) && node != root)
        return node;

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node != root && node->next == NULL)
        node = node->parent;
      if (node == NULL || node == root)
        return NULL;
      node = node->next;
    }

  return NULL;
}

/* The text a reader sees in @node, exactly. */
static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  text = clean_text ((const char *)content);
  xmlFree (content);

  return text;
}

/* The text of @node with white space collapsed, as a browser shows it; NULL
 * when there is none.
 */
static char *
shown_text_of (xmlNode *node)
{
  g_autofree char *text = text_of (node);
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static char *
nonempty (char *text)
{
  if (text != NULL && text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* Markup to CommonMark ---------------------------------------------------- */

/* The theme's bullet before a point, which is no part of its text. */
static gboolean
is_decoration (xmlNode *node)
{
  g_autofree char *hidden = attr (node, "aria-hidden");

  return has_class (node, "bullet") && g_strcmp0 (hidden, "true") == 0;
}

/* Text that CommonMark reads as the same text. */
static void
append_md_escaped (GString    *out,
                   const char *text,
                   gboolean    collapse)
{
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (collapse && g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space)
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          space = FALSE;
        }
      if (strchr ("\\`*_[]<>!&~#|", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  if (space && out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ' ');
}

static void append_md_inline (GString *out, xmlNode *parent, guint depth);

static void
append_md_wrapped (GString    *out,
                   xmlNode    *node,
                   const char *mark,
                   guint       depth)
{
  g_autoptr(GString) inner = g_string_new (NULL);
  g_autofree char *stripped = NULL;

  append_md_inline (inner, node, depth + 1);
  stripped = g_strstrip (g_strdup (inner->str));
  if (stripped[0] == '\0')
    {
      g_string_append (out, inner->str);
      return;
    }
  g_string_append_printf (out, "%s%s%s", mark, stripped, mark);
}

static void
append_md_code (GString *out,
                xmlNode *node)
{
  g_autofree char *text = text_of (node);
  guint longest = 0, run = 0;
  g_autofree char *fence = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  for (const char *p = text; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  for (char *p = text; *p; p++)
    if (*p == '\n')
      *p = ' ';

  fence = g_strnfill (longest + 1, '`');
  g_string_append_printf (out, "%s %s %s", fence, text, fence);
}

static void
append_md_inline_node (GString *out,
                       xmlNode *node,
                       guint    depth)
{
  const char *name;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      g_autofree char *text = clean_text ((const char *)node->content);

      if (text != NULL)
        append_md_escaped (out, text, TRUE);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || node->name == NULL)
    return;

  name = (const char *)node->name;

  if (depth > MAX_DEPTH)
    {
      g_autofree char *text = text_of (node);

      if (text != NULL)
        append_md_escaped (out, text, TRUE);
    }
  else if (is_tag (node, "script") || is_tag (node, "style") || is_tag (node, "template") ||
           is_decoration (node))
    ;
  else if (is_tag (node, "strong") || is_tag (node, "b"))
    append_md_wrapped (out, node, "**", depth);
  else if (is_tag (node, "em") || is_tag (node, "i"))
    append_md_wrapped (out, node, "*", depth);
  else if (is_tag (node, "code") || is_tag (node, "kbd") || is_tag (node, "samp"))
    append_md_code (out, node);
  else if (is_tag (node, "br"))
    g_string_append (out, "\\\n");
  else if (is_tag (node, "a"))
    {
      g_autofree char *href = attr (node, "href");
      g_autoptr(GString) inner = g_string_new (NULL);

      append_md_inline (inner, node, depth + 1);
      if (href != NULL && _kiku_url_is_allowed (href, KIKU_URL_TEXT_LINK) && inner->len > 0 &&
          strpbrk (href, " <>()\n\t") == NULL)
        g_string_append_printf (out, "[%s](%s)", inner->str, href);
      else
        g_string_append (out, inner->str);
    }
  else if (is_tag (node, "img"))
    {
      g_autofree char *src = attr (node, "src");
      g_autofree char *alt = attr (node, "alt");

      if (image_reference_is_safe (src) && strpbrk (src, " <>()\n\t") == NULL)
        {
          g_string_append (out, "![");
          append_md_escaped (out, alt ? alt : "", TRUE);
          g_string_append_printf (out, "](%s)", src);
        }
      else if (alt != NULL)
        append_md_escaped (out, alt, TRUE);
    }
  else
    {
      (void)name;
      append_md_inline (out, node, depth + 1);
    }
}

static void
append_md_inline (GString *out,
                  xmlNode *parent,
                  guint    depth)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    append_md_inline_node (out, child, depth);
}

static gboolean
is_block_tag (xmlNode *node)
{
  static const char *tags[] = { "p", "div", "ul", "ol", "li", "blockquote", "pre", "table",
                                "section", "article", "aside", "header", "footer", "main",
                                "nav", "figure", "figcaption", "hr", "dl", "dt", "dd",
                                "details", "summary", "address", "tr", "td", "th",
                                "thead", "tbody", "tfoot", "caption", "form", "fieldset" };

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (is_heading (node))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (is_tag (node, tags[i]))
      return TRUE;
  return FALSE;
}

static void append_md_blocks (GString *out, xmlNode *parent, guint depth);

static void
add_block_text (GString    *out,
                const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, stripped);
}

/* Each line of @text after the first indented by @indent, the first led by
 * @lead.
 */
static void
add_prefixed (GString    *out,
              const char *text,
              const char *lead,
              const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    {
      if (i > 0)
        g_string_append_c (block, '\n');
      g_string_append (block, i == 0 ? lead : indent);
      g_string_append (block, lines[i]);
    }
  add_block_text (out, block->str);
}

static void
append_md_block_node (GString *out,
                      xmlNode *node,
                      guint    depth)
{
  if (depth > MAX_DEPTH)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *content = text_of (node);

      if (content != NULL)
        append_md_escaped (text, content, TRUE);
      add_block_text (out, text->str);
    }
  else if (is_tag (node, "ul") || is_tag (node, "ol"))
    {
      gboolean ordered = is_tag (node, "ol");
      guint n = 0;
      g_autoptr(GString) list = g_string_new (NULL);

      for (xmlNode *item = node->children; item != NULL; item = item->next)
        {
          g_autoptr(GString) inner = g_string_new (NULL);
          g_autofree char *lead = NULL;
          g_autofree char *indent = NULL;
          g_auto(GStrv) lines = NULL;

          if (item->type == XML_TEXT_NODE)
            continue;
          append_md_blocks (inner, is_tag (item, "li") ? item : node, depth + 1);
          if (!is_tag (item, "li"))
            {
              g_string_truncate (inner, 0);
              append_md_block_node (inner, item, depth + 1);
            }
          if (inner->len == 0)
            continue;
          n++;
          lead = ordered ? g_strdup_printf ("%u. ", n) : g_strdup ("- ");
          indent = g_strnfill (strlen (lead), ' ');
          lines = g_strsplit (inner->str, "\n", -1);
          if (list->len > 0)
            g_string_append_c (list, '\n');
          for (guint i = 0; lines[i]; i++)
            {
              if (i > 0)
                g_string_append_c (list, '\n');
              if (lines[i][0] != '\0')
                g_string_append (list, i == 0 ? lead : indent);
              g_string_append (list, lines[i]);
            }
        }
      add_block_text (out, list->str);
    }
  else if (is_tag (node, "blockquote"))
    {
      g_autoptr(GString) inner = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autoptr(GString) quoted = g_string_new (NULL);

      append_md_blocks (inner, node, depth + 1);
      lines = g_strsplit (inner->str, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        g_string_append_printf (quoted, "%s>%s%s", i > 0 ? "\n" : "", lines[i][0] ? " " : "", lines[i]);
      if (inner->len > 0)
        add_block_text (out, quoted->str);
    }
  else if (is_tag (node, "pre"))
    {
      g_autofree char *text = text_of (node);
      guint longest = 0, run = 0;
      g_autofree char *fence = NULL;

      if (text == NULL)
        return;
      for (const char *p = text; *p; p++)
        {
          run = *p == '`' || *p == '~' ? run + 1 : 0;
          longest = MAX (longest, run);
        }
      fence = g_strnfill (MAX (3, longest + 1), '`');
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "%s\n%s%s%s", fence, text,
                              g_str_has_suffix (text, "\n") ? "" : "\n", fence);
    }
  else if (is_heading (node))
    {
      g_autoptr(GString) inner = g_string_new (NULL);

      append_md_inline (inner, node, depth + 1);
      add_prefixed (out, g_strstrip (inner->str), "### ", "");
    }
  else if (is_tag (node, "hr"))
    add_block_text (out, "***");
  else if (is_tag (node, "script") || is_tag (node, "style") || is_tag (node, "template"))
    ;
  else
    append_md_blocks (out, node, depth + 1);
}

/* The blocks in @parent: block elements each one, runs of inline content
 * between them paragraphs.
 */
static void
append_md_blocks (GString *out,
                  xmlNode *parent,
                  guint    depth)
{
  g_autoptr(GString) run = g_string_new (NULL);

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && is_block_tag (child))
        {
          add_block_text (out, run->str);
          g_string_truncate (run, 0);
          if (is_tag (child, "p") || is_tag (child, "dt") || is_tag (child, "dd") ||
              is_tag (child, "figcaption") || is_tag (child, "td") || is_tag (child, "th") ||
              is_tag (child, "summary") || is_tag (child, "caption"))
            {
              append_md_inline (run, child, depth + 1);
              add_block_text (out, run->str);
              g_string_truncate (run, 0);
            }
          else
            append_md_block_node (out, child, depth);
        }
      else
        append_md_inline_node (run, child, depth + 1);
    }
  add_block_text (out, run->str);
}

/* The shape of rendered markup: elements, links and text, to tell whether
 * text was changed since it was published.
 */
static void
append_signature (GString *out,
                  xmlNode *parent,
                  guint    depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          for (const char *p = (const char *)node->content; p && *p; p++)
            {
              if (g_ascii_isspace (*p))
                {
                  if (out->len > 0 && out->str[out->len - 1] != ' ')
                    g_string_append_c (out, ' ');
                }
              else
                g_string_append_c (out, *p);
            }
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          g_autofree char *href = attr (node, "href");
          g_autofree char *src = attr (node, "src");

          if (is_decoration (node))
            continue;
          if (is_tag (node, "span") && has_class (node, "kiku-md"))
            {
              append_signature (out, node, depth + 1);
              continue;
            }
          g_string_append_printf (out, "<%s", (const char *)node->name);
          if (href != NULL)
            g_string_append_printf (out, " %s", href);
          if (src != NULL)
            g_string_append_printf (out, " %s", src);
          g_string_append_c (out, '>');
          append_signature (out, node, depth + 1);
          g_string_append_printf (out, "</%s>", (const char *)node->name);
        }
    }
}

static char *
signature_of (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  append_signature (out, node, 0);
  return g_strstrip (g_string_free (out, FALSE));
}

static htmlDocPtr
parse_html (const char *html,
            gsize       length)
{
  return htmlReadMemory (html, (int)length, NULL, "UTF-8",
                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
}

typedef enum
{
  RENDERED_INLINE,     /* in one line, as a point or a post's paragraph */
  RENDERED_BLOCKS,     /* as blocks, as on the standalone pages */
  RENDERED_WP_BLOCKS,  /* as the block editor's core blocks, in a post */
} Rendered;

static gboolean
renders_as (const char *source,
            Rendered    rendered_as,
            const char *signature)
{
  g_autoptr(GString) html = g_string_new ("<div>");
  g_autofree char *rendered = NULL;
  htmlDocPtr doc;
  xmlNode *div;

  if (rendered_as == RENDERED_WP_BLOCKS)
    _kiku_markdown_append_wp_blocks (html, source);
  else
    _kiku_markdown_append (html, source, rendered_as == RENDERED_INLINE);
  g_string_append (html, "</div>");

  if (!(doc = parse_html (html->str, html->len)))
    return FALSE;
  div = find_tag (xmlDocGetRootElement (doc), "div");
  rendered = div ? signature_of (div) : NULL;
  xmlFreeDoc (doc);

  return rendered != NULL && g_str_equal (rendered, signature);
}

/* Whether every link and image in CommonMark @source goes where the
 * renderer would let it: a source that names javascript: is not taken, even
 * though the renderer would drop that link.
 */
static gboolean
markdown_is_safe (const char *source)
{
  cmark_node *document = cmark_parse_document (source, strlen (source), CMARK_OPT_DEFAULT);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  gboolean safe = TRUE;

  while (safe && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (type == CMARK_NODE_LINK)
        safe = _kiku_url_is_allowed (cmark_node_get_url (node), KIKU_URL_TEXT_LINK);
      else if (type == CMARK_NODE_IMAGE)
        safe = _kiku_url_is_allowed (cmark_node_get_url (node), KIKU_URL_IMAGE);
    }

  cmark_iter_free (iter);
  cmark_node_free (document);

  return safe;
}

/* CommonMark for the rendered text in @node: the source Kiku published with
 * it when the text is still what that source renders to, else the markup
 * turned into CommonMark.
 */
static char *
read_markdown (xmlNode *node)
{
  xmlNode *carrier = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if ((source = data_attr (node, "data-kiku-md")))
    carrier = node;
  else if ((carrier = find_carrier (node)))
    source = data_attr (carrier, "data-kiku-md");

  if (source != NULL && source[0] != '\0' && markdown_is_safe (source))
    {
      /* An empty carrier stands beside the blocks it carries the text of. */
      g_autofree char *signature = signature_of (carrier->children ? carrier : node);

      if (renders_as (source, RENDERED_INLINE, signature) ||
          renders_as (source, RENDERED_BLOCKS, signature) ||
          renders_as (source, RENDERED_WP_BLOCKS, signature))
        return g_steal_pointer (&source);
    }

  append_md_blocks (out, node, 0);
  return nonempty (g_strstrip (g_string_free (g_steal_pointer (&out), FALSE)));
}

/* The model --------------------------------------------------------------- */

static KikuPage *
ensure_page (Reader *r)
{
  if (r->page == NULL)
    {
      g_autoptr(KikuPage) page = kiku_page_new ();

      kiku_list_append (kiku_article_get_pages (r->article), page);
      r->page = page;
      r->section = NULL;
    }
  return r->page;
}

static KikuSection *
ensure_section (Reader *r)
{
  if (r->section == NULL)
    {
      g_autoptr(KikuSection) section = kiku_section_new ();

      kiku_list_append (kiku_page_get_sections (ensure_page (r)), section);
      r->section = section;
    }
  return r->section;
}

static void
add_block (Reader    *r,
           KikuBlock *block)
{
  kiku_list_append (kiku_section_get_blocks (ensure_section (r)), block);
  g_object_unref (block);
}

static void
add_paragraph (Reader     *r,
               const char *text)
{
  KikuParagraph *paragraph;

  if (text == NULL || text[0] == '\0')
    return;

  paragraph = kiku_paragraph_new ();
  kiku_paragraph_set_text (paragraph, text);
  add_block (r, KIKU_BLOCK (paragraph));
}

/* Loose text and inline markup between blocks, as a classic editor leaves
 * it: paragraphs where blank lines part it.
 */
static void
flush_loose (Reader *r)
{
  g_auto(GStrv) paragraphs = NULL;

  if (r->loose->len == 0)
    return;

  paragraphs = g_strsplit (r->loose->str, "\n\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    add_paragraph (r, g_strstrip (paragraphs[i]));
  g_string_truncate (r->loose, 0);
}

static void
add_loose_text (Reader     *r,
                const char *content)
{
  g_autofree char *text = clean_text (content);
  const char *p = text;

  /* Blank lines part paragraphs in a classic editor's text. */
  while (p != NULL && *p)
    {
      const char *end = strstr (p, "\n\n");
      g_autofree char *piece = end ? g_strndup (p, end - p) : g_strdup (p);

      append_md_escaped (r->loose, piece, TRUE);
      if (end == NULL)
        break;
      g_string_append (r->loose, "\n\n");
      p = end + 2;
    }
}

/* An image reference the article may keep: a web address, inline image
 * data, or a path inside the site's folder (none that climbs out of it or
 * names a place on the computer).
 */
static gboolean
image_reference_is_safe (const char *reference)
{
  g_auto(GStrv) segments = NULL;

  if (reference == NULL || !_kiku_url_is_allowed (reference, KIKU_URL_IMAGE))
    return FALSE;
  if (_kiku_url_is_web (reference) || g_str_has_prefix (reference, "data:"))
    return TRUE;
  if (reference[0] == '/' || reference[0] == '~' || strchr (reference, '\\') != NULL ||
      strchr (reference, ':') != NULL)
    return FALSE;

  segments = g_strsplit (reference, "/", -1);
  return !g_strv_contains ((const char *const *)segments, "..");
}

static char *
image_reference (xmlNode *img)
{
  g_autofree char *src = attr (img, "src");

  if (!image_reference_is_safe (src))
    return NULL;
  return g_steal_pointer (&src);
}

static char *
class_text (xmlNode    *root,
            const char *name)
{
  return nonempty (text_of (find_class (root, name)));
}

static void
read_points (KikuList *points,
             xmlNode  *list)
{
  for (xmlNode *item = list ? list->children : NULL; item != NULL; item = item->next)
    {
      g_autofree char *text = NULL;
      g_autoptr(KikuPoint) point = NULL;

      if (!is_tag (item, "li"))
        continue;
      text = read_markdown (item);
      point = kiku_point_new ();
      kiku_point_set_text (point, text);
      kiku_list_append (points, point);
    }
}

static char *
read_date (xmlNode *root)
{
  xmlNode *node = find_class (root, "dt-published");
  char *value;

  if (node == NULL)
    return NULL;
  if ((value = nonempty (data_attr (node, "data-kiku-value"))) ||
      (value = nonempty (attr (node, "datetime"))) ||
      (value = nonempty (attr (node, "title"))))
    return value;
  return shown_text_of (node);
}

static void
read_source (Reader  *r,
             xmlNode *node)
{
  KikuSource *source = kiku_source_new ();
  g_autofree char *title = class_text (node, "p-name");
  g_autofree char *url = class_text (node, "kiku-source-url");
  g_autofree char *publisher = class_text (node, "p-publisher");
  g_autofree char *published = read_date (node);
  g_autofree char *credit = class_text (node, "image-credit");
  g_autofree char *image = NULL;
  xmlNode *figure = find_class (node, "source-figure");
  xmlNode *placeholder;

  if (figure != NULL)
    {
      xmlNode *img = find_tag (figure, "img");

      if (img != NULL)
        image = image_reference (img);
      else if ((placeholder = find_class (figure, "image-placeholder")) &&
               (image = data_attr (placeholder, "data-kiku-src")))
        ;
      else
        image = data_attr (figure, "data-kiku-src");
    }
  if (url == NULL)
    url = nonempty (attr (find_class (node, "u-url"), "href"));
  if (url != NULL && !_kiku_url_is_allowed (url, KIKU_URL_LINK))
    g_clear_pointer (&url, g_free);
  if (image != NULL && !image_reference_is_safe (image))
    g_clear_pointer (&image, g_free);

  kiku_source_set_title (source, title);
  kiku_source_set_url (source, url);
  kiku_source_set_publisher (source, publisher);
  kiku_source_set_published (source, published);
  kiku_source_set_image (source, image);
  kiku_source_set_image_credit (source, credit);
  read_points (kiku_source_get_points (source), find_class (node, "source-points"));

  add_block (r, KIKU_BLOCK (source));
}

static void
read_comment (Reader  *r,
              xmlNode *node)
{
  KikuComment *comment = kiku_comment_new ();
  xmlNode *name = find_class (node, "persona-name");
  xmlNode *bubble = find_class (node, "bubble");
  g_autofree char *persona = nonempty (data_attr (name, "data-kiku-persona"));
  g_autofree char *text = bubble ? read_markdown (bubble) : NULL;

  if (persona == NULL)
    persona = nonempty (data_attr (node, "data-kiku-persona"));
  if (persona == NULL && name != NULL)
    persona = shown_text_of (name);
  kiku_comment_set_persona (comment, persona);
  kiku_comment_set_text (comment, text);
  add_block (r, KIKU_BLOCK (comment));
}

static void
read_image (Reader  *r,
            xmlNode *node)
{
  KikuImage *image = kiku_image_new ();
  xmlNode *img = find_tag (node, "img");
  xmlNode *placeholder = find_class (node, "image-placeholder");
  g_autofree char *src = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *caption = class_text (node, "caption");
  g_autofree char *credit = class_text (node, "credit");

  if (img != NULL)
    {
      src = image_reference (img);
      alt = nonempty (attr (img, "alt"));
    }
  else if (placeholder != NULL)
    {
      src = nonempty (data_attr (placeholder, "data-kiku-src"));
      alt = nonempty (data_attr (placeholder, "data-kiku-alt"));
      if (src == NULL)
        src = nonempty (data_attr (node, "data-kiku-src"));
      if (alt == NULL)
        alt = nonempty (data_attr (node, "data-kiku-alt"));
      if (src != NULL && !image_reference_is_safe (src))
        g_clear_pointer (&src, g_free);
    }
  if (caption == NULL && credit == NULL && find_class (node, "caption") == NULL)
    caption = nonempty (shown_text_of (find_tag (node, "figcaption")));

  kiku_image_set_src (image, src);
  kiku_image_set_alt (image, alt);
  kiku_image_set_caption (image, caption);
  kiku_image_set_credit (image, credit);
  add_block (r, KIKU_BLOCK (image));
}

static void
read_section (Reader  *r,
              xmlNode *node,
              guint    depth)
{
  g_autoptr(KikuSection) section = kiku_section_new ();

  kiku_list_append (kiku_page_get_sections (ensure_page (r)), section);
  r->section = section;

  /* The heading, then the question and answer, lead the section. */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_heading (child) && kiku_section_get_heading (section) == NULL &&
          kiku_section_get_question (section) == NULL && kiku_section_get_answer (section) == NULL &&
          (has_class (child, "kiku-heading") || is_tag (child, "h2")))
        {
          g_autofree char *heading = nonempty (text_of (child));

          kiku_section_set_heading (section, heading);
          g_hash_table_add (r->consumed, child);
        }
      else if (has_class (child, "qa"))
        {
          g_autofree char *question = class_text (child, "question");
          g_autofree char *answer = class_text (child, "answer");

          kiku_section_set_question (section, question);
          kiku_section_set_answer (section, answer);
          g_hash_table_add (r->consumed, child);
          break;
        }
      else
        break;
    }

  read_flow (r, node, depth + 1);
  flush_loose (r);
}

static void
read_article_data (Reader  *r,
                   xmlNode *node)
{
  KikuArticle *article = r->article;
  g_autofree char *keywords = data_attr (node, "data-kiku-keywords");
  struct { const char *name; void (*set) (KikuArticle *, const char *); } fields[] = {
    { "data-kiku-title", kiku_article_set_title },
    { "data-kiku-subtitle", kiku_article_set_subtitle },
    { "data-kiku-summary", kiku_article_set_summary },
    { "data-kiku-author", kiku_article_set_author },
    { "data-kiku-slug", kiku_article_set_slug },
    { "data-kiku-language", kiku_article_set_language },
    { "data-kiku-published", kiku_article_set_published },
    { "data-kiku-updated", kiku_article_set_updated },
  };

  if (r->has_data)
    return;
  r->has_data = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = nonempty (data_attr (node, fields[i].name));

      if (value != NULL)
        fields[i].set (article, value);
    }

  r->extensions = data_attr (node, "data-kiku-extensions");

  if (keywords != NULL && keywords[0] != '\0')
    {
      g_auto(GStrv) list = g_strsplit (keywords, "\n", 1000);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      for (guint i = 0; list[i]; i++)
        if (list[i][0] != '\0')
          g_ptr_array_add (kept, list[i]);
      g_ptr_array_add (kept, NULL);
      if (kept->len > 1)
        kiku_article_set_keywords (article, (const char *const *)kept->pdata);
    }
}

/* A heading Kiku did not make opens a section; the first one on a page
 * names the section the page's text so far is in, if that has no name.
 */
static void
read_foreign_heading (Reader  *r,
                      xmlNode *node)
{
  g_autofree char *heading = shown_text_of (node);
  KikuSection *section;

  if (heading == NULL)
    return;

  section = r->section;
  if (section == NULL || kiku_section_get_heading (section) != NULL ||
      kiku_list_get_length (kiku_section_get_blocks (section)) > 0)
    {
      r->section = NULL;
      section = ensure_section (r);
    }
  kiku_section_set_heading (section, heading);
}

static void
read_element (Reader  *r,
              xmlNode *node,
              guint    depth)
{
  if (has_class (node, "kiku-article-data"))
    read_article_data (r, node);
  else if (has_class (node, "site-header") || has_class (node, "site-footer") ||
           has_class (node, "pagination") || has_class (node, "next-link") ||
           has_class (node, "key-points-title") ||
           (has_class (node, "article-header") && r->has_data))
    ;
  else if (has_class (node, "kiku-page"))
    {
      r->page = NULL;
      ensure_page (r);
      read_flow (r, node, depth + 1);
      flush_loose (r);
      r->section = NULL;
    }
  else if (has_class (node, "key-points"))
    {
      xmlNode *list = find_tag (node, "ul");

      read_points (kiku_article_get_key_points (r->article), list ? list : find_tag (node, "ol"));
    }
  else if (has_class (node, "intro") || has_class (node, "kiku-intro"))
    {
      g_autofree char *intro = read_markdown (node);

      if (kiku_article_get_intro (r->article) == NULL)
        kiku_article_set_intro (r->article, intro);
      else
        add_paragraph (r, intro);
    }
  else if (has_class (node, "kiku-section"))
    read_section (r, node, depth);
  else if (has_class (node, "kiku-paragraph"))
    {
      /* Kiku's own paragraph blocks come back even when empty. */
      g_autofree char *text = read_markdown (node);
      KikuParagraph *paragraph = kiku_paragraph_new ();

      kiku_paragraph_set_text (paragraph, text);
      add_block (r, KIKU_BLOCK (paragraph));
    }
  else if (has_class (node, "source-box"))
    read_source (r, node);
  else if (has_class (node, "persona-comment"))
    read_comment (r, node);
  else if (has_class (node, "kiku-image"))
    read_image (r, node);
  else if (has_class (node, "next-page"))
    {
      g_autofree char *teaser = class_text (node, "teaser");

      kiku_page_set_teaser (ensure_page (r), teaser);
    }
  /* Markup Kiku did not make. */
  else if (is_heading (node))
    read_foreign_heading (r, node);
  else if (is_tag (node, "img"))
    {
      KikuImage *image = kiku_image_new ();
      g_autofree char *src = image_reference (node);
      g_autofree char *alt = nonempty (attr (node, "alt"));

      kiku_image_set_src (image, src);
      kiku_image_set_alt (image, alt);
      add_block (r, KIKU_BLOCK (image));
    }
  else if (is_tag (node, "figure") && find_tag (node, "img") != NULL)
    read_image (r, node);
  else if (is_tag (node, "p") || is_tag (node, "ul") || is_tag (node, "ol") ||
           is_tag (node, "blockquote") || is_tag (node, "pre") || is_tag (node, "table") ||
           is_tag (node, "dl") || is_tag (node, "hr") || is_tag (node, "figure"))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (is_tag (node, "p"))
        {
          g_autofree char *markdown = read_markdown (node);

          add_paragraph (r, markdown);
          return;
        }
      append_md_block_node (text, node, 0);
      add_paragraph (r, g_strstrip (text->str));
    }
  else
    read_flow (r, node, depth + 1);
}

/* The content of @parent: Kiku's parts by their class names, and others
 * by their elements.
 */
static void
read_flow (Reader  *r,
           xmlNode *parent,
           guint    depth)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (++r->n_nodes > MAX_NODES)
        return;

      if (node->type == XML_COMMENT_NODE)
        {
          if (node->content != NULL && g_str_equal (g_strstrip ((char *)node->content), "nextpage"))
            {
              flush_loose (r);
              r->page = NULL;
              r->section = NULL;
            }
          continue;
        }

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          add_loose_text (r, (const char *)node->content);
          continue;
        }

      if (node->type != XML_ELEMENT_NODE || g_hash_table_contains (r->consumed, node))
        continue;

      if (is_tag (node, "head") || is_tag (node, "script") || is_tag (node, "style") ||
          is_tag (node, "template") || is_tag (node, "noscript"))
        continue;

      if (!is_block_tag (node) && !has_class (node, "kiku-article-data") && !is_tag (node, "img") &&
          !is_tag (node, "body") && !is_tag (node, "html"))
        {
          append_md_inline_node (r->loose, node, depth);
          continue;
        }

      flush_loose (r);

      if (depth > MAX_DEPTH)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          append_md_block_node (text, node, depth);
          add_paragraph (r, g_strstrip (text->str));
          continue;
        }

      read_element (r, node, depth);
    }
}

/* The node at a path of the renderer's ("p0.s1.b2.t0"), or NULL. */
static KikuNode *
node_at (KikuArticle *article,
         const char  *path)
{
  g_auto(GStrv) steps = NULL;
  KikuList *list = NULL;
  KikuNode *node = KIKU_NODE (article);

  if (path[0] == '\0')
    return node;

  steps = g_strsplit (path, ".", 5);
  for (guint i = 0; steps[i]; i++)
    {
      char kind = steps[i][0];
      guint64 index;
      char *end = NULL;

      if (kind == '\0' || !g_ascii_isdigit (steps[i][1]))
        return NULL;
      index = g_ascii_strtoull (steps[i] + 1, &end, 10);
      if (end == NULL || *end != '\0')
        return NULL;

      if (i == 0 && kind == 'k')
        list = kiku_article_get_key_points (article);
      else if (i == 0 && kind == 'p')
        list = kiku_article_get_pages (article);
      else if (i == 1 && kind == 's' && KIKU_IS_PAGE (node))
        list = kiku_page_get_sections (KIKU_PAGE (node));
      else if (i == 2 && kind == 'b' && KIKU_IS_SECTION (node))
        list = kiku_section_get_blocks (KIKU_SECTION (node));
      else if (i == 3 && kind == 't' && KIKU_IS_SOURCE (node))
        list = kiku_source_get_points (KIKU_SOURCE (node));
      else
        return NULL;

      if (index >= kiku_list_get_length (list))
        return NULL;
      node = kiku_list_get (list, index);
    }

  return node;
}

/* Members of later versions of the file format go back where they stood;
 * where the site changed the article so that a place is gone, they are
 * dropped with it.
 */
static void
apply_extensions (Reader *r)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *all;
  g_autoptr(GList) paths = NULL;

  if (r->extensions == NULL ||
      !(root = _kiku_json_parse_with_depth (r->extensions, strlen (r->extensions), 32, NULL)) ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return;

  all = json_node_get_object (root);
  paths = json_object_get_members (all);
  for (GList *l = paths; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (all, l->data);
      KikuNode *node = node_at (r->article, l->data);
      JsonObject *extra;
      g_autoptr(GList) members = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (value))
        continue;

      if (!(extra = _kiku_node_get_extra (node)))
        {
          g_autoptr(JsonObject) created = json_object_new ();

          _kiku_node_set_extra (node, created);
          extra = created;
        }
      members = json_object_get_members (json_node_get_object (value));
      for (GList *m = members; m != NULL; m = m->next)
        if (g_str_has_prefix (m->data, "x_"))
          json_object_set_member (extra, m->data,
                                  json_node_copy (json_object_get_member (json_node_get_object (value), m->data)));
    }
}

/* Public API -------------------------------------------------------------- */

KikuArticle *
kiku_post_reader_read (const char * const  *parts,
                       GError             **error)
{
  g_autoptr(KikuArticle) article = NULL;
  Reader r = { NULL, };
  gsize total = 0;
  guint n_parts;

  g_return_val_if_fail (parts != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_parts = g_strv_length ((char **)parts);
  for (guint i = 0; i < n_parts; i++)
    total += strlen (parts[i]);

  if (n_parts > MAX_PARTS || total > KIKU_POST_READER_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (total);

      g_set_error (error, KIKU_POST_READER_ERROR, KIKU_POST_READER_ERROR_TOO_LARGE,
                   _("The post is too large to open: %s in %u parts"), size, n_parts);
      return NULL;
    }

  article = kiku_article_new ();
  r.article = article;
  r.loose = g_string_new (NULL);
  r.consumed = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      htmlDocPtr doc;
      xmlNode *root;
      g_autofree char *wrapped = NULL;

      if (parts[i][0] == '\0')
        continue;

      /* A fragment is read as a document's body, in UTF-8. */
      if (strstr (parts[i], "<html") == NULL && strstr (parts[i], "<HTML") == NULL)
        wrapped = g_strconcat ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>",
                               parts[i], "</body></html>", NULL);

      doc = wrapped ? parse_html (wrapped, strlen (wrapped)) : parse_html (parts[i], strlen (parts[i]));
      if (doc == NULL)
        continue;

      root = xmlDocGetRootElement (doc);
      if (root != NULL)
        {
          xmlNode *data = find_class (root, "kiku-article-data");

          if (data != NULL)
            read_article_data (&r, data);

          r.page = NULL;
          r.section = NULL;
          read_flow (&r, root, 0);
          flush_loose (&r);
        }
      xmlFreeDoc (doc);
      /* Its elements are gone, and the next part's may take their
       * addresses: what was read of this one must not skip them.
       */
      g_hash_table_remove_all (r.consumed);
    }

  apply_extensions (&r);
  g_string_free (r.loose, TRUE);
  g_hash_table_unref (r.consumed);
  g_free (r.extensions);

  if (kiku_list_get_length (kiku_article_get_pages (article)) == 0)
    {
      g_set_error (error, KIKU_POST_READER_ERROR, KIKU_POST_READER_ERROR_INVALID,
                   _("The post holds nothing to open"));
      return NULL;
    }

  return g_steal_pointer (&article);
}
