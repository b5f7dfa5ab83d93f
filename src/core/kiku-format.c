/* kiku-format.c: reading and writing .kiku files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kiku-article.h"
#include "kiku-block.h"
#include "kiku-comment.h"
#include "kiku-core-private.h"
#include "kiku-format.h"
#include "kiku-image.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-section.h"
#include "kiku-source.h"

/* The file format is described by one table of fields per model type: the
 * reader, the writer and the path rebasing all walk the same tables, so a
 * field added here is read, written and kept in order everywhere.
 */
typedef enum
{
  FIELD_TEXT,   /* a string property */
  FIELD_PATH,   /* a string property naming a file relative to the article, or a URL */
  FIELD_STRV,   /* an array of strings */
  FIELD_POINTS, /* a KikuList of KikuPoint, written as an array of strings */
  FIELD_NODES,  /* a KikuList of nodes, written as an array of objects */
} FieldKind;

typedef struct
{
  const char *key;
  const char *property;
  FieldKind   kind;
  gboolean    required;
} Field;

static const Field article_fields[] = {
  { "title", "title", FIELD_TEXT, TRUE },
  { "subtitle", "subtitle", FIELD_TEXT },
  { "summary", "summary", FIELD_TEXT },
  { "keywords", "keywords", FIELD_STRV },
  { "key_points", "key-points", FIELD_POINTS },
  { "intro", "intro", FIELD_TEXT },
  { "author", "author", FIELD_TEXT },
  { "slug", "slug", FIELD_TEXT },
  { "language", "language", FIELD_TEXT },
  { "published", "published", FIELD_TEXT },
  { "updated", "updated", FIELD_TEXT },
  { "pages", "pages", FIELD_NODES, TRUE },
};

static const Field page_fields[] = {
  { "sections", "sections", FIELD_NODES },
  { "teaser", "teaser", FIELD_TEXT },
};

static const Field section_fields[] = {
  { "heading", "heading", FIELD_TEXT },
  { "question", "question", FIELD_TEXT },
  { "answer", "answer", FIELD_TEXT },
  { "blocks", "blocks", FIELD_NODES },
};

static const Field paragraph_fields[] = {
  { "text", "text", FIELD_TEXT },
};

static const Field source_fields[] = {
  { "title", "title", FIELD_TEXT },
  { "url", "url", FIELD_TEXT },
  { "publisher", "publisher", FIELD_TEXT },
  { "published", "published", FIELD_TEXT },
  { "points", "points", FIELD_POINTS },
  { "image", "image", FIELD_PATH },
  { "image_credit", "image-credit", FIELD_TEXT },
};

static const Field comment_fields[] = {
  { "persona", "persona", FIELD_TEXT },
  { "text", "text", FIELD_TEXT },
};

static const Field image_fields[] = {
  { "src", "src", FIELD_PATH },
  { "caption", "caption", FIELD_TEXT },
  { "credit", "credit", FIELD_TEXT },
  { "alt", "alt", FIELD_TEXT },
};

#define TABLE(t) t, G_N_ELEMENTS (t)

static const Field *
fields_for_node (KikuNode *node,
                 guint    *n_fields)
{
  static const struct {
    GType (*get_type) (void);
    const Field *fields;
    guint n_fields;
  } tables[] = {
    { kiku_article_get_type, TABLE (article_fields) },
    { kiku_page_get_type, TABLE (page_fields) },
    { kiku_section_get_type, TABLE (section_fields) },
    { kiku_paragraph_get_type, TABLE (paragraph_fields) },
    { kiku_source_get_type, TABLE (source_fields) },
    { kiku_comment_get_type, TABLE (comment_fields) },
    { kiku_image_get_type, TABLE (image_fields) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (G_OBJECT_TYPE (node) == tables[i].get_type ())
        {
          *n_fields = tables[i].n_fields;
          return tables[i].fields;
        }
    }

  g_assert_not_reached ();
}

static gboolean
is_own_key (KikuNode   *node,
            const char *key)
{
  const Field *fields;
  guint n_fields;

  if (KIKU_IS_ARTICLE (node) && (g_str_equal (key, "format") || g_str_equal (key, "version")))
    return TRUE;

  if (KIKU_IS_BLOCK (node) && g_str_equal (key, "type"))
    return TRUE;

  fields = fields_for_node (node, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key))
      return TRUE;

  return FALSE;
}

/* The key in the file of one of @node's properties ("key_points" for
 * "key-points"), or the property's name where the file has no such key.
 */
const char *
_kiku_format_key (KikuNode   *node,
                  const char *property)
{
  const Field *fields;
  guint n_fields;

  fields = fields_for_node (node, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].property, property))
      return fields[i].key;

  return property;
}

G_DEFINE_QUARK (kiku-format-error-quark, kiku_format_error)

/* Reading ---------------------------------------------------------------- */

/* The reader works on text: check that it is, and say where it is not. */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end = NULL;
  guint line, column;

  if (!g_utf8_validate_len (data, length, &end))
    {
      if (_kiku_text_is_utf16 (data, length))
        {
          g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8,
                       _("The file is in UTF-16; Kiku reads UTF-8: save it as UTF-8 and open it again"));
          return FALSE;
        }

      _kiku_position_of (data, end, &line, &column);
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8,
                   _("Line %u, column %u: the text is not valid UTF-8; the file may be damaged "
                     "or saved in another encoding"),
                   line, column);
      return FALSE;
    }

  return TRUE;
}

static char *
join_path (const char *parent,
           const char *key)
{
  return parent[0] != '\0' ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);
}

static gboolean
set_wrong_type (GError     **error,
                const char  *path,
                const char  *expected)
{
  g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_WRONG_TYPE,
               /* Translators: the first %s is a field such as pages[0].title,
                * the second a kind of value such as "a string" */
               _("%s: expected %s"), path, expected);
  return FALSE;
}

static const char *
expected_name (FieldKind kind)
{
  switch (kind)
    {
    case FIELD_TEXT:
    case FIELD_PATH:
      return _("a string");
    case FIELD_STRV:
    case FIELD_POINTS:
      return _("an array of strings");
    case FIELD_NODES:
      return _("an array of objects");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean read_node (KikuNode    *node,
                           JsonObject  *object,
                           const char  *path,
                           GError     **error);

static gboolean
read_list_item (KikuList    *list,
                JsonNode    *json,
                const char  *path,
                GError     **error)
{
  g_autoptr(KikuNode) item = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (json))
    return set_wrong_type (error, path, _("an object"));

  object = json_node_get_object (json);

  if (kiku_list_get_item_type (list) == KIKU_TYPE_BLOCK)
    {
      JsonNode *type = json_object_get_member (object, "type");
      g_autofree char *type_path = join_path (path, "type");

      if (type == NULL)
        {
          g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_MISSING_FIELD,
                       _("%s: this required field is missing"), type_path);
          return FALSE;
        }

      if (!is_string (type))
        return set_wrong_type (error, type_path, _("a string"));

      item = (KikuNode *)kiku_block_new_for_kind (json_node_get_string (type));
      if (item == NULL)
        {
          g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_VALUE,
                       _("%s: “%s” is not a kind of block this version of Kiku knows"),
                       type_path, json_node_get_string (type));
          return FALSE;
        }
    }
  else
    {
      item = g_object_new (kiku_list_get_item_type (list), NULL);
    }

  if (!read_node (item, object, path, error))
    return FALSE;

  kiku_list_append (list, item);

  return TRUE;
}

static gboolean
read_field (KikuNode     *node,
            const Field  *field,
            JsonNode     *json,
            const char   *path,
            GError      **error)
{
  JsonArray *array;
  guint length;

  if (field->kind == FIELD_TEXT || field->kind == FIELD_PATH)
    {
      if (!is_string (json))
        return set_wrong_type (error, path, expected_name (field->kind));

      g_object_set (node, field->property, json_node_get_string (json), NULL);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (json))
    return set_wrong_type (error, path, expected_name (field->kind));

  array = json_node_get_array (json);
  length = json_array_get_length (array);

  if (field->kind == FIELD_STRV)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < length; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!is_string (element))
            {
              g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
              return set_wrong_type (error, element_path, _("a string"));
            }

          g_strv_builder_add (builder, json_node_get_string (element));
        }

      strv = g_strv_builder_end (builder);
      g_object_set (node, field->property, strv, NULL);
    }
  else
    {
      g_autoptr(KikuList) list = NULL;

      g_object_get (node, field->property, &list, NULL);

      for (guint i = 0; i < length; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

          if (field->kind == FIELD_POINTS)
            {
              g_autoptr(KikuPoint) point = NULL;

              if (!is_string (element))
                return set_wrong_type (error, element_path, _("a string"));

              point = kiku_point_new ();
              kiku_point_set_text (point, json_node_get_string (element));
              kiku_list_append (list, point);
            }
          else if (!read_list_item (list, element, element_path, error))
            {
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
read_node (KikuNode    *node,
           JsonObject  *object,
           const char  *path,
           GError     **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GList) members = NULL;
  const Field *fields;
  guint n_fields;

  fields = fields_for_node (node, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *json = json_object_get_member (object, fields[i].key);
      g_autofree char *field_path = join_path (path, fields[i].key);

      if (json == NULL || JSON_NODE_HOLDS_NULL (json))
        {
          if (fields[i].required)
            {
              g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_MISSING_FIELD,
                           _("%s: this required field is missing"), field_path);
              return FALSE;
            }
          continue;
        }

      if (!read_field (node, &fields[i], json, field_path, error))
        return FALSE;
    }

  /* Keep what a newer version, or another tool, wrote: it goes back out. */
  members = json_object_get_members (object);
  for (const GList *iter = members; iter; iter = iter->next)
    {
      const char *key = iter->data;

      if (is_own_key (node, key))
        continue;

      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, key, json_node_copy (json_object_get_member (object, key)));
    }
  _kiku_node_set_extra (node, extra);

  return TRUE;
}

static gboolean
check_format (JsonObject  *root,
              GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 number;

  if (format == NULL || !is_string (format))
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
                   _("This is not a Kiku article: it has no “format” field saying “%s”"),
                   KIKU_FORMAT_NAME);
      return FALSE;
    }

  if (!g_str_equal (json_node_get_string (format), KIKU_FORMAT_NAME))
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
                   _("This is not a Kiku article: its format is “%s”, not “%s”"),
                   json_node_get_string (format), KIKU_FORMAT_NAME);
      return FALSE;
    }

  if (version == NULL)
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_MISSING_FIELD,
                   _("%s: this required field is missing"), "version");
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return set_wrong_type (error, "version", _("a whole number"));

  number = json_node_get_int (version);

  if (number > KIKU_FORMAT_VERSION)
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_VERSION_TOO_NEW,
                   _("This article was saved by a newer version of Kiku (file format %lld); "
                     "this version reads formats up to %d. Update Kiku to open it."),
                   (long long)number, KIKU_FORMAT_VERSION);
      return FALSE;
    }

  if (number < 1)
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_VALUE,
                   _("version: %lld is not a version of the file format"), (long long)number);
      return FALSE;
    }

  return TRUE;
}

/**
 * kiku_article_new_from_data:
 * @data: the contents of a .kiku file
 * @length: the length of @data, or -1 when it ends with a NUL byte
 * @file: (nullable): where @data came from; relative image paths start there
 *
 * Reads an article. Any input, however broken, gives either an article or an
 * error in %KIKU_FORMAT_ERROR with a message that says where the problem is.
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
KikuArticle *
kiku_article_new_from_data (const char  *data,
                            gsize        length,
                            GFile       *file,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (!file || G_IS_FILE (file), NULL);

  if (length == (gsize)-1)
    length = strlen (data);

  if (length > KIKU_FORMAT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (KIKU_FORMAT_MAX_SIZE);

      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_TOO_LARGE,
                   _("The file is larger than %s, the most an article may be"), limit);
      return NULL;
    }

  /* A byte order mark is allowed, and ignored. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!check_text (data, length, error))
    return NULL;

  if (!(root = _kiku_json_parse (data, length, error)))
    return NULL;

  return _kiku_article_new_from_node (root, file, error);
}

/* Reads an article from parsed JSON: the file, or the article in a draft. */
KikuArticle *
_kiku_article_new_from_node (JsonNode  *root,
                             GFile     *file,
                             GError   **error)
{
  g_autoptr(KikuArticle) article = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
                   _("This is not a Kiku article: the file holds no JSON object"));
      return NULL;
    }

  if (!check_format (json_node_get_object (root), error))
    return NULL;

  article = kiku_article_new ();
  if (!read_node (KIKU_NODE (article), json_node_get_object (root), "", error))
    return NULL;
  _kiku_publish_records_take_from_extra (article);

  kiku_article_set_file (article, file);

  return g_steal_pointer (&article);
}

static GBytes *
read_limited (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[64 * 1024];

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  /* Read at most one byte past the limit: enough to know it is too large,
   * without reading a huge file, a device or a pipe that never ends.
   */
  while (buffer->len <= KIKU_FORMAT_MAX_SIZE)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk,
                                      MIN (sizeof chunk, KIKU_FORMAT_MAX_SIZE + 1 - buffer->len),
                                      cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * kiku_article_new_from_file:
 *
 * Reads the article saved in @file. This blocks; the app uses
 * kiku_article_load_async().
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
KikuArticle *
kiku_article_new_from_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!(bytes = read_limited (file, cancellable, error)))
    return NULL;

  data = g_bytes_get_data (bytes, &length);

  return kiku_article_new_from_data (length ? data : "", length, file, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  KikuArticle *article;

  if ((article = kiku_article_new_from_file (task_data, cancellable, &error)))
    g_task_return_pointer (task, article, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_article_load_async:
 *
 * Reads the article saved in @file in a worker thread.
 */
void
kiku_article_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_article_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * kiku_article_load_finish:
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
KikuArticle *
kiku_article_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing ---------------------------------------------------------------- */

/* Whether @value names a file inside the article's folder (images/a.png),
 * which a save into another folder brings along.
 */
static gboolean
is_inside_folder (const char *value)
{
  g_auto(GStrv) parts = NULL;

  if (value == NULL || *value == '\0' || g_uri_peek_scheme (value) != NULL || g_path_is_absolute (value))
    return FALSE;

  parts = g_strsplit (value, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;

  return TRUE;
}

/* Image paths are stored relative to the article's file, so moving the file
 * and its images together keeps them working. When an article is saved into
 * another folder, the files inside its folder come along (kiku_article_save()
 * copies them) and keep their paths; paths to files elsewhere are rewritten
 * to start from the new folder.
 */
static char *
rebase_path (const char *value,
             GFile      *old_dir,
             GFile      *new_dir)
{
  g_autofree char *new_dir_path = NULL;
  g_autofree char *absolute = NULL;

  if (g_uri_peek_scheme (value) != NULL || new_dir == NULL ||
      !(new_dir_path = g_file_get_path (new_dir)) || is_inside_folder (value))
    return g_strdup (value);

  if (g_path_is_absolute (value))
    {
      absolute = g_strdup (value);
    }
  else
    {
      g_autofree char *old_dir_path = NULL;

      if (old_dir == NULL || !(old_dir_path = g_file_get_path (old_dir)))
        return g_strdup (value);

      absolute = g_build_filename (old_dir_path, value, NULL);
    }

  return kiku_relative_path (new_dir_path, absolute);
}

static JsonNode *write_node (KikuNode *node,
                             GFile    *old_dir,
                             GFile    *new_dir);

static JsonNode *
write_field (KikuNode    *node,
             const Field *field,
             GFile       *old_dir,
             GFile       *new_dir)
{
  g_autoptr(JsonArray) array = NULL;

  switch (field->kind)
    {
    case FIELD_TEXT:
    case FIELD_PATH:
      {
        g_autofree char *value = NULL;

        g_object_get (node, field->property, &value, NULL);
        if (value == NULL && !field->required)
          return NULL;

        if (value != NULL && field->kind == FIELD_PATH)
          {
            char *rebased = rebase_path (value, old_dir, new_dir);
            g_free (value);
            value = rebased;
          }

        return json_node_init_string (json_node_alloc (), value ? value : "");
      }

    case FIELD_STRV:
      {
        g_auto(GStrv) strv = NULL;

        g_object_get (node, field->property, &strv, NULL);
        if (strv == NULL)
          return NULL;

        array = json_array_new ();
        for (guint i = 0; strv[i]; i++)
          json_array_add_string_element (array, strv[i]);
      }
      break;

    case FIELD_POINTS:
    case FIELD_NODES:
      {
        g_autoptr(KikuList) list = NULL;
        guint length;

        g_object_get (node, field->property, &list, NULL);
        length = kiku_list_get_length (list);
        if (length == 0 && !field->required)
          return NULL;

        array = json_array_sized_new (length);
        for (guint i = 0; i < length; i++)
          {
            KikuNode *item = kiku_list_get (list, i);

            if (field->kind == FIELD_POINTS)
              json_array_add_string_element (array, kiku_point_get_text (KIKU_POINT (item)) ?: "");
            else
              json_array_add_element (array, write_node (item, old_dir, new_dir));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return json_node_init_array (json_node_alloc (), array);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (a, b);
}

static JsonNode *
write_node (KikuNode *node,
            GFile    *old_dir,
            GFile    *new_dir)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *extra = _kiku_node_get_extra (node);
  g_autoptr(JsonNode) records = NULL;
  const Field *fields;
  guint n_fields;

  if (KIKU_IS_ARTICLE (node))
    {
      json_object_set_string_member (object, "format", KIKU_FORMAT_NAME);
      json_object_set_int_member (object, "version", KIKU_FORMAT_VERSION);
    }
  else if (KIKU_IS_BLOCK (node))
    {
      json_object_set_string_member (object, "type", kiku_block_get_kind (KIKU_BLOCK (node)));
    }

  fields = fields_for_node (node, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *value = write_field (node, &fields[i], old_dir, new_dir);

      if (value != NULL)
        json_object_set_member (object, fields[i].key, value);
    }

  /* The publish records go out among the unknown members, where the file
   * had them.
   */
  if (KIKU_IS_ARTICLE (node))
    records = _kiku_publish_records_to_node (KIKU_ARTICLE (node));

  if (extra != NULL || records != NULL)
    {
      g_autoptr(GList) keys = extra ? json_object_get_members (extra) : NULL;

      if (records != NULL)
        keys = g_list_prepend (keys, (gpointer)"published_to");
      keys = g_list_sort (keys, compare_strings);

      for (const GList *iter = keys; iter; iter = iter->next)
        {
          if (json_object_has_member (object, iter->data))
            continue;
          if (records != NULL && g_str_equal (iter->data, "published_to"))
            json_object_set_member (object, iter->data, g_steal_pointer (&records));
          else if (extra != NULL && json_object_has_member (extra, iter->data))
            json_object_set_member (object, iter->data,
                                    json_node_copy (json_object_get_member (extra, iter->data)));
        }
    }

  return json_node_init_object (json_node_alloc (), object);
}

static GFile *
dup_parent (GFile *file)
{
  return file != NULL ? g_file_get_parent (file) : NULL;
}

/* The article as JSON, its image paths starting from @destination's folder
 * (or its own file's, without one).
 */
JsonNode *
_kiku_article_to_node (KikuArticle *self,
                       GFile       *destination)
{
  g_autoptr(GFile) old_dir = dup_parent (kiku_article_get_file (self));
  g_autoptr(GFile) new_dir = dup_parent (destination ? destination : kiku_article_get_file (self));

  return write_node (KIKU_NODE (self), old_dir, new_dir);
}

/**
 * kiku_article_serialize:
 * @destination: (nullable): where the text will be saved; relative image
 *   paths to files outside the article's folder are written to start from
 *   its folder (files inside it are brought along by a save, and keep their
 *   paths)
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the article as the text of a .kiku file:
 *   pretty-printed JSON, its keys always in the same order
 */
char *
kiku_article_serialize (KikuArticle *self,
                        GFile       *destination,
                        gsize       *length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  char *text;

  g_return_val_if_fail (KIKU_IS_ARTICLE (self), NULL);

  root = _kiku_article_to_node (self, destination);
  json = _kiku_json_write (root, 2);

  text = g_strconcat (json, "\n", NULL);

  if (length)
    *length = strlen (text);

  return text;
}

typedef struct
{
  GFile *old_dir;
  GFile *new_dir;
} Rebase;

/* After a save into another folder, the model's own relative paths must
 * start from there too.
 */
static KikuWalk
rebase_node (KikuNode *node,
             guint     depth,
             gpointer  user_data)
{
  Rebase *rebase = user_data;
  const Field *fields;
  guint n_fields;

  /* Points are text, written as strings: no paths. */
  if (KIKU_IS_POINT (node))
    return KIKU_WALK_SKIP;

  fields = fields_for_node (node, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == FIELD_PATH)
        {
          g_autofree char *value = NULL;

          g_object_get (node, fields[i].property, &value, NULL);
          if (value != NULL)
            {
              g_autofree char *rebased = rebase_path (value, rebase->old_dir, rebase->new_dir);
              g_object_set (node, fields[i].property, rebased, NULL);
            }
        }
    }

  return KIKU_WALK_CONTINUE;
}

static void
saved_to (KikuArticle *self,
          GFile       *file)
{
  g_autoptr(GFile) old_dir = dup_parent (kiku_article_get_file (self));
  g_autoptr(GFile) new_dir = dup_parent (file);

  if (new_dir != NULL && (old_dir == NULL || !g_file_equal (old_dir, new_dir)))
    {
      Rebase rebase = { old_dir, new_dir };

      kiku_node_walk (KIKU_NODE (self), rebase_node, &rebase);
    }

  kiku_article_set_file (self, file);
}

/* A file over the size limit could not be opened again: refuse to write it. */
static gboolean
check_size (gsize    length,
            GError **error)
{
  if (length > KIKU_FORMAT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (KIKU_FORMAT_MAX_SIZE);

      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_TOO_LARGE,
                   _("The article is larger than %s, the most an article may be; "
                     "split it into several articles to save it"), limit);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GPtrArray  *paths;
  GHashTable *seen;
} Brought;

static KikuWalk
collect_inside (KikuNode *node,
                guint     depth,
                gpointer  user_data)
{
  Brought *brought = user_data;
  const Field *fields;
  guint n_fields;

  if (KIKU_IS_POINT (node))
    return KIKU_WALK_SKIP;

  fields = fields_for_node (node, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == FIELD_PATH)
      {
        g_autofree char *value = NULL;

        g_object_get (node, fields[i].property, &value, NULL);
        if (is_inside_folder (value) && g_hash_table_add (brought->seen, g_strdup (value)))
          g_ptr_array_add (brought->paths, g_steal_pointer (&value));
      }

  return KIKU_WALK_CONTINUE;
}

/* The files inside the article's folder that a save into @file must bring
 * along: NULL when the folder stays the same.
 */
static GPtrArray *
files_to_bring (KikuArticle *self,
                GFile       *file)
{
  g_autoptr(GFile) old_dir = dup_parent (kiku_article_get_file (self));
  g_autoptr(GFile) new_dir = dup_parent (file);
  g_autoptr(GHashTable) seen = NULL;
  Brought brought;

  if (old_dir == NULL || new_dir == NULL || g_file_equal (old_dir, new_dir))
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  brought = (Brought) { g_ptr_array_new_with_free_func (g_free), seen };
  kiku_node_walk (KIKU_NODE (self), collect_inside, &brought);

  return brought.paths;
}

static gboolean
same_contents (GFile        *a,
               GFile        *b,
               GCancellable *cancellable)
{
  g_autoptr(GBytes) first = g_file_load_bytes (a, cancellable, NULL, NULL);
  g_autoptr(GBytes) second = first ? g_file_load_bytes (b, cancellable, NULL, NULL) : NULL;

  return second != NULL && g_bytes_equal (first, second);
}

/* Copies each of @paths from @old_dir into @new_dir, under the same name. A
 * file missing from the old folder is missing from the new one as well; one
 * already in the new folder is kept if it is the same, and stops the save if
 * it is another.
 */
static gboolean
bring_files (GFile         *old_dir,
             GFile         *new_dir,
             GPtrArray     *paths,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint i = 0; paths != NULL && i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) from = g_file_resolve_relative_path (old_dir, path);
      g_autoptr(GFile) to = g_file_resolve_relative_path (new_dir, path);
      g_autoptr(GFile) to_dir = g_file_get_parent (to);
      g_autoptr(GError) local_error = NULL;

      if (g_file_query_file_type (from, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_REGULAR)
        continue;

      if (g_file_query_exists (to, cancellable))
        {
          if (same_contents (from, to, cancellable))
            continue;

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("The new folder already has another file named “%s”, which the article’s "
                         "image would replace; choose another folder"), path);
          return FALSE;
        }

      if (!g_file_make_directory_with_parents (to_dir, cancellable, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kiku_article_save:
 *
 * Saves the article into @file atomically: a crash or a full disk in the
 * middle leaves the previous contents of @file as they were. The file keeps
 * its permissions. On success, @file becomes the article's file.
 *
 * Returns: whether the article was saved
 */
gboolean
kiku_article_save (KikuArticle   *self,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GPtrArray) brought = NULL;
  g_autoptr(GFile) old_dir = NULL;
  g_autoptr(GFile) new_dir = NULL;

  g_return_val_if_fail (KIKU_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = kiku_article_serialize (self, file, &length);
  brought = files_to_bring (self, file);
  old_dir = dup_parent (kiku_article_get_file (self));
  new_dir = dup_parent (file);

  if (!check_size (length, error) ||
      !bring_files (old_dir, new_dir, brought, cancellable, error) ||
      !kiku_write_file_atomic (file, text, length, cancellable, error))
    return FALSE;

  saved_to (self, file);

  return TRUE;
}

typedef struct
{
  GFile     *file;
  char      *text;
  gsize      length;
  GFile     *old_dir;
  GFile     *new_dir;
  GPtrArray *brought;   /* the files to bring into the new folder, or NULL */
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->old_dir);
  g_clear_object (&save->new_dir);
  g_clear_pointer (&save->brought, g_ptr_array_unref);
  g_clear_object (&save->file);
  g_free (save->text);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (check_size (save->length, &error) &&
      bring_files (save->old_dir, save->new_dir, save->brought, cancellable, &error) &&
      kiku_write_file_atomic (save->file, save->text, save->length, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_article_save_async:
 *
 * Like kiku_article_save(), but writes in a worker thread. The text is made
 * before this returns: later edits are not part of this save.
 */
void
kiku_article_save_async (KikuArticle         *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (KIKU_IS_ARTICLE (self));
  g_return_if_fail (G_IS_FILE (file));

  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->text = kiku_article_serialize (self, file, &save->length);
  save->brought = files_to_bring (self, file);
  save->old_dir = dup_parent (kiku_article_get_file (self));
  save->new_dir = dup_parent (file);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_article_save_async);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
kiku_article_save_finish (KikuArticle   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  SaveData *save;

  g_return_val_if_fail (KIKU_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  save = g_task_get_task_data (G_TASK (result));
  saved_to (self, save->file);

  return TRUE;
}
