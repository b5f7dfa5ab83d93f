/* kiku-image-file.c: which local files an article may use as images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-image-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiku-article.h"
#include "kiku-core-private.h"
#include "kiku-file-util.h"
#include "kiku-image-file.h"

/* An article is a file people send each other, and it names its images by
 * path. Publishing and exporting copy those files onto a site, so a crafted
 * article could name ~/.ssh/id_rsa or ../../../etc/shadow. Kiku therefore
 * reads, for an article, only:
 *
 * - image files: their bytes are PNG, JPEG, GIF, WebP, AVIF, or SVG text
 *   without a script;
 * - that lie inside the article's folder once every symbolic link is
 *   followed, or that the user chose with the file chooser. A choice is
 *   remembered in the article as the SHA-256 of the file's content
 *   ("chosen_images"), which a sender cannot forge for a file they have
 *   never seen.
 *
 * Every reader of local images (publishing, export, the preview, kiku-tool)
 * goes through kiku_image_access_read(); the validator reports the same
 * refusals as problems.
 */

#define CHOSEN "chosen_images"

/* Enough to tell the binary formats apart before reading a whole file. */
#define HEAD_SIZE 512

struct _KikuImageAccess
{
  gatomicrefcount  ref_count;
  char            *dir;       /* the article's folder, or NULL */
  char            *real_dir;  /* the same with every link followed */
  GHashTable      *chosen;    /* checksums of the files the user chose */
  gboolean         anywhere;  /* for a file being chosen right now */
};

G_DEFINE_QUARK (kiku-image-error-quark, kiku_image_error)

/* Sniffing ------------------------------------------------------------------- */

static gboolean
has_brand (const guint8 *data,
           gsize         length)
{
  guint32 box;

  if (length < 16 || memcmp (data + 4, "ftyp", 4) != 0)
    return FALSE;

  box = (guint32)data[0] << 24 | (guint32)data[1] << 16 | (guint32)data[2] << 8 | data[3];
  box = MIN (box, length);

  /* The major brand, then the compatible ones after the minor version. */
  if (memcmp (data + 8, "avif", 4) == 0 || memcmp (data + 8, "avis", 4) == 0)
    return TRUE;
  for (gsize at = 16; at + 4 <= box; at += 4)
    if (memcmp (data + at, "avif", 4) == 0 || memcmp (data + at, "avis", 4) == 0)
      return TRUE;

  return FALSE;
}

static const char *
sniff_binary (const guint8 *data,
              gsize         length)
{
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (has_brand (data, length))
    return "image/avif";

  return NULL;
}

/* Could this be the start of an SVG file: text opening with a tag? */
static gboolean
may_be_svg (const guint8 *data,
            gsize         length)
{
  gsize at = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    at = 3;
  while (at < length && g_ascii_isspace (data[at]))
    at++;

  return at < length && data[at] == '<';
}

static gboolean
has_event_attribute (const char *lower)
{
  for (const char *p = strstr (lower, "on"); p != NULL; p = strstr (p + 1, "on"))
    {
      const char *q = p + 2;

      if (p == lower || !(g_ascii_isspace (p[-1]) || p[-1] == '"' || p[-1] == '\'' || p[-1] == '/'))
        continue;
      if (!g_ascii_isalpha (*q))
        continue;
      while (g_ascii_isalpha (*q))
        q++;
      while (g_ascii_isspace (*q))
        q++;
      if (*q == '=')
        return TRUE;
    }

  return FALSE;
}

/* SVG is markup: it is an image only as a drawing with nothing that runs,
 * or that could hide something that runs, in it.
 */
static int
check_svg (const guint8 *data,
           gsize         length)
{
  static const char *const refused[] = {
    "script",          /* <script>, javascript:, vbscript: */
    "&#",              /* a character reference can spell "javascript:" */
    "<!entity",
    "<foreignobject",
    "<iframe",
    "<embed",
    "<object",
    "<handler",
    "<listener",
  };
  g_autofree char *lower = NULL;
  const char *svg;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len ((const char *)data, length, NULL))
    return KIKU_IMAGE_ERROR_NOT_AN_IMAGE;

  lower = g_ascii_strdown ((const char *)data, length);
  if (!(svg = strstr (lower, "<svg")) || !(g_ascii_isspace (svg[4]) || svg[4] == '>' || svg[4] == '/'))
    return KIKU_IMAGE_ERROR_NOT_AN_IMAGE;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (strstr (lower, refused[i]) != NULL)
      return KIKU_IMAGE_ERROR_SCRIPT;

  if (has_event_attribute (lower))
    return KIKU_IMAGE_ERROR_SCRIPT;

  return -1;
}

static const char *
sniff (const guint8   *data,
       gsize           length,
       KikuImageError *code)
{
  const char *type = sniff_binary (data, length);
  int svg;

  if (type != NULL)
    return type;

  if (!may_be_svg (data, length))
    {
      *code = KIKU_IMAGE_ERROR_NOT_AN_IMAGE;
      return NULL;
    }

  if ((svg = check_svg (data, length)) >= 0)
    {
      *code = svg;
      return NULL;
    }

  return "image/svg+xml";
}

/**
 * kiku_image_sniff:
 * @data: the whole content of a file
 *
 * Says whether @data is an image Kiku uses: PNG, JPEG, GIF, WebP, AVIF, or
 * SVG text with no script in it.
 *
 * Returns: the MIME type, or %NULL with @error set in %KIKU_IMAGE_ERROR
 */
const char *
kiku_image_sniff (const guint8  *data,
                  gsize          length,
                  GError       **error)
{
  KikuImageError code = KIKU_IMAGE_ERROR_NOT_AN_IMAGE;
  const char *type;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if ((type = sniff (data, length, &code)))
    return type;

  if (code == KIKU_IMAGE_ERROR_SCRIPT)
    g_set_error (error, KIKU_IMAGE_ERROR, code,
                 _("This SVG image holds a script, or markup that can hide one; "
                   "only plain drawings can be used"));
  else
    g_set_error (error, KIKU_IMAGE_ERROR, code,
                 _("This is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files can be used"));

  return NULL;
}

/* Access ------------------------------------------------------------------------ */

static void
add_chosen (GHashTable  *chosen,
            KikuArticle *article)
{
  JsonObject *extra = _kiku_node_get_extra (KIKU_NODE (article));
  JsonNode *member;
  JsonArray *array;

  if (extra == NULL || !(member = json_object_get_member (extra, CHOSEN)) || !JSON_NODE_HOLDS_ARRAY (member))
    return;

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_hash_table_add (chosen, g_ascii_strdown (json_node_get_string (element), -1));
    }
}

/**
 * kiku_image_access_new:
 *
 * Takes what deciding about @article's images needs (its folder, the
 * images its user chose) so that a worker thread can read them while the
 * article is edited.
 *
 * Returns: (transfer full): the access
 */
KikuImageAccess *
kiku_image_access_new (KikuArticle *article)
{
  KikuImageAccess *self;
  GFile *file;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);

  self = g_new0 (KikuImageAccess, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_chosen (self->chosen, article);

  if ((file = kiku_article_get_file (article)) != NULL)
    {
      g_autoptr(GFile) dir = g_file_get_parent (file);

      if (dir != NULL && (self->dir = g_file_get_path (dir)))
        self->real_dir = realpath (self->dir, NULL);
    }

  return self;
}

KikuImageAccess *
kiku_image_access_ref (KikuImageAccess *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kiku_image_access_unref (KikuImageAccess *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->dir);
  free (self->real_dir);
  g_hash_table_unref (self->chosen);
  g_free (self);
}

/**
 * kiku_image_access_resolve:
 *
 * Finds the file a local image reference names, without looking at the
 * disk: whether it may be read is for kiku_image_access_read() to say.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL for a URL or a
 *   relative path of an article that has no file yet
 */
GFile *
kiku_image_access_resolve (KikuImageAccess *self,
                           const char      *reference)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (reference == NULL || reference[0] == '\0')
    return NULL;
  if (g_path_is_absolute (reference))
    return g_file_new_for_path (reference);
  if (g_uri_peek_scheme (reference) != NULL || self->dir == NULL)
    return NULL;

  return g_file_new_build_filename (self->dir, reference, NULL);
}

static gboolean
is_inside (const char *real,
           const char *real_dir)
{
  gsize length;

  if (real_dir == NULL)
    return FALSE;
  if (g_str_equal (real_dir, "/"))
    return TRUE;

  length = strlen (real_dir);

  return strncmp (real, real_dir, length) == 0 && real[length] == '/';
}

static gpointer
fail (GError         **error,
      KikuImageError   code,
      const char      *reference,
      const char      *detail)
{
  g_autofree char *shown = g_utf8_make_valid (reference, -1);

  switch (code)
    {
    case KIKU_IMAGE_ERROR_NO_FOLDER:
      g_set_error (error, KIKU_IMAGE_ERROR, code,
                   _("The image “%s” is named by its place beside the article, "
                     "which has no folder until it is saved"), shown);
      break;
    case KIKU_IMAGE_ERROR_MISSING:
      g_set_error (error, KIKU_IMAGE_ERROR, code, _("The image file “%s” does not exist"), shown);
      break;
    case KIKU_IMAGE_ERROR_NOT_A_FILE:
      if (detail != NULL)
        g_set_error (error, KIKU_IMAGE_ERROR, code,
                     _("The image file “%s” cannot be read: %s"), shown, detail);
      else
        g_set_error (error, KIKU_IMAGE_ERROR, code, _("“%s” is not a file"), shown);
      break;
    case KIKU_IMAGE_ERROR_TOO_LARGE:
      {
        g_autofree char *limit = g_format_size (KIKU_IMAGE_MAX_SIZE);
        g_set_error (error, KIKU_IMAGE_ERROR, code,
                     _("The image file “%s” is larger than %s, the most an image may be"),
                     shown, limit);
      }
      break;
    case KIKU_IMAGE_ERROR_NOT_AN_IMAGE:
      g_set_error (error, KIKU_IMAGE_ERROR, code,
                   _("“%s” is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files "
                     "can be used"), shown);
      break;
    case KIKU_IMAGE_ERROR_SCRIPT:
      g_set_error (error, KIKU_IMAGE_ERROR, code,
                   _("The SVG image “%s” holds a script, or markup that can hide one; "
                     "only plain drawings can be used"), shown);
      break;
    case KIKU_IMAGE_ERROR_OUTSIDE:
      g_set_error (error, KIKU_IMAGE_ERROR, code,
                   _("The image “%s” lies outside the article’s folder: put it in the "
                     "article’s folder, or choose it with the image’s Choose button"), shown);
      break;
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

static gboolean
read_all (int        fd,
          guint8    *buffer,
          gsize      length,
          gsize     *got)
{
  *got = 0;

  while (*got < length)
    {
      gssize n = read (fd, buffer + *got, length - *got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      *got += n;
    }

  return TRUE;
}

/**
 * kiku_image_access_read:
 * @reference: an image as the article names it: a path relative to the
 *   article's file, or an absolute path
 * @content_type: (out) (optional): the image's MIME type
 *
 * Reads an image of the article, if it may: see the top of this file.
 * Blocks; call it from a worker thread in an app.
 *
 * Returns: (transfer full): the file's content, or %NULL with @error set in
 *   %KIKU_IMAGE_ERROR (or %G_IO_ERROR_CANCELLED)
 */
GBytes *
kiku_image_access_read (KikuImageAccess  *self,
                        const char       *reference,
                        const char      **content_type,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  KikuImageError code = KIKU_IMAGE_ERROR_NOT_AN_IMAGE;
  const char *type;
  char *real;
  gboolean inside;
  struct stat info;
  gsize head, rest;
  int fd;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (!(file = kiku_image_access_resolve (self, reference)) || !(path = g_file_get_path (file)))
    return fail (error, self->dir == NULL && g_uri_peek_scheme (reference) == NULL
                        ? KIKU_IMAGE_ERROR_NO_FOLDER : KIKU_IMAGE_ERROR_NOT_A_FILE,
                 reference, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Where the path really leads, every link followed. */
  if (!(real = realpath (path, NULL)))
    return fail (error, errno == ENOENT || errno == ENOTDIR ? KIKU_IMAGE_ERROR_MISSING
                                                            : KIKU_IMAGE_ERROR_NOT_A_FILE,
                 reference, errno == ENOENT || errno == ENOTDIR ? NULL : g_strerror (errno));
  inside = self->anywhere || is_inside (real, self->real_dir);

  /* No following a link put there since; nothing that is not a plain file
   * (a FIFO would block, a device never end).
   */
  fd = open (real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  free (real);
  if (fd < 0)
    return fail (error, errno == ENOENT ? KIKU_IMAGE_ERROR_MISSING : KIKU_IMAGE_ERROR_NOT_A_FILE,
                 reference, errno == ENOENT || errno == ELOOP ? NULL : g_strerror (errno));

  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      close (fd);
      return fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, reference, NULL);
    }

  if (info.st_size > KIKU_IMAGE_MAX_SIZE)
    {
      close (fd);
      return fail (error, KIKU_IMAGE_ERROR_TOO_LARGE, reference, NULL);
    }

  /* The head first: a file that is no image is not read any further. */
  data = g_malloc (MAX (info.st_size, 1));
  if (!read_all (fd, data, MIN ((gsize)info.st_size, HEAD_SIZE), &head))
    {
      int saved_errno = errno;
      close (fd);
      return fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, reference, g_strerror (saved_errno));
    }
  if (sniff_binary (data, head) == NULL && !may_be_svg (data, head))
    {
      close (fd);
      return fail (error, KIKU_IMAGE_ERROR_NOT_AN_IMAGE, reference, NULL);
    }
  if (!read_all (fd, data + head, info.st_size - head, &rest))
    {
      int saved_errno = errno;
      close (fd);
      return fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, reference, g_strerror (saved_errno));
    }
  close (fd);

  if (!(type = sniff (data, head + rest, &code)))
    return fail (error, code, reference, NULL);

  if (!inside)
    {
      g_autofree char *checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, head + rest);

      if (!g_hash_table_contains (self->chosen, checksum))
        {
          memset (data, 0, head + rest);
          return fail (error, KIKU_IMAGE_ERROR_OUTSIDE, reference, NULL);
        }
    }

  if (content_type)
    *content_type = type;

  return g_bytes_new_take (g_steal_pointer (&data), head + rest);
}

/**
 * kiku_article_check_image:
 *
 * Whether @reference names a local file that @article may use as an image
 * (see kiku_image_access_read()). Blocks.
 *
 * Returns: %TRUE, or %FALSE with @error set saying why not
 */
gboolean
kiku_article_check_image (KikuArticle   *article,
                          const char    *reference,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(KikuImageAccess) access = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), FALSE);

  access = kiku_image_access_new (article);
  bytes = kiku_image_access_read (access, reference, NULL, cancellable, error);

  return bytes != NULL;
}

/* Choosing ------------------------------------------------------------------------ */

/**
 * kiku_article_is_image_chosen:
 * @checksum: the SHA-256 of a file's content, in hexadecimal
 *
 * Returns: whether the user chose a file with this content for @article
 */
gboolean
kiku_article_is_image_chosen (KikuArticle *article,
                              const char  *checksum)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *lower = NULL;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (checksum != NULL, FALSE);

  lower = g_ascii_strdown (checksum, -1);
  add_chosen (chosen, article);

  return g_hash_table_contains (chosen, lower);
}

static void
remember_choice (KikuArticle *article,
                 const char  *checksum)
{
  JsonObject *extra = _kiku_node_get_extra (KIKU_NODE (article));
  JsonNode *member;

  if (kiku_article_is_image_chosen (article, checksum))
    return;

  if (extra == NULL)
    {
      g_autoptr(JsonObject) created = json_object_new ();
      _kiku_node_set_extra (KIKU_NODE (article), created);
      extra = created;
    }

  if (!(member = json_object_get_member (extra, CHOSEN)) || !JSON_NODE_HOLDS_ARRAY (member))
    json_object_set_array_member (extra, CHOSEN, json_array_new ());

  json_array_add_string_element (json_object_get_array_member (extra, CHOSEN), checksum);

  /* Not an edit to undo, but the file must be saved to keep it. */
  _kiku_node_changed (KIKU_NODE (article), NULL);
}

/* Reads a file the user picks, wherever it is: its checksum, if it is an
 * image.
 */
static char *
checksum_of_choice (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  KikuImageAccess access = { .anywhere = TRUE };
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) bytes = NULL;

  if (path == NULL)
    return fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, g_file_peek_path (file) ?: "?", NULL);

  access.chosen = g_hash_table_new (g_str_hash, g_str_equal);
  bytes = kiku_image_access_read (&access, path, NULL, cancellable, error);
  g_hash_table_unref (access.chosen);

  if (bytes == NULL)
    return NULL;

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/**
 * kiku_article_choose_image:
 * @file: a file the user chose with the file chooser
 *
 * Lets @article use @file as an image although it may lie outside the
 * article's folder; the choice is saved with the article. Blocks; the app
 * uses kiku_article_choose_image_async().
 *
 * Returns: %TRUE, or %FALSE with @error set when @file is not an image
 */
gboolean
kiku_article_choose_image (KikuArticle   *article,
                           GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(checksum = checksum_of_choice (file, cancellable, error)))
    return FALSE;

  remember_choice (article, checksum);

  return TRUE;
}

static void
choose_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *checksum;

  if ((checksum = checksum_of_choice (task_data, cancellable, &error)))
    g_task_return_pointer (task, checksum, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_article_choose_image_async:
 *
 * Like kiku_article_choose_image(), reading @file in a worker thread.
 */
void
kiku_article_choose_image_async (KikuArticle         *article,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KIKU_IS_ARTICLE (article));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (article, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_article_choose_image_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, choose_thread);
}

gboolean
kiku_article_choose_image_finish (KikuArticle   *article,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, article), FALSE);

  if (!(checksum = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  remember_choice (article, checksum);

  return TRUE;
}

/* Reading in a worker ------------------------------------------------------------- */

typedef struct
{
  KikuImageAccess *access;
  char            *reference;
  const char      *content_type;
} ReadData;

static void
read_data_free (gpointer data)
{
  ReadData *read = data;

  kiku_image_access_unref (read->access);
  g_free (read->reference);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *read = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if ((bytes = kiku_image_access_read (read->access, read->reference, &read->content_type,
                                       cancellable, &error)))
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_image_access_read_async:
 *
 * Like kiku_image_access_read(), in a worker thread.
 */
void
kiku_image_access_read_async (KikuImageAccess     *self,
                              const char          *reference,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *read;

  g_return_if_fail (self != NULL);
  g_return_if_fail (reference != NULL);

  read = g_new0 (ReadData, 1);
  read->access = kiku_image_access_ref (self);
  read->reference = g_strdup (reference);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_image_access_read_async);
  g_task_set_task_data (task, read, read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * kiku_image_access_read_finish:
 * @content_type: (out) (optional): the image's MIME type
 *
 * Returns: (transfer full): the image's content, or %NULL with @error set
 */
GBytes *
kiku_image_access_read_finish (GAsyncResult  *result,
                               const char   **content_type,
                               GError       **error)
{
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if ((bytes = g_task_propagate_pointer (G_TASK (result), error)) && content_type)
    *content_type = ((ReadData *)g_task_get_task_data (G_TASK (result)))->content_type;

  return bytes;
}

/* Importing ------------------------------------------------------------------------ */

/* A pasted or dropped image is copied into the "images" folder beside the
 * article, named by its content: the same picture dropped twice is stored
 * once, and no name from outside (a dropped file's, which a sender chose)
 * ever becomes part of a path.
 */

#define IMAGES_FOLDER "images"

/* Hex digits of the SHA-256 kept in the name: 128 bits, more than enough
 * to tell an article's images apart, short enough to read in a field.
 */
#define NAME_DIGITS 32

static const char *
extension_for (const char *content_type)
{
  static const struct { const char *type; const char *extension; } extensions[] = {
    { "image/png", "png" },
    { "image/jpeg", "jpg" },
    { "image/gif", "gif" },
    { "image/webp", "webp" },
    { "image/avif", "avif" },
    { "image/svg+xml", "svg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_equal (content_type, extensions[i].type))
      return extensions[i].extension;

  g_assert_not_reached ();
}

static char *
folder_of (KikuArticle *article)
{
  GFile *file = kiku_article_get_file (article);
  g_autoptr(GFile) dir = NULL;

  if (file == NULL || !(dir = g_file_get_parent (file)))
    return NULL;

  return g_file_get_path (dir);
}

static gboolean
no_folder (GError **error)
{
  g_set_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NO_FOLDER,
               _("Save the article first: its images are kept in the “images” folder beside it"));
  return FALSE;
}

/* The whole content of a file the user dropped or pasted, from wherever it
 * is (through the document portal in a sandbox), if it is an image.
 */
static GBytes *
read_offered (GFile         *file,
              const char   **content_type,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree guint8 *data = NULL;
  const char *type;
  goffset size;
  gsize got = 0;

  if (!(stream = g_file_read (file, cancellable, &local_error)) ||
      !(info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                               cancellable, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        fail (error, KIKU_IMAGE_ERROR_MISSING, name, NULL);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, name, NULL);
      else
        fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, name, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, name, NULL);

  size = g_file_info_get_size (info);
  if (size > KIKU_IMAGE_MAX_SIZE)
    return fail (error, KIKU_IMAGE_ERROR_TOO_LARGE, name, NULL);

  /* One byte more than it said, to notice a file that grew meanwhile. */
  data = g_malloc (size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, size + 1, &got, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, name, local_error->message);
      return NULL;
    }
  if (got > (gsize)size)
    return fail (error, KIKU_IMAGE_ERROR_NOT_A_FILE, name, _("it changed while it was read"));

  if (!(type = kiku_image_sniff (data, got, NULL)))
    {
      KikuImageError code = KIKU_IMAGE_ERROR_NOT_AN_IMAGE;

      sniff (data, got, &code);
      return fail (error, code, name, NULL);
    }

  *content_type = type;

  return g_bytes_new_take (g_steal_pointer (&data), got);
}

static gboolean
same_content (const char *path,
              GBytes     *bytes)
{
  g_autofree char *contents = NULL;
  struct stat info;
  gsize length;

  if (lstat (path, &info) != 0 || !S_ISREG (info.st_mode) ||
      (gsize)info.st_size != g_bytes_get_size (bytes) ||
      !g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return length == g_bytes_get_size (bytes) &&
         memcmp (contents, g_bytes_get_data (bytes, NULL), length) == 0;
}

/* Stores @bytes, an image of @content_type, in @dir/images: the article
 * names it "images/…" when @relative, else by its absolute path.
 */
static char *
store_in (const char    *dir,
          GBytes        *bytes,
          const char    *content_type,
          gboolean       relative,
          GError       **error)
{
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *images = g_build_filename (dir, IMAGES_FOLDER, NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  char *real_dir, *real_images;
  gboolean inside;

  if (!relative)
    g_mkdir_with_parents (dir, 0700);
  if (g_mkdir (images, 0755) != 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The folder “%s” cannot be made: %s"), images, g_strerror (saved_errno));
      return NULL;
    }

  /* An "images" that is a link out of the article's folder is not used. */
  real_dir = realpath (dir, NULL);
  real_images = realpath (images, NULL);
  inside = real_dir != NULL && real_images != NULL && is_inside (real_images, real_dir) &&
           g_file_test (real_images, G_FILE_TEST_IS_DIR);
  free (real_dir);
  free (real_images);
  if (!inside)
    {
      g_set_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_OUTSIDE,
                   _("The “images” folder beside the article is not a folder inside the "
                     "article’s folder, so no image can be kept in it"));
      return NULL;
    }

  checksum[NAME_DIGITS] = '\0';
  name = g_strconcat (checksum, ".", extension_for (content_type), NULL);
  path = g_build_filename (images, name, NULL);

  /* Written to a new file, then renamed over the name: an old link there
   * is replaced, never followed.
   */
  if (!same_content (path, bytes) &&
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return NULL;

  if (!relative)
    return g_steal_pointer (&path);

  return g_strconcat (IMAGES_FOLDER, "/", name, NULL);
}

typedef struct
{
  char *reference;
  char *checksum;   /* of an image kept outside the article's folder */
} Stored;

static void
stored_free (gpointer data)
{
  Stored *stored = data;

  if (stored == NULL)
    return;

  g_free (stored->reference);
  g_free (stored->checksum);
  g_free (stored);
}

static Stored *
store (const char    *dir,
       GBytes        *bytes,
       const char    *content_type,
       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Stored *stored = g_new0 (Stored, 1);

  if ((stored->reference = store_in (dir, bytes, content_type, TRUE, &local_error)))
    return stored;

  /* An "images" that leads elsewhere is refused; but a folder that takes
   * no new folder or file (in the Flatpak the document portal grants the
   * article's file alone; a read-only or vanished folder) leaves the image
   * with the drafts, named by its path, as if the writer had chosen it.
   */
  if (g_error_matches (local_error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_OUTSIDE) ||
      !(stored->reference = store_in (kiku_get_drafts_dir (), bytes, content_type, FALSE, error)))
    {
      if (local_error != NULL && g_error_matches (local_error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_OUTSIDE))
        g_propagate_error (error, g_steal_pointer (&local_error));
      stored_free (stored);
      return NULL;
    }

  stored->checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return stored;
}

/* The path the article names @stored by, which it may now use. */
static char *
take_stored (KikuArticle *article,
             Stored      *stored)
{
  char *reference = g_steal_pointer (&stored->reference);

  if (stored->checksum != NULL)
    remember_choice (article, stored->checksum);
  stored_free (stored);

  return reference;
}

static Stored *
import_into (const char    *dir,
             GFile         *file,
             GBytes        *bytes,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GBytes) read = NULL;
  const char *type;

  if (file != NULL)
    {
      if (!(read = read_offered (file, &type, cancellable, error)))
        return NULL;
      bytes = read;
    }
  else
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      if (length > KIKU_IMAGE_MAX_SIZE)
        return fail (error, KIKU_IMAGE_ERROR_TOO_LARGE, _("Pasted image"), NULL);
      if (!(type = kiku_image_sniff (data, length, error)))
        return NULL;
    }

  return store (dir, bytes, type, error);
}

/**
 * kiku_article_import_image:
 * @file: (nullable): an image file the user dropped or pasted
 * @bytes: (nullable): or the content of an image, when @file is %NULL
 *
 * Copies an image into the "images" folder beside @article's file, named by
 * its content (so the same image is stored once) with the extension of its
 * type. Where that folder takes no new file (the article came through the
 * document portal, or lies in a read-only folder), the copy goes into the
 * drafts folder's "images" instead, and @article remembers it as chosen.
 * Blocks; the app uses kiku_article_import_images_async().
 *
 * Returns: (transfer full): the path the article names the copy by
 *   ("images/….png", or an absolute path for a copy with the drafts), or
 *   %NULL with @error set: the article has no file yet, or what was given
 *   is not an image Kiku uses
 */
char *
kiku_article_import_image (KikuArticle   *article,
                           GFile         *file,
                           GBytes        *bytes,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *dir = NULL;
  Stored *stored;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail ((file == NULL) != (bytes == NULL), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (!(dir = folder_of (article)))
    return no_folder (error), NULL;

  if (!(stored = import_into (dir, file, bytes, cancellable, error)))
    return NULL;

  return take_stored (article, stored);
}

typedef struct
{
  char      *dir;
  GPtrArray *files;
  GBytes    *bytes;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->dir);
  g_clear_pointer (&import->files, g_ptr_array_unref);
  g_clear_pointer (&import->bytes, g_bytes_unref);
  g_free (import);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (stored_free);
  GError *error = NULL;

  /* Every file is read and checked before any is stored: a drop with one
   * thing that is no image stores nothing.
   */
  if (import->bytes != NULL)
    {
      const char *type = kiku_image_sniff (g_bytes_get_data (import->bytes, NULL),
                                           g_bytes_get_size (import->bytes), &error);

      if (type == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (contents, g_bytes_ref (import->bytes));
      g_ptr_array_add (types, (gpointer)type);
    }

  for (guint i = 0; import->files != NULL && i < import->files->len; i++)
    {
      const char *type = NULL;
      GBytes *bytes = read_offered (import->files->pdata[i], &type, cancellable, &error);

      if (bytes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (contents, bytes);
      g_ptr_array_add (types, (gpointer)type);
    }

  for (guint i = 0; i < contents->len; i++)
    {
      Stored *one = store (import->dir, contents->pdata[i], types->pdata[i], &error);

      if (one == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (stored, one);
    }

  g_task_return_pointer (task, g_steal_pointer (&stored), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * kiku_article_import_images_async:
 * @files: (nullable) (element-type GFile): image files the user dropped or
 *   pasted
 * @bytes: (nullable): the content of an image, such as a pasted picture
 *
 * Like kiku_article_import_image() for each image given, in a worker
 * thread: all are stored, or none when one is not an image.
 */
void
kiku_article_import_images_async (KikuArticle         *article,
                                  GPtrArray           *files,
                                  GBytes              *bytes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import;

  g_return_if_fail (KIKU_IS_ARTICLE (article));

  task = g_task_new (article, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_article_import_images_async);

  import = g_new0 (ImportData, 1);
  import->dir = folder_of (article);
  import->files = files ? g_ptr_array_ref (files) : NULL;
  import->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  g_task_set_task_data (task, import, import_data_free);

  if (import->dir == NULL)
    {
      GError *error = NULL;

      no_folder (&error);
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, import_thread);
}

/**
 * kiku_article_import_images_finish:
 *
 * Returns: (transfer full): the paths the article names the copies by, in
 *   the order given (a pasted image's first), or %NULL with @error set
 */
char **
kiku_article_import_images_finish (KikuArticle   *article,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GStrvBuilder) references = g_strv_builder_new ();

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (g_task_is_valid (result, article), NULL);

  if (!(stored = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  for (guint i = 0; i < stored->len; i++)
    {
      g_autofree char *reference = take_stored (article, g_steal_pointer (&stored->pdata[i]));

      g_strv_builder_add (references, reference);
    }

  return g_strv_builder_end (references);
}
