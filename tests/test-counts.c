/* test-counts.c: characters, words and reading time, kept as the article changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku.h"

static void
test_english (void)
{
  KikuCount count;

  kiku_count_text ("It's a well-known fact:  three  words\nand more.", &count);
  g_assert_cmpuint (count.words, ==, 8);
  g_assert_cmpuint (count.characters, ==, 38);
  g_assert_cmpuint (count.cjk, ==, 0);

  kiku_count_text (NULL, &count);
  g_assert_cmpuint (count.characters, ==, 0);
  g_assert_cmpuint (kiku_count_reading_minutes (&count), ==, 0);

  /* 230 words a minute: 231 words take two. */
  count = (KikuCount) { .characters = 1000, .words = 230, .cjk = 0 };
  g_assert_cmpuint (kiku_count_reading_minutes (&count), ==, 1);
  count.words = 231;
  g_assert_cmpuint (kiku_count_reading_minutes (&count), ==, 2);
}

static void
test_japanese (void)
{
  KikuCount count;

  /* No spaces: read by characters, and no words. */
  kiku_count_text ("東京タワーは、とても高い。", &count);
  g_assert_cmpuint (count.characters, ==, 13);
  g_assert_cmpuint (count.cjk, ==, 11);
  g_assert_cmpuint (count.words, ==, 0);

  /* Mixed: "Kiku" and "2" are words, the rest characters. */
  kiku_count_text ("Kikuで2ページ目を書く", &count);
  g_assert_cmpuint (count.words, ==, 2);
  g_assert_cmpuint (count.cjk, ==, 8);
  g_assert_cmpuint (count.characters, ==, 13);

  /* 500 characters a minute. */
  count = (KikuCount) { .characters = 500, .words = 0, .cjk = 500 };
  g_assert_cmpuint (kiku_count_reading_minutes (&count), ==, 1);
  count.cjk = 1001;
  g_assert_cmpuint (kiku_count_reading_minutes (&count), ==, 3);
}

static void
assert_same (const KikuCount *a,
             const KikuCount *b)
{
  g_assert_cmpuint (a->characters, ==, b->characters);
  g_assert_cmpuint (a->words, ==, b->words);
  g_assert_cmpuint (a->cjk, ==, b->cjk);
}

static void
test_pages (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuCounts) counts = kiku_counts_new (article);
  KikuList *pages = kiku_article_get_pages (article);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (pages, 0)), 0);
  g_autoptr(KikuPage) second = kiku_page_new ();
  g_autoptr(KikuSection) other = kiku_section_new ();
  KikuCount count;

  kiku_article_set_title (article, "Two words");
  kiku_section_set_heading (section, "見出し");
  kiku_list_append (kiku_page_get_sections (second), other);
  kiku_list_append (pages, second);
  kiku_section_set_heading (other, "one two three");
  /* Not read: the author's name. */
  kiku_article_set_author (article, "Someone Else");

  kiku_counts_get_total (counts, &count);
  g_assert_cmpuint (count.words, ==, 5);
  g_assert_cmpuint (count.cjk, ==, 3);

  kiku_counts_get_page (counts, 0, &count);
  g_assert_cmpuint (count.words, ==, 0);
  g_assert_cmpuint (count.cjk, ==, 3);

  kiku_counts_get_page (counts, 1, &count);
  g_assert_cmpuint (count.words, ==, 3);
  g_assert_cmpuint (count.characters, ==, 11);

  kiku_counts_get_page (counts, 7, &count);
  g_assert_cmpuint (count.characters, ==, 0);
}

static const char *const pieces[] = {
  "word", " ", "日本語", "。", "ひらがな", "it's", "\n", "カタカナー", "42", "—", "",
};

static char *
random_text (GRand *rand)
{
  GString *text = g_string_new (NULL);
  int n = g_rand_int_range (rand, 0, 12);

  for (int i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  return g_string_free (text, FALSE);
}

static KikuSection *
random_section (KikuArticle *article,
                GRand       *rand)
{
  KikuList *pages = kiku_article_get_pages (article);
  KikuPage *page = kiku_list_get (pages, g_rand_int_range (rand, 0, kiku_list_get_length (pages)));
  KikuList *sections = kiku_page_get_sections (page);

  if (kiku_list_get_length (sections) == 0)
    {
      g_autoptr(KikuSection) section = kiku_section_new ();
      kiku_list_append (sections, section);
    }

  return kiku_list_get (sections, g_rand_int_range (rand, 0, kiku_list_get_length (sections)));
}

/* Random edits, moves and removals: what was kept one field at a time is
 * what counting everything again gives, for the article and each page.
 */
static void
test_incremental (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuCounts) counts = kiku_counts_new (article);
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  KikuList *pages = kiku_article_get_pages (article);

  for (int step = 0; step < 2000; step++)
    {
      g_autofree char *text = random_text (rand);
      KikuSection *section = random_section (article, rand);
      KikuList *blocks = kiku_section_get_blocks (section);

      switch (g_rand_int_range (rand, 0, 9))
        {
        case 0:
          kiku_article_set_title (article, text);
          break;
        case 1:
          kiku_article_set_intro (article, text);
          break;
        case 2:
          kiku_section_set_heading (section, text);
          break;
        case 3:
        case 4:
          {
            g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();

            kiku_paragraph_set_text (paragraph, text);
            kiku_list_insert (blocks, g_rand_int_range (rand, 0, kiku_list_get_length (blocks) + 1), paragraph);
          }
          break;
        case 5:
          for (guint i = 0; i < kiku_list_get_length (blocks); i++)
            if (KIKU_IS_PARAGRAPH (kiku_list_get (blocks, i)))
              kiku_paragraph_set_text (kiku_list_get (blocks, i), text);
          break;
        case 6:
          if (kiku_list_get_length (blocks) > 0)
            g_object_unref (kiku_list_remove (blocks, g_rand_int_range (rand, 0, kiku_list_get_length (blocks))));
          break;
        case 7:
          if (kiku_list_get_length (pages) < 5)
            {
              g_autoptr(KikuPage) page = kiku_page_new ();
              kiku_list_append (pages, page);
            }
          else
            kiku_list_move (pages, 0, kiku_list_get_length (pages) - 1);
          break;
        case 8:
          {
            /* A section moves to another page. */
            KikuList *from = kiku_page_get_sections (kiku_list_get (pages, 0));
            KikuList *to = kiku_page_get_sections (kiku_list_get (pages, kiku_list_get_length (pages) - 1));

            if (from != to && kiku_list_get_length (from) > 1)
              {
                g_autoptr(KikuSection) moved = kiku_list_remove (from, 0);
                kiku_list_append (to, moved);
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }

      if (step % 50 == 0 || step == 1999)
        {
          g_autoptr(KikuCounts) fresh = kiku_counts_new (article);
          KikuCount kept, counted;

          kiku_counts_get_total (counts, &kept);
          kiku_counts_get_total (fresh, &counted);
          assert_same (&kept, &counted);

          for (guint p = 0; p < kiku_list_get_length (pages); p++)
            {
              kiku_counts_get_page (counts, p, &kept);
              kiku_counts_get_page (fresh, p, &counted);
              assert_same (&kept, &counted);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/counts/english", test_english);
  g_test_add_func ("/kiku/counts/japanese", test_japanese);
  g_test_add_func ("/kiku/counts/pages", test_pages);
  g_test_add_func ("/kiku/counts/incremental", test_incremental);

  return g_test_run ();
}
