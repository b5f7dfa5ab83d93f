/* test-save.c: what saving leaves on the disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <utime.h>

#include "kiku.h"
#include "kiku-file-util.h"
#include "kiku-test-files.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kiku-test-save-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
touch (const char *path,
       gint64      age_seconds)
{
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "half a save", -1, NULL));
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_seconds);
  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* A save killed before its rename leaves its temporary file; the next save
 * of the same file clears it, once it is clearly nobody's save in progress.
 */
static void
test_stale_temporaries_removed (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a.kiku", NULL);
  g_autofree char *stale = g_build_filename (dir, ".a.kiku.Ab12Cd", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".a.kiku.Zz98Yx", NULL);
  g_autofree char *other = g_build_filename (dir, ".b.kiku.Ab12Cd", NULL);
  g_autofree char *unlike = g_build_filename (dir, ".a.kiku.notes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  touch (stale, 3600);
  touch (fresh, 0);
  touch (other, 3600);
  touch (unlike, 3600);

  g_assert_true (kiku_write_file_atomic (file, "{}\n", 3, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{}\n");
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* Perhaps another process's save, still running. */
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  /* Another file's, and a name no save makes. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unlike, G_FILE_TEST_EXISTS));

  g_unlink (fresh);
  g_unlink (other);
  g_unlink (unlike);
  g_unlink (path);
  g_rmdir (dir);
}

/* The sites the user adds are kept in Kiku's folder of the user's config
 * folder, the drafts in its data folder, and the app and the tool find
 * them there.
 */
static void
test_own_folders (void)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "kiku", NULL);
  g_autofree char *drafts = g_build_filename (g_get_user_data_dir (), "kiku", "drafts", NULL);
  g_autofree char *sites_json = g_build_filename (config, "sites.json", NULL);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (kiku_get_config_dir (), ==, config);
  g_assert_cmpstr (kiku_get_drafts_dir (), ==, drafts);
  /* Asked twice, the same folder. */
  g_assert_true (kiku_get_config_dir () == kiku_get_config_dir ());

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites_json,
                                      "{\"sites\": [{\"name\": \"Beside\", \"kind\": \"folder\", "
                                      "\"location\": \"/nowhere\"}]}", -1, NULL));
  sites = kiku_sites_load (kiku_get_config_dir (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (kiku_sites_find (sites, "Beside"));

  g_unlink (sites_json);
}

static KikuImage *
add_image (KikuArticle *article,
           const char  *src)
{
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  g_autoptr(KikuImage) image = kiku_image_new ();

  kiku_image_set_src (image, src);
  kiku_list_append (kiku_section_get_blocks (section), image);

  return image;
}

static char *
contents_of (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return contents;
}

static void
on_document_saved (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  kiku_document_save_finish (KIKU_DOCUMENT (object), result, error);
  g_main_context_wakeup (NULL);
}

/* Save As into another folder brings the images inside the article's folder
 * along, under the same paths; images elsewhere keep pointing where they are.
 */
static void
test_save_as_brings_images (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *work = g_build_filename (dir, "work", NULL);
  g_autofree char *photo = g_build_filename (work, "images", "photo.png", NULL);
  g_autofree char *logo = g_build_filename (dir, "shared", "logo.png", NULL);
  g_autofree char *first_path = g_build_filename (work, "a.kiku", NULL);
  g_autofree char *second_path = g_build_filename (dir, "new", "deeper", "b.kiku", NULL);
  g_autofree char *copied = g_build_filename (dir, "new", "deeper", "images", "photo.png", NULL);
  g_autofree char *third_path = g_build_filename (dir, "third", "c.kiku", NULL);
  g_autofree char *clash = g_build_filename (dir, "third", "images", "photo.png", NULL);
  g_autofree char *images_dir = g_path_get_dirname (photo);
  g_autofree char *shared_dir = g_path_get_dirname (logo);
  g_autofree char *clash_dir = g_path_get_dirname (clash);
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GFile) third = g_file_new_for_path (third_path);
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *kept = NULL;
  KikuImage *inside, *outside;

  g_assert_cmpint (g_mkdir_with_parents (images_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (shared_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (photo, "the photo", -1, NULL));
  g_assert_true (g_file_set_contents (logo, "the logo", -1, NULL));

  inside = add_image (article, "images/photo.png");
  outside = add_image (article, "../shared/logo.png");
  g_assert_true (kiku_article_save (article, first, NULL, &error));
  g_assert_no_error (error);

  /* Save As the way the window does it: through the document, in a thread. */
  document = kiku_document_new (article, kiku_get_drafts_dir ());
  kiku_document_save_async (document, second, NULL, on_document_saved, &error);
  while (g_file_equal (kiku_article_get_file (article), first) && error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);

  copy = contents_of (copied);
  g_assert_cmpstr (copy, ==, "the photo");
  text = contents_of (second_path);
  g_assert_nonnull (strstr (text, "\"src\" : \"images/photo.png\""));
  g_assert_nonnull (strstr (text, "\"src\" : \"../../shared/logo.png\""));
  g_assert_null (strstr (text, "../work/"));
  g_assert_cmpstr (kiku_image_get_src (inside), ==, "images/photo.png");
  g_assert_cmpstr (kiku_image_get_src (outside), ==, "../../shared/logo.png");
  /* The original stays where it was. */
  g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));

  /* Saving into a folder that already has the same image is fine ... */
  g_assert_true (kiku_article_save (article, first, NULL, &error));
  g_assert_no_error (error);

  /* ... but another image by that name is never overwritten. */
  g_assert_cmpint (g_mkdir_with_parents (clash_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (clash, "someone else's photo", -1, NULL));
  g_assert_false (kiku_article_save (article, third, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "images/photo.png"));
  kept = contents_of (clash);
  g_assert_cmpstr (kept, ==, "someone else's photo");
  g_assert_false (g_file_test (third_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_equal (kiku_article_get_file (article), first));

  kiku_document_discard_draft (document);
  kiku_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/kiku/save/own-folders", test_own_folders);

  g_test_add_func ("/kiku/save/stale-temporaries-removed", test_stale_temporaries_removed);
  g_test_add_func ("/kiku/save/save-as-brings-images", test_save_as_brings_images);

  return g_test_run ();
}
