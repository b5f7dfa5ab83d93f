/* test-validate.c: the problems listed before publishing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiku.h"
#include "kiku-test-files.h"

/* The smallest PNG: one grey pixel. */
static const char tiny_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00\x3a\x7e\x9b\x55"
  "\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63\x60\x00\x00\x00\x02\x00\x01\x48\xaf\xa4\x71\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static KikuSection *
first_section (KikuArticle *article)
{
  KikuPage *page = kiku_list_get (kiku_article_get_pages (article), 0);

  return kiku_list_get (kiku_page_get_sections (page), 0);
}

static const KikuProblem *
find_problem (GPtrArray  *problems,
              const char *path)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (kiku_problem_get_path (g_ptr_array_index (problems, i)), path))
      return g_ptr_array_index (problems, i);

  return NULL;
}

static void
assert_problem (GPtrArray       *problems,
                const char      *path,
                KikuProblemKind  kind,
                const char      *message_part)
{
  const KikuProblem *problem = find_problem (problems, path);

  if (problem == NULL)
    g_error ("expected a problem at %s", path);

  g_assert_cmpint (kiku_problem_get_kind (problem), ==, kind);
  if (strstr (kiku_problem_get_message (problem), message_part) == NULL)
    g_error ("%s: “%s” does not say “%s”", path, kiku_problem_get_message (problem), message_part);
}

static KikuSource *
add_source (KikuSection *section,
            const char  *url,
            const char  *published,
            const char  *image)
{
  g_autoptr(KikuSource) source = kiku_source_new ();

  kiku_source_set_title (source, "出典");
  kiku_source_set_url (source, url);
  kiku_source_set_published (source, published);
  kiku_source_set_image (source, image);
  kiku_list_append (kiku_section_get_blocks (section), source);

  return source;
}

static void
test_problems (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuSection *section = first_section (article);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(KikuImage) image = kiku_image_new ();
  g_autoptr(KikuImage) no_src = kiku_image_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kiku-validate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.kiku", NULL);
  g_autofree char *present = g_build_filename (dir, "present.png", NULL);
  KikuSource *source;

  file = g_file_new_for_path (path);
  kiku_article_set_file (article, file);
  write_file (present, tiny_png, sizeof tiny_png - 1);

  kiku_article_set_published (article, "2025-02-30");
  add_source (section, NULL, NULL, NULL);                                   /* blocks[0] */
  add_source (section, "javascript:alert(1)", "2024/05/17", NULL);          /* blocks[1] */
  add_source (section, "ftp://example.com/file", "2999-01-01", "gone.png"); /* blocks[2] */
  source = add_source (section, "https://example.com/ok", "2024-05-17", "present.png"); /* [3] */
  kiku_image_set_src (image, "missing/photo.png");
  kiku_list_append (kiku_section_get_blocks (section), image);               /* blocks[4] */
  kiku_list_append (kiku_section_get_blocks (section), no_src);              /* blocks[5] */

  problems = kiku_article_validate (article);

  assert_problem (problems, "title", KIKU_PROBLEM_EMPTY_FIELD, "headline");
  assert_problem (problems, "published", KIKU_PROBLEM_BAD_DATE, "2025-02-30");
  assert_problem (problems, "pages[0].sections[0].blocks[0].url", KIKU_PROBLEM_MISSING_URL, "no URL");
  assert_problem (problems, "pages[0].sections[0].blocks[1].url", KIKU_PROBLEM_BAD_URL, "javascript:alert(1)");
  assert_problem (problems, "pages[0].sections[0].blocks[1].published", KIKU_PROBLEM_BAD_DATE, "2024/05/17");
  assert_problem (problems, "pages[0].sections[0].blocks[2].url", KIKU_PROBLEM_BAD_URL, "ftp://");
  assert_problem (problems, "pages[0].sections[0].blocks[2].published", KIKU_PROBLEM_FUTURE_DATE, "future");
  assert_problem (problems, "pages[0].sections[0].blocks[2].image", KIKU_PROBLEM_MISSING_FILE, "gone.png");
  assert_problem (problems, "pages[0].sections[0].blocks[4].src", KIKU_PROBLEM_MISSING_FILE, "missing/photo.png");
  assert_problem (problems, "pages[0].sections[0].blocks[5].src", KIKU_PROBLEM_EMPTY_FIELD, "no file");

  /* The good source box has nothing wrong. */
  g_assert_null (find_problem (problems, "pages[0].sections[0].blocks[3].url"));
  g_assert_null (find_problem (problems, "pages[0].sections[0].blocks[3].published"));
  g_assert_null (find_problem (problems, "pages[0].sections[0].blocks[3].image"));
  /* The draft's section has blocks but no heading. */
  assert_problem (problems, "pages[0].sections[0].heading", KIKU_PROBLEM_EMPTY_FIELD, "no heading");
  g_assert_cmpuint (problems->len, ==, 11);

  /* Each problem leads to its object, for the editor to jump to. */
  g_assert_true (kiku_problem_get_node (find_problem (problems, "pages[0].sections[0].blocks[4].src"))
                 == KIKU_NODE (image));
  g_assert_cmpstr (kiku_problem_get_property (find_problem (problems, "published")), ==, "published");

  /* Fixing the fields clears the problems. */
  kiku_article_set_title (article, "見出し");
  kiku_article_set_published (article, "2025-02-28T10:00:00+09:00");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = kiku_article_validate (article);
  g_assert_null (find_problem (problems, "title"));
  g_assert_null (find_problem (problems, "published"));
  g_assert_cmpuint (problems->len, ==, 9);

  (void)source;
  g_unlink (present);
  g_rmdir (dir);
}

/* Problems are not load errors: a draft full of them saves and opens. */
static void
test_draft_with_problems_saves (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuArticle) reloaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kiku-validate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "draft.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  add_source (first_section (article), "not a url", "someday", "nowhere.png");
  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);

  reloaded = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  problems = kiku_article_validate (reloaded);
  /* The headline, the section's heading, the URL, the date and the image. */
  g_assert_cmpuint (problems->len, ==, 5);

  g_unlink (path);
  g_rmdir (dir);
}

/* The bundled sample is what a new user sees first: it has nothing to fix. */
static void
test_sample_is_clean (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "sample.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  problems = kiku_article_validate (article);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s: %s\n",
                kiku_problem_get_path (g_ptr_array_index (problems, i)),
                kiku_problem_get_message (g_ptr_array_index (problems, i)));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The sample shows every part of a digest article, as the seed page has. */
static void
test_sample_structure (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "sample.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  KikuList *pages;
  guint sections_with_qa = 0, dated = 0, undated = 0, labelled = 0, unlabelled = 0;
  guint comments = 0, images = 0, teasers = 0;

  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (kiku_article_get_language (article), ==, "ja");
  g_assert_nonnull (kiku_article_get_subtitle (article));
  g_assert_nonnull (kiku_article_get_intro (article));
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_key_points (article)), >=, 3);

  pages = kiku_article_get_pages (article);
  g_assert_cmpuint (kiku_list_get_length (pages), >=, 2);

  for (guint p = 0; p < kiku_list_get_length (pages); p++)
    {
      KikuPage *page = kiku_list_get (pages, p);
      KikuList *sections = kiku_page_get_sections (page);

      teasers += kiku_page_get_teaser (page) != NULL;

      for (guint s = 0; s < kiku_list_get_length (sections); s++)
        {
          KikuSection *section = kiku_list_get (sections, s);
          KikuList *blocks = kiku_section_get_blocks (section);

          if (kiku_section_get_question (section) && kiku_section_get_answer (section))
            sections_with_qa++;

          for (guint b = 0; b < kiku_list_get_length (blocks); b++)
            {
              KikuBlock *block = kiku_list_get (blocks, b);

              if (KIKU_IS_SOURCE (block))
                {
                  if (kiku_source_get_published (KIKU_SOURCE (block)))
                    dated++;
                  else
                    undated++;
                  if (kiku_source_get_publisher (KIKU_SOURCE (block)))
                    labelled++;
                  else
                    unlabelled++;
                }
              comments += KIKU_IS_COMMENT (block);
              images += KIKU_IS_IMAGE (block);
            }
        }
    }

  g_assert_cmpuint (sections_with_qa, >=, 2);
  g_assert_cmpuint (dated, >=, 1);
  g_assert_cmpuint (undated, >=, 1);
  g_assert_cmpuint (labelled, >=, 1);
  g_assert_cmpuint (unlabelled, >=, 1);
  g_assert_cmpuint (comments, >=, 2);
  g_assert_cmpuint (images, >=, 1);
  g_assert_cmpuint (teasers, >=, 1);
}

/* An article may name as images only image files, inside its own folder
 * or chosen by its user: anything else is a problem, never read.
 */
static void
test_image_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-validate-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "article", NULL);
  g_autofree char *path = g_build_filename (folder, "a.kiku", NULL);
  g_autofree char *outside_png = g_build_filename (dir, "outside.png", NULL);
  g_autofree char *outside_text = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *link = g_build_filename (folder, "link.png", NULL);
  g_autofree char *fifo = g_build_filename (folder, "fifo.png", NULL);
  g_autofree char *checksum = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuArticle) reloaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) forged = NULL;
  static const struct {
    const char *name;
    const char *content;
    gssize      length;
    gboolean    good;
  } files[] = {
    { "photo.png", tiny_png, sizeof tiny_png - 1, TRUE },
    { "photo.jpg", "\xff\xd8\xff\xe0", 4, TRUE },
    { "photo.gif", "GIF89a\x01\x00\x01\x00", 10, TRUE },
    { "photo.webp", "RIFF\x10\x00\x00\x00WEBPVP8 ", 16, TRUE },
    { "photo.avif", "\x00\x00\x00\x1c" "ftypmif1\x00\x00\x00\x00mif1avifmiaf", 28, TRUE },
    { "drawing.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>", -1, TRUE },
    { "notes.png", "not an image at all", -1, FALSE },
    { "script.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", -1, FALSE },
    { "onload.svg", "<svg onload=\"alert(1)\"/>", -1, FALSE },
    { "hidden.svg", "<svg><a href=\"&#106;avascript:alert(1)\"/></svg>", -1, FALSE },
    { "page.svg", "<html><body>not svg</body></html>", -1, FALSE },
  };
  static const char *refused[] = {
    "/etc/passwd",
    "../../../../../../../../etc/passwd",
    "../secret.txt",
    "../outside.png",            /* an image, but outside and not chosen */
    "link.png",                  /* inside, but a link to outside */
    "fifo.png",                  /* not a file: must not block */
    "sub",                       /* a folder */
  };
  static const int refused_codes[] = {
    KIKU_IMAGE_ERROR_NOT_AN_IMAGE,
    KIKU_IMAGE_ERROR_NOT_AN_IMAGE,
    KIKU_IMAGE_ERROR_NOT_AN_IMAGE,
    KIKU_IMAGE_ERROR_OUTSIDE,
    KIKU_IMAGE_ERROR_OUTSIDE,
    KIKU_IMAGE_ERROR_NOT_A_FILE,
    KIKU_IMAGE_ERROR_NOT_A_FILE,
  };
  KikuList *blocks = kiku_section_get_blocks (first_section (article));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  {
    g_autofree char *sub = g_build_filename (folder, "sub", NULL);
    g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  }
  file = g_file_new_for_path (path);
  kiku_article_set_file (article, file);
  kiku_article_set_title (article, "images");
  write_file (outside_png, tiny_png, sizeof tiny_png - 1);
  write_file (outside_text, "password", -1);
  g_assert_cmpint (symlink (outside_png, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file_path = g_build_filename (folder, files[i].name, NULL);
      g_autoptr(KikuImage) image = kiku_image_new ();

      write_file (file_path, files[i].content, files[i].length);
      kiku_image_set_src (image, files[i].name);
      kiku_list_append (blocks, image);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(KikuImage) image = kiku_image_new ();

      kiku_image_set_src (image, refused[i]);
      kiku_list_append (blocks, image);
    }

  problems = kiku_article_validate (article);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *key = g_strdup_printf ("pages[0].sections[0].blocks[%u].src", i);

      if (files[i].good)
        g_assert_null (find_problem (problems, key));
      else if (g_str_has_suffix (files[i].name, ".svg") && !g_str_equal (files[i].name, "page.svg"))
        assert_problem (problems, key, KIKU_PROBLEM_BAD_IMAGE, "script");
      else
        assert_problem (problems, key, KIKU_PROBLEM_BAD_IMAGE, "not an image");
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *key = g_strdup_printf ("pages[0].sections[0].blocks[%u].src",
                                              (guint)G_N_ELEMENTS (files) + i);

      assert_problem (problems, key, KIKU_PROBLEM_BAD_IMAGE, refused[i]);
    }
  /* And the headline and the section's heading, still empty. */
  g_assert_cmpuint (problems->len, ==, 6 + G_N_ELEMENTS (refused));

  /* Nothing refused is read, so none of it can be published or shown. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_clear_error (&error);
      g_assert_false (kiku_article_check_image (article, refused[i], NULL, &error));
      g_assert_error (error, KIKU_IMAGE_ERROR, refused_codes[i]);
    }

  /* Chosen with the file chooser, an image outside the folder may be used,
   * and stays chosen in the saved article...
   */
  g_clear_error (&error);
  chosen = g_file_new_for_path (outside_png);
  g_assert_true (kiku_article_choose_image (article, chosen, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kiku_article_check_image (article, "../outside.png", NULL, NULL));
  g_assert_true (kiku_article_check_image (article, outside_png, NULL, NULL));
  g_assert_true (kiku_article_check_image (article, "link.png", NULL, NULL));
  g_assert_true (kiku_article_save (article, file, NULL, &error));
  reloaded = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kiku_article_check_image (reloaded, "../outside.png", NULL, NULL));

  /* ...but only an image can be chosen. */
  g_clear_object (&chosen);
  chosen = g_file_new_for_path (outside_text);
  g_assert_false (kiku_article_choose_image (article, chosen, NULL, &error));
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NOT_AN_IMAGE);
  g_clear_error (&error);

  /* A choice cannot be forged: it is the checksum of the content, which
   * the sender of an article does not know.
   */
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "something else", -1);
  forged = g_string_new ("{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"pages\": [], ");
  g_string_append_printf (forged, "\"chosen_images\": [\"%s\"]}", checksum);
  g_clear_object (&reloaded);
  reloaded = kiku_article_new_from_data (forged->str, forged->len, file, &error);
  g_assert_no_error (error);
  g_assert_false (kiku_article_check_image (reloaded, "../outside.png", NULL, &error));
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_OUTSIDE);

  kiku_test_remove_tree (dir);
}

/* One rule for slugs, shared by the validator and every publisher. */
static void
test_slugs (void)
{
  static const char *good[] = { "riverside-walk", "2025-04-01", "川沿いの遊歩道", "a.b", "a~b", "a b", "x" };
  static const char *bad[] = {
    ".", "..", "...", "a/b", "a\\b", "a:b", "a?b", "a#b", "a%2e", "line\nbreak", "tab\t",
    " ", " lead", "trail ", "\xe3\x80\x80wide", "~user", ".hidden", "", "bad\xff",
  };
  g_autofree char *long_slug = g_strnfill (KIKU_SLUG_MAX_LENGTH + 1, 'a');
  g_autofree char *longest = g_strnfill (KIKU_SLUG_MAX_LENGTH, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (kiku_slug_check (good[i], NULL));
  g_assert_true (kiku_slug_check (longest, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KikuArticle) article = kiku_article_new_draft ();
      g_autoptr(GPtrArray) problems = NULL;

      if (kiku_slug_check (bad[i], &error))
        g_error ("the slug “%s” passed", bad[i]);
      g_assert_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));

      if (bad[i][0] == '\0')
        continue;
      kiku_article_set_title (article, "t");
      kiku_article_set_slug (article, bad[i]);
      problems = kiku_article_validate (article);
      assert_problem (problems, "slug", KIKU_PROBLEM_BAD_SLUG, "slug");
    }
  g_assert_false (kiku_slug_check (long_slug, NULL));
}

/* A problem says where it is as the writer counts: the third source box of
 * its section, not the ninth block.
 */
static void
test_location (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) first = kiku_section_new ();
  g_autoptr(KikuSection) second = kiku_section_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *location = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *point = NULL;
  KikuSource *third = NULL;

  kiku_list_append (kiku_article_get_pages (article), page);
  kiku_list_append (kiku_page_get_sections (page), first);
  kiku_list_append (kiku_page_get_sections (page), second);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(KikuBlock) paragraph = kiku_block_new_for_kind ("paragraph");
      g_autoptr(KikuBlock) source = kiku_block_new_for_kind ("source");

      kiku_list_append (kiku_section_get_blocks (second), paragraph);
      if (i < 3)
        {
          kiku_source_set_url (KIKU_SOURCE (source), i == 2 ? "ftp://example.com" : "https://example.com/");
          kiku_list_append (kiku_section_get_blocks (second), source);
          if (i == 2)
            third = KIKU_SOURCE (source);
        }
    }

  problems = kiku_article_validate (article);
  assert_problem (problems, "pages[0].sections[1].blocks[5].url", KIKU_PROBLEM_BAD_URL, "ftp://");
  location = kiku_problem_dup_location (find_problem (problems, "pages[0].sections[1].blocks[5].url"));
  g_assert_cmpstr (location, ==, "Page 1 › Section 2 › Source box 3 › URL");
  headline = kiku_problem_dup_location (find_problem (problems, "title"));
  g_assert_cmpstr (headline, ==, "Headline");

  {
    g_autoptr(KikuPoint) first_point = kiku_point_new ();
    g_autoptr(KikuPoint) second_point = kiku_point_new ();

    kiku_list_append (kiku_source_get_points (third), first_point);
    kiku_list_append (kiku_source_get_points (third), second_point);
    point = kiku_node_dup_location (KIKU_NODE (second_point), "text");
    g_assert_cmpstr (point, ==, "Page 1 › Section 2 › Source box 3 › Point 2 › Text");
  }
}

/* An empty section, a comment that says nothing and a section without a
 * heading are listed where the writer finds them.
 */
static void
test_empty_parts (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuPage *page = kiku_list_get (kiku_article_get_pages (article), 0);
  KikuSection *first = first_section (article);
  g_autoptr(KikuSection) second = kiku_section_new ();
  g_autoptr(KikuComment) said = kiku_comment_new ();
  g_autoptr(KikuComment) silent = kiku_comment_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *empty_location = NULL;
  g_autofree char *comment_location = NULL;
  g_autofree char *heading_location = NULL;

  kiku_article_set_title (article, "見出し");
  kiku_section_set_heading (first, "はじめに");
  kiku_list_append (kiku_page_get_sections (page), second);
  kiku_section_set_heading (second, "   ");
  kiku_comment_set_text (said, "なるほど");
  kiku_list_append (kiku_section_get_blocks (second), said);
  kiku_list_append (kiku_section_get_blocks (second), silent);

  problems = kiku_article_validate (article);

  assert_problem (problems, "pages[0].sections[0].blocks", KIKU_PROBLEM_EMPTY_FIELD, "section is empty");
  assert_problem (problems, "pages[0].sections[1].blocks[1].text", KIKU_PROBLEM_EMPTY_FIELD, "says nothing");
  assert_problem (problems, "pages[0].sections[1].heading", KIKU_PROBLEM_EMPTY_FIELD, "no heading");
  g_assert_null (find_problem (problems, "pages[0].sections[0].heading"));
  g_assert_null (find_problem (problems, "pages[0].sections[1].blocks[0].text"));
  g_assert_null (find_problem (problems, "pages[0].sections[1].blocks"));
  g_assert_cmpuint (problems->len, ==, 3);

  empty_location = kiku_problem_dup_location (find_problem (problems, "pages[0].sections[0].blocks"));
  g_assert_cmpstr (empty_location, ==, "Page 1 › Section 1");
  comment_location = kiku_problem_dup_location (find_problem (problems, "pages[0].sections[1].blocks[1].text"));
  g_assert_cmpstr (comment_location, ==, "Page 1 › Section 2 › Persona comment 2 › Text");
  heading_location = kiku_problem_dup_location (find_problem (problems, "pages[0].sections[1].heading"));
  g_assert_cmpstr (heading_location, ==, "Page 1 › Section 2 › Heading");

  /* Writing in them clears the problems. */
  kiku_comment_set_text (silent, "そうですね");
  kiku_section_set_heading (second, "次に");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = kiku_article_validate (article);
  g_assert_cmpuint (problems->len, ==, 1);
}

/* A slug is needed where the page's address is made from it (every kind of
 * site), an author where the pages print it (a folder or WebDAV site; on
 * WordPress the post's author is the account that publishes).
 */
static void
test_for_site (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuSection *section = first_section (article);
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  g_autoptr(KikuSite) folder = kiku_site_new ("Notebook", KIKU_SITE_FOLDER, "/tmp/site");
  g_autoptr(KikuSite) webdav = kiku_site_new ("Server", KIKU_SITE_WEBDAV, "https://example.com/dav/");
  g_autoptr(KikuSite) wordpress = kiku_site_new ("Blog", KIKU_SITE_WORDPRESS, "https://example.com/");
  g_autoptr(GPtrArray) anywhere = NULL;
  g_autoptr(GPtrArray) on_folder = NULL;
  g_autoptr(GPtrArray) on_webdav = NULL;
  g_autoptr(GPtrArray) on_wordpress = NULL;
  g_autoptr(GPtrArray) fixed = NULL;
  g_autofree char *author_location = NULL;

  kiku_article_set_title (article, "見出し");
  kiku_section_set_heading (section, "はじめに");
  kiku_paragraph_set_text (paragraph, "本文");
  kiku_list_append (kiku_section_get_blocks (section), paragraph);

  anywhere = kiku_article_validate (article);
  g_assert_cmpuint (anywhere->len, ==, 0);

  on_folder = kiku_article_validate_for_site (article, folder, NULL, NULL);
  assert_problem (on_folder, "slug", KIKU_PROBLEM_EMPTY_FIELD, "address on Notebook");
  assert_problem (on_folder, "author", KIKU_PROBLEM_EMPTY_FIELD, "Notebook prints the author");
  g_assert_cmpuint (on_folder->len, ==, 2);
  author_location = kiku_problem_dup_location (find_problem (on_folder, "author"));
  g_assert_cmpstr (author_location, ==, "Author");

  on_webdav = kiku_article_validate_for_site (article, webdav, NULL, NULL);
  assert_problem (on_webdav, "slug", KIKU_PROBLEM_EMPTY_FIELD, "Server");
  assert_problem (on_webdav, "author", KIKU_PROBLEM_EMPTY_FIELD, "Server");

  on_wordpress = kiku_article_validate_for_site (article, wordpress, NULL, NULL);
  assert_problem (on_wordpress, "slug", KIKU_PROBLEM_EMPTY_FIELD, "Blog");
  g_assert_null (find_problem (on_wordpress, "author"));
  g_assert_cmpuint (on_wordpress->len, ==, 1);

  /* And the sites say what they offer. */
  g_assert_cmpint (kiku_site_get_features (folder) & (KIKU_PUBLISHER_DRAFTS | KIKU_PUBLISHER_SCHEDULE), ==, 0);
  g_assert_cmpint (kiku_site_get_features (webdav) & (KIKU_PUBLISHER_DRAFTS | KIKU_PUBLISHER_SCHEDULE), ==, 0);
  g_assert_cmpint (kiku_site_get_features (wordpress) & (KIKU_PUBLISHER_DRAFTS | KIKU_PUBLISHER_SCHEDULE),
                   ==, KIKU_PUBLISHER_DRAFTS | KIKU_PUBLISHER_SCHEDULE);

  kiku_article_set_slug (article, "first-post");
  kiku_article_set_author (article, "山田花子");
  fixed = kiku_article_validate_for_site (article, folder, NULL, NULL);
  g_assert_cmpuint (fixed->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/validate/problems", test_problems);
  g_test_add_func ("/kiku/validate/location", test_location);
  g_test_add_func ("/kiku/validate/draft-with-problems-saves", test_draft_with_problems_saves);
  g_test_add_func ("/kiku/validate/sample-is-clean", test_sample_is_clean);
  g_test_add_func ("/kiku/validate/sample-structure", test_sample_structure);
  g_test_add_func ("/kiku/validate/image-files", test_image_files);
  g_test_add_func ("/kiku/validate/slugs", test_slugs);
  g_test_add_func ("/kiku/validate/empty-parts", test_empty_parts);
  g_test_add_func ("/kiku/validate/for-site", test_for_site);

  return g_test_run ();
}
