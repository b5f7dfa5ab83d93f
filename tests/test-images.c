/* test-images.c: images pasted or dropped into an article are copied beside
 * it, named by their content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kiku.h"
#include "kiku-file-util.h"
#include "kiku-image-file.h"
#include "kiku-test-files.h"

typedef struct
{
  char        *dir;       /* the article's folder */
  char        *outside;   /* where dropped files come from */
  KikuArticle *article;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kiku-test-images-XXXXXX", NULL);
  fixture->outside = g_dir_make_tmp ("kiku-test-dropped-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  g_assert_nonnull (fixture->outside);

  path = g_build_filename (fixture->dir, "article.kiku", NULL);
  file = g_file_new_for_path (path);
  fixture->article = kiku_article_new ();
  kiku_article_set_file (fixture->article, file);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->article);
  kiku_test_remove_tree (fixture->dir);
  kiku_test_remove_tree (fixture->outside);
  g_free (fixture->dir);
  g_free (fixture->outside);
}

static GBytes *
sample_image (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* A file as a file manager would hand it over, under @name. */
static GFile *
offered (Fixture    *fixture,
         const char *name,
         GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (fixture->outside, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static guint
count_images (Fixture *fixture)
{
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);
  g_autoptr(GDir) dir = g_dir_open (images, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
assert_stored (Fixture    *fixture,
               const char *reference,
               GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (fixture->dir, reference, NULL);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  stored = g_bytes_new_take (contents, length);
  g_assert_true (g_bytes_equal (stored, bytes));

  /* And the article may use it as an image. */
  g_assert_true (kiku_article_check_image (fixture->article, reference, NULL, &error));
  g_assert_no_error (error);
}

static void
test_by_content (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autoptr(GBytes) other = sample_image ("reading-room.png");
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *expected = g_strdup_printf ("images/%.32s.png", checksum);
  g_autoptr(GFile) first = offered (fixture, "photo.png", png);
  g_autoptr(GFile) renamed = offered (fixture, "the same photo.jpg", png);
  g_autoptr(GFile) second = offered (fixture, "photo2.png", other);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  a = kiku_article_import_image (fixture->article, first, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, expected);
  assert_stored (fixture, a, png);

  /* The same bytes under another name, or pasted: the same file, once. */
  b = kiku_article_import_image (fixture->article, renamed, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, expected);
  c = kiku_article_import_image (fixture->article, NULL, png, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c, ==, expected);
  g_assert_cmpuint (count_images (fixture), ==, 1);

  /* Other bytes: another file. */
  d = kiku_article_import_image (fixture->article, second, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d, !=, a);
  assert_stored (fixture, d, other);
  g_assert_cmpuint (count_images (fixture), ==, 2);
}

static void
test_extension (Fixture       *fixture,
                gconstpointer  data)
{
#define CASE(content, extension) { content, sizeof content - 1, extension }
  static const struct { const char *content; gsize length; const char *extension; } cases[] = {
    CASE ("GIF89a\x01\x00\x01\x00\x00\x00\x00;", ".gif"),
    CASE ("\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".jpg"),
    CASE ("RIFF\x10\x00\x00\x00WEBPVP8 ", ".webp"),
    CASE ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>", ".svg"),
  };
#undef CASE

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The name says PNG; the bytes say otherwise, and win. */
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].content, cases[i].length);
      g_autoptr(GFile) file = offered (fixture, "picture.png", bytes);
      g_autoptr(GError) error = NULL;
      g_autofree char *reference = kiku_article_import_image (fixture->article, file, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (reference, "images/"));
      g_assert_true (g_str_has_suffix (reference, cases[i].extension));
      assert_stored (fixture, reference, bytes);
    }
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  static const char text[] = "Notes for the article\n";
  static const char script[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
  g_autoptr(GBytes) text_bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) script_bytes = g_bytes_new_static (script, strlen (script));
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autoptr(GFile) notes = offered (fixture, "notes.png", text_bytes);
  g_autoptr(GFile) drawing = offered (fixture, "drawing.svg", script_bytes);
  g_autoptr(GFile) image = offered (fixture, "image.png", png);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->outside);
  g_autoptr(GFile) missing = g_file_get_child (folder, "gone.png");
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *reference;
  char **references;

  reference = kiku_article_import_image (fixture->article, notes, NULL, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NOT_AN_IMAGE);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_clear_error (&error);

  reference = kiku_article_import_image (fixture->article, NULL, text_bytes, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NOT_AN_IMAGE);
  g_clear_error (&error);

  reference = kiku_article_import_image (fixture->article, drawing, NULL, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_SCRIPT);
  g_clear_error (&error);

  reference = kiku_article_import_image (fixture->article, folder, NULL, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  reference = kiku_article_import_image (fixture->article, missing, NULL, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_MISSING);
  g_clear_error (&error);

  /* An image and a text file dropped together: neither is stored. */
  g_ptr_array_add (files, image);
  g_ptr_array_add (files, notes);
  kiku_article_import_images_async (fixture->article, files, NULL, NULL, on_imported, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  references = kiku_article_import_images_finish (fixture->article, result, &error);
  g_assert_null (references);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NOT_AN_IMAGE);

  g_assert_cmpuint (count_images (fixture), ==, 0);
}

static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autoptr(GBytes) other = sample_image ("reading-room.png");
  g_autoptr(GFile) first = offered (fixture, "a.png", png);
  g_autoptr(GFile) second = offered (fixture, "b.png", other);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) references = NULL;

  g_ptr_array_add (files, first);
  g_ptr_array_add (files, second);
  kiku_article_import_images_async (fixture->article, files, NULL, NULL, on_imported, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  references = kiku_article_import_images_finish (fixture->article, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (references), ==, 2);
  assert_stored (fixture, references[0], png);
  assert_stored (fixture, references[1], other);
}

/* Whatever a dropped file is called, the copy is named by its content and
 * lies in the article's "images" folder.
 */
static void
test_hostile_names (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *const names[] = {
    "..", "..png", "-rf .png", "a\nb.png", "%2e%2e%2fescape.png", "images", ".hidden.svg",
  };
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *reference = NULL;
      g_autofree char *path = NULL;
      g_autofree char *parent = NULL;

      if (g_str_equal (names[i], ".."))
        {
          /* A file whose path is its folder's parent folder's child. */
          g_autofree char *sub = g_build_filename (fixture->outside, "sub", NULL);
          g_autofree char *via = NULL;

          g_mkdir (sub, 0755);
          g_object_unref (offered (fixture, "up.png", png));
          via = g_build_filename (sub, "..", "up.png", NULL);
          file = g_file_new_for_path (via);
        }
      else
        file = offered (fixture, names[i], png);

      reference = kiku_article_import_image (fixture->article, file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_regex_match_simple ("^images/[0-9a-f]{32}\\.png$", reference, 0, 0));
      path = g_build_filename (fixture->dir, reference, NULL);
      parent = g_path_get_dirname (path);
      g_assert_cmpstr (parent, ==, images);
    }

  g_assert_cmpuint (count_images (fixture), ==, 1);
}

/* An "images" that leads out of the article's folder is not written to. */
static void
test_images_link (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autoptr(GDir) dir = NULL;

  g_assert_cmpint (symlink (fixture->outside, images), ==, 0);

  reference = kiku_article_import_image (fixture->article, NULL, png, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_OUTSIDE);

  dir = g_dir_open (fixture->outside, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_unlink (images);
}

/* A link where the copy goes is replaced, not written through. */
static void
test_name_link (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *name = g_strdup_printf ("%.32s.png", checksum);
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);
  g_autofree char *link = g_build_filename (images, name, NULL);
  g_autofree char *target = g_build_filename (fixture->outside, "victim", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *victim = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (target, "keep me", -1, &error);
  g_assert_no_error (error);
  g_mkdir (images, 0755);
  g_assert_cmpint (symlink (target, link), ==, 0);

  reference = kiku_article_import_image (fixture->article, NULL, png, NULL, &error);
  g_assert_no_error (error);
  assert_stored (fixture, reference, png);
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  g_file_get_contents (target, &victim, NULL, &error);
  g_assert_cmpstr (victim, ==, "keep me");
}

/* A folder that takes no new file (the document portal's in the Flatpak,
 * here one that is gone): the copy goes with the drafts, by its path, and
 * the article may use it as a chosen image.
 */
static void
test_folder_unwritable (void)
{
  g_autofree char *data_home = g_dir_make_tmp ("kiku-test-data-XXXXXX", NULL);
  g_autofree char *gone = g_build_filename (data_home, "gone", NULL);
  g_autofree char *path = g_build_filename (gone, "article.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *name = g_strdup_printf ("%.32s.png", checksum);
  g_autofree char *expected = g_build_filename (kiku_get_drafts_dir (), "images", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* The drafts folder follows XDG_DATA_HOME, set in main(). */
  g_assert_true (g_str_has_prefix (kiku_get_drafts_dir (), g_get_user_data_dir ()));
  kiku_article_set_file (article, file);
  g_assert_false (kiku_article_is_image_chosen (article, checksum));

  reference = kiku_article_import_image (article, NULL, png, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reference, ==, expected);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (reference, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  g_assert_true (kiku_article_is_image_chosen (article, checksum));
  g_assert_true (kiku_article_check_image (article, reference, NULL, &error));
  g_assert_no_error (error);
  kiku_test_remove_tree (data_home);
}

static void
test_unsaved (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(GBytes) png = sample_image ("bookmobile.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;

  reference = kiku_article_import_image (article, NULL, png, NULL, &error);
  g_assert_null (reference);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, "Save the article first"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("kiku-test-home-XXXXXX", NULL);
  int status;

  /* The drafts folder, where images go that the article's folder refuses. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kiku/images/import/by-content", test_by_content);
  ADD ("/kiku/images/import/extension", test_extension);
  ADD ("/kiku/images/import/refused", test_refused);
  ADD ("/kiku/images/import/many", test_many);
  ADD ("/kiku/images/import/hostile-names", test_hostile_names);
  ADD ("/kiku/images/import/images-link", test_images_link);
  ADD ("/kiku/images/import/name-link", test_name_link);
  g_test_add_func ("/kiku/images/import/unsaved", test_unsaved);
  g_test_add_func ("/kiku/images/import/folder-unwritable", test_folder_unwritable);

  status = g_test_run ();
  kiku_test_remove_tree (data_home);

  return status;
}
