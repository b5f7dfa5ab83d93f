/* test-render.c: the site's HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include <cmark.h>

#include "kiku.h"
#include "kiku-test-files.h"
#include "kiku-html-private.h"
#include "kiku-test-html.h"

static KikuArticle *
load (const char *dir,
      const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  KikuArticle *article;

  if (g_str_equal (dir, "samples"))
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  file = g_file_new_for_path (path);
  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  return article;
}

/* @html without the values of its data-kiku-* attributes. */
static char *
without_data_attributes (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;
  const char *found;

  while ((found = strstr (p, " data-kiku-")))
    {
      const char *open = strchr (found, '"');
      const char *close = open ? strchr (open + 1, '"') : NULL;

      g_assert_nonnull (close);
      g_assert_null (memchr (open + 1, '<', close - open - 1));
      g_string_append_len (out, p, found - p);
      p = close + 1;
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *html,
                 const char *part)
{
  if (strstr (html, part) == NULL)
    g_error ("the HTML does not contain “%s”", part);
}

static guint
count (const char *html,
       const char *part)
{
  guint n = 0;

  for (const char *p = html; (p = strstr (p, part)); p += strlen (part))
    n++;

  return n;
}

typedef struct
{
  char       *name;
  GHashTable *attributes;
} Tag;

static void
tag_free (gpointer data)
{
  Tag *tag = data;

  g_free (tag->name);
  g_hash_table_unref (tag->attributes);
  g_free (tag);
}

/* Every tag in @html, with its attributes. The renderer escapes all text,
 * so a "<" in the output always opens a real tag.
 */
static GPtrArray *
parse_tags (const char *html)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (tag_free);
  const char *p = html;

  while ((p = strchr (p, '<')))
    {
      Tag *tag;
      const char *start;

      p++;
      if (*p == '/' || *p == '!')
        {
          /* Closing tags, the doctype, <!--nextpage--> and the block
           * editor's delimiters carry nothing.
           */
          if (g_str_has_prefix (p, "!--"))
            {
              const char *end = strstr (p, "-->");
              g_autofree char *comment = end ? g_strndup (p, end - p) : NULL;

              g_assert_nonnull (end);
              g_assert_true (g_str_equal (comment, "!--nextpage") ||
                             g_str_has_prefix (comment, "!-- wp:") ||
                             g_str_has_prefix (comment, "!-- /wp:"));
              g_assert_null (strchr (comment, '<'));
              p = end + 2;
            }
          p = strchr (p, '>');
          g_assert_nonnull (p);
          continue;
        }

      tag = g_new0 (Tag, 1);
      tag->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      tag->name = g_ascii_strdown (start, p - start);

      for (;;)
        {
          g_autofree char *name = NULL;

          while (*p == ' ')
            p++;
          if (*p == '>')
            break;

          start = p;
          while (*p && *p != '=' && *p != ' ' && *p != '>')
            p++;
          name = g_ascii_strdown (start, p - start);
          g_assert_true (name[0] != '\0');

          if (*p == '=')
            {
              const char *end;

              /* The renderer always quotes with double quotes. */
              g_assert_cmpint (p[1], ==, '"');
              end = strchr (p + 2, '"');
              g_assert_nonnull (end);
              g_hash_table_insert (tag->attributes, g_steal_pointer (&name), g_strndup (p + 2, end - p - 2));
              p = end + 1;
            }
          else
            {
              g_hash_table_insert (tag->attributes, g_steal_pointer (&name), g_strdup (""));
            }
        }

      g_ptr_array_add (tags, tag);
    }

  return tags;
}

/* What a browser makes of an attribute value: entities decoded, then the
 * spaces and control characters it ignores in a scheme left out.
 */
static gboolean
url_is_harmless (const char *value)
{
  g_autofree char *wrapped = g_strconcat ("<body>", value, NULL);
  g_autofree char *decoded = kiku_test_html_to_text (wrapped);
  g_autofree char *lower = g_ascii_strdown (decoded, -1);
  g_autofree char *squeezed = kiku_test_strip_spaces (lower);

  return !g_str_has_prefix (squeezed, "javascript:") && !g_str_has_prefix (squeezed, "vbscript:") &&
         !g_str_has_prefix (squeezed, "data:text") && !g_str_has_prefix (squeezed, "//");
}

/* No user text may make a script, an event handler, a frame or a link to
 * anything but the web and the article's own files.
 */
static void
assert_no_markup_from_text (const char *html,
                            gboolean    standalone)
{
  g_autoptr(GPtrArray) tags = parse_tags (html);
  guint scripts = 0, styles = 0;

  for (guint i = 0; i < tags->len; i++)
    {
      Tag *tag = g_ptr_array_index (tags, i);
      GHashTableIter iter;
      const char *name, *value;

      if (g_str_equal (tag->name, "script"))
        {
          g_assert_cmpstr (g_hash_table_lookup (tag->attributes, "type"), ==, "application/ld+json");
          scripts++;
        }
      styles += g_str_equal (tag->name, "style");

      g_assert_cmpstr (tag->name, !=, "iframe");
      g_assert_cmpstr (tag->name, !=, "object");
      g_assert_cmpstr (tag->name, !=, "embed");
      g_assert_cmpstr (tag->name, !=, "svg");
      g_assert_cmpstr (tag->name, !=, "form");
      g_assert_cmpstr (tag->name, !=, "b");

      g_hash_table_iter_init (&iter, tag->attributes);
      while (g_hash_table_iter_next (&iter, (gpointer *)&name, (gpointer *)&value))
        {
          if (g_str_has_prefix (name, "on") || g_str_equal (name, "style") || g_str_equal (name, "srcdoc"))
            g_error ("<%s> has a “%s” attribute", tag->name, name);
          if ((g_str_equal (name, "href") || g_str_equal (name, "src")) && !url_is_harmless (value))
            g_error ("<%s %s=\"%s\"> leads somewhere it must not", tag->name, name, value);
        }
    }

  g_assert_cmpuint (scripts, ==, standalone ? 1 : 0);
  g_assert_cmpuint (styles, ==, standalone ? 1 : 0);
}

static void
test_standalone_vocabularies (void)
{
  g_autoptr(KikuArticle) article = load ("samples", "sample.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *html = kiku_renderer_render_page (renderer, article, 0);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"ja\">"));
  assert_contains (html, "<meta charset=\"utf-8\">");
  assert_contains (html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  assert_contains (html, "<style>");
  assert_contains (html, "prefers-color-scheme: dark");
  assert_contains (html, "@media (max-width: 600px)");
  assert_contains (html, "Noto Sans CJK JP");
  assert_contains (html, "<header class=\"site-header\">");

  /* microformats2 */
  assert_contains (html, "<article class=\"h-entry kiku-article\"");
  assert_contains (html, "<h1 class=\"p-name\"");
  assert_contains (html, "class=\"p-summary lead\"");
  assert_contains (html, "<time class=\"dt-published\" datetime=\"2025-10-14\">2025/10/14</time>");
  assert_contains (html, "<span class=\"p-author h-card\">菊ダイジェスト編集部</span>");
  g_assert_cmpuint (count (html, "class=\"p-category\""), ==, 3);
  assert_contains (html, "<div class=\"e-content\">");

  /* each source box an h-cite */
  g_assert_cmpuint (count (html, "class=\"source-box h-cite\""), ==, 2);
  assert_contains (html, "<h3 class=\"p-name\">市立中央図書館、平日の開館を午後10時まで延長 来館者は前年の1.4倍に</h3>");
  assert_contains (html, "<a class=\"read-more u-url\" href=\"https://example.com/news/library-hours\"");
  assert_contains (html, "公開日:<time class=\"dt-published\" datetime=\"2025-09-30\">2025/09/30</time>");
  assert_contains (html, "<span class=\"p-publisher\">みなと日報 地域ニュース</span>");
  assert_contains (html, "出典/画像元: <a href=\"https://example.com/news/library-hours\"");

  /* the seed page's labels, in Japanese */
  assert_contains (html, "📘 この記事で分かる事!");
  assert_contains (html, "さらに読む ⇒");
  assert_contains (html, "次のページを読む ⇒");
  g_assert_cmpuint (count (html, "<span class=\"bullet\" aria-hidden=\"true\">💡</span>"), ==, 3);

  /* Open Graph and Twitter cards */
  assert_contains (html, "<meta property=\"og:type\" content=\"article\">");
  assert_contains (html, "<meta property=\"og:title\" content=\"夜の図書館はなぜ広がる?");
  assert_contains (html, "<meta property=\"og:description\" content=\"平日の夜9時");
  assert_contains (html, "<meta property=\"article:tag\" content=\"働き方\">");
  assert_contains (html, "<meta name=\"twitter:card\" content=\"summary\">");
  assert_contains (html, "<meta name=\"twitter:title\"");

  /* a link to the second page */
  assert_contains (html, "<a rel=\"next\" href=\"page-2.html\">次のページを読む ⇒</a>");
  assert_contains (html, "<span aria-current=\"page\">1</span>");

  assert_no_markup_from_text (html, TRUE);
}

static void
test_json_ld (void)
{
  g_autoptr(KikuArticle) article = load ("samples", "sample.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *html = kiku_renderer_render_page (renderer, article, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *start = strstr (html, "<script type=\"application/ld+json\">");
  const char *end;
  g_autofree char *json = NULL;
  JsonObject *object, *citation;
  JsonArray *citations;

  g_assert_nonnull (start);
  start += strlen ("<script type=\"application/ld+json\">");
  end = strstr (start, "</script>");
  json = g_strndup (start, end - start);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (object, "@context"), ==, "https://schema.org");
  g_assert_cmpstr (json_object_get_string_member (object, "@type"), ==, "NewsArticle");
  g_assert_cmpstr (json_object_get_string_member (object, "headline"), ==, kiku_article_get_title (article));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "description"), "平日の夜9時"));
  g_assert_cmpstr (json_object_get_string_member (object, "datePublished"), ==, "2025-10-14");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "author"), "name"),
                   ==, "菊ダイジェスト編集部");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "keywords")), ==, 3);

  /* The sources cited on this page: the second page cites its own. */
  citations = json_object_get_array_member (object, "citation");
  g_assert_cmpuint (json_array_get_length (citations), ==, 2);
  citation = json_array_get_object_element (citations, 0);
  g_assert_cmpstr (json_object_get_string_member (citation, "@type"), ==, "CreativeWork");
  g_assert_cmpstr (json_object_get_string_member (citation, "url"), ==, "https://example.com/news/library-hours");
  g_assert_cmpstr (json_object_get_string_member (citation, "datePublished"), ==, "2025-09-30");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (citation, "publisher"), "name"),
                   ==, "みなと日報 地域ニュース");
  /* The second source has no date: none is made up. */
  g_assert_false (json_object_has_member (json_array_get_object_element (citations, 1), "datePublished"));
}

static KikuWalk
collect_node (KikuNode *node,
              guint     depth,
              gpointer  nodes)
{
  if (!KIKU_IS_ARTICLE (node))
    g_ptr_array_add (nodes, node);

  return KIKU_WALK_CONTINUE;
}

/* Every element made from a model object can be found by its id, and
 * rendering that object alone gives the same element.
 */
static void
test_stable_ids (void)
{
  g_autoptr(KikuArticle) article = load ("tests", "full.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autofree char *first = kiku_renderer_render_page (renderer, article, 0);
  g_autofree char *second = kiku_renderer_render_page (renderer, article, 1);
  g_autofree char *both = g_strconcat (first, second, NULL);
  g_autofree char *again = kiku_renderer_render_page (renderer, article, 0);
  g_autofree char *article_id = g_strdup_printf ("data-kiku-id=\"k%" G_GUINT64_FORMAT "\"",
                                                 kiku_node_get_id (KIKU_NODE (article)));

  kiku_node_walk (KIKU_NODE (article), collect_node, nodes);
  g_assert_cmpuint (nodes->len, >, 10);

  for (guint i = 0; i < nodes->len; i++)
    {
      KikuNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *dom_id = kiku_node_dup_dom_id (node, NULL);
      g_autofree char *attribute = g_strdup_printf ("data-kiku-id=\"%s\"", dom_id);
      g_autofree char *element = kiku_renderer_render_node (renderer, article, node);

      if (strstr (both, attribute) == NULL)
        g_error ("%s has no element", dom_id);

      /* The element alone is the one in the page. */
      if (strstr (both, element) == NULL)
        g_error ("%s rendered alone differs from its page:\n%s", dom_id, element);
    }

  assert_contains (first, article_id);
  g_assert_cmpstr (first, ==, again);
}

static void
test_fragment (void)
{
  g_autoptr(KikuArticle) article = load ("samples", "sample.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *fragment = kiku_renderer_render_fragment (renderer, article);
  g_autofree char *page = kiku_renderer_render_page (renderer, article, 0);

  g_assert_cmpuint (count (fragment, "<!--nextpage-->"), ==, 1);
  g_assert_null (strstr (fragment, "<html"));
  g_assert_null (strstr (fragment, "<head"));
  g_assert_null (strstr (fragment, "<h1"));
  /* Block markup: every part of the article a core block of the editor. */
  assert_contains (fragment, "<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->");
  assert_contains (fragment, "<!-- wp:group {\"className\":\"key-points\"} -->\n"
                             "<div class=\"wp-block-group key-points\">");
  assert_contains (fragment, "<!-- wp:group {\"className\":\"source-box h-cite\"} -->");
  assert_contains (fragment, "<!-- wp:group {\"className\":\"persona-comment\"} -->");
  assert_contains (fragment, "<!-- wp:heading {\"className\":\"kiku-heading\"} -->\n"
                             "<h2 class=\"wp-block-heading kiku-heading\">地域とつながる夜の催し</h2>");
  assert_contains (fragment, "<!-- wp:image {\"className\":\"source-figure\"} -->");
  g_assert_cmpuint (count (fragment, "<!-- wp:"), ==, count (fragment, "<!-- /wp:"));
  /* WordPress keeps no <time> from an author: the date is an <abbr>. */
  g_assert_null (strstr (fragment, "<time"));
  assert_contains (fragment, "<abbr class=\"dt-published\" title=\"2025-09-30\">2025/09/30</abbr>");
  /* The article's own fields, which the body does not show, as data. */
  assert_contains (fragment, "data-kiku-slug=\"night-libraries\"");
  /* CommonMark that the HTML cannot give back is carried with it. */
  assert_contains (fragment, "<span class=\"kiku-md\" data-kiku-md=\"夜の来館者が4割も増えたというのは、**潜在的な需要**");
  /* A CMS makes its own page links: the label stays, with no href. */
  assert_contains (fragment, "<p class=\"next-link\">次のページを読む ⇒</p>");
  g_assert_null (strstr (fragment, "data-kiku-id"));

  assert_no_markup_from_text (fragment, FALSE);
}

static void
test_pages (void)
{
  g_autoptr(KikuArticle) article = load ("samples", "sample.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *second = kiku_renderer_render_page (renderer, article, 1);
  g_autofree char *name = kiku_renderer_dup_page_name (renderer, 1);

  g_assert_cmpstr (name, ==, "page-2.html");
  g_assert_null (strstr (second, "<section class=\"key-points\">"));
  g_assert_null (strstr (second, "class=\"p-summary"));
  assert_contains (second, "地域とつながる夜の催し");
  assert_contains (second, "<a href=\"index.html\">1</a>");
  assert_contains (second, "<span aria-current=\"page\">2</span>");
  g_assert_null (strstr (second, "rel=\"next\""));
}

static void
test_labels (void)
{
  g_autoptr(KikuArticle) article = load ("tests", "full.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;
  g_autofree char *site = NULL;

  ja = kiku_renderer_render_page (renderer, article, 0);
  assert_contains (ja, "さらに読む ⇒");
  assert_contains (ja, "公開日:");

  /* The article's language picks the labels, not the program's. */
  kiku_article_set_language (article, "en");
  en = kiku_renderer_render_page (renderer, article, 0);
  assert_contains (en, "<html lang=\"en\">");
  assert_contains (en, "Read more ⇒");
  assert_contains (en, "Read the next page ⇒");
  assert_contains (en, "📘 What this article tells you");
  g_assert_null (strstr (en, "さらに読む"));

  /* A site may use its own words and name. */
  kiku_renderer_set_label (renderer, "read-more", "続きは元記事で ⇒");
  kiku_renderer_set_site_name (renderer, "Hoshizora Weekly");
  kiku_renderer_add_persona (renderer, "kansai", "なにわのおっちゃん", "images/avatar.png");
  site = kiku_renderer_render_page (renderer, article, 0);
  assert_contains (site, "続きは元記事で ⇒");
  assert_contains (site, "<title>川沿いの遊歩道、十年ぶりに全面開通 | Hoshizora Weekly</title>");
  assert_contains (site, "<span class=\"persona-name\">なにわのおっちゃん</span>");
  assert_contains (site, "<img class=\"avatar\" alt=\"\" src=\"images/avatar.png\">");
}

static void
test_markdown (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  g_autofree char *html = NULL;

  kiku_article_set_title (article, "t");
  kiku_paragraph_set_text (paragraph,
                           "**bold** and *em* and [web](https://example.com/a?b=1&c=2) and "
                           "[page](page-2.html) and [bad](javascript:alert(1)) and "
                           "[tab](<java\tscript:alert(1)>) and [mail](mailto:a@example.com) and "
                           "![pixel](data:image/png;base64,iVBORw0KGgo=) and "
                           "![html](data:text/html;base64,PHNjcmlwdD4=) and "
                           "<b onclick=\"x()\">raw</b> and `<code>`\n\n"
                           "second paragraph");
  kiku_list_append (kiku_section_get_blocks (section), paragraph);

  html = kiku_renderer_render_page (renderer, article, 0);
  assert_contains (html, "<strong>bold</strong>");
  assert_contains (html, "<em>em</em>");
  assert_contains (html, "<a href=\"https://example.com/a?b=1&amp;c=2\">web</a>");
  assert_contains (html, "<a href=\"page-2.html\">page</a>");
  assert_contains (html, " and bad and ");
  assert_contains (html, " and tab and ");
  assert_contains (html, " and <a href=\"mailto:a@example.com\">mail</a> and ");
  assert_contains (html, "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"pixel\">");
  assert_contains (html, " and html and ");
  assert_contains (html, "<code>&lt;code&gt;</code>");
  assert_contains (html, "raw");
  assert_contains (html, "<p>second paragraph</p>");
  /* Only the CommonMark source the paragraph carries, %-encoded in a data
   * attribute, still names it.
   */
  {
    g_autofree char *bare = without_data_attributes (html);

    g_assert_null (strstr (bare, "onclick"));
  }
  assert_no_markup_from_text (html, TRUE);
}

/* The usual attacks, in every field. */
static const char *payloads[] = {
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "' onmouseover='alert(1)",
  "</style><script>alert(1)</script>",
  "</script><script>alert(1)</script><!--",
  "javascript:alert(1)",
  " JaVaScRiPt:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "<svg onload=alert(1)>",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "[x](javascript:alert(1))",
  "![x](javascript:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "<a href=\"javascript:alert(1)\">x</a>",
  "&lt;script&gt;",
  "//evil.example/x.js",
};

static void
fill_every_field (KikuArticle *article,
                  const char  *payload)
{
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuPage) next = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autoptr(KikuComment) comment = kiku_comment_new ();
  g_autoptr(KikuImage) image = kiku_image_new ();
  g_autoptr(KikuPoint) key_point = kiku_point_new ();
  g_autoptr(KikuPoint) point = kiku_point_new ();
  const char *keywords[] = { payload, "ok", NULL };

  kiku_article_set_title (article, payload);
  kiku_article_set_subtitle (article, payload);
  kiku_article_set_summary (article, payload);
  kiku_article_set_keywords (article, keywords);
  kiku_article_set_intro (article, payload);
  kiku_article_set_author (article, payload);
  kiku_article_set_slug (article, payload);
  kiku_article_set_language (article, payload);
  kiku_article_set_published (article, payload);
  kiku_article_set_updated (article, payload);
  kiku_point_set_text (key_point, payload);
  kiku_list_append (kiku_article_get_key_points (article), key_point);

  kiku_section_set_heading (section, payload);
  kiku_section_set_question (section, payload);
  kiku_section_set_answer (section, payload);

  kiku_paragraph_set_text (paragraph, payload);
  kiku_source_set_title (source, payload);
  kiku_source_set_url (source, payload);
  kiku_source_set_publisher (source, payload);
  kiku_source_set_published (source, payload);
  kiku_source_set_image (source, payload);
  kiku_source_set_image_credit (source, payload);
  kiku_point_set_text (point, payload);
  kiku_list_append (kiku_source_get_points (source), point);
  kiku_comment_set_persona (comment, payload);
  kiku_comment_set_text (comment, payload);
  kiku_image_set_src (image, payload);
  kiku_image_set_caption (image, payload);
  kiku_image_set_credit (image, payload);
  kiku_image_set_alt (image, payload);

  kiku_list_append (kiku_section_get_blocks (section), paragraph);
  kiku_list_append (kiku_section_get_blocks (section), source);
  kiku_list_append (kiku_section_get_blocks (section), comment);
  kiku_list_append (kiku_section_get_blocks (section), image);
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_page_set_teaser (page, payload);
  kiku_list_append (kiku_article_get_pages (article), page);
  kiku_list_append (kiku_article_get_pages (article), next);
}

/* Image sources other than the web, inline image data or a path never
 * reach <img src>, whatever the validator said and whatever an image
 * function answers: in render, export and publish alike.
 */
static char *
image_as_is (KikuArticle *article,
             const char  *reference,
             gpointer     user_data)
{
  return g_strdup (reference);
}

static char *
image_always (KikuArticle *article,
              const char  *reference,
              gpointer     user_data)
{
  return g_strdup (user_data);
}

static void
assert_no_bad_image (const char *html)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);

  for (const char *p = strstr (lower, "<img"); p != NULL; p = strstr (p + 1, "<img"))
    {
      const char *src = strstr (p, "src=\"");
      g_autofree char *value = NULL;

      g_assert_nonnull (src);
      value = g_strndup (src + 5, strchr (src + 5, '"') - src - 5);
      if (strstr (value, "script:") || strstr (value, "file:") || strstr (value, "data:text") ||
          g_str_has_prefix (value, "//"))
        g_error ("a bad image source reached the page: %s", value);
    }
}

static void
test_image_sources (void)
{
  static const char *sources[] = {
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)",
    "file:///etc/passwd", "FILE:/etc/shadow", "vbscript:msgbox", "data:text/html,<script>x</script>",
    "//evil.example/x.png", "kiku-image:///etc/passwd",
  };
  static const char *answers[] = { "javascript:alert(2)", "file:///etc/passwd", "//evil.example/y.png" };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr(KikuArticle) article = kiku_article_new_draft ();
      g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
      g_autoptr(KikuImage) image = kiku_image_new ();
      g_autoptr(KikuSource) source = kiku_source_new ();
      KikuList *blocks = kiku_section_get_blocks (kiku_list_get (kiku_page_get_sections (
                           kiku_list_get (kiku_article_get_pages (article), 0)), 0));
      g_autofree char *page = NULL;
      g_autofree char *fragment = NULL;

      kiku_article_set_title (article, "t");
      kiku_image_set_src (image, sources[i]);
      kiku_source_set_url (source, "https://example.com/");
      kiku_source_set_image (source, sources[i]);
      kiku_list_append (blocks, image);
      kiku_list_append (blocks, source);

      /* No image function, as kiku-tool render without an output folder. */
      page = kiku_renderer_render_page (renderer, article, 0);
      fragment = kiku_renderer_render_fragment (renderer, article);
      assert_no_bad_image (page);
      assert_no_bad_image (fragment);
      g_clear_pointer (&page, g_free);
      g_clear_pointer (&fragment, g_free);

      /* One that hands the reference back, as kiku-tool's does for a URL. */
      kiku_renderer_set_image_func (renderer, image_as_is, NULL, NULL);
      page = kiku_renderer_render_page (renderer, article, 0);
      fragment = kiku_renderer_render_fragment (renderer, article);
      assert_no_bad_image (page);
      assert_no_bad_image (fragment);

      /* One that answers something bad itself. */
      for (guint j = 0; j < G_N_ELEMENTS (answers); j++)
        {
          g_autofree char *again = NULL;

          kiku_renderer_set_image_func (renderer, image_always, (gpointer)answers[j], NULL);
          again = kiku_renderer_render_page (renderer, article, 0);
          assert_no_bad_image (again);
        }
    }
}

/* Nesting as deep as the input says once overflowed the stack in the
 * alt-text and plain-text walks.
 */
static void
test_deep_nesting (void)
{
  const guint depth = 400000;
  g_autoptr(GString) images = g_string_new (NULL);
  g_autoptr(GString) quotes = g_string_new (NULL);
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  g_autofree char *page = NULL;
  g_autofree char *fragment = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (images, "![");
  g_string_append (images, "x");
  for (guint i = 0; i < depth; i++)
    g_string_append (images, "](y)");
  for (guint i = 0; i < depth; i++)
    g_string_append (quotes, "> ");
  g_string_append (quotes, "x");

  kiku_article_set_title (article, "deep");
  kiku_article_set_summary (article, quotes->str);
  kiku_paragraph_set_text (paragraph, images->str);
  kiku_list_append (kiku_section_get_blocks (kiku_list_get (kiku_page_get_sections (
                      kiku_list_get (kiku_article_get_pages (article), 0)), 0)), paragraph);

  page = kiku_renderer_render_page (renderer, article, 0);
  fragment = kiku_renderer_render_fragment (renderer, article);
  assert_contains (page, "<img src=\"y\" alt=\"x\">");
  assert_contains (fragment, "<img src=\"y\" alt=\"x\">");
  /* The description is the summary's text. */
  assert_contains (page, "<meta name=\"description\" content=\"x\">");
}

static void
test_xss (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(KikuArticle) article = kiku_article_new ();
      g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
      g_autofree char *page = NULL;
      g_autofree char *fragment = NULL;

      fill_every_field (article, payloads[i]);
      kiku_renderer_set_site_name (renderer, payloads[i]);
      kiku_renderer_add_persona (renderer, payloads[i], payloads[i], payloads[i]);

      page = kiku_renderer_render_page (renderer, article, 0);
      fragment = kiku_renderer_render_fragment (renderer, article);

      g_test_message ("payload %u: %s", i, payloads[i]);
      assert_no_markup_from_text (page, TRUE);
      assert_no_markup_from_text (fragment, FALSE);

      /* JSON-LD cannot be closed from inside. */
      g_assert_cmpuint (count (page, "</script>"), ==, 1);
    }
}

/* Debian's tidy finds no error in the pages; FALSE when there is no tidy
 * to ask.
 */
static gboolean
assert_tidy_clean (const char *html,
                   const char *what)
{
  g_autofree char *tidy = g_find_program_in_path ("tidy");
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  int fd, status = 0;
  const char *argv[] = { NULL, "-e", "-q", NULL, NULL };

  if (tidy == NULL)
    {
      kiku_test_lacking ("tidy");
      return FALSE;
    }

  fd = g_file_open_tmp ("kiku-tidy-XXXXXX.html", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, html, -1, NULL));

  argv[0] = tidy;
  argv[3] = path;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);

  /* 0 is clean, 1 is warnings only, 2 is errors. */
  if (!g_spawn_check_wait_status (status, NULL) && WEXITSTATUS (status) >= 2)
    g_error ("tidy found errors in %s:\n%s", what, errors);
  g_assert_null (strstr (errors, "Error:"));

  return TRUE;
}

static void
test_tidy (void)
{
  g_autoptr(KikuArticle) sample = load ("samples", "sample.kiku");
  g_autoptr(KikuArticle) full = load ("tests", "full.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sample_page = kiku_renderer_render_page (renderer, sample, i);
      g_autofree char *full_page = kiku_renderer_render_page (renderer, full, i);

      if (!assert_tidy_clean (sample_page, "the sample"))
        return;
      assert_tidy_clean (full_page, "the article with every field");
    }
}

/* Remote images are a box with their credit when the page may not fetch
 * them; local ones go where the image function says.
 */
static char *
offline_images (KikuArticle *article,
                const char  *reference,
                gpointer     user_data)
{
  if (g_str_has_prefix (reference, "http"))
    return NULL;

  return g_strconcat ("kiku-image:///", reference, NULL);
}

static void
test_image_func (void)
{
  g_autoptr(KikuArticle) article = load ("tests", "full.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *html = NULL;

  kiku_renderer_set_image_func (renderer, offline_images, NULL, NULL);
  html = kiku_renderer_render_page (renderer, article, 0);

  assert_contains (html, "<img src=\"kiku-image:///images/walk.svg\"");
  assert_contains (html, "<div class=\"image-placeholder\" role=\"img\" aria-label=\"テープカットをする人々\">"
                         "画像(オフラインでは表示されません)<br>撮影:編集部</div>");
  /* Nothing loads it (its reference stays as data, to read the page back). */
  {
    g_autofree char *bare = without_data_attributes (html);

    g_assert_null (strstr (bare, "https://example.com/photo.jpg\""));
  }
}

/* Plain text skips the CommonMark parser: the HTML must be what cmark makes
 * of the same text, whether or not the shortcut is taken.
 */
static void
test_markdown_like_cmark (void)
{
  const char *texts[] = {
    "図書館は夜9時まで開いている。",
    "Plain English, with commas; semicolons: and 50% of it.",
    "x = y, a.b.c, e-mail, C:/path, (parens) and {braces}",
    "quote \"q\" and 'apostrophe'",
    "trailing space ",
    "  two leading spaces",
    "tab\tinside",
    "1x speed",
    "1. a list",
    "- an item",
    "> a quote",
    "*em* and **strong** and `code`",
    "a_b_c and snake_case",
    "&amp; &copy; &#65;",
    "two\nlines",
    "ends with a backslash\\",
    "hard  \nbreak",
    "# not a heading in the middle",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GString) ours = g_string_new (NULL);
      char *theirs = cmark_markdown_to_html (texts[i], strlen (texts[i]), CMARK_OPT_DEFAULT);
      g_autoptr(GString) expected = g_string_new (theirs);

      free (theirs);
      _kiku_markdown_append (ours, texts[i], FALSE);

      /* Headings are paragraphs in a paragraph block. */
      if (g_str_has_prefix (texts[i], "# "))
        g_string_replace (expected, "h1>", "p>", 0);
      /* Both are right; cmark leaves apostrophes alone, we escape them. */
      g_string_replace (ours, "&#39;", "'", 0);
      g_string_replace (ours, "\n", "", 0);
      g_string_replace (expected, "\n", "", 0);
      /* HTML5 void elements need no slash. */
      g_string_replace (expected, "<br />", "<br>", 0);

      g_assert_cmpstr (ours->str, ==, expected->str);
    }
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kiku_article_export_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Export writes the preview's standalone pages, with the local images
 * copied beside them, into a folder that opens anywhere.
 */
static void
test_export (void)
{
  g_autoptr(KikuArticle) article = load ("samples", "sample.kiku");
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *dir = g_dir_make_tmp ("kiku-export-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *index_path = g_build_filename (site, "index.html", NULL);
  g_autofree char *second_path = g_build_filename (site, "page-2.html", NULL);
  g_autofree char *index = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (site);
  gboolean done = FALSE;
  const char *src;

  kiku_article_export_async (article, renderer, folder, NULL, on_exported, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_get_contents (index_path, &index, NULL, NULL));
  g_assert_true (g_file_test (second_path, G_FILE_TEST_IS_REGULAR));

  /* The pages are the renderer's, images pointing into images/. */
  kiku_renderer_set_image_func (renderer, NULL, NULL, NULL);
  assert_contains (index, "<a rel=\"next\" href=\"page-2.html\">");
  src = strstr (index, "<img src=\"images/");
  g_assert_nonnull (src);
  {
    g_autofree char *name = g_strndup (src + strlen ("<img src=\""),
                                       strchr (src + strlen ("<img src=\""), '"') - src - strlen ("<img src=\""));
    g_autofree char *copy = g_build_filename (site, name, NULL);
    g_autofree char *original = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images",
                                                       "reading-room.png", NULL);
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    g_assert_true (g_file_get_contents (copy, &a, NULL, NULL));
    g_assert_true (g_file_get_contents (original, &b, NULL, NULL));
    g_assert_cmpstr (a, ==, b);
  }

  kiku_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/render/standalone/vocabularies", test_standalone_vocabularies);
  g_test_add_func ("/kiku/render/standalone/json-ld", test_json_ld);
  g_test_add_func ("/kiku/render/standalone/pages", test_pages);
  g_test_add_func ("/kiku/render/stable-ids", test_stable_ids);
  g_test_add_func ("/kiku/render/fragment", test_fragment);
  g_test_add_func ("/kiku/render/labels", test_labels);
  g_test_add_func ("/kiku/render/markdown", test_markdown);
  g_test_add_func ("/kiku/render/markdown/like-cmark", test_markdown_like_cmark);
  g_test_add_func ("/kiku/render/xss", test_xss);
  g_test_add_func ("/kiku/render/image-sources", test_image_sources);
  g_test_add_func ("/kiku/render/deep-nesting", test_deep_nesting);
  g_test_add_func ("/kiku/render/tidy", test_tidy);
  g_test_add_func ("/kiku/render/image-func", test_image_func);
  g_test_add_func ("/kiku/render/export", test_export);

  return g_test_run ();
}
