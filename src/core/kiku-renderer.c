/* kiku-renderer.c: an article as the site's HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-renderer"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiku-comment.h"
#include "kiku-core-private.h"
#include "kiku-core-resources.h"
#include "kiku-html-private.h"
#include "kiku-image.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-renderer.h"
#include "kiku-section.h"
#include "kiku-source.h"
#include "kiku-theme-private.h"

/* One renderer makes every HTML the project shows or sends: the preview,
 * export and each publisher. What the editor sees is what the site gets.
 */
struct _KikuRenderer
{
  GObject         parent_instance;

  char           *site_name;
  GHashTable     *labels;    /* key → text, set by the site over the defaults */
  GHashTable     *personas;  /* id → Persona */

  KikuImageFunc   image_func;
  gpointer        image_data;
  GDestroyNotify  image_destroy;
};

G_DEFINE_FINAL_TYPE (KikuRenderer, kiku_renderer, G_TYPE_OBJECT)

typedef struct
{
  char *name;
  char *avatar;
} Persona;

typedef struct
{
  const char *key;
  const char *ja;
  const char *en;
} Label;

/* The theme's fixed words, in the language of the article, not the UI's. */
static const Label default_labels[] = {
  { "key-points", KIKU_THEME_KEY_POINTS_JA, KIKU_THEME_KEY_POINTS_EN },
  { "key-point-bullet", KIKU_THEME_KEY_POINT_MARK, KIKU_THEME_KEY_POINT_MARK },
  { "source-point-bullet", KIKU_THEME_SOURCE_POINT_MARK, KIKU_THEME_SOURCE_POINT_MARK },
  { "read-more", KIKU_THEME_READ_MORE_JA, KIKU_THEME_READ_MORE_EN },
  { "source", KIKU_THEME_SOURCE_JA, KIKU_THEME_SOURCE_EN },
  { "published", KIKU_THEME_PUBLISHED_JA, KIKU_THEME_PUBLISHED_EN },
  { "next-page", KIKU_THEME_NEXT_PAGE_JA, KIKU_THEME_NEXT_PAGE_EN },
  { "pages", "ページ", "Pages" },
  { "menu", "メニュー", "Menu" },
  { "remote-image", "画像(オフラインでは表示されません)", "Image (not shown offline)" },
  { "missing-image", "画像がありません", "Image missing" },
};

typedef struct
{
  KikuRenderer *self;
  KikuArticle  *article;
  GString      *out;
  const char   *language;
  gboolean      standalone;
  guint         n_pages;
} Render;

static void
persona_free (gpointer data)
{
  Persona *persona = data;

  g_free (persona->name);
  g_free (persona->avatar);
  g_free (persona);
}

static void
kiku_renderer_finalize (GObject *object)
{
  KikuRenderer *self = (KikuRenderer *)object;

  if (self->image_destroy != NULL)
    self->image_destroy (self->image_data);

  g_free (self->site_name);
  g_hash_table_unref (self->labels);
  g_hash_table_unref (self->personas);

  G_OBJECT_CLASS (kiku_renderer_parent_class)->finalize (object);
}

static void
kiku_renderer_class_init (KikuRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiku_renderer_finalize;
}

static void
kiku_renderer_init (KikuRenderer *self)
{
  self->site_name = g_strdup ("Chrysanthemum Digest");
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, persona_free);
}

/* Writing ---------------------------------------------------------------- */

static const char *
label (Render     *r,
       const char *key)
{
  return kiku_renderer_get_label (r->self, r->language, key);
}

static void
append_text (Render     *r,
             const char *text)
{
  _kiku_html_append_escaped (r->out, text);
}

/* A data-kiku-* attribute: its value with the characters that mean
 * something in markup, and line breaks, written as %XX, so that it stays
 * the same through any filter and any editor that writes it back.
 */
static void
append_data_attr (Render     *r,
                  const char *name,
                  const char *value)
{
  if (value == NULL)
    return;

  g_string_append_printf (r->out, " data-kiku-%s=\"", name);
  for (const char *p = value; *p; p++)
    {
      if (strchr ("%<>&\"'\n\r\t", *p) != NULL)
        g_string_append_printf (r->out, "%%%02X", (guchar)*p);
      else
        g_string_append_c (r->out, *p);
    }
  g_string_append_c (r->out, '"');
}

/* An image reference worth keeping in the page for reading it back: a web
 * address, or a path inside the article's folder (never one that names
 * another place on the computer).
 */
static void
append_image_reference (Render     *r,
                        const char *reference)
{
  g_auto(GStrv) segments = NULL;

  if (reference == NULL || !_kiku_url_is_allowed (reference, KIKU_URL_IMAGE))
    return;
  if (!_kiku_url_is_web (reference))
    {
      if (g_path_is_absolute (reference) || reference[0] == '~' || strchr (reference, '\\') != NULL)
        return;
      segments = g_strsplit (reference, "/", -1);
      if (g_strv_contains ((const char *const *)segments, ".."))
        return;
    }

  append_data_attr (r, "src", reference);
}

/* Opens an element for a model object, or for one field of it. */
static void
open_element (Render     *r,
              const char *tag,
              const char *classes,
              KikuNode   *node,
              const char *field)
{
  g_string_append_printf (r->out, "<%s", tag);
  if (classes != NULL)
    _kiku_html_append_attr (r->out, "class", classes);
  if (node != NULL)
    {
      g_autofree char *dom_id = kiku_node_dup_dom_id (node, field);

      _kiku_html_append_attr (r->out, "data-kiku-id", dom_id);
    }
  g_string_append_c (r->out, '>');
}

static void
append_element (Render     *r,
                const char *tag,
                const char *classes,
                KikuNode   *node,
                const char *field,
                const char *text)
{
  open_element (r, tag, classes, node, field);
  append_text (r, text);
  g_string_append_printf (r->out, "</%s>\n", tag);
}

/* A run of text in an inline element, such as <span class="p-publisher">. */
static void
append_inline (Render     *r,
               const char *tag,
               const char *classes,
               const char *text)
{
  open_element (r, tag, classes, NULL, NULL);
  append_text (r, text);
  g_string_append_printf (r->out, "</%s>", tag);
}

static void
append_markdown_element (Render     *r,
                         const char *tag,
                         const char *classes,
                         KikuNode   *node,
                         const char *field,
                         const char *text)
{
  open_element (r, tag, classes, node, field);
  if (text != NULL && !_kiku_markdown_is_plain (text))
    {
      /* The CommonMark source, which the HTML cannot give back exactly. */
      g_string_truncate (r->out, r->out->len - 1);
      append_data_attr (r, "md", text);
      g_string_append_c (r->out, '>');
    }
  _kiku_markdown_append (r->out, text, TRUE);
  g_string_append_printf (r->out, "</%s>\n", tag);
}

/* "2024-05-17" is shown as the site shows dates: 2024/05/17 in Japanese. */
static char *
display_date (Render     *r,
              const char *value,
              char      **machine)
{
  g_autoptr(GDateTime) date = NULL;
  gboolean date_only = FALSE;

  *machine = NULL;

  if (!(date = _kiku_parse_date (value, &date_only)))
    return g_strdup (value);

  *machine = date_only ? g_date_time_format (date, "%Y-%m-%d")
                       : g_date_time_format_iso8601 (date);

  return g_date_time_format (date, g_str_has_prefix (r->language, "ja") ? "%Y/%m/%d" : "%Y-%m-%d");
}

static void
append_time (Render     *r,
             const char *classes,
             const char *value)
{
  g_autofree char *machine = NULL;
  g_autofree char *shown = display_date (r, value, &machine);

  if (machine == NULL)
    {
      g_string_append (r->out, "<span");
      _kiku_html_append_attr (r->out, "class", classes);
      append_data_attr (r, "value", value);
      g_string_append_c (r->out, '>');
      append_text (r, shown);
      g_string_append (r->out, "</span>");
      return;
    }

  g_string_append (r->out, "<time");
  _kiku_html_append_attr (r->out, "class", classes);
  _kiku_html_append_attr (r->out, "datetime", machine);
  if (!g_str_equal (machine, value))
    append_data_attr (r, "value", value);
  g_string_append_c (r->out, '>');
  append_text (r, shown);
  g_string_append (r->out, "</time>");
}

static char *
resolve_image (Render     *r,
               const char *reference)
{
  char *url;

  if (reference == NULL)
    return NULL;

  /* A javascript:, file: or any other address is never even offered to the
   * image function: whatever it does with it, it cannot reach the page.
   */
  if (!_kiku_url_is_allowed (reference, KIKU_URL_IMAGE))
    return NULL;

  if (r->self->image_func == NULL)
    return g_strdup (reference);

  url = r->self->image_func (r->article, reference, r->self->image_data);

  /* Nor what it answers, but for the preview's own scheme. */
  if (url != NULL && !_kiku_url_is_allowed (url, KIKU_URL_IMAGE) &&
      !g_str_has_prefix (url, KIKU_RENDERER_IMAGE_SCHEME ":"))
    g_clear_pointer (&url, g_free);

  return url;
}

/* An image, or a box saying why it is not there, with its credit. */
static void
append_image (Render     *r,
              const char *reference,
              const char *alt,
              const char *credit)
{
  g_autofree char *url = resolve_image (r, reference);

  if (url != NULL)
    {
      g_string_append (r->out, "<img");
      _kiku_html_append_attr (r->out, "src", url);
      _kiku_html_append_attr (r->out, "alt", alt ? alt : "");
      g_string_append_c (r->out, '>');
      return;
    }

  g_string_append (r->out, "<div class=\"image-placeholder\" role=\"img\"");
  _kiku_html_append_attr (r->out, "aria-label", alt ? alt : label (r, "remote-image"));
  g_string_append_c (r->out, '>');
  append_text (r, _kiku_url_is_web (reference) ? label (r, "remote-image") : label (r, "missing-image"));
  if (credit != NULL)
    {
      g_string_append (r->out, "<br>");
      append_text (r, credit);
    }
  g_string_append (r->out, "</div>");
}

/* Inline CommonMark; where the HTML cannot give the text back exactly, it
 * stands in a span that carries its source.
 */
static void
append_inline_markdown (Render     *r,
                        const char *text)
{
  if (text == NULL || _kiku_markdown_is_plain (text))
    {
      _kiku_markdown_append (r->out, text, TRUE);
      return;
    }

  g_string_append (r->out, "<span class=\"kiku-md\"");
  append_data_attr (r, "md", text);
  g_string_append_c (r->out, '>');
  _kiku_markdown_append (r->out, text, TRUE);
  g_string_append (r->out, "</span>");
}

static void
append_point (Render     *r,
              KikuPoint  *point,
              const char *bullet_key)
{
  open_element (r, "li", NULL, KIKU_NODE (point), NULL);
  g_string_append (r->out, "<span class=\"bullet\" aria-hidden=\"true\">");
  append_text (r, label (r, bullet_key));
  g_string_append (r->out, "</span>");
  append_inline_markdown (r, kiku_point_get_text (point));
  g_string_append (r->out, "</li>\n");
}

static void
append_points (Render     *r,
               KikuList   *points,
               const char *classes,
               const char *bullet_key)
{
  open_element (r, "ul", classes, kiku_list_get_owner (points), kiku_list_get_name (points));
  g_string_append_c (r->out, '\n');
  for (guint i = 0; i < kiku_list_get_length (points); i++)
    append_point (r, kiku_list_get (points, i), bullet_key);
  g_string_append (r->out, "</ul>\n");
}

static void
append_source (Render     *r,
               KikuSource *source)
{
  KikuNode *node = KIKU_NODE (source);
  const char *title = kiku_source_get_title (source);
  const char *url = kiku_source_get_url (source);
  const char *publisher = kiku_source_get_publisher (source);
  const char *published = kiku_source_get_published (source);
  gboolean link = url != NULL && _kiku_url_is_allowed (url, KIKU_URL_LINK);

  open_element (r, "aside", "source-box h-cite", node, NULL);
  g_string_append_c (r->out, '\n');

  if (kiku_source_get_image (source) != NULL)
    {
      /* The site captions the image with the title of the source. */
      g_string_append (r->out, "<figure class=\"source-figure\"");
      append_image_reference (r, kiku_source_get_image (source));
      g_string_append_c (r->out, '>');
      append_image (r, kiku_source_get_image (source), title, kiku_source_get_image_credit (source));
      g_string_append (r->out, "<figcaption>");
      append_text (r, title);
      if (kiku_source_get_image_credit (source) != NULL)
        {
          g_string_append_c (r->out, ' ');
          append_inline (r, "small", "image-credit", kiku_source_get_image_credit (source));
        }
      g_string_append (r->out, "</figcaption></figure>\n");
    }

  append_element (r, "h3", "p-name", NULL, NULL, title);

  if (published != NULL)
    {
      g_string_append (r->out, "<p class=\"source-date\">");
      append_text (r, label (r, "published"));
      append_time (r, "dt-published", published);
      g_string_append (r->out, "</p>\n");
    }

  if (kiku_list_get_length (kiku_source_get_points (source)) > 0)
    append_points (r, kiku_source_get_points (source), "source-points", "source-point-bullet");

  g_string_append (r->out, "<p class=\"source-link\">");
  if (link)
    {
      g_string_append (r->out, "<a class=\"read-more u-url\"");
      _kiku_html_append_attr (r->out, "href", url);
      g_string_append (r->out, " rel=\"noopener\">");
      append_text (r, label (r, "read-more"));
      g_string_append (r->out, "</a>");
    }
  else
    {
      append_inline (r, "span", "read-more", label (r, "read-more"));
    }
  if (publisher != NULL)
    append_inline (r, "span", "p-publisher", publisher);
  g_string_append (r->out, "<span class=\"credit\">");
  append_text (r, label (r, "source"));
  g_string_append (r->out, " ");
  if (link)
    {
      g_string_append (r->out, "<a");
      _kiku_html_append_attr (r->out, "href", url);
      g_string_append (r->out, " rel=\"noopener\">");
      append_text (r, url);
      g_string_append (r->out, "</a>");
    }
  else if (url != NULL)
    {
      append_inline (r, "span", "kiku-source-url", url);
    }
  g_string_append (r->out, "</span></p>\n</aside>\n");
}

static void
append_comment (Render      *r,
                KikuComment *comment)
{
  const char *id = kiku_comment_get_persona (comment);
  Persona *persona = id ? g_hash_table_lookup (r->self->personas, id) : NULL;
  const char *name = persona ? persona->name : id;

  open_element (r, "div", "persona-comment", KIKU_NODE (comment), NULL);
  g_string_truncate (r->out, r->out->len - 1);
  append_data_attr (r, "persona", id);
  g_string_append (r->out, ">\n<div class=\"persona\">");

  if (persona != NULL && persona->avatar != NULL &&
      _kiku_url_is_allowed (persona->avatar, KIKU_URL_IMAGE))
    {
      g_string_append (r->out, "<img class=\"avatar\" alt=\"\"");
      _kiku_html_append_attr (r->out, "src", persona->avatar);
      g_string_append_c (r->out, '>');
    }
  else if (name != NULL)
    {
      /* No picture: the first letter of the name in a circle. */
      g_autofree char *initial = g_utf8_substring (name, 0, 1);

      g_string_append (r->out, "<span class=\"avatar avatar-initial\" aria-hidden=\"true\">");
      append_text (r, initial);
      g_string_append (r->out, "</span>");
    }

  if (name != NULL)
    append_inline (r, "span", "persona-name", name);

  g_string_append (r->out, "</div>\n<div class=\"bubble\">");
  append_markdown_element (r, "p", NULL, NULL, NULL, kiku_comment_get_text (comment));
  g_string_append (r->out, "</div>\n</div>\n");
}

static void
append_image_block (Render    *r,
                    KikuImage *image)
{
  const char *caption = kiku_image_get_caption (image);
  const char *credit = kiku_image_get_credit (image);

  open_element (r, "figure", "kiku-image", KIKU_NODE (image), NULL);
  g_string_truncate (r->out, r->out->len - 1);
  append_image_reference (r, kiku_image_get_src (image));
  append_data_attr (r, "alt", kiku_image_get_alt (image));
  g_string_append_c (r->out, '>');
  append_image (r, kiku_image_get_src (image), kiku_image_get_alt (image), credit);

  if (caption != NULL || credit != NULL)
    {
      g_string_append (r->out, "<figcaption>");
      if (caption != NULL)
        append_inline (r, "span", "caption", caption);
      if (credit != NULL)
        {
          append_inline (r, "small", "credit", credit);
        }
      g_string_append (r->out, "</figcaption>");
    }

  g_string_append (r->out, "</figure>\n");
}

static void
append_block (Render    *r,
              KikuBlock *block)
{
  if (KIKU_IS_PARAGRAPH (block))
    {
      const char *text = kiku_paragraph_get_text (KIKU_PARAGRAPH (block));

      open_element (r, "div", "kiku-paragraph", KIKU_NODE (block), NULL);
      if (text != NULL && !_kiku_markdown_is_plain (text))
        {
          g_string_truncate (r->out, r->out->len - 1);
          append_data_attr (r, "md", text);
          g_string_append_c (r->out, '>');
        }
      _kiku_markdown_append (r->out, text, FALSE);
      g_string_append (r->out, "</div>\n");
    }
  else if (KIKU_IS_SOURCE (block))
    append_source (r, KIKU_SOURCE (block));
  else if (KIKU_IS_COMMENT (block))
    append_comment (r, KIKU_COMMENT (block));
  else if (KIKU_IS_IMAGE (block))
    append_image_block (r, KIKU_IMAGE (block));
  else
    g_assert_not_reached ();
}

static void
append_section (Render      *r,
                KikuSection *section)
{
  KikuNode *node = KIKU_NODE (section);
  KikuList *blocks = kiku_section_get_blocks (section);
  const char *question = kiku_section_get_question (section);
  const char *answer = kiku_section_get_answer (section);

  open_element (r, "section", "kiku-section", node, NULL);
  g_string_append_c (r->out, '\n');

  if (kiku_section_get_heading (section) != NULL)
    append_element (r, "h2", NULL, node, "heading", kiku_section_get_heading (section));

  if (question != NULL || answer != NULL)
    {
      g_string_append (r->out, "<div class=\"qa\">\n");
      if (question != NULL)
        append_element (r, "p", "question", node, "question", question);
      if (answer != NULL)
        append_element (r, "p", "answer", node, "answer", answer);
      g_string_append (r->out, "</div>\n");
    }

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    append_block (r, kiku_list_get (blocks, i));

  g_string_append (r->out, "</section>\n");
}

static void
append_key_points (Render *r)
{
  KikuList *points = kiku_article_get_key_points (r->article);

  if (kiku_list_get_length (points) == 0)
    return;

  g_string_append (r->out, "<section class=\"key-points\">\n<h2>");
  append_text (r, label (r, "key-points"));
  g_string_append (r->out, "</h2>\n");
  append_points (r, points, NULL, "key-point-bullet");
  g_string_append (r->out, "</section>\n");
}

static void
append_next_page (Render   *r,
                  KikuPage *page,
                  guint     index)
{
  const char *teaser = kiku_page_get_teaser (page);

  if (index + 1 >= r->n_pages && teaser == NULL)
    return;

  open_element (r, "nav", "next-page", KIKU_NODE (page), "teaser");
  g_string_append (r->out, "\n<p class=\"next-link\">");
  if (r->standalone && index + 1 < r->n_pages)
    {
      g_autofree char *href = kiku_renderer_dup_page_name (r->self, index + 1);

      g_string_append (r->out, "<a rel=\"next\"");
      _kiku_html_append_attr (r->out, "href", href);
      g_string_append_c (r->out, '>');
      append_text (r, label (r, "next-page"));
      g_string_append (r->out, "</a>");
    }
  else
    {
      append_text (r, label (r, "next-page"));
    }
  g_string_append (r->out, "</p>\n");
  if (teaser != NULL)
    append_element (r, "p", "teaser", NULL, NULL, teaser);
  g_string_append (r->out, "</nav>\n");
}

static void
append_page (Render *r,
             guint   index)
{
  KikuPage *page = kiku_list_get (kiku_article_get_pages (r->article), index);
  KikuList *sections = kiku_page_get_sections (page);

  open_element (r, "div", "kiku-page", KIKU_NODE (page), NULL);
  g_string_append_c (r->out, '\n');

  if (index == 0)
    {
      append_key_points (r);
      if (kiku_article_get_intro (r->article) != NULL)
        append_markdown_element (r, "p", "intro", KIKU_NODE (r->article), "intro",
                                 kiku_article_get_intro (r->article));
    }

  for (guint i = 0; i < kiku_list_get_length (sections); i++)
    append_section (r, kiku_list_get (sections, i));

  append_next_page (r, page, index);

  g_string_append (r->out, "</div>\n");
}

static void
append_pagination (Render *r,
                   guint   current)
{
  if (r->n_pages < 2)
    return;

  g_string_append (r->out, "<nav class=\"pagination\"");
  _kiku_html_append_attr (r->out, "aria-label", label (r, "pages"));
  g_string_append (r->out, ">\n");

  for (guint i = 0; i < r->n_pages; i++)
    {
      if (i == current)
        {
          g_string_append_printf (r->out, "<span aria-current=\"page\">%u</span>\n", i + 1);
        }
      else
        {
          g_autofree char *href = kiku_renderer_dup_page_name (r->self, i);

          g_string_append (r->out, "<a");
          _kiku_html_append_attr (r->out, "href", href);
          g_string_append_printf (r->out, ">%u</a>\n", i + 1);
        }
    }

  g_string_append (r->out, "</nav>\n");
}

static void
append_article_header (Render *r,
                       guint   page)
{
  KikuArticle *article = r->article;
  KikuNode *node = KIKU_NODE (article);
  const char *title = kiku_article_get_title (article);
  const char *subtitle = kiku_article_get_subtitle (article);
  const char *const *keywords = kiku_article_get_keywords (article);

  g_string_append (r->out, "<header class=\"article-header\">\n");

  /* The site opens with a banner of the headline, then the lead, then the
   * headline again as the page's h1. Assistive technologies read it once.
   */
  g_string_append (r->out, "<div class=\"eyecatch\" aria-hidden=\"true\">\n");
  append_element (r, "p", "eyecatch-title", node, "title", title);
  if (subtitle != NULL)
    append_element (r, "p", "eyecatch-deck", node, "subtitle", subtitle);
  g_string_append (r->out, "</div>\n");

  if (page == 0 && kiku_article_get_summary (article) != NULL)
    append_markdown_element (r, "p", "p-summary lead", node, "summary",
                             kiku_article_get_summary (article));

  append_element (r, "h1", "p-name", node, "title", title);
  if (subtitle != NULL)
    append_element (r, "p", "deck", node, "subtitle", subtitle);

  if (kiku_article_get_published (article) != NULL || kiku_article_get_author (article) != NULL)
    {
      g_string_append (r->out, "<p class=\"byline\">");
      if (kiku_article_get_published (article) != NULL)
        append_time (r, "dt-published", kiku_article_get_published (article));
      if (kiku_article_get_author (article) != NULL)
        append_inline (r, "span", "p-author h-card", kiku_article_get_author (article));
      g_string_append (r->out, "</p>\n");
    }

  if (keywords != NULL)
    {
      open_element (r, "ul", "tags", node, "keywords");
      for (guint i = 0; keywords[i]; i++)
        append_element (r, "li", "p-category", NULL, NULL, keywords[i]);
      g_string_append (r->out, "</ul>\n");
    }

  g_string_append (r->out, "</header>\n");
}

/* Metadata ---------------------------------------------------------------- */

static char *
plain_summary (KikuArticle *article)
{
  g_autofree char *text = _kiku_markdown_to_text (kiku_article_get_summary (article));

  return g_strstrip (g_steal_pointer (&text));
}

typedef struct
{
  Render *r;
  char   *url;
} ShareImage;

static KikuWalk
find_web_image (KikuNode *node,
                guint     depth,
                gpointer  user_data)
{
  ShareImage *found = user_data;
  const char *reference = NULL;
  g_autofree char *url = NULL;

  if (KIKU_IS_IMAGE (node))
    reference = kiku_image_get_src (KIKU_IMAGE (node));
  else if (KIKU_IS_SOURCE (node))
    reference = kiku_source_get_image (KIKU_SOURCE (node));
  else
    return KIKU_IS_BLOCK (node) ? KIKU_WALK_SKIP : KIKU_WALK_CONTINUE;

  if (reference != NULL && (url = resolve_image (found->r, reference)) && _kiku_url_is_web (url))
    {
      found->url = g_steal_pointer (&url);
      return KIKU_WALK_STOP;
    }

  return KIKU_WALK_SKIP;
}

/* The first image on the web, for link previews. */
static char *
find_share_image (Render *r)
{
  ShareImage found = { r, NULL };

  kiku_node_walk (KIKU_NODE (r->article), find_web_image, &found);

  return found.url;
}

static void
append_meta (Render     *r,
             const char *attribute,
             const char *name,
             const char *content)
{
  if (content == NULL || content[0] == '\0')
    return;

  g_string_append (r->out, "<meta");
  _kiku_html_append_attr (r->out, attribute, name);
  _kiku_html_append_attr (r->out, "content", content);
  g_string_append (r->out, ">\n");
}

static void
json_set_string (JsonObject *object,
                 const char *key,
                 const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (object, key, value);
}

static JsonObject *
named_object (const char *type,
              const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "@type", type);
  json_object_set_string_member (object, "name", name);

  return object;
}

static char *
machine_date (const char *value)
{
  g_autoptr(GDateTime) date = NULL;
  gboolean date_only = FALSE;

  if (!(date = _kiku_parse_date (value, &date_only)))
    return NULL;

  return date_only ? g_date_time_format (date, "%Y-%m-%d") : g_date_time_format_iso8601 (date);
}

static KikuWalk
add_citation (KikuNode *node,
              guint     depth,
              gpointer  user_data)
{
  JsonArray *citations = user_data;
  KikuSource *source;
  JsonObject *work;
  g_autofree char *date = NULL;

  if (!KIKU_IS_SOURCE (node))
    return KIKU_IS_BLOCK (node) ? KIKU_WALK_SKIP : KIKU_WALK_CONTINUE;

  source = KIKU_SOURCE (node);
  work = json_object_new ();
  json_object_set_string_member (work, "@type", "CreativeWork");
  json_set_string (work, "name", kiku_source_get_title (source));
  if (_kiku_url_is_web (kiku_source_get_url (source)))
    json_set_string (work, "url", kiku_source_get_url (source));
  if ((date = machine_date (kiku_source_get_published (source))))
    json_set_string (work, "datePublished", date);
  if (kiku_source_get_publisher (source) != NULL)
    json_object_set_object_member (work, "publisher",
                                   named_object ("Organization",
                                                 kiku_source_get_publisher (source)));
  json_array_add_object_element (citations, work);

  return KIKU_WALK_SKIP;
}

/* The sources cited on one page of the article. */
static void
add_citations (JsonArray   *citations,
               KikuArticle *article,
               guint        page)
{
  KikuList *pages = kiku_article_get_pages (article);

  if (page < kiku_list_get_length (pages))
    kiku_node_walk (kiku_list_get (pages, page), add_citation, citations);
}

/* JSON-LD lives inside <script>: no text may close it or open a comment. */
static void
append_json_for_script (GString    *out,
                        const char *json)
{
  for (const char *p = json; *p; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (out, "\\u003c"); break;
        case '>': g_string_append (out, "\\u003e"); break;
        case '&': g_string_append (out, "\\u0026"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
append_json_ld (Render     *r,
                guint       page,
                const char *description,
                const char *image)
{
  KikuArticle *article = r->article;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) citations = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *published = machine_date (kiku_article_get_published (article));
  g_autofree char *updated = machine_date (kiku_article_get_updated (article));
  const char *const *keywords = kiku_article_get_keywords (article);

  json_object_set_string_member (object, "@context", "https://schema.org");
  json_object_set_string_member (object, "@type", "NewsArticle");
  json_set_string (object, "headline", kiku_article_get_title (article));
  json_set_string (object, "alternativeHeadline", kiku_article_get_subtitle (article));
  json_set_string (object, "description", description);
  json_set_string (object, "inLanguage", r->language);
  json_set_string (object, "datePublished", published);
  json_set_string (object, "dateModified", updated);
  if (kiku_article_get_author (article) != NULL)
    json_object_set_object_member (object, "author",
                                   named_object ("Person", kiku_article_get_author (article)));
  if (r->self->site_name != NULL)
    json_object_set_object_member (object, "publisher",
                                   named_object ("Organization", r->self->site_name));
  if (keywords != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; keywords[i]; i++)
        json_array_add_string_element (array, keywords[i]);
      json_object_set_array_member (object, "keywords", array);
    }
  json_set_string (object, "image", image);

  add_citations (citations, article, page);
  if (json_array_get_length (citations) > 0)
    json_object_set_array_member (object, "citation", json_array_ref (citations));

  root = json_node_init_object (json_node_alloc (), object);
  json = _kiku_json_write (root, 0);

  g_string_append (r->out, "<script type=\"application/ld+json\">");
  append_json_for_script (r->out, json);
  g_string_append (r->out, "</script>\n");
}

static void
append_head (Render *r,
             guint   page)
{
  KikuArticle *article = r->article;
  const char *title = kiku_article_get_title (article);
  const char *const *keywords = kiku_article_get_keywords (article);
  g_autofree char *description = plain_summary (article);
  g_autofree char *image = find_share_image (r);
  g_autofree char *published = machine_date (kiku_article_get_published (article));
  g_autofree char *updated = machine_date (kiku_article_get_updated (article));

  g_string_append (r->out, "<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                           "<meta name=\"color-scheme\" content=\"light dark\">\n");
  g_string_append (r->out, "<title>");
  append_text (r, title);
  if (r->self->site_name != NULL)
    {
      g_string_append (r->out, " | ");
      append_text (r, r->self->site_name);
    }
  g_string_append (r->out, "</title>\n");

  append_meta (r, "name", "description", description);
  append_meta (r, "name", "author", kiku_article_get_author (article));
  append_meta (r, "property", "og:type", "article");
  append_meta (r, "property", "og:title", title);
  append_meta (r, "property", "og:description", description);
  append_meta (r, "property", "og:site_name", r->self->site_name);
  append_meta (r, "property", "og:locale", g_str_has_prefix (r->language, "ja") ? "ja_JP" : "en_US");
  append_meta (r, "property", "og:image", image);
  append_meta (r, "property", "article:published_time", published);
  append_meta (r, "property", "article:modified_time", updated);
  for (guint i = 0; keywords != NULL && keywords[i]; i++)
    append_meta (r, "property", "article:tag", keywords[i]);
  append_meta (r, "name", "twitter:card", image ? "summary_large_image" : "summary");
  append_meta (r, "name", "twitter:title", title);
  append_meta (r, "name", "twitter:description", description);
  append_meta (r, "name", "twitter:image", image);

  g_string_append (r->out, "<style>\n");
  g_string_append (r->out, kiku_renderer_get_stylesheet ());
  g_string_append (r->out, "</style>\n");

  append_json_ld (r, page, description, image);

  g_string_append (r->out, "</head>\n");
}

static void
render_init (Render       *r,
             KikuRenderer *self,
             KikuArticle  *article,
             gboolean      standalone)
{
  r->self = self;
  r->article = article;
  r->out = g_string_sized_new (16 * 1024);
  r->language = kiku_article_get_language (article) ? kiku_article_get_language (article) : "ja";
  r->standalone = standalone;
  r->n_pages = kiku_list_get_length (kiku_article_get_pages (article));
}

/* The members a later version of the file format (or another tool) wrote
 * into @node, "x_…", by where the node stands: "" for the article, "k0"
 * for its first key point, "p0.s1.b2.t0" for the first point of the third
 * block of the second section of the first page.
 */
static void
add_extensions (JsonObject *all,
                KikuNode   *node,
                const char *path)
{
  JsonObject *extra = _kiku_node_get_extra (node);
  g_autoptr(GList) members = extra ? json_object_get_members (extra) : NULL;
  JsonObject *kept = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_str_has_prefix (l->data, "x_"))
        continue;
      if (kept == NULL)
        kept = json_object_new ();
      json_object_set_member (kept, l->data, json_node_copy (json_object_get_member (extra, l->data)));
    }

  if (kept != NULL)
    json_object_set_object_member (all, path, kept);
}

static char *
dup_extensions (KikuArticle *article)
{
  g_autoptr(JsonObject) all = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  KikuList *pages = kiku_article_get_pages (article);
  KikuList *key_points = kiku_article_get_key_points (article);

  add_extensions (all, KIKU_NODE (article), "");
  for (guint i = 0; i < kiku_list_get_length (key_points); i++)
    {
      g_autofree char *path = g_strdup_printf ("k%u", i);

      add_extensions (all, kiku_list_get (key_points, i), path);
    }
  for (guint i = 0; i < kiku_list_get_length (pages); i++)
    {
      KikuList *sections = kiku_page_get_sections (kiku_list_get (pages, i));
      g_autofree char *page_path = g_strdup_printf ("p%u", i);

      add_extensions (all, kiku_list_get (pages, i), page_path);
      for (guint j = 0; j < kiku_list_get_length (sections); j++)
        {
          KikuList *blocks = kiku_section_get_blocks (kiku_list_get (sections, j));
          g_autofree char *section_path = g_strdup_printf ("%s.s%u", page_path, j);

          add_extensions (all, kiku_list_get (sections, j), section_path);
          for (guint k = 0; k < kiku_list_get_length (blocks); k++)
            {
              KikuBlock *block = kiku_list_get (blocks, k);
              g_autofree char *block_path = g_strdup_printf ("%s.b%u", section_path, k);

              add_extensions (all, KIKU_NODE (block), block_path);
              if (KIKU_IS_SOURCE (block))
                {
                  KikuList *points = kiku_source_get_points (KIKU_SOURCE (block));

                  for (guint m = 0; m < kiku_list_get_length (points); m++)
                    {
                      g_autofree char *point_path = g_strdup_printf ("%s.t%u", block_path, m);

                      add_extensions (all, kiku_list_get (points, m), point_path);
                    }
                }
            }
        }
    }

  if (json_object_get_size (all) == 0)
    return NULL;

  root = json_node_init_object (json_node_alloc (), all);
  return _kiku_json_write (root, 0);
}

/* The article's own fields, which no part of a post's body shows: an empty
 * element whose data-kiku-* attributes hold them (the README's "Publishing"
 * part says why).
 */
static void
append_article_data (Render *r)
{
  KikuArticle *article = r->article;
  const char *const *keywords = kiku_article_get_keywords (article);
  g_autofree char *joined = keywords ? g_strjoinv ("\n", (char **)keywords) : NULL;
  g_autofree char *extensions = dup_extensions (article);

  g_string_append (r->out, "<div class=\"kiku-article-data\" data-kiku-format=\"1\"");
  append_data_attr (r, "title", kiku_article_get_title (article));
  append_data_attr (r, "subtitle", kiku_article_get_subtitle (article));
  append_data_attr (r, "summary", kiku_article_get_summary (article));
  append_data_attr (r, "keywords", joined);
  append_data_attr (r, "author", kiku_article_get_author (article));
  append_data_attr (r, "slug", kiku_article_get_slug (article));
  append_data_attr (r, "language", kiku_article_get_language (article));
  append_data_attr (r, "published", kiku_article_get_published (article));
  append_data_attr (r, "updated", kiku_article_get_updated (article));
  append_data_attr (r, "extensions", extensions);
  g_string_append (r->out, "></div>\n");
}

/* Block markup for a CMS --------------------------------------------------
 *
 * What WordPress's block editor opens as its own core blocks: each block
 * between <!-- wp:NAME {attributes} --> delimiters, its HTML exactly what
 * the block's save() writes for those attributes (className ↔ class), so
 * that the editor finds every block valid. Kiku's parts are groups of core
 * blocks with the theme's class names.
 */

/* An address in an attribute of the post body: "<" and ">" as %3C and %3E,
 * which mean the same in an address. The block editor writes attributes
 * back with "<" and ">" as they are, and WordPress's filter for authors
 * then takes the first ">" for the end of the tag.
 */
static void
append_wp_url_attr (Render     *r,
                    const char *name,
                    const char *url)
{
  g_autoptr(GString) safe = g_string_new (url);

  g_string_replace (safe, "<", "%3C", 0);
  g_string_replace (safe, ">", "%3E", 0);
  _kiku_html_append_attr (r->out, name, safe->str);
}

static void
open_wp_block (Render     *r,
               const char *name,
               const char *attributes)
{
  g_string_append_printf (r->out, "<!-- wp:%s%s%s -->\n", name,
                          attributes ? " " : "", attributes ? attributes : "");
}

static void
close_wp_block (Render     *r,
                const char *name)
{
  g_string_append_printf (r->out, "<!-- /wp:%s -->\n", name);
}

static void
open_wp_group (Render     *r,
               const char *classes)
{
  g_autofree char *attributes = g_strdup_printf ("{\"className\":\"%s\"}", classes);

  open_wp_block (r, "group", attributes);
  g_string_append_printf (r->out, "<div class=\"wp-block-group %s\">", classes);
}

static void
close_wp_group (Render *r)
{
  g_string_append (r->out, "</div>\n");
  close_wp_block (r, "group");
}

/* A core/paragraph whose text is plain text. */
static void
append_wp_text_paragraph (Render     *r,
                          const char *classes,
                          const char *text)
{
  g_autofree char *attributes = g_strdup_printf ("{\"className\":\"%s\"}", classes);

  open_wp_block (r, "paragraph", attributes);
  g_string_append_printf (r->out, "<p class=\"%s\">", classes);
  append_text (r, text);
  g_string_append (r->out, "</p>\n");
  close_wp_block (r, "paragraph");
}

/* A core/paragraph whose text is CommonMark. */
static void
append_wp_markdown_paragraph (Render     *r,
                              const char *classes,
                              const char *text)
{
  g_autofree char *attributes = g_strdup_printf ("{\"className\":\"%s\"}", classes);

  open_wp_block (r, "paragraph", attributes);
  g_string_append_printf (r->out, "<p class=\"%s\">", classes);
  append_inline_markdown (r, text);
  g_string_append (r->out, "</p>\n");
  close_wp_block (r, "paragraph");
}

static void
append_wp_heading (Render     *r,
                   guint       level,
                   const char *classes,
                   const char *text)
{
  g_autofree char *attributes = level == 2 ? g_strdup_printf ("{\"className\":\"%s\"}", classes)
                                           : g_strdup_printf ("{\"level\":%u,\"className\":\"%s\"}", level, classes);

  open_wp_block (r, "heading", attributes);
  g_string_append_printf (r->out, "<h%u class=\"wp-block-heading %s\">", level, classes);
  append_text (r, text);
  g_string_append_printf (r->out, "</h%u>\n", level);
  close_wp_block (r, "heading");
}

static void
append_wp_points (Render     *r,
                  KikuList   *points,
                  const char *classes)
{
  g_autofree char *attributes = g_strdup_printf ("{\"className\":\"%s\"}", classes);

  open_wp_block (r, "list", attributes);
  g_string_append_printf (r->out, "<ul class=\"wp-block-list %s\">", classes);
  for (guint i = 0; i < kiku_list_get_length (points); i++)
    {
      KikuPoint *point = kiku_list_get (points, i);

      open_wp_block (r, "list-item", NULL);
      g_string_append (r->out, "<li>");
      append_inline_markdown (r, kiku_point_get_text (point));
      g_string_append (r->out, "</li>\n");
      close_wp_block (r, "list-item");
    }
  g_string_append (r->out, "</ul>\n");
  close_wp_block (r, "list");
}

/* A core/image, or where the image cannot be shown a paragraph that says
 * so and keeps its reference.
 */
static void
append_wp_image (Render     *r,
                 const char *classes,
                 const char *reference,
                 const char *alt,
                 const char *caption,
                 const char *credit_classes,
                 const char *credit)
{
  g_autofree char *url = resolve_image (r, reference);
  g_autofree char *attributes = g_strdup_printf ("{\"className\":\"%s\"}", classes);

  if (url == NULL)
    {
      open_wp_block (r, "paragraph", attributes);
      g_string_append_printf (r->out, "<p class=\"%s\"><span class=\"image-placeholder\"", classes);
      append_image_reference (r, reference);
      append_data_attr (r, "alt", alt);
      g_string_append_c (r->out, '>');
      append_text (r, _kiku_url_is_web (reference) ? label (r, "remote-image") : label (r, "missing-image"));
      g_string_append (r->out, "</span>");
    }
  else
    {
      open_wp_block (r, "image", attributes);
      g_string_append_printf (r->out, "<figure class=\"wp-block-image %s\"><img", classes);
      append_wp_url_attr (r, "src", url);
      _kiku_html_append_attr (r->out, "alt", alt ? alt : "");
      g_string_append (r->out, "/>");
      if (caption != NULL || credit != NULL)
        g_string_append (r->out, "<figcaption class=\"wp-element-caption\">");
    }

  if (url == NULL && (caption != NULL || credit != NULL))
    g_string_append (r->out, " ");
  if (caption != NULL)
    append_inline (r, "span", "caption", caption);
  if (caption != NULL && credit != NULL)
    g_string_append_c (r->out, ' ');
  if (credit != NULL)
    append_inline (r, "small", credit_classes, credit);

  if (url == NULL)
    {
      g_string_append (r->out, "</p>\n");
      close_wp_block (r, "paragraph");
    }
  else
    {
      if (caption != NULL || credit != NULL)
        g_string_append (r->out, "</figcaption>");
      g_string_append (r->out, "</figure>\n");
      close_wp_block (r, "image");
    }
}

static void
append_wp_source (Render     *r,
                  KikuSource *source)
{
  const char *title = kiku_source_get_title (source);
  const char *url = kiku_source_get_url (source);
  const char *publisher = kiku_source_get_publisher (source);
  const char *published = kiku_source_get_published (source);
  gboolean link = url != NULL && _kiku_url_is_allowed (url, KIKU_URL_LINK);

  open_wp_group (r, "source-box h-cite");
  g_string_append_c (r->out, '\n');

  if (kiku_source_get_image (source) != NULL)
    append_wp_image (r, "source-figure", kiku_source_get_image (source), title, NULL,
                     "image-credit", kiku_source_get_image_credit (source));

  if (title != NULL)
    append_wp_heading (r, 3, "p-name", title);

  if (published != NULL)
    {
      g_autofree char *machine = NULL;
      g_autofree char *shown = display_date (r, published, &machine);

      open_wp_block (r, "paragraph", "{\"className\":\"source-date\"}");
      g_string_append (r->out, "<p class=\"source-date\">");
      append_text (r, label (r, "published"));
      /* WordPress keeps no <time> from authors; an <abbr> whose title is
       * the date is what microformats read as well.
       */
      g_string_append (r->out, machine ? "<abbr class=\"dt-published\"" : "<span class=\"dt-published\"");
      if (machine != NULL)
        _kiku_html_append_attr (r->out, "title", machine);
      if (machine == NULL || !g_str_equal (machine, published))
        append_data_attr (r, "value", published);
      g_string_append_c (r->out, '>');
      append_text (r, shown);
      g_string_append (r->out, machine ? "</abbr></p>\n" : "</span></p>\n");
      close_wp_block (r, "paragraph");
    }

  if (kiku_list_get_length (kiku_source_get_points (source)) > 0)
    append_wp_points (r, kiku_source_get_points (source), "source-points");

  open_wp_block (r, "paragraph", "{\"className\":\"source-link\"}");
  g_string_append (r->out, "<p class=\"source-link\">");
  if (link)
    {
      g_string_append (r->out, "<a class=\"read-more u-url\"");
      append_wp_url_attr (r, "href", url);
      g_string_append (r->out, " rel=\"noopener\">");
      append_text (r, label (r, "read-more"));
      g_string_append (r->out, "</a>");
    }
  else
    append_inline (r, "span", "read-more", label (r, "read-more"));
  if (publisher != NULL)
    {
      g_string_append_c (r->out, ' ');
      append_inline (r, "span", "p-publisher", publisher);
    }
  g_string_append (r->out, " <span class=\"credit\">");
  append_text (r, label (r, "source"));
  g_string_append_c (r->out, ' ');
  if (link)
    {
      g_string_append (r->out, "<a class=\"kiku-source-url\"");
      append_wp_url_attr (r, "href", url);
      g_string_append (r->out, " rel=\"noopener\">");
      append_text (r, url);
      g_string_append (r->out, "</a>");
    }
  else if (url != NULL)
    append_inline (r, "span", "kiku-source-url", url);
  g_string_append (r->out, "</span></p>\n");
  close_wp_block (r, "paragraph");

  close_wp_group (r);
}

static void
append_wp_comment (Render      *r,
                   KikuComment *comment)
{
  const char *id = kiku_comment_get_persona (comment);
  Persona *persona = id ? g_hash_table_lookup (r->self->personas, id) : NULL;
  const char *name = persona ? persona->name : id;

  open_wp_group (r, "persona-comment");
  g_string_append_c (r->out, '\n');

  if (name != NULL)
    {
      open_wp_block (r, "paragraph", "{\"className\":\"persona\"}");
      g_string_append (r->out, "<p class=\"persona\">");
      if (persona != NULL && persona->avatar != NULL &&
          _kiku_url_is_allowed (persona->avatar, KIKU_URL_IMAGE))
        {
          g_string_append (r->out, "<img class=\"avatar\" alt=\"\"");
          append_wp_url_attr (r, "src", persona->avatar);
          g_string_append (r->out, "> ");
        }
      g_string_append (r->out, "<span class=\"persona-name\"");
      append_data_attr (r, "persona", id);
      g_string_append_c (r->out, '>');
      append_text (r, name);
      g_string_append (r->out, "</span></p>\n");
      close_wp_block (r, "paragraph");
    }

  append_wp_markdown_paragraph (r, "bubble", kiku_comment_get_text (comment));
  close_wp_group (r);
}

static void
append_wp_block (Render    *r,
                 KikuBlock *block)
{
  if (KIKU_IS_PARAGRAPH (block))
    {
      const char *text = kiku_paragraph_get_text (KIKU_PARAGRAPH (block));

      if (_kiku_markdown_is_one_paragraph (text))
        append_wp_markdown_paragraph (r, "kiku-paragraph", text);
      else
        {
          /* Its own paragraphs, lists, quotes and code as core blocks, its
           * source in an empty element beside them.
           */
          open_wp_group (r, "kiku-paragraph");
          g_string_append_c (r->out, '\n');
          open_wp_block (r, "html", NULL);
          g_string_append (r->out, "<span class=\"kiku-md\"");
          append_data_attr (r, "md", text);
          g_string_append (r->out, "></span>\n");
          close_wp_block (r, "html");
          _kiku_markdown_append_wp_blocks (r->out, text);
          close_wp_group (r);
        }
    }
  else if (KIKU_IS_SOURCE (block))
    append_wp_source (r, KIKU_SOURCE (block));
  else if (KIKU_IS_COMMENT (block))
    append_wp_comment (r, KIKU_COMMENT (block));
  else if (KIKU_IS_IMAGE (block))
    {
      KikuImage *image = KIKU_IMAGE (block);

      append_wp_image (r, "kiku-image", kiku_image_get_src (image), kiku_image_get_alt (image),
                       kiku_image_get_caption (image), "credit", kiku_image_get_credit (image));
    }
  else
    g_assert_not_reached ();
}

static void
append_wp_section (Render      *r,
                   KikuSection *section)
{
  KikuList *blocks = kiku_section_get_blocks (section);
  const char *question = kiku_section_get_question (section);
  const char *answer = kiku_section_get_answer (section);

  open_wp_group (r, "kiku-section");
  g_string_append_c (r->out, '\n');

  if (kiku_section_get_heading (section) != NULL)
    append_wp_heading (r, 2, "kiku-heading", kiku_section_get_heading (section));

  if (question != NULL || answer != NULL)
    {
      open_wp_group (r, "qa");
      g_string_append_c (r->out, '\n');
      if (question != NULL)
        append_wp_text_paragraph (r, "question", question);
      if (answer != NULL)
        append_wp_text_paragraph (r, "answer", answer);
      close_wp_group (r);
    }

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    append_wp_block (r, kiku_list_get (blocks, i));

  close_wp_group (r);
}

static void
append_wp_page (Render *r,
                guint   index)
{
  KikuPage *page = kiku_list_get (kiku_article_get_pages (r->article), index);
  KikuList *sections = kiku_page_get_sections (page);
  KikuList *points = kiku_article_get_key_points (r->article);
  const char *teaser = kiku_page_get_teaser (page);

  open_wp_group (r, "kiku-page");
  g_string_append_c (r->out, '\n');

  if (index == 0 && kiku_list_get_length (points) > 0)
    {
      open_wp_group (r, "key-points");
      g_string_append_c (r->out, '\n');
      append_wp_heading (r, 2, "key-points-title", label (r, "key-points"));
      append_wp_points (r, points, "key-points-list");
      close_wp_group (r);
    }
  if (index == 0 && kiku_article_get_intro (r->article) != NULL)
    append_wp_markdown_paragraph (r, "intro", kiku_article_get_intro (r->article));

  for (guint i = 0; i < kiku_list_get_length (sections); i++)
    append_wp_section (r, kiku_list_get (sections, i));

  if (index + 1 < r->n_pages || teaser != NULL)
    {
      open_wp_group (r, "next-page");
      g_string_append_c (r->out, '\n');
      /* The site makes its own page links: the label stays, with no href. */
      append_wp_text_paragraph (r, "next-link", label (r, "next-page"));
      if (teaser != NULL)
        append_wp_text_paragraph (r, "teaser", teaser);
      close_wp_group (r);
    }

  close_wp_group (r);
}

/* Public API ------------------------------------------------------------- */

KikuRenderer *
kiku_renderer_new (void)
{
  return g_object_new (KIKU_TYPE_RENDERER, NULL);
}

/**
 * kiku_renderer_set_site_name:
 *
 * Sets the name in the site header and the page metadata.
 */
void
kiku_renderer_set_site_name (KikuRenderer *self,
                             const char   *site_name)
{
  g_return_if_fail (KIKU_IS_RENDERER (self));

  g_free (self->site_name);
  self->site_name = g_strdup (site_name);
}

const char *
kiku_renderer_get_site_name (KikuRenderer *self)
{
  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);

  return self->site_name;
}

/**
 * kiku_renderer_set_label:
 * @key: a label such as "read-more" or "key-points"
 * @text: (nullable): the site's own words, or %NULL for the theme's
 *
 * A site may say its fixed words its own way, whatever the language.
 */
void
kiku_renderer_set_label (KikuRenderer *self,
                         const char   *key,
                         const char   *text)
{
  g_return_if_fail (KIKU_IS_RENDERER (self));
  g_return_if_fail (key != NULL);

  if (text == NULL)
    g_hash_table_remove (self->labels, key);
  else
    g_hash_table_insert (self->labels, g_strdup (key), g_strdup (text));
}

/**
 * kiku_renderer_get_label:
 * @language: (nullable): the article's language
 *
 * Returns: the label the page shows for @key in @language: the site's own,
 *   else the theme's Japanese or English one
 */
const char *
kiku_renderer_get_label (KikuRenderer *self,
                         const char   *language,
                         const char   *key)
{
  const char *text;

  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((text = g_hash_table_lookup (self->labels, key)))
    return text;

  for (guint i = 0; i < G_N_ELEMENTS (default_labels); i++)
    if (g_str_equal (default_labels[i].key, key))
      return language && g_str_has_prefix (language, "ja") ? default_labels[i].ja
                                                          : default_labels[i].en;

  g_return_val_if_reached (key);
}

/**
 * kiku_renderer_add_persona:
 * @avatar: (nullable): the URL or relative path of the persona's picture
 *
 * Makes comments by the persona @id show @name and @avatar.
 */
void
kiku_renderer_add_persona (KikuRenderer *self,
                           const char   *id,
                           const char   *name,
                           const char   *avatar)
{
  Persona *persona;

  g_return_if_fail (KIKU_IS_RENDERER (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (name != NULL);

  persona = g_new0 (Persona, 1);
  persona->name = g_strdup (name);
  persona->avatar = g_strdup (avatar);
  g_hash_table_insert (self->personas, g_strdup (id), persona);
}

/**
 * kiku_renderer_set_image_func:
 *
 * Sets how image references become URLs in the page. Without a function, a
 * relative path stays relative (for a page saved beside the article) and a
 * URL stays as it is.
 */
void
kiku_renderer_set_image_func (KikuRenderer   *self,
                              KikuImageFunc   func,
                              gpointer        user_data,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (KIKU_IS_RENDERER (self));

  if (self->image_destroy != NULL)
    self->image_destroy (self->image_data);

  self->image_func = func;
  self->image_data = user_data;
  self->image_destroy = destroy;
}

/**
 * kiku_renderer_dup_page_name:
 * @page: the index of a page, from 0
 *
 * Returns: (transfer full): the file name of the page in a static site:
 *   index.html, then page-2.html, page-3.html, ...
 */
char *
kiku_renderer_dup_page_name (KikuRenderer *self,
                             guint         page)
{
  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);

  return page == 0 ? g_strdup ("index.html") : g_strdup_printf ("page-%u.html", page + 1);
}

/**
 * kiku_renderer_render_page:
 * @page: the index of the page to render, from 0
 *
 * Returns: (transfer full): a complete HTML document for one page of
 *   @article: the theme, the site header, the metadata, and links to the
 *   article's other pages
 */
char *
kiku_renderer_render_page (KikuRenderer *self,
                           KikuArticle  *article,
                           guint         page)
{
  Render r;

  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);

  render_init (&r, self, article, TRUE);
  g_return_val_if_fail (page < MAX (r.n_pages, 1), NULL);

  g_string_append (r.out, "<!DOCTYPE html>\n<html");
  _kiku_html_append_attr (r.out, "lang", r.language);
  g_string_append (r.out, ">\n");
  append_head (&r, page);
  g_string_append (r.out, "<body>\n<header class=\"site-header\">\n<a class=\"site-logo\" href=\"index.html\">");
  append_text (&r, self->site_name);
  g_string_append (r.out, "</a>\n<button class=\"menu-opener\" type=\"button\"");
  _kiku_html_append_attr (r.out, "aria-label", label (&r, "menu"));
  g_string_append (r.out, ">☰</button>\n</header>\n<main>\n");

  open_element (&r, "article", "h-entry kiku-article", KIKU_NODE (article), NULL);
  g_string_append_c (r.out, '\n');
  append_article_data (&r);
  append_article_header (&r, page);
  g_string_append (r.out, "<div class=\"e-content\">\n");
  if (r.n_pages > 0)
    append_page (&r, page);
  g_string_append (r.out, "</div>\n");
  append_pagination (&r, page);
  g_string_append (r.out, "</article>\n</main>\n<footer class=\"site-footer\">\n<p>© ");
  append_text (&r, self->site_name);
  g_string_append (r.out, "</p>\n</footer>\n</body>\n</html>\n");

  return g_string_free (r.out, FALSE);
}

/**
 * kiku_renderer_render_fragment:
 *
 * Returns: (transfer full): the body of the article as a CMS post holds
 *   it: WordPress block markup of core blocks, with no head and no title,
 *   its pages separated by WordPress's <!--nextpage--> marker, and the
 *   article's own fields in a data element, so that it reads back whole
 */
char *
kiku_renderer_render_fragment (KikuRenderer *self,
                               KikuArticle  *article)
{
  Render r;

  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);

  render_init (&r, self, article, FALSE);

  open_wp_block (&r, "html", NULL);
  append_article_data (&r);
  close_wp_block (&r, "html");
  g_string_append_c (r.out, '\n');

  for (guint i = 0; i < r.n_pages; i++)
    {
      if (i > 0)
        g_string_append (r.out, "\n<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->\n\n");
      append_wp_page (&r, i);
    }

  return g_string_free (r.out, FALSE);
}

/**
 * kiku_renderer_render_node:
 * @node: a page, section, block or point of @article
 *
 * Renders just the element of @node, as it stands in the page, so that a
 * preview can put it in place of the old one.
 *
 * Returns: (transfer full): the element's HTML
 */
char *
kiku_renderer_render_node (KikuRenderer *self,
                           KikuArticle  *article,
                           KikuNode     *node)
{
  Render r;

  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);

  render_init (&r, self, article, TRUE);

  if (KIKU_IS_PAGE (node))
    {
      guint index = 0;

      kiku_list_find (kiku_article_get_pages (article), node, &index);
      append_page (&r, index);
    }
  else if (KIKU_IS_SECTION (node))
    {
      append_section (&r, KIKU_SECTION (node));
    }
  else if (KIKU_IS_BLOCK (node))
    {
      append_block (&r, KIKU_BLOCK (node));
    }
  else if (KIKU_IS_POINT (node))
    {
      KikuList *list = kiku_node_get_list (node);
      gboolean key_point = list != NULL && KIKU_IS_ARTICLE (kiku_list_get_owner (list));

      append_point (&r, KIKU_POINT (node), key_point ? "key-point-bullet" : "source-point-bullet");
    }
  else
    {
      g_string_free (r.out, TRUE);
      g_return_val_if_reached (NULL);
    }

  return g_string_free (r.out, FALSE);
}

/**
 * kiku_renderer_render_field:
 * @field: "title", "subtitle", "summary", "intro" or "keywords"
 *
 * Renders what the elements of one of the article's own fields hold, those
 * whose data-kiku-id is the article's id and the field, such as "k1.title".
 *
 * Returns: (transfer full) (nullable): their inner HTML, or %NULL for a
 *   field whose change needs the whole page rendered again
 */
char *
kiku_renderer_render_field (KikuRenderer *self,
                            KikuArticle  *article,
                            const char   *field)
{
  Render r;

  g_return_val_if_fail (KIKU_IS_RENDERER (self), NULL);
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  render_init (&r, self, article, TRUE);

  if (g_str_equal (field, "title"))
    append_text (&r, kiku_article_get_title (article));
  else if (g_str_equal (field, "subtitle"))
    append_text (&r, kiku_article_get_subtitle (article));
  else if (g_str_equal (field, "summary"))
    _kiku_markdown_append (r.out, kiku_article_get_summary (article), TRUE);
  else if (g_str_equal (field, "intro"))
    _kiku_markdown_append (r.out, kiku_article_get_intro (article), TRUE);
  else if (g_str_equal (field, "keywords"))
    {
      const char *const *keywords = kiku_article_get_keywords (article);

      for (guint i = 0; keywords != NULL && keywords[i]; i++)
        append_element (&r, "li", "p-category", NULL, NULL, keywords[i]);
    }
  else
    {
      g_string_free (r.out, TRUE);
      return NULL;
    }

  return g_string_free (r.out, FALSE);
}

/**
 * kiku_renderer_get_stylesheet:
 *
 * Returns: the CSS of the built-in theme
 */
const char *
kiku_renderer_get_stylesheet (void)
{
  static GBytes *css;

  if (g_once_init_enter (&css))
    {
      GBytes *bytes = g_resource_lookup_data (_kiku_core_get_resource (),
                                              "/io/github/kiku/Kiku/theme/digest.css",
                                              G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      g_once_init_leave (&css, bytes);
    }

  return g_bytes_get_data (css, NULL);
}
