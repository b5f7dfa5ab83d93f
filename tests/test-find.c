/* test-find.c: finding and replacing text in every field of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku.h"

static gpointer
append_new (KikuList *list,
            GType     type,
            const char *first_property,
            ...)
{
  g_autoptr(GObject) item = NULL;
  va_list args;

  va_start (args, first_property);
  item = g_object_new_valist (type, first_property, args);
  va_end (args);

  kiku_list_append (list, item);

  return item;
}

/* An article with the needle "cat" in fields of every kind of node, on
 * two pages.
 */
static KikuArticle *
make_article (void)
{
  KikuArticle *article = kiku_article_new ();
  KikuPage *page1, *page2;
  KikuSection *section1, *section2;
  KikuSource *source;

  g_object_set (article,
                "title", "The Cat",
                "summary", "A cat and a concatenation",
                "slug", "cat",
                NULL);
  append_new (kiku_article_get_key_points (article), KIKU_TYPE_POINT, "text", "cats sleep", NULL);

  page1 = append_new (kiku_article_get_pages (article), KIKU_TYPE_PAGE, "teaser", "next: CAT", NULL);
  section1 = append_new (kiku_page_get_sections (page1), KIKU_TYPE_SECTION, "heading", "About cat", NULL);
  append_new (kiku_section_get_blocks (section1), KIKU_TYPE_PARAGRAPH, "text", "cat, cat", NULL);
  append_new (kiku_section_get_blocks (section1), KIKU_TYPE_COMMENT, "text", "my cat", NULL);

  page2 = append_new (kiku_article_get_pages (article), KIKU_TYPE_PAGE, NULL, NULL);
  section2 = append_new (kiku_page_get_sections (page2), KIKU_TYPE_SECTION, "question", "Cat?", NULL);
  source = append_new (kiku_section_get_blocks (section2), KIKU_TYPE_SOURCE,
                       "title", "Cat News", "url", "https://cat.example/", NULL);
  append_new (kiku_source_get_points (source), KIKU_TYPE_POINT, "text", "a cat point", NULL);
  append_new (kiku_section_get_blocks (section2), KIKU_TYPE_IMAGE,
              "src", "images/cat.png", "alt", "a cat", NULL);

  return article;
}

static GString *
describe (GPtrArray *matches)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < matches->len; i++)
    {
      KikuFindMatch *m = g_ptr_array_index (matches, i);

      g_string_append_printf (s, "%s%s.%s@%ld-%ld", i ? " " : "",
                              G_OBJECT_TYPE_NAME (m->node), m->property,
                              m->start_char, m->end_char);
    }

  return s;
}

static void
test_document_order (void)
{
  g_autoptr(KikuArticle) article = make_article ();
  g_autoptr(GPtrArray) matches = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_NONE);
  g_autoptr(GString) s = describe (matches);

  /* The article's fields, its key points, page 1 (teaser, section, blocks),
   * page 2; never the slug, the address or the image file.
   */
  g_assert_cmpstr (s->str, ==,
                   "KikuArticle.title@4-7 "
                   "KikuArticle.summary@2-5 KikuArticle.summary@15-18 "
                   "KikuPoint.text@0-3 "
                   "KikuPage.teaser@6-9 "
                   "KikuSection.heading@6-9 "
                   "KikuParagraph.text@0-3 KikuParagraph.text@5-8 "
                   "KikuComment.text@3-6 "
                   "KikuSection.question@0-3 "
                   "KikuSource.title@0-3 "
                   "KikuPoint.text@2-5 "
                   "KikuImage.alt@2-5");
}

static void
test_case (void)
{
  g_autoptr(KikuArticle) article = make_article ();
  g_autoptr(GPtrArray) any = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_NONE);
  g_autoptr(GPtrArray) lower = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_MATCH_CASE);
  g_autoptr(GPtrArray) upper = kiku_find (KIKU_NODE (article), "CAT", KIKU_FIND_MATCH_CASE);
  g_autoptr(GPtrArray) greek = kiku_find_in_text ("ΣΟΦΊΑ σοφία", "σοφία", KIKU_FIND_NONE);

  g_assert_cmpuint (any->len, ==, 13);
  /* The title, the teaser, the question and the source's title are
   * capitalised.
   */
  g_assert_cmpuint (lower->len, ==, 9);
  g_assert_cmpuint (upper->len, ==, 1);
  g_assert_cmpstr (((KikuFindMatch *)g_ptr_array_index (upper, 0))->property, ==, "teaser");
  g_assert_cmpuint (greek->len, ==, 2);
}

static guint
count (const char    *text,
       const char    *needle,
       KikuFindFlags  flags)
{
  g_autoptr(GPtrArray) matches = kiku_find_in_text (text, needle, flags);

  return matches->len;
}

static void
test_whole_words (void)
{
  g_autoptr(KikuArticle) article = make_article ();
  g_autoptr(GPtrArray) words = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_WHOLE_WORDS);
  g_autoptr(GPtrArray) japanese = NULL;
  KikuFindMatch *m;

  /* "concatenation" and "cats" are not the word. */
  g_assert_cmpuint (words->len, ==, 11);

  /* English: inside a word is refused at either edge; punctuation,
   * spaces and the ends of the text are edges.
   */
  g_assert_cmpuint (count ("cat concatenate scat cats cat's (cat) cat_x cat9", "cat", KIKU_FIND_WHOLE_WORDS), ==, 3);
  g_assert_cmpuint (count ("concatenate", "cat", KIKU_FIND_NONE), ==, 1);
  g_assert_cmpuint (count ("café cafés", "café", KIKU_FIND_WHOLE_WORDS), ==, 1);

  /* Japanese has no spaces between words: a match next to kana or kanji
   * is a whole word, whatever is on the other side.
   */
  g_assert_cmpuint (count ("黒猫が猫を見た", "猫", KIKU_FIND_WHOLE_WORDS), ==, 2);
  g_assert_cmpuint (count ("APIを使うAPIs", "API", KIKU_FIND_WHOLE_WORDS), ==, 1);
  g_assert_cmpuint (count ("第3章と13章", "3", KIKU_FIND_WHOLE_WORDS), ==, 1);
  g_assert_cmpuint (count ("カタカナのカナ", "カナ", KIKU_FIND_WHOLE_WORDS), ==, 2);

  /* Offsets count characters for the widgets, bytes for the text. */
  japanese = kiku_find_in_text ("黒猫が猫を", "猫", KIKU_FIND_WHOLE_WORDS);
  g_assert_cmpuint (japanese->len, ==, 2);
  m = g_ptr_array_index (japanese, 1);
  g_assert_cmpint (m->start_char, ==, 3);
  g_assert_cmpint (m->end_char, ==, 4);
  g_assert_cmpuint (m->start, ==, 9);
  g_assert_cmpuint (m->end, ==, 12);
}

static void
test_matches_apart (void)
{
  /* Matches do not overlap, and an empty needle finds nothing. */
  g_assert_cmpuint (count ("aaaa", "aa", KIKU_FIND_NONE), ==, 2);
  g_assert_cmpuint (count ("abc", "", KIKU_FIND_NONE), ==, 0);
  g_assert_cmpuint (count (NULL, "a", KIKU_FIND_NONE), ==, 0);
}

static void
test_replace_all_one_step (void)
{
  g_autoptr(KikuArticle) article = make_article ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);
  g_autoptr(GPtrArray) before = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_NONE);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) dogs = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  KikuSection *section;
  KikuParagraph *paragraph;

  /* Something typed before is a step of its own. */
  kiku_article_set_subtitle (article, "deck");

  g_assert_cmpuint (kiku_find_replace_all (KIKU_NODE (article), "cat", KIKU_FIND_WHOLE_WORDS, "猫", history), ==, 11);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "The 猫");
  g_assert_cmpstr (kiku_article_get_summary (article), ==, "A 猫 and a concatenation");
  g_assert_cmpstr (kiku_article_get_slug (article), ==, "cat");
  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  paragraph = kiku_list_get (kiku_section_get_blocks (section), 0);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "猫, 猫");

  after = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_NONE);
  g_assert_cmpuint (after->len, ==, 2);

  /* One undo takes every replacement back, and only them. */
  kiku_history_undo (history);
  undone = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_NONE);
  g_assert_cmpuint (undone->len, ==, before->len);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "The Cat");
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "cat, cat");
  g_assert_cmpstr (kiku_article_get_subtitle (article), ==, "deck");

  kiku_history_redo (history);
  dogs = kiku_find (KIKU_NODE (article), "猫", KIKU_FIND_NONE);
  g_assert_cmpuint (dogs->len, ==, 11);
}

static void
test_replace_one (void)
{
  g_autoptr(KikuArticle) article = make_article ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);
  g_autoptr(GPtrArray) matches = kiku_find (KIKU_NODE (article), "cat", KIKU_FIND_NONE);
  KikuFindMatch *second_in_paragraph = g_ptr_array_index (matches, 7);
  KikuParagraph *paragraph = KIKU_PARAGRAPH (second_in_paragraph->node);

  g_assert_true (kiku_find_replace (second_in_paragraph, "cat", KIKU_FIND_NONE, "dog", history));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "cat, dog");

  /* The text moved on: the match is no longer there. */
  g_assert_false (kiku_find_replace (second_in_paragraph, "cat", KIKU_FIND_NONE, "dog", history));

  kiku_history_undo (history);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "cat, cat");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/find/document-order", test_document_order);
  g_test_add_func ("/kiku/find/case", test_case);
  g_test_add_func ("/kiku/find/whole-words", test_whole_words);
  g_test_add_func ("/kiku/find/matches-apart", test_matches_apart);
  g_test_add_func ("/kiku/find/replace-all-one-step", test_replace_all_one_step);
  g_test_add_func ("/kiku/find/replace-one", test_replace_one);

  return g_test_run ();
}
