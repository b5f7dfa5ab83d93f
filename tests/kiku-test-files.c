/* kiku-test-files.c: folders the tests make and remove, and what they lack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiku-test-files.h"

/* Removes a folder the test made, and all in it. */
void
kiku_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            kiku_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

/* A test needs something this machine lacks: tidy in a Flatpak SDK, say,
 * or a server only build-aux/dev starts. Elsewhere that skips the test;
 * build-aux/dev sets KIKU_TEST_STRICT, and there it is a failure, so its
 * runs never pass by skipping.
 */
void
kiku_test_lacking (const char *what)
{
  g_autofree char *why = g_strdup_printf ("no %s here: build-aux/dev test provides it", what);

  if (g_getenv ("KIKU_TEST_STRICT") != NULL)
    g_error ("%s (KIKU_TEST_STRICT is set)", why);

  g_test_skip (why);
}
