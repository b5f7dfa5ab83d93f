/* kiku-file-util.c: atomic writes, relative paths and Kiku's own folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-file-util"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiku-core-private.h"

static gboolean
set_save_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: "Could not save “notes.kiku”: No space left on device" */
               _("Could not save “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }

      data += n;
      length -= n;
    }

  return TRUE;
}

/* What a save that was killed between making its temporary file and the
 * rename left beside the file: ".NAME.XXXXXX", not touched for a minute
 * (so that no save running right now in another process loses its file).
 */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat info;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;

      path = g_build_filename (dir, name, NULL);
      if (lstat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_uid == geteuid () &&
          now - info.st_mtime > 60)
        g_unlink (path);
    }
}

/**
 * kiku_write_file_atomic:
 *
 * Writes a sibling temporary file, flushes it to the disk, then renames it
 * over @file: a reader, or a crash, sees either all of the old file or all
 * of the new one. The file keeps its permissions; a symbolic link stays a
 * link and its target is replaced.
 *
 * Returns: whether @file now holds @data
 */
gboolean
kiku_write_file_atomic (GFile         *file,
                        const char    *data,
                        gsize          length,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return kiku_write_file_atomic_with_mode (file, data, length, 07777, cancellable, error);
}

/**
 * kiku_write_file_atomic_with_mode:
 * @max_mode: the most permission the file may have, such as 0644
 *
 * Like kiku_write_file_atomic(), but the file never gets a permission
 * outside @max_mode, whatever it had before or the umask allows: for copies
 * put on a site, which must not become executable or writable by others.
 */
gboolean
kiku_write_file_atomic_with_mode (GFile         *file,
                                  const char    *data,
                                  gsize          length,
                                  guint          max_mode,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *real = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat old;
  gboolean had_old;
  int fd;
  int dir_fd;

  g_assert (G_IS_FILE (file));

  if (!(path = g_file_get_path (file)))
    return g_file_replace_contents (file, data, length, NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, cancellable, error);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  real = realpath (path, NULL);
  if (real == NULL)
    real = g_strdup (path);

  had_old = stat (real, &old) == 0;
  if (had_old && !S_ISREG (old.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not save “%s”: it is not a regular file"), display);
      return FALSE;
    }

  dir = g_path_get_dirname (real);
  base = g_path_get_basename (real);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  /* The mode given here passes through the umask, as for any new file. */
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_save_error (error, errno, path);

  if (had_old)
    {
      if (fchmod (fd, old.st_mode & 07777 & max_mode) != 0 ||
          ((old.st_uid != geteuid () || old.st_gid != getegid ()) &&
           fchown (fd, old.st_uid, old.st_gid) != 0))
        {
          /* Another owner we cannot take over: keep at least the mode. */
          (void)fchmod (fd, old.st_mode & 0777 & max_mode);
        }
    }
  else
    {
      struct stat created;

      /* What the umask left of 0666, and not more than asked. */
      if (fstat (fd, &created) == 0 && (created.st_mode & 07777 & ~max_mode) != 0)
        (void)fchmod (fd, created.st_mode & 07777 & max_mode);
    }

  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp);
      return set_save_error (error, saved_errno, path);
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_save_error (error, saved_errno, path);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, real) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_save_error (error, saved_errno, path);
    }

  /* Make the rename itself survive a power cut. */
  if ((dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      (void)fsync (dir_fd);
      close (dir_fd);
    }

  remove_stale_temporaries (dir, base);

  return TRUE;
}

/**
 * kiku_relative_path:
 * @from_dir: an absolute path of a folder
 * @target: an absolute path
 *
 * Returns: (transfer full): the path that leads from @from_dir to @target,
 *   with ".." where it must climb
 */
char *
kiku_relative_path (const char *from_dir,
                     const char *target)
{
  g_autofree char *from_canon = g_canonicalize_filename (from_dir, "/");
  g_autofree char *target_canon = g_canonicalize_filename (target, "/");
  g_auto(GStrv) from_parts = g_strsplit (from_canon, "/", -1);
  g_auto(GStrv) target_parts = g_strsplit (target_canon, "/", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint common = 0;

  g_assert (g_path_is_absolute (from_dir));
  g_assert (g_path_is_absolute (target));

  while (from_parts[common] && target_parts[common] &&
         g_str_equal (from_parts[common], target_parts[common]))
    common++;

  for (guint i = common; from_parts[i]; i++)
    if (from_parts[i][0] != '\0')
      g_ptr_array_add (parts, "..");

  for (guint i = common; target_parts[i]; i++)
    g_ptr_array_add (parts, target_parts[i]);

  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("/", (char **)parts->pdata);
}

/**
 * kiku_get_config_dir:
 *
 * Returns: Kiku's folder in the user's config folder, which holds
 *   sites.json; it may not exist yet
 */
const char *
kiku_get_config_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, g_build_filename (g_get_user_config_dir (), "kiku", NULL));

  return dir;
}

/**
 * kiku_get_drafts_dir:
 *
 * Returns: the folder of autosaved drafts, in the user's data folder; it
 *   may not exist yet
 */
const char *
kiku_get_drafts_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, g_build_filename (g_get_user_data_dir (), "kiku", "drafts", NULL));

  return dir;
}
