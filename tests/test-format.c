/* test-format.c: the .kiku file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiku.h"
#include "kiku-test-files.h"

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kiku-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static KikuArticle *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KikuArticle *article;

  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);

  return article;
}

/* The fixture uses every field, every block kind, two pages and unknown
 * members at several levels: written back, it must not change by a byte.
 */
static void
test_fixture_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full.kiku", NULL);
  g_autofree char *expected = read_text (path);
  g_autoptr(KikuArticle) article = load_fixture ("full.kiku");
  g_autofree char *written = kiku_article_serialize (article, NULL, NULL);

  g_assert_cmpstr (written, ==, expected);
}

static void
test_fixture_fields (void)
{
  g_autoptr(KikuArticle) article = load_fixture ("full.kiku");
  KikuList *pages = kiku_article_get_pages (article);
  KikuPage *page;
  KikuSection *section;
  KikuList *blocks;
  KikuSource *source;
  KikuComment *comment;
  KikuImage *image;

  g_assert_cmpstr (kiku_article_get_title (article), ==, "川沿いの遊歩道、十年ぶりに全面開通");
  g_assert_cmpstr (kiku_article_get_subtitle (article), ==, "市民の声で実現した再整備の全容");
  g_assert_cmpstr (kiku_article_get_keywords (article)[1], ==, "遊歩道");
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_key_points (article)), ==, 2);
  g_assert_cmpstr (kiku_point_get_text (kiku_list_get (kiku_article_get_key_points (article), 1)),
                   ==, "夜間照明が新しくなった。");
  g_assert_cmpstr (kiku_article_get_slug (article), ==, "riverside-walk");
  g_assert_cmpstr (kiku_article_get_updated (article), ==, "2025-04-02T09:30:00+09:00");
  g_assert_cmpuint (kiku_list_get_length (pages), ==, 2);

  page = kiku_list_get (pages, 0);
  g_assert_cmpstr (kiku_page_get_teaser (page), ==, "次のページでは、夜の遊歩道を紹介します。");
  section = kiku_list_get (kiku_page_get_sections (page), 0);
  g_assert_cmpstr (kiku_section_get_question (section), ==, "なぜ十年もかかったのか？");
  g_assert_cmpstr (kiku_section_get_answer (section), ==, "護岸工事と予算の確保。");

  blocks = kiku_section_get_blocks (section);
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, 4);
  g_assert_true (KIKU_IS_PARAGRAPH (kiku_list_get (blocks, 0)));

  source = kiku_list_get (blocks, 1);
  g_assert_true (KIKU_IS_SOURCE (source));
  g_assert_cmpstr (kiku_source_get_url (source), ==, "https://example.com/plan");
  g_assert_cmpstr (kiku_source_get_publisher (source), ==, "市の広報");
  g_assert_cmpstr (kiku_source_get_published (source), ==, "2025-03-15");
  g_assert_cmpstr (kiku_source_get_image (source), ==, "images/walk.svg");
  g_assert_cmpstr (kiku_source_get_image_credit (source), ==, "市の広報より");
  g_assert_cmpuint (kiku_list_get_length (kiku_source_get_points (source)), ==, 2);

  comment = kiku_list_get (blocks, 2);
  g_assert_cmpstr (kiku_comment_get_persona (comment), ==, "kansai");

  image = kiku_list_get (blocks, 3);
  g_assert_cmpstr (kiku_image_get_alt (image), ==, "テープカットをする人々");
  g_assert_cmpstr (kiku_image_get_credit (image), ==, "撮影:編集部");
}

/* An article built field by field survives a save and a load. */
static void
test_built_round_trip (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *keywords[] = { "a\"quote", "改行\nあり", NULL };
  const char *kinds[] = { "paragraph", "source", "comment", "image" };

  kiku_article_set_title (article, "Title with \\ backslash and \t tab");
  kiku_article_set_summary (article, "Lead");
  kiku_article_set_keywords (article, keywords);
  kiku_article_set_language (article, "en");

  for (guint p = 0; p < 3; p++)
    {
      g_autoptr(KikuPage) page = kiku_page_new ();
      g_autoptr(KikuSection) section = kiku_section_new ();
      g_autofree char *teaser = g_strdup_printf ("teaser %u", p);

      kiku_page_set_teaser (page, teaser);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr(KikuBlock) block = kiku_block_new_for_kind (kinds[(k + p) % 4]);
          kiku_list_append (kiku_section_get_blocks (section), block);
        }
      kiku_section_set_heading (section, "😀 emoji heading");
      kiku_list_append (kiku_page_get_sections (page), section);
      kiku_list_append (kiku_article_get_pages (article), page);
    }

  first = kiku_article_serialize (article, NULL, NULL);
  loaded = kiku_article_new_from_data (first, -1, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (kiku_article_get_title (loaded), ==, "Title with \\ backslash and \t tab");
  g_assert_true (g_strv_equal (kiku_article_get_keywords (loaded), keywords));
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_pages (loaded)), ==, 3);

  for (guint p = 0; p < 3; p++)
    {
      KikuPage *page = kiku_list_get (kiku_article_get_pages (loaded), p);
      KikuSection *section = kiku_list_get (kiku_page_get_sections (page), 0);
      KikuList *blocks = kiku_section_get_blocks (section);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        g_assert_cmpstr (kiku_block_get_kind (kiku_list_get (blocks, k)), ==, kinds[(k + p) % 4]);
    }

  second = kiku_article_serialize (loaded, NULL, NULL);
  g_assert_cmpstr (first, ==, second);
}

typedef struct
{
  const char      *name;
  const char      *text;
  KikuFormatError  code;
  const char      *message;
} BadInput;

static const BadInput bad_inputs[] = {
  { "syntax", "{\n  \"format\": \"kiku-article\",\n  \"version\": 1,,\n}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 3, column 16: expected a member name in double quotes, found “,”" },
  { "bare-word", "{\n  \"format\": \"kiku-article\",\n  oops\n}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 3, column 3: expected a member name in double quotes, found “oops”" },
  { "trailing-comma", "{\"format\": \"kiku-article\", \"keywords\": [\"a\",]}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 45: a comma must be followed by another value, not “]”" },
  { "line-break-in-string", "{\"format\": \"kiku-\narticle\"}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 18: a line break inside a string must be written as \\n" },
  { "duplicate-key", "{\"title\": \"a\",\n \"title\": \"b\"}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 2, column 2: “title” appears twice in the same object" },
  { "bad-escape", "{\"title\": \"\\x41\"}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 12: “\\x” is not an escape JSON knows" },
  { "lone-surrogate", "{\"title\": \"\\udc00\"}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 12: this escape is half of a character" },
  { "single-quotes", "{'format': 'kiku-article'}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 2: expected a member name in double quotes, found “'”" },
  { "after-the-end", "{\"format\": \"kiku-article\"} {}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 28: expected the end of the file after the article, found “{”" },
  { "bad-number", "{\"version\": 1.}",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 13: this is not a number" },
  { "truncated", "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"x",
    KIKU_FORMAT_ERROR_SYNTAX, "Line 1, column 51: this string has no closing quote" },
  { "empty", "", KIKU_FORMAT_ERROR_SYNTAX, "The file is empty" },
  { "blank", " \n\t\n", KIKU_FORMAT_ERROR_SYNTAX, "The file is empty" },
  { "array", "[1, 2]", KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
    "This is not a Kiku article: the file holds no JSON object" },
  { "no-format", "{\"version\": 1}", KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
    "This is not a Kiku article: it has no “format” field" },
  { "other-format", "{\"format\": \"recipe\", \"version\": 1}", KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
    "This is not a Kiku article: its format is “recipe”, not “kiku-article”" },
  { "no-version", "{\"format\": \"kiku-article\"}", KIKU_FORMAT_ERROR_MISSING_FIELD,
    "version: this required field is missing" },
  { "string-version", "{\"format\": \"kiku-article\", \"version\": \"1\"}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "version: expected a whole number" },
  { "newer-version", "{\"format\": \"kiku-article\", \"version\": 7, \"title\": \"\", \"pages\": []}",
    KIKU_FORMAT_ERROR_VERSION_TOO_NEW,
    "This article was saved by a newer version of Kiku (file format 7)" },
  { "no-title", "{\"format\": \"kiku-article\", \"version\": 1, \"pages\": []}",
    KIKU_FORMAT_ERROR_MISSING_FIELD, "title: this required field is missing" },
  { "no-pages", "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"\"}",
    KIKU_FORMAT_ERROR_MISSING_FIELD, "pages: this required field is missing" },
  { "number-title", "{\"format\": \"kiku-article\", \"version\": 1, \"title\": 12, \"pages\": []}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "title: expected a string" },
  { "object-pages", "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"\", \"pages\": {}}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "pages: expected an array of objects" },
  { "number-keyword",
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"\", \"keywords\": [\"a\", 2], \"pages\": []}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "keywords[1]: expected a string" },
  { "deep-url",
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [{\"sections\": ["
    "{\"blocks\": []}, {\"blocks\": []}, {\"blocks\": [{\"type\": \"paragraph\", \"text\": \"p\"},"
    "{\"type\": \"source\", \"url\": [\"https://example.com\"]}]}]}]}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "pages[0].sections[2].blocks[1].url: expected a string" },
  { "point-object",
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [{\"sections\": ["
    "{\"blocks\": [{\"type\": \"source\", \"points\": [\"ok\", {\"text\": \"no\"}]}]}]}]}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "pages[0].sections[0].blocks[0].points[1]: expected a string" },
  { "block-without-type",
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [{\"sections\": ["
    "{\"blocks\": [{\"text\": \"no type\"}]}]}]}",
    KIKU_FORMAT_ERROR_MISSING_FIELD, "pages[0].sections[0].blocks[0].type: this required field is missing" },
  { "unknown-block",
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [{\"sections\": ["
    "{\"blocks\": [{\"type\": \"video\"}]}]}]}",
    KIKU_FORMAT_ERROR_INVALID_VALUE,
    "pages[0].sections[0].blocks[0].type: “video” is not a kind of block this version of Kiku knows" },
  { "page-not-object",
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [\"page\"]}",
    KIKU_FORMAT_ERROR_WRONG_TYPE, "pages[0]: expected an object" },
  { "invalid-utf8", "{\"format\": \"kiku-article\",\n \"title\": \"ab\xff\"}",
    KIKU_FORMAT_ERROR_INVALID_UTF8, "Line 2, column 14: the text is not valid UTF-8" },
  { "latin1", "{\"title\": \"caf\xe9\"}",
    KIKU_FORMAT_ERROR_INVALID_UTF8, "Line 1, column 15: " },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = NULL;

  article = kiku_article_new_from_data (bad->text, strlen (bad->text), NULL, &error);
  g_assert_null (article);
  g_assert_error (error, KIKU_FORMAT_ERROR, (int)bad->code);
  if (!g_str_has_prefix (error->message, bad->message))
    g_error ("%s: expected a message starting with “%s”, got “%s”",
             bad->name, bad->message, error->message);
}

/* json-glib recurses for each level: a file of brackets must not crash us. */
static void
test_too_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = NULL;
  gsize depth = 1000000;
  g_autofree char *text = g_malloc (depth + 1);

  memset (text, '[', depth);
  text[depth] = '\0';

  article = kiku_article_new_from_data (text, depth, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "Line 1, column 65: values are nested more than 64"));

  /* Brackets inside strings are text, not nesting. */
  g_clear_error (&error);
  {
    g_autoptr(GString) ok = g_string_new ("{\"format\": \"kiku-article\", \"version\": 1, "
                                          "\"title\": \"");
    g_autoptr(KikuArticle) loaded = NULL;

    for (guint i = 0; i < 200; i++)
      g_string_append (ok, "[{\\\"");
    g_string_append (ok, "\", \"pages\": []}");

    loaded = kiku_article_new_from_data (ok->str, ok->len, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (loaded);
  }
}

static void
test_too_large (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = NULL;
  FILE *fp;

  /* A sparse file: large, but it costs no disk. */
  fp = fopen (path, "w");
  g_assert_nonnull (fp);
  g_assert_cmpint (ftruncate (fileno (fp), KIKU_FORMAT_MAX_SIZE + 1), ==, 0);
  fclose (fp);

  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_TOO_LARGE);
  g_assert_true (strstr (error->message, "the most an article may be") != NULL);

  g_unlink (path);
  g_rmdir (dir);
}

/* Damaged copies of a real article, thousands of them: each gives either an
 * article or an error that says where, and none crashes (the sanitizer
 * run checks memory too).
 */
static void
test_mutations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full.kiku", NULL);
  g_autofree char *original = read_text (path);
  gsize length = strlen (original);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  static const char noise[] = "{}[]\",:\\ \n0-eE.tfnu\x01\xe3\x81\x82";
  guint loaded = 0, refused = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *copy = g_strdup (original);
      g_autoptr(KikuArticle) article = NULL;
      g_autoptr(GError) error = NULL;
      gsize copy_length = length;
      guint edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < edits && copy_length > 1; e++)
        {
          gsize at = g_rand_int_range (rand, 0, copy_length);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: /* a character changed */
              copy[at] = noise[g_rand_int_range (rand, 0, sizeof noise - 1)];
              break;
            case 1: /* the rest cut off */
              copy_length = at;
              break;
            default: /* a character deleted */
              memmove (copy + at, copy + at + 1, copy_length - at - 1);
              copy_length--;
              break;
            }
        }

      article = kiku_article_new_from_data (copy, copy_length, NULL, &error);
      if (article != NULL)
        {
          g_assert_no_error (error);
          loaded++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == KIKU_FORMAT_ERROR);
          g_assert_true (error->message[0] != '\0');
          refused++;
        }
    }

  g_test_message ("%u damaged copies loaded, %u refused", loaded, refused);
  g_assert_cmpuint (refused, >, 1000);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/dir/none.kiku");
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_file (file, NULL, &error);

  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_bom_accepted (void)
{
  const char *text = "\xEF\xBB\xBF{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"BOM\", \"pages\": []}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_data (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "BOM");
}

static KikuArticle *
small_article (const char *title)
{
  KikuArticle *article = kiku_article_new_draft ();

  kiku_article_set_title (article, title);

  return article;
}

static void
test_save_keeps_permissions (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "perm.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = small_article ("one");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  struct stat st;

  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  kiku_article_set_title (article, "two");
  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_true (kiku_article_get_file (article) == file);

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "perm.kiku");
  g_assert_null (g_dir_read_name (listing));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_through_symlink (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *real = g_build_filename (dir, "real.kiku", NULL);
  g_autofree char *link = g_build_filename (dir, "link.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(KikuArticle) article = small_article ("linked");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.kiku", link), ==, 0);

  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  text = read_text (real);
  g_assert_true (strstr (text, "\"linked\"") != NULL);

  g_unlink (link);
  g_unlink (real);
  g_rmdir (dir);
}

/* Subprocesses that save with a file size limit: the write fails part of the
 * way through, for real, as on a full disk.
 */
static void
save_big_article_with_limit (gboolean crash)
{
  const char *path = g_getenv ("KIKU_TEST_SAVE_PATH");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = small_article ("new");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  struct rlimit limit = { 4096, 4096 };

  for (guint i = 0; i < 2000; i++)
    g_string_append (big, "長い要約。");
  kiku_article_set_summary (article, big->str);

  if (!crash)
    signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  /* With the signal ignored, the write fails and the save says why. */
  g_assert_false (kiku_article_save (article, file, NULL, &error));
  g_printerr ("%s\n", error->message);
}

static void
check_interrupted_save (gboolean crash)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "keep.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = small_article ("the old title");
  g_autoptr(KikuArticle) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);
  before = read_text (path);

  g_setenv ("KIKU_TEST_SAVE_PATH", path, TRUE);
  g_test_trap_subprocess (crash ? "/kiku/format/save/crash-mid-write/subprocess"
                                : "/kiku/format/save/failed-write/subprocess",
                          0, G_TEST_SUBPROCESS_DEFAULT);
  if (crash)
    {
      g_test_trap_assert_failed ();
    }
  else
    {
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*Could not save*File too large*");
    }

  after = read_text (path);
  g_assert_cmpstr (after, ==, before);

  reloaded = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_article_get_title (reloaded), ==, "the old title");

  /* A failed save cleans up after itself; a crash may leave its temporary
   * file, but never in place of the article.
   */
  if (!crash)
    {
      listing = g_dir_open (dir, 0, NULL);
      g_assert_cmpstr (g_dir_read_name (listing), ==, "keep.kiku");
      g_assert_null (g_dir_read_name (listing));
    }

  kiku_test_remove_tree (dir);
}

static void
test_failed_write_subprocess (void)
{
  save_big_article_with_limit (FALSE);
}

static void
test_crash_subprocess (void)
{
  save_big_article_with_limit (TRUE);
}

static void
test_failed_write (void)
{
  check_interrupted_save (FALSE);
}

static void
test_crash_mid_write (void)
{
  check_interrupted_save (TRUE);
}

static void
test_save_to_missing_folder (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/folder/a.kiku");
  g_autoptr(KikuArticle) article = small_article ("x");
  g_autoptr(GError) error = NULL;

  g_assert_false (kiku_article_save (article, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “/nonexistent/folder/a.kiku”"));
  g_assert_null (kiku_article_get_file (article));
}

/* Images are referenced relative to the article's file, and stay right when
 * the article is saved into another folder.
 */
static void
test_relative_image_paths (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *image_path = g_build_filename (images, "photo.png", NULL);
  g_autofree char *sub = g_build_filename (dir, "drafts", "2025", NULL);
  g_autofree char *first_path = g_build_filename (dir, "a.kiku", NULL);
  g_autofree char *second_path = g_build_filename (sub, "b.kiku", NULL);
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GFile) resolved = NULL;
  g_autoptr(GFile) expected = g_file_new_for_path (image_path);
  g_autoptr(KikuArticle) article = small_article ("images");
  g_autoptr(KikuArticle) reloaded = NULL;
  g_autoptr(KikuImage) image = kiku_image_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KikuSection *section;
  KikuList *blocks;

  g_assert_cmpint (g_mkdir_with_parents (images, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (image_path, "png", -1, NULL));

  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  blocks = kiku_section_get_blocks (section);
  kiku_image_set_src (image, image_path);    /* as a file chooser gives it */
  kiku_source_set_image (source, "https://example.com/remote.png");
  kiku_list_append (blocks, image);
  kiku_list_append (blocks, source);

  g_assert_true (kiku_article_save (article, first, NULL, &error));
  g_assert_no_error (error);
  text = read_text (first_path);
  g_assert_true (strstr (text, "\"src\" : \"images/photo.png\"") != NULL);
  g_assert_true (strstr (text, "\"image\" : \"https://example.com/remote.png\"") != NULL);
  g_assert_cmpstr (kiku_image_get_src (image), ==, "images/photo.png");

  resolved = kiku_article_resolve_path (article, kiku_image_get_src (image));
  g_assert_true (g_file_equal (resolved, expected));

  /* Save as, into a folder two levels down: the image comes along. */
  g_assert_true (kiku_article_save (article, second, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_text (second_path);
  g_assert_true (strstr (text, "\"src\" : \"images/photo.png\"") != NULL);
  g_assert_cmpstr (kiku_image_get_src (image), ==, "images/photo.png");
  g_clear_object (&expected);
  {
    g_autofree char *copied = g_build_filename (sub, "images", "photo.png", NULL);
    expected = g_file_new_for_path (copied);
  }
  g_assert_cmpstr (kiku_source_get_image (source), ==, "https://example.com/remote.png");

  reloaded = kiku_article_new_from_file (second, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&resolved);
  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (reloaded), 0)), 0);
  resolved = kiku_article_resolve_path (reloaded, kiku_image_get_src (kiku_list_get (kiku_section_get_blocks (section), 0)));
  g_assert_true (g_file_equal (resolved, expected));

  kiku_test_remove_tree (dir);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KikuArticle **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kiku_article_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  *done = kiku_article_save_finish (KIKU_ARTICLE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "async.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = load_fixture ("full.kiku");
  g_autoptr(KikuArticle) loaded = NULL;
  gboolean done = FALSE;

  kiku_article_save_async (article, file, NULL, on_saved, &done);
  /* An edit after the call is not part of that save. */
  kiku_article_set_title (article, "edited while saving");
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kiku_article_get_file (article) == file);

  kiku_article_load_async (file, NULL, on_loaded, &loaded);
  while (loaded == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (kiku_article_get_title (loaded), ==, "川沿いの遊歩道、十年ぶりに全面開通");
  g_assert_true (g_file_equal (kiku_article_get_file (loaded), file));

  g_unlink (path);
  g_rmdir (dir);
}

/* Load, save as a file, load again: whatever Kiku opened, it must be able
 * to open again after saving it, and the second save changes nothing.
 */
static void
check_reads_back (const char *text,
                  const char *expected_in_file)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *resaved = NULL;

  article = kiku_article_new_from_data (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);
  saved = read_text (path);
  if (expected_in_file != NULL && strstr (saved, expected_in_file) == NULL)
    g_error ("“%s” is not in the saved file:\n%s", expected_in_file, saved);

  again = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_article_get_title (again), ==, kiku_article_get_title (article));
  resaved = kiku_article_serialize (again, NULL, NULL);
  g_assert_cmpstr (resaved, ==, saved);

  kiku_test_remove_tree (dir);
}

#define ARTICLE_WITH(members) \
  "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [], " members "}"

static void
test_reads_back_numbers (void)
{
  /* json-glib 1.6 wrote these as 1e+308.0 and inf.0. */
  check_reads_back (ARTICLE_WITH ("\"x\": 1e308"), "\"x\" : 1e+308");
  check_reads_back (ARTICLE_WITH ("\"x\": 1e999"), "\"x\" : 1e999");
  check_reads_back (ARTICLE_WITH ("\"x\": -1E999"), "\"x\" : -1e999");
  check_reads_back (ARTICLE_WITH ("\"x\": [0.1, 2.0, -0.0, 1e-400, 5e-324]"), "0.1,");
  check_reads_back (ARTICLE_WITH ("\"x\": 123456789012345678901234567890"), "1.2345678901234568e+29");
  check_reads_back (ARTICLE_WITH ("\"x\": {\"y\": [1.5e300, 9223372036854775807, -9223372036854775808]}"),
                    "9223372036854775807");
}

static void
test_reads_back_control_characters (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_from_data (ARTICLE_WITH ("\"x\": \"\\u0001\""), -1,
                                                               NULL, NULL);
  g_autofree char *text = NULL;

  /* json-glib 1.6 wrote U+001F raw, which no JSON reader takes. */
  check_reads_back ("{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"a\\u001fb\", "
                    "\"pages\": []}", "\"title\" : \"a\\u001Fb\"");
  check_reads_back (ARTICLE_WITH ("\"x\\u0002\": \"\\b\\f\\n\\r\\t\\u007fx\""), NULL);

  /* Text that is not UTF-8 cannot be in a file Kiku opens: it is mended. */
  g_assert_nonnull (article);
  kiku_article_set_title (article, "a\x1f\xff\x7f");
  text = kiku_article_serialize (article, NULL, NULL);
  g_clear_object (&article);
  article = kiku_article_new_from_data (text, -1, NULL, NULL);
  g_assert_nonnull (article);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "a\x1f\xef\xbf\xbd\x7f");
}

/* Error messages are shown in GTK labels: always valid UTF-8, and what
 * they point at can be seen.
 */
static void
assert_refused_saying (const char *data,
                       gssize      length,
                       const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_data (data, length < 0 ? strlen (data) : (gsize)length,
                                                               NULL, &error);

  g_assert_null (article);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

static void
test_readable_messages (void)
{
  static const char utf16le[] = "\xff\xfe{\0\"\0f\0o\0r\0m\0a\0t\0\"\0:\0 \0\"\0k\0\"\0}\0";
  static const char utf16be[] = "\0{\0\"\0f\0\"\0:\0 \0\"\0k\0\"\0}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) imported = NULL;

  /* A backslash before a non-ASCII character: the whole character. */
  assert_refused_saying ("{\"title\": \"\\\xc3\xa9\"}", -1, "“\\\xc3\xa9”");
  assert_refused_saying ("{\"title\": \"\\\xe3\x81\x82\"}", -1, "“\\\xe3\x81\x82”");
  /* A second byte order mark, and other invisible characters, by name. */
  assert_refused_saying ("\xef\xbb\xbf\xef\xbb\xbf{}", -1, "U+FEFF");
  assert_refused_saying ("{\xe2\x80\x8b\"title\": 1}", -1, "U+200B");
  /* UTF-16 says so. */
  assert_refused_saying (utf16le, sizeof utf16le - 1, "UTF-16");
  assert_refused_saying (utf16be, sizeof utf16be - 1, "UTF-16");

  imported = kiku_import_text (utf16le, sizeof utf16le - 1, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
}

/* A file's publish records come back out as they went in: in their place
 * among the members this version does not know, each site's in the order
 * the file had, each record's members as written; and they read as typed
 * records.
 */
static void
test_publish_records_round_trip (void)
{
  static const char *input =
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [], "
    "\"zeta\": 1, "
    "\"published_to\": {"
    "\"b-site\": {\"url\": \"https://b.example/\", \"time\": \"2026-01-02T03:04:05Z\", \"hash\": \"abc\", "
    "\"images\": {\"x.png\": \"h1\"}}, "
    "\"a-site\": {\"id\": 7, \"status\": \"draft\", \"url\": \"https://a.example/?p=7\", "
    "\"modified_gmt\": \"2026-01-02T03:04:05\"}}, "
    "\"alpha\": {\"k\": \"v\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_data (input, -1, NULL, &error);
  g_autoptr(KikuArticle) again = NULL;
  g_autoptr(KikuPublishRecord) a = NULL;
  g_autoptr(KikuPublishRecord) b = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  const char *alpha, *records, *zeta;

  g_assert_no_error (error);
  text = kiku_article_serialize (article, NULL, NULL);

  /* Sorted among the unknown members, as they always were. */
  alpha = strstr (text, "\"alpha\"");
  records = strstr (text, "\"published_to\"");
  zeta = strstr (text, "\"zeta\"");
  g_assert_nonnull (alpha);
  g_assert_nonnull (records);
  g_assert_nonnull (zeta);
  g_assert_true (alpha < records && records < zeta);
  g_assert_true (strstr (text, "\"b-site\"") < strstr (text, "\"a-site\""));
  g_assert_true (strstr (text, "\"https://b.example/\"") < strstr (text, "\"abc\""));

  /* Read and written again, nothing moves. */
  again = kiku_article_new_from_data (text, -1, NULL, &error);
  g_assert_no_error (error);
  text_again = kiku_article_serialize (again, NULL, NULL);
  g_assert_cmpstr (text_again, ==, text);

  a = kiku_article_dup_publish_record (again, "a-site");
  b = kiku_article_dup_publish_record (again, "b-site");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (kiku_publish_record_get_site (a), ==, "a-site");
  g_assert_cmpint (kiku_publish_record_get_remote_id (a), ==, 7);
  g_assert_cmpstr (kiku_publish_record_get_status (a), ==, "draft");
  g_assert_cmpstr (kiku_publish_record_get_url (a), ==, "https://a.example/?p=7");
  g_assert_cmpint (kiku_publish_record_get_remote_id (b), ==, 0);
  g_assert_cmpstr (kiku_publish_record_get_hash (b), ==, "abc");
  time = kiku_publish_record_dup_time (b);
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_year (time), ==, 2026);
  g_assert_null (kiku_article_dup_publish_record (again, "c-site"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/format/round-trip/fixture", test_fixture_round_trip);
  g_test_add_func ("/kiku/format/round-trip/fields", test_fixture_fields);
  g_test_add_func ("/kiku/format/round-trip/built", test_built_round_trip);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/kiku/format/bad-input/%s", bad_inputs[i].name);
      g_test_add_data_func (test_path, &bad_inputs[i], test_bad_input);
    }

  g_test_add_func ("/kiku/format/bad-input/too-deep", test_too_deep);
  g_test_add_func ("/kiku/format/bad-input/too-large", test_too_large);
  g_test_add_func ("/kiku/format/bad-input/missing-file", test_missing_file);
  g_test_add_func ("/kiku/format/bad-input/mutations", test_mutations);
  g_test_add_func ("/kiku/format/bom", test_bom_accepted);
  g_test_add_func ("/kiku/format/save/keeps-permissions", test_save_keeps_permissions);
  g_test_add_func ("/kiku/format/save/through-symlink", test_save_through_symlink);
  g_test_add_func ("/kiku/format/save/failed-write", test_failed_write);
  g_test_add_func ("/kiku/format/save/failed-write/subprocess", test_failed_write_subprocess);
  g_test_add_func ("/kiku/format/save/crash-mid-write", test_crash_mid_write);
  g_test_add_func ("/kiku/format/save/crash-mid-write/subprocess", test_crash_subprocess);
  g_test_add_func ("/kiku/format/save/missing-folder", test_save_to_missing_folder);
  g_test_add_func ("/kiku/format/relative-image-paths", test_relative_image_paths);
  g_test_add_func ("/kiku/format/async", test_async);
  g_test_add_func ("/kiku/format/save/reads-back/numbers", test_reads_back_numbers);
  g_test_add_func ("/kiku/format/bad-input/readable-messages", test_readable_messages);
  g_test_add_func ("/kiku/format/save/reads-back/control-characters", test_reads_back_control_characters);
  g_test_add_func ("/kiku/format/publish-records/round-trip", test_publish_records_round_trip);

  return g_test_run ();
}
