/* test-import.c: articles from plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku.h"
#include "kiku-test-html.h"

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* The seed page belongs to the project's brief, beside the repository. */
static char *
read_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seed",
                                                 "digest-article.txt", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("the seed page (../shared/seed/digest-article.txt) is not here");
      return NULL;
    }

  return text;
}

static KikuArticle *
import (const char *text)
{
  g_autoptr(GError) error = NULL;
  KikuArticle *article = kiku_import_text (text, -1, "naniwa", &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);

  return article;
}

static KikuSection *
section_at (KikuArticle *article,
            guint        page,
            guint        section)
{
  KikuPage *p = kiku_list_get (kiku_article_get_pages (article), page);

  return kiku_list_get (kiku_page_get_sections (p), section);
}

static gpointer
block_at (KikuSection *section,
          guint        index)
{
  return kiku_list_get (kiku_section_get_blocks (section), index);
}

static guint
count_blocks (KikuSection *section,
              GType        type)
{
  KikuList *blocks = kiku_section_get_blocks (section);
  guint n = 0;

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    n += G_TYPE_CHECK_INSTANCE_TYPE (kiku_list_get (blocks, i), type);

  return n;
}

/* Renders every page and returns the text a reader sees, page after page. */
static char *
rendered_text (KikuArticle *article)
{
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < kiku_list_get_length (kiku_article_get_pages (article)); i++)
    {
      g_autofree char *html = kiku_renderer_render_page (renderer, article, i);
      g_autofree char *page_text = kiku_test_html_to_text (html);

      g_string_append (text, page_text);
    }

  return g_string_free (text, FALSE);
}

static void
test_seed_structure (void)
{
  g_autofree char *seed = read_seed ();
  g_autoptr(KikuArticle) article = NULL;
  KikuSection *first, *second;
  KikuSource *source;
  const char *keywords[] = { "中ロ関係", "ウクライナ", "G7", NULL };

  if (seed == NULL)
    return;

  article = import (seed);

  g_assert_cmpstr (kiku_article_get_title (article), ==,
                   "中ロ蜜月関係は揺るがない?習近平・プーチン首脳会談から見える未来(中ロ関係、ウクライナ、G7?)");
  g_assert_cmpstr (kiku_article_get_subtitle (article), ==, "中ロ首脳会談に見る安全保障と国際情勢");
  g_assert_true (g_strv_equal (kiku_article_get_keywords (article), keywords));
  g_assert_true (g_str_has_prefix (kiku_article_get_summary (article), "ウクライナ侵攻3周年"));
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_key_points (article)), ==, 3);
  g_assert_true (g_str_has_prefix (kiku_article_get_intro (article), "それでは"));
  g_assert_cmpstr (kiku_article_get_language (article), ==, "ja");

  first = section_at (article, 0, 0);
  second = section_at (article, 0, 1);
  g_assert_cmpstr (kiku_section_get_heading (first), ==, "蜜月関係の再確認");
  g_assert_cmpstr (kiku_section_get_question (first), ==, "中ロ首脳会談、揺るがない関係を象徴する言葉は?");
  g_assert_cmpstr (kiku_section_get_answer (first), ==, "分かちがたい良き隣人、外部からの影響なし。");
  g_assert_cmpstr (kiku_section_get_heading (second), ==, "北京会談:戦略的パートナーシップの深化");

  /* The first box has neither a date nor a publisher label. */
  source = block_at (first, 2);
  g_assert_true (KIKU_IS_SOURCE (source));
  g_assert_cmpstr (kiku_source_get_title (source), ==, "中ロ首脳が電話会談、習主席は両国関係の強さを強調");
  g_assert_cmpstr (kiku_source_get_url (source), ==, "https://www.cnn.co.jp/world/35229758.html");
  g_assert_null (kiku_source_get_published (source));
  g_assert_null (kiku_source_get_publisher (source));
  g_assert_cmpuint (kiku_list_get_length (kiku_source_get_points (source)), ==, 3);

  source = block_at (second, 2);
  g_assert_true (KIKU_IS_SOURCE (source));
  g_assert_cmpstr (kiku_source_get_published (source), ==, "2024-05-17");
  g_assert_cmpstr (kiku_source_get_publisher (source), ==, "ロイター 経済、株価、ビジネス、国際、政治ニュース");
  g_assert_true (g_str_has_prefix (kiku_source_get_url (source), "https://jp.reuters.com/"));

  /* Each section closes with the persona's comment. */
  g_assert_cmpuint (count_blocks (first, KIKU_TYPE_COMMENT), ==, 1);
  g_assert_cmpuint (count_blocks (second, KIKU_TYPE_COMMENT), ==, 1);
  g_assert_true (KIKU_IS_COMMENT (block_at (first, kiku_list_get_length (kiku_section_get_blocks (first)) - 1)));
  g_assert_cmpstr (kiku_comment_get_persona (block_at (first, kiku_list_get_length (kiku_section_get_blocks (first)) - 1)),
                   ==, "naniwa");

  g_assert_true (g_str_has_prefix (kiku_page_get_teaser (kiku_list_get (kiku_article_get_pages (article), 0)),
                                   "ウクライナ情勢、中露首脳が政治的解決で一致"));
}

/* Import, render, read the page: every line of the seed but the site line
 * is there, in the seed's order.
 */
static void
test_seed_round_trip (void)
{
  g_autofree char *seed = read_seed ();
  g_autoptr(KikuArticle) article = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (seed == NULL)
    return;

  article = import (seed);
  text = rendered_text (article);
  lines = g_strsplit (seed, "\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "Chrysanthemum Digest"));
  kiku_test_assert_in_order (text, lines + 1);
}

/* Every page's text as a browser copies it: inline elements stay on the
 * line of the text around them.
 */
static char *
copied_text (KikuArticle *article)
{
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autoptr(GRegex) inline_tags = g_regex_new ("</?(span|a|time|strong|em)\\b[^>]*>", 0, 0, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < kiku_list_get_length (kiku_article_get_pages (article)); i++)
    {
      g_autofree char *html = kiku_renderer_render_page (renderer, article, i);
      g_autofree char *joined = g_regex_replace_literal (inline_tags, html, -1, 0, "", 0, NULL);
      g_autofree char *page_text = kiku_test_html_to_text (joined);

      g_string_append (text, page_text);
    }

  return g_string_free (text, FALSE);
}

static KikuSection *
add_section (KikuArticle *article,
             const char  *heading,
             const char  *teaser)
{
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();

  kiku_section_set_heading (section, heading);
  kiku_paragraph_set_text (paragraph, "本文の段落です。");
  kiku_list_append (kiku_section_get_blocks (section), paragraph);
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_page_set_teaser (page, teaser);
  kiku_list_append (kiku_article_get_pages (article), page);

  return section;
}

/* The theme's words the renderer writes are the ones the importer looks
 * for: a Japanese page read back has its key points, its source box with
 * date, points, publisher and address, and its pages.
 */
static void
test_theme_words_round_trip (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuArticle) again = NULL;
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autoptr(KikuPoint) source_point = kiku_point_new ();
  g_autofree char *text = NULL;
  KikuSection *section;
  KikuSource *read;

  kiku_article_set_language (article, "ja");
  kiku_article_set_title (article, "円安が続く理由");
  kiku_article_set_summary (article, "為替の動きを短くまとめます。");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KikuPoint) point = kiku_point_new ();

      kiku_point_set_text (point, i == 0 ? "金利の差が大きい" : "輸入の値段が上がる");
      kiku_list_append (kiku_article_get_key_points (article), point);
    }

  section = add_section (article, "金利の差", "これからの見通しを読む");
  kiku_source_set_title (source, "日銀が金利を据え置き");
  kiku_source_set_url (source, "https://news.example.jp/boj");
  kiku_source_set_publisher (source, "経済新報");
  kiku_source_set_published (source, "2024-05-01");
  kiku_point_set_text (source_point, "据え置きは三回目");
  kiku_list_append (kiku_source_get_points (source), source_point);
  kiku_list_append (kiku_section_get_blocks (section), source);
  add_section (article, "これからの見通し", NULL);

  text = copied_text (article);
  again = import (text);

  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_key_points (again)), ==, 2);
  g_assert_cmpstr (kiku_point_get_text (kiku_list_get (kiku_article_get_key_points (again), 1)),
                   ==, "輸入の値段が上がる");
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_pages (again)), ==, 2);
  g_assert_cmpstr (kiku_page_get_teaser (kiku_list_get (kiku_article_get_pages (again), 0)),
                   ==, "これからの見通しを読む");

  read = kiku_list_get (kiku_section_get_blocks (section_at (again, 0, 0)), 1);
  g_assert_true (KIKU_IS_SOURCE (read));
  g_assert_cmpstr (kiku_source_get_title (read), ==, "日銀が金利を据え置き");
  g_assert_cmpstr (kiku_source_get_url (read), ==, "https://news.example.jp/boj");
  g_assert_cmpstr (kiku_source_get_publisher (read), ==, "経済新報");
  g_assert_cmpstr (kiku_source_get_published (read), ==, "2024-05-01");
  g_assert_cmpuint (kiku_list_get_length (kiku_source_get_points (read)), ==, 1);
  g_assert_cmpstr (kiku_point_get_text (kiku_list_get (kiku_source_get_points (read), 0)),
                   ==, "据え置きは三回目");
}

static char *
with_crlf (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\r\n", lines);
}

static void
check_sections_fixture (KikuArticle *article)
{
  KikuSection *first, *third;
  KikuSource *undated, *dated;
  KikuPage *page;

  g_assert_cmpstr (kiku_article_get_subtitle (article), ==, "地域と若者をつなぐ試み");
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_key_points (article)), ==, 2);
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_pages (article)), ==, 2);

  page = kiku_list_get (kiku_article_get_pages (article), 0);
  g_assert_cmpuint (kiku_list_get_length (kiku_page_get_sections (page)), ==, 3);
  g_assert_true (g_str_has_prefix (kiku_page_get_teaser (page), "後輩への引き継ぎ"));

  /* A full-width question mark makes a question too. */
  first = section_at (article, 0, 0);
  g_assert_cmpstr (kiku_section_get_question (first), ==, "なぜ学生が店を開くことになったのか？");

  /* Two boxes in one section: without date or label, and with both. */
  g_assert_cmpuint (count_blocks (first, KIKU_TYPE_SOURCE), ==, 2);
  undated = block_at (first, 1);
  dated = block_at (first, 2);
  g_assert_null (kiku_source_get_published (undated));
  g_assert_null (kiku_source_get_publisher (undated));
  g_assert_cmpuint (kiku_list_get_length (kiku_source_get_points (undated)), ==, 2);
  g_assert_cmpstr (kiku_source_get_url (undated), ==, "https://example.com/shoten/weekend");
  g_assert_cmpstr (kiku_source_get_published (dated), ==, "2025-06-01");
  g_assert_cmpstr (kiku_source_get_publisher (dated), ==, "ほしぞら新聞");
  g_assert_cmpstr (kiku_source_get_title (dated), ==, "学生カフェ、開店から半年");

  /* A marked heading with no question. */
  third = section_at (article, 0, 2);
  g_assert_cmpstr (kiku_section_get_heading (third), ==, "これからの課題");
  g_assert_null (kiku_section_get_question (third));

  /* No comment where no persona speaks. */
  for (guint p = 0; p < 2; p++)
    {
      KikuList *sections = kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), p));

      for (guint s = 0; s < kiku_list_get_length (sections); s++)
        g_assert_cmpuint (count_blocks (kiku_list_get (sections, s), KIKU_TYPE_COMMENT), ==, 0);
    }

  g_assert_cmpstr (kiku_section_get_heading (section_at (article, 1, 0)), ==, "引き継ぎの工夫");
}

static void
assert_round_trip (KikuArticle *article,
                   const char  *text)
{
  g_autofree char *page_text = rendered_text (article);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* The site line is the theme's; "■ " marks a heading, shown without it. */
  for (guint i = 0; lines[i]; i++)
    {
      g_strchomp (lines[i]);
      if (g_str_has_prefix (lines[i], "■ "))
        memmove (lines[i], lines[i] + strlen ("■ "), strlen (lines[i] + strlen ("■ ")) + 1);
      if (strstr (lines[i], "Logo") != NULL)
        lines[i][0] = '\0';
    }

  kiku_test_assert_in_order (page_text, lines);
}

static void
test_sections (void)
{
  g_autofree char *text = read_fixture ("import-sections.txt");
  g_autofree char *crlf = with_crlf (text);
  g_autoptr(KikuArticle) article = import (text);
  g_autoptr(KikuArticle) from_crlf = import (crlf);
  g_autofree char *a = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *b = kiku_article_serialize (from_crlf, NULL, NULL);

  check_sections_fixture (article);
  assert_round_trip (article, text);

  /* CRLF line ends read the same, with no stray carriage returns. */
  g_assert_cmpstr (a, ==, b);
  g_assert_null (strchr (b, '\r'));
}

static void
test_english (void)
{
  g_autofree char *text = read_fixture ("import-english.txt");
  g_autoptr(KikuArticle) article = import (text);
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *html = NULL;
  KikuSection *section;

  g_assert_cmpstr (kiku_article_get_language (article), ==, "en");
  g_assert_cmpstr (kiku_article_get_title (article), ==, "Harbor ferry returns after a two-year pause");
  g_assert_null (kiku_article_get_subtitle (article));
  g_assert_true (g_str_has_prefix (kiku_article_get_summary (article), "The ferry between"));
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_key_points (article)), ==, 2);

  section = section_at (article, 0, 0);
  g_assert_cmpstr (kiku_section_get_heading (section), ==, "A new boat");
  g_assert_cmpstr (kiku_section_get_answer (section), ==, "It is electric, and quiet.");

  assert_round_trip (article, text);

  /* Plain text stays plain: no emphasis, no link, no list from it. */
  html = kiku_renderer_render_page (renderer, article, 0);
  g_assert_nonnull (strstr (html, "*calmer*"));
  g_assert_nonnull (strstr (html, "[many visitors]"));
  g_assert_null (strstr (html, "<em>"));
  g_assert_null (strstr (html, "<ol"));

  /* The theme speaks the article's language. */
  g_assert_nonnull (strstr (html, "What this article tells you"));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = NULL;

  article = kiku_import_text ("title\n\xff\xfe broken", -1, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8);
  g_assert_true (g_str_has_prefix (error->message, "Line 2:"));
  g_clear_error (&error);

  article = kiku_import_text ("\n  \r\n\t\n", -1, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE);
}

/* However the text is laid out, every line lands somewhere. */
static void
test_nothing_lost (void)
{
  const char *text =
    "Only a title\n"
    "✅ a stray point\n"
    "さらに読む ⇒ a stray read-more line\n"
    "A paragraph? With a question mark?\n"
    "公開日:someday\n"
    "Last words.\n";
  g_autoptr(KikuArticle) article = import (text);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *page_text = rendered_text (article);

  kiku_test_assert_in_order (page_text, lines);
}

/* A control character in the text (here U+001F) is kept, and the article
 * saved with it opens again.
 */
static void
test_control_character_saves (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_import_text ("Head\x1fline\n\nA para\x1fgraph.\n", -1, NULL, &error);
  g_autoptr(KikuArticle) again = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "Head\x1fline");

  text = kiku_article_serialize (article, NULL, NULL);
  g_assert_nonnull (strstr (text, "Head\\u001Fline"));
  again = kiku_article_new_from_data (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_article_get_title (again), ==, "Head\x1fline");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/import/seed/structure", test_seed_structure);
  g_test_add_func ("/kiku/import/seed/round-trip", test_seed_round_trip);
  g_test_add_func ("/kiku/import/theme-words-round-trip", test_theme_words_round_trip);
  g_test_add_func ("/kiku/import/sections", test_sections);
  g_test_add_func ("/kiku/import/english", test_english);
  g_test_add_func ("/kiku/import/errors", test_errors);
  g_test_add_func ("/kiku/import/nothing-lost", test_nothing_lost);
  g_test_add_func ("/kiku/import/control-character-saves", test_control_character_saves);

  return g_test_run ();
}
