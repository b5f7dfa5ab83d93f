/* test-save.c: what saving leaves on the disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <utime.h>

#include "kiku.h"
#include "kiku-file-util.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/kiku/save/own-folders", test_own_folders);

  g_test_add_func ("/kiku/save/stale-temporaries-removed", test_stale_temporaries_removed);

  return g_test_run ();
}
