/* kiku-json.c: a strict JSON reader that says exactly where a file is wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kiku-core-private.h"
#include "kiku-format.h"

/* json-glib's parser is lenient (raw line breaks in strings pass), recurses
 * without limit, and often reports an error at the token before the real
 * one. Articles are written by people and other tools, so they get a reader
 * that follows RFC 8259 to the letter, stops at a set depth, and names the
 * line, the column and what it found there.
 */

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       depth;
  guint       max_depth;
  GError    **error;
} Reader;

/* The line and column of @at in @data, both from 1; columns in characters. */
void
_kiku_position_of (const char *data,
                   const char *at,
                   guint      *line,
                   guint      *column)
{
  *line = 1;
  *column = 1;

  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar)*p & 0xC0) != 0x80)
        {
          (*column)++;
        }
    }
}

/* Whether @data starts like UTF-16: its byte order mark, or ASCII with a
 * zero byte beside each character.
 */
gboolean
_kiku_text_is_utf16 (const char *data,
                     gsize       length)
{
  const guchar *p = (const guchar *)data;

  if (length < 2)
    return FALSE;

  return (p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) ||
         (p[0] != 0 && p[1] == 0) || (p[0] == 0 && p[1] != 0);
}

/* One character at @at, shown so that a person sees it and a message stays
 * valid UTF-8: a stray byte, or a character that shows nothing, by its
 * number.
 */
static char *
show_character (Reader     *reader,
                const char *at)
{
  gunichar c;

  if (at >= reader->end)
    return g_strdup (" ");

  c = g_utf8_get_char_validated (at, reader->end - at);
  if (c == (gunichar)-1 || c == (gunichar)-2)
    return g_strdup_printf ("\\x%02X", (guint)(guchar)*at);
  if (c == 0xFEFF)
    /* Translators: a character that may open a file, and only there */
    return g_strdup (_("U+FEFF, a byte order mark"));
  if (!g_unichar_isgraph (c))
    return g_strdup_printf ("U+%04X", (guint)c);

  return g_strndup (at, g_utf8_next_char (at) - at);
}

/* What stands at @at, for a message: a word, one character, or the end. */
static char *
describe (Reader     *reader,
          const char *at)
{
  const char *end = at;

  if (at >= reader->end)
    return g_strdup (_("the end of the file"));

  /* A character that is not a word's is shown so that it can be seen. */
  if (!(g_ascii_isalnum (*at) || *at == '_' || *at == '-'))
    {
      g_autofree char *shown = show_character (reader, at);

      /* Translators: something found in a file, such as “oops” */
      return g_strdup_printf (_("“%s”"), shown);
    }

  while (end < reader->end && end - at < 24 && (g_ascii_isalnum (*end) || *end == '_' || *end == '-'))
    end++;

  if (end == at)
    end = g_utf8_next_char (at);

  {
    g_autofree char *token = g_strndup (at, end - at);
    /* Translators: something found in a file, such as “oops” */
    return g_strdup_printf (_("“%s”"), token);
  }
}

G_GNUC_PRINTF (4, 5)
static gpointer
fail_at (Reader          *reader,
         const char      *at,
         KikuFormatError  code,
         const char      *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  if (reader->error == NULL || *reader->error != NULL)
    return NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  _kiku_position_of (reader->start, at, &line, &column);
  g_set_error (reader->error, KIKU_FORMAT_ERROR, code,
               /* Translators: "Line 3, column 15: expected a value, found “,”" */
               _("Line %u, column %u: %s"), line, column, what);

  return NULL;
}

static gpointer
fail_found (Reader     *reader,
            const char *expected)
{
  g_autofree char *found = describe (reader, reader->p);

  return fail_at (reader, reader->p, KIKU_FORMAT_ERROR_SYNTAX,
                  /* Translators: "expected “:”, found “title”" */
                  _("expected %s, found %s"), expected, found);
}

static void
skip_space (Reader *reader)
{
  while (reader->p < reader->end &&
         (*reader->p == ' ' || *reader->p == '\t' || *reader->p == '\n' || *reader->p == '\r'))
    reader->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader   *reader,
           gunichar *value)
{
  *value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = reader->p + i < reader->end ? hex_value (reader->p[i]) : -1;

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + digit;
    }

  reader->p += 4;

  return TRUE;
}

/* Reads a string whose opening quote is at reader->p. */
static char *
read_string (Reader *reader)
{
  const char *open = reader->p;
  GString *out = g_string_new (NULL);

  reader->p++;

  for (;;)
    {
      const char *run = reader->p;

      while (reader->p < reader->end && *reader->p != '"' && *reader->p != '\\' &&
             (guchar)*reader->p >= 0x20)
        reader->p++;
      g_string_append_len (out, run, reader->p - run);

      if (reader->p >= reader->end)
        {
          g_string_free (out, TRUE);
          return fail_at (reader, open, KIKU_FORMAT_ERROR_SYNTAX,
                          _("this string has no closing quote"));
        }

      if (*reader->p == '"')
        {
          reader->p++;
          return g_string_free (out, FALSE);
        }

      if ((guchar)*reader->p < 0x20)
        {
          g_string_free (out, TRUE);
          if (*reader->p == '\n' || *reader->p == '\r')
            return fail_at (reader, reader->p, KIKU_FORMAT_ERROR_SYNTAX,
                            _("a line break inside a string must be written as \\n"));
          return fail_at (reader, reader->p, KIKU_FORMAT_ERROR_SYNTAX,
                          _("a control character inside a string must be written as \\u%04X"),
                          (guint)(guchar)*reader->p);
        }

      /* A backslash. */
      {
        const char *escape = reader->p;
        char c = escape + 1 < reader->end ? escape[1] : '\0';
        gunichar ch;

        reader->p += 2;
        switch (c)
          {
          case '"': g_string_append_c (out, '"'); break;
          case '\\': g_string_append_c (out, '\\'); break;
          case '/': g_string_append_c (out, '/'); break;
          case 'b': g_string_append_c (out, '\b'); break;
          case 'f': g_string_append_c (out, '\f'); break;
          case 'n': g_string_append_c (out, '\n'); break;
          case 'r': g_string_append_c (out, '\r'); break;
          case 't': g_string_append_c (out, '\t'); break;

          case 'u':
            if (!read_hex4 (reader, &ch))
              {
                g_string_free (out, TRUE);
                return fail_at (reader, escape, KIKU_FORMAT_ERROR_SYNTAX,
                                _("“\\u” must be followed by four hexadecimal digits"));
              }

            if (ch >= 0xD800 && ch <= 0xDBFF)
              {
                gunichar low = 0;

                if (reader->p + 1 < reader->end && reader->p[0] == '\\' && reader->p[1] == 'u' &&
                    (reader->p += 2, read_hex4 (reader, &low)) && low >= 0xDC00 && low <= 0xDFFF)
                  ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                else
                  ch = 0;
              }
            else if (ch >= 0xDC00 && ch <= 0xDFFF)
              {
                ch = 0;
              }

            if (ch == 0)
              {
                g_string_free (out, TRUE);
                return fail_at (reader, escape, KIKU_FORMAT_ERROR_SYNTAX,
                                _("this escape is half of a character without its other half, "
                                  "or the character U+0000"));
              }
            g_string_append_unichar (out, ch);
            break;

          default:
            {
              g_autofree char *shown = show_character (reader, escape + 1);

              g_string_free (out, TRUE);
              return fail_at (reader, escape, KIKU_FORMAT_ERROR_SYNTAX,
                              _("“\\%s” is not an escape JSON knows"), shown);
            }
          }
      }
    }
}

static JsonNode *
read_number (Reader *reader)
{
  const char *start = reader->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (*reader->p == '-')
    reader->p++;

  if (reader->p < reader->end && *reader->p == '0')
    reader->p++;
  else if (reader->p < reader->end && g_ascii_isdigit (*reader->p))
    while (reader->p < reader->end && g_ascii_isdigit (*reader->p))
      reader->p++;
  else
    return fail_at (reader, start, KIKU_FORMAT_ERROR_SYNTAX, _("this is not a number"));

  if (reader->p < reader->end && *reader->p == '.')
    {
      integer = FALSE;
      reader->p++;
      if (reader->p >= reader->end || !g_ascii_isdigit (*reader->p))
        return fail_at (reader, start, KIKU_FORMAT_ERROR_SYNTAX, _("this is not a number"));
      while (reader->p < reader->end && g_ascii_isdigit (*reader->p))
        reader->p++;
    }

  if (reader->p < reader->end && (*reader->p == 'e' || *reader->p == 'E'))
    {
      integer = FALSE;
      reader->p++;
      if (reader->p < reader->end && (*reader->p == '+' || *reader->p == '-'))
        reader->p++;
      if (reader->p >= reader->end || !g_ascii_isdigit (*reader->p))
        return fail_at (reader, start, KIKU_FORMAT_ERROR_SYNTAX, _("this is not a number"));
      while (reader->p < reader->end && g_ascii_isdigit (*reader->p))
        reader->p++;
    }

  text = g_strndup (start, reader->p - start);

  if (integer)
    {
      gint64 value;

      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return json_node_init_int (json_node_alloc (), value);
    }

  return json_node_init_double (json_node_alloc (), g_ascii_strtod (text, NULL));
}

static gboolean
read_literal (Reader     *reader,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize)(reader->end - reader->p) >= length && memcmp (reader->p, word, length) == 0 &&
      (reader->p + length == reader->end || !g_ascii_isalnum (reader->p[length])))
    {
      reader->p += length;
      return TRUE;
    }

  return FALSE;
}

static JsonNode *read_value (Reader *reader);

static gboolean
enter (Reader *reader)
{
  if (++reader->depth > reader->max_depth)
    {
      fail_at (reader, reader->p, KIKU_FORMAT_ERROR_TOO_DEEP,
               _("values are nested more than %u levels deep; this is not an article"),
               reader->max_depth);
      return FALSE;
    }

  reader->p++;

  return TRUE;
}

static JsonNode *
read_array (Reader *reader)
{
  g_autoptr(JsonArray) array = json_array_new ();

  if (!enter (reader))
    return NULL;

  skip_space (reader);
  if (reader->p < reader->end && *reader->p == ']')
    {
      reader->p++;
      reader->depth--;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (;;)
    {
      JsonNode *element;

      skip_space (reader);
      if (reader->p < reader->end && *reader->p == ']')
        return fail_at (reader, reader->p, KIKU_FORMAT_ERROR_SYNTAX,
                        _("a comma must be followed by another value, not “]”"));

      if (!(element = read_value (reader)))
        return NULL;
      json_array_add_element (array, element);

      skip_space (reader);
      if (reader->p < reader->end && *reader->p == ',')
        {
          reader->p++;
          continue;
        }
      if (reader->p < reader->end && *reader->p == ']')
        {
          reader->p++;
          break;
        }

      return fail_found (reader, _("“,” or “]”"));
    }

  reader->depth--;

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
read_object (Reader *reader)
{
  g_autoptr(JsonObject) object = json_object_new ();

  if (!enter (reader))
    return NULL;

  skip_space (reader);
  if (reader->p < reader->end && *reader->p == '}')
    {
      reader->p++;
      reader->depth--;
      return json_node_init_object (json_node_alloc (), object);
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      const char *name_at;
      JsonNode *value;

      skip_space (reader);
      name_at = reader->p;
      if (reader->p < reader->end && *reader->p == '}')
        return fail_at (reader, reader->p, KIKU_FORMAT_ERROR_SYNTAX,
                        _("a comma must be followed by another member, not “}”"));
      if (reader->p >= reader->end || *reader->p != '"')
        return fail_found (reader, _("a member name in double quotes"));
      if (!(name = read_string (reader)))
        return NULL;

      if (json_object_has_member (object, name))
        return fail_at (reader, name_at, KIKU_FORMAT_ERROR_SYNTAX,
                        _("“%s” appears twice in the same object"), name);

      skip_space (reader);
      if (reader->p >= reader->end || *reader->p != ':')
        return fail_found (reader, _("“:” after the member name"));
      reader->p++;

      skip_space (reader);
      if (!(value = read_value (reader)))
        return NULL;
      json_object_set_member (object, name, value);

      skip_space (reader);
      if (reader->p < reader->end && *reader->p == ',')
        {
          reader->p++;
          continue;
        }
      if (reader->p < reader->end && *reader->p == '}')
        {
          reader->p++;
          break;
        }

      return fail_found (reader, _("“,” or “}”"));
    }

  reader->depth--;

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
read_value (Reader *reader)
{
  skip_space (reader);

  if (reader->p >= reader->end)
    return fail_found (reader, _("a value"));

  switch (*reader->p)
    {
    case '{':
      return read_object (reader);

    case '[':
      return read_array (reader);

    case '"':
      {
        char *text = read_string (reader);
        JsonNode *node;

        if (text == NULL)
          return NULL;
        node = json_node_init_string (json_node_alloc (), text);
        g_free (text);
        return node;
      }

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (reader);

    default:
      if (read_literal (reader, "true"))
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (read_literal (reader, "false"))
        return json_node_init_boolean (json_node_alloc (), FALSE);
      if (read_literal (reader, "null"))
        return json_node_init_null (json_node_alloc ());
      return fail_found (reader, _("a value"));
    }
}

/* Parses @data, valid UTF-8 of @length bytes, as one JSON value nested at
 * most @max_depth levels deep.
 */
JsonNode *
_kiku_json_parse_with_depth (const char  *data,
                             gsize        length,
                             guint        max_depth,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Reader reader = { data, data, data + length, 0, max_depth, &local_error };
  JsonNode *root;

  skip_space (&reader);
  if (reader.p >= reader.end)
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_SYNTAX, _("The file is empty"));
      return NULL;
    }

  if (!(root = read_value (&reader)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  skip_space (&reader);
  if (reader.p < reader.end)
    {
      json_node_unref (root);
      fail_found (&reader, _("the end of the file after the article"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return root;
}

/* Parses @data, valid UTF-8 of @length bytes, as one JSON value. */
JsonNode *
_kiku_json_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  return _kiku_json_parse_with_depth (data, length, KIKU_FORMAT_MAX_DEPTH, error);
}

/* Writing ---------------------------------------------------------------- */

/* json-glib 1.6's generator writes what the reader above refuses: doubles
 * such as "1e+308.0" and "inf.0", and control characters raw. Everything
 * Kiku saves goes through this writer instead, which only writes what the
 * reader takes back, in json-glib's layout so that files compare well with
 * those written before.
 */

static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = NULL;

  /* Text from the model is UTF-8; should anything else slip in, the file
   * must still open.
   */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04X", (guint)c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double, always a valid
 * JSON number that stays a fraction when it is read again.
 */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* Beyond the largest double: what the reader made infinity of reads as
   * infinity again.
   */
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "1e999" : "-1e999");
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_indent (GString *out,
              guint    indent,
              guint    level)
{
  if (indent > 0)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < indent * level; i++)
        g_string_append_c (out, ' ');
    }
}

/* Recursion is bounded: every tree Kiku writes was read by the reader
 * above, which stops at KIKU_FORMAT_MAX_DEPTH, or made by Kiku itself a few
 * levels around one.
 */
static void
write_value (GString  *out,
             JsonNode *node,
             guint     indent,
             guint     level)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (const GList *iter = members; iter; iter = iter->next)
          {
            write_indent (out, indent, level + 1);
            write_string (out, iter->data);
            g_string_append (out, indent > 0 ? " : " : ":");
            write_value (out, json_object_get_member (object, iter->data), indent, level + 1);
            if (iter->next)
              g_string_append_c (out, ',');
          }
        if (members != NULL)
          write_indent (out, indent, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            write_indent (out, indent, level + 1);
            write_value (out, json_array_get_element (array, i), indent, level + 1);
            if (i + 1 < length)
              g_string_append_c (out, ',');
          }
        if (length > 0)
          write_indent (out, indent, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* @root as JSON text that _kiku_json_parse() reads back to an equal tree:
 * pretty-printed with @indent spaces a level, or on one line when @indent
 * is 0.
 */
char *
_kiku_json_write (JsonNode *root,
                  guint     indent)
{
  GString *out = g_string_new (NULL);

  write_value (out, root, indent, 0);

  return g_string_free (out, FALSE);
}
