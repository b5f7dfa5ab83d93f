/* kiku-cite-parse.c: what a web page says about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-cite"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "kiku-cite-private.h"
#include "kiku-core-private.h"

/* Every page is someone else's, and may be hostile: its text is only ever
 * read as text (libxml2's HTML parser with no network, no entities from
 * outside; JSON-LD through json-glib with a depth limit), and what is kept
 * of it is short plain text and http or https addresses.
 */

#define MAX_TEXT 1000           /* characters of a title, publisher, credit */
#define MAX_URL 4096
#define MAX_JSON_DEPTH 32
#define MAX_JSON_LD 16          /* scripts read from one page */

typedef struct
{
  KikuPageMeta *meta;
  const char   *base_url;
  guint         n_json_ld;
  /* The site's name from any source, for the <title> suffix. */
  char         *site_name;
} Reader;

const char *
_kiku_meta_origin_name (KikuMetaOrigin origin)
{
  switch (origin)
    {
    case KIKU_META_JSON_LD:
      /* Translators: where a source's field was found: the page's JSON-LD data */
      return _("JSON-LD");
    case KIKU_META_HIGHWIRE:
      /* Translators: where a source's field was found: the page's citation_* tags */
      return _("Citation tags");
    case KIKU_META_OPEN_GRAPH:
      /* Translators: where a source's field was found: the page's og: tags */
      return _("Open Graph");
    case KIKU_META_DUBLIN_CORE:
      /* Translators: where a source's field was found: the page's DC. tags */
      return _("Dublin Core");
    case KIKU_META_HTML:
      /* Translators: where a source's field was found: the page's own <title> or <time> */
      return _("Page title and time");
    case KIKU_META_NONE:
    default:
      return NULL;
    }
}

/* Character sets --------------------------------------------------------- */

/* The names pages use, as iconv knows them. Shift_JIS pages are written
 * with Windows' extension of it in practice, so CP932 reads them; EUC-JP
 * likewise with its Microsoft variant's extra characters.
 */
static const char *
iconv_name (const char *name)
{
  static const struct { const char *page; const char *iconv; } names[] = {
    { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
    { "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
    { "cp932", "CP932" }, { "euc-jp", "EUC-JP-MS" }, { "x-euc-jp", "EUC-JP-MS" },
    { "eucjp", "EUC-JP-MS" }, { "iso-2022-jp", "ISO-2022-JP" }, { "csiso2022jp", "ISO-2022-JP" },
    { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
    { "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
    { "ascii", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
  };

  static GMutex mutex;
  static GHashTable *known;
  const char *found = NULL;
  GIConv conv;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].page) == 0)
      return names[i].iconv;

  /* Any other charset iconv has, by a plain name (never "//" options). */
  if (*name == '\0' || strlen (name) > 40)
    return NULL;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
      return NULL;

  g_mutex_lock (&mutex);
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_lookup_extended (known, name, (gpointer *)&found, NULL) &&
      g_hash_table_size (known) < 256)
    {
      conv = g_iconv_open ("UTF-8", name);
      if (conv != (GIConv)-1)
        {
          g_iconv_close (conv);
          found = g_strdup (name);
          g_hash_table_add (known, (gpointer)found);
        }
    }
  g_mutex_unlock (&mutex);

  /* Kept for the life of the program, so the name stays valid. */
  return found;
}

/* A charset name as written in a header or a tag, up to its end. */
static char *
take_charset (const char *at,
              const char *end)
{
  const char *start;

  while (at < end && (*at == ' ' || *at == '"' || *at == '\'' || *at == '='))
    at++;
  start = at;
  while (at < end && (g_ascii_isalnum (*at) || *at == '-' || *at == '_' || *at == ':' || *at == '.'))
    at++;
  if (at == start || at - start > 40)
    return NULL;

  return g_strndup (start, at - start);
}

/* <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">
 * in the first kilobytes, found the way browsers prescan: by the bytes,
 * which are ASCII in every charset named here but ISO-2022-JP's escapes.
 */
static char *
prescan_charset (const char *data,
                 gsize       length)
{
  gsize n = MIN (length, 8192);
  const char *end = data + n;

  for (const char *p = data; p + 5 < end; p++)
    {
      const char *tag_end;

      if (p[0] != '<' || g_ascii_strncasecmp (p + 1, "meta", 4) != 0)
        continue;
      tag_end = memchr (p, '>', end - p);
      if (tag_end == NULL)
        break;
      for (const char *q = p + 5; q + 7 < tag_end; q++)
        if (g_ascii_strncasecmp (q, "charset", 7) == 0)
          {
            char *name = take_charset (q + 7, tag_end);

            if (name != NULL)
              return name;
          }
      p = tag_end;
    }

  return NULL;
}

/* Converts to UTF-8, a character that does not convert becoming U+FFFD:
 * a page with one bad byte is still read.
 */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *from)
{
  GIConv conv = g_iconv_open ("UTF-8", from);
  g_autoptr(GString) out = NULL;
  char *in = (char *)data;
  gsize in_left = length;
  char buffer[4096];

  if (conv == (GIConv)-1)
    return NULL;

  out = g_string_sized_new (length + 16);
  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;
      gsize r = g_iconv (conv, &in, &in_left, &o, &o_left);
      int saved = errno;

      g_string_append_len (out, buffer, o - buffer);
      if (r == (gsize)-1)
        {
          if (saved == E2BIG)
            continue;
          /* EILSEQ or a cut-off character at the end: skip one byte. */
          g_string_append (out, "\xef\xbf\xbd");
          in++;
          in_left--;
        }
    }
  /* The shift back to ASCII a stateful charset owes. */
  {
    char *o = buffer;
    gsize o_left = sizeof buffer;

    g_iconv (conv, NULL, NULL, &o, &o_left);
    g_string_append_len (out, buffer, o - buffer);
  }
  g_iconv_close (conv);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * _kiku_page_decode:
 * @header_charset: (nullable): the charset the HTTP header named
 * @charset_out: (out) (optional): the charset the page was read in
 *
 * The page as valid UTF-8: in the charset the header names, else the one
 * its byte order mark shows, else its <meta charset>, else UTF-8 (a page
 * that is not valid UTF-8 and names nothing is read as Shift_JIS if that
 * reads it cleanly: such pages are still served).
 */
char *
_kiku_page_decode (const char  *data,
                   gsize        length,
                   const char  *header_charset,
                   char       **charset_out)
{
  g_autofree char *named = NULL;
  const char *charset = NULL;
  char *text = NULL;

  if (header_charset != NULL)
    charset = iconv_name (header_charset);

  if (charset == NULL && length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    charset = "UTF-8";
  else if (charset == NULL && length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    charset = "UTF-16LE";
  else if (charset == NULL && length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    charset = "UTF-16BE";

  if (charset == NULL && (named = prescan_charset (data, length)) != NULL)
    charset = iconv_name (named);

  /* ISO-2022-JP is 7-bit: its escape shows it. */
  if (charset == NULL && g_strstr_len (data, MIN (length, 65536), "\x1b$B") != NULL)
    charset = "ISO-2022-JP";

  if (charset == NULL)
    {
      if (g_utf8_validate (data, length, NULL))
        charset = "UTF-8";
      else
        {
          g_autofree char *sjis = g_convert (data, length, "UTF-8", "CP932", NULL, NULL, NULL);

          charset = sjis != NULL ? "CP932" : "UTF-8";
        }
    }

  if (g_str_equal (charset, "UTF-8"))
    {
      if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        data += 3, length -= 3;
      text = g_utf8_make_valid (data, length);
    }
  else
    {
      g_autofree char *converted = convert_lossy (data, length, charset);

      if (converted == NULL)
        {
          charset = "UTF-8";
          text = g_utf8_make_valid (data, length);
        }
      else
        {
          const char *start = converted;

          if (g_str_has_prefix (start, "\xef\xbb\xbf"))
            start += 3;
          text = g_utf8_make_valid (start, -1);
        }
    }

  if (charset_out != NULL)
    *charset_out = g_strdup (charset);

  return text;
}

/* Text ------------------------------------------------------------------- */

/* Plain text on one line: whitespace runs made one space, control
 * characters dropped, at most MAX_TEXT characters. Markup in it stays as
 * the characters it is: nothing here is ever read as HTML again.
 */
static char *
clean_text (const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;
  guint count = 0;

  if (text == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p && count < MAX_TEXT; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c) || c == 0xfeff || c == 0xfffd)
        continue;
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      count++;
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An absolute http or https address, or NULL: a javascript:, data: or
 * file: address is never kept.
 */
static char *
clean_url (const char *text,
           const char *base_url)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || strlen (trimmed) > MAX_URL)
    return NULL;

  if (base_url != NULL && (base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL)) != NULL)
    uri = g_uri_parse_relative (base, trimmed, G_URI_FLAGS_ENCODED, NULL);
  else
    uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_uri_to_string (uri);
}

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static gboolean
valid_date (int year,
            int month,
            int day)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;

  return day <= days[month - 1] + (month == 2 && is_leap (year));
}

/* Reads up to @max digits. */
static gboolean
read_number (const char **at,
             int          max,
             int         *value)
{
  int n = 0, v = 0;

  while (n < max && g_ascii_isdigit (**at))
    {
      v = v * 10 + (**at - '0');
      (*at)++;
      n++;
    }
  *value = v;

  return n > 0;
}

/**
 * _kiku_cite_normalize_date:
 *
 * A published date in the article's form, YYYY-MM-DD, from the forms pages
 * write it in: ISO 8601 with or without a time ("2024-03-05T09:00:00+09:00"
 * is the 5th where it was written, as its readers saw it), "2024/3/5",
 * "2024.03.05", "2024年3月5日", "20240305".
 */
char *
_kiku_cite_normalize_date (const char *text)
{
  const char *p;
  int year, month, day;

  if (text == NULL)
    return NULL;

  p = text;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;

  /* 20240305 */
  if (strlen (p) >= 8 && (p[8] == '\0' || p[8] == 'T' || p[8] == ' '))
    {
      gboolean digits = TRUE;

      for (int i = 0; i < 8; i++)
        digits = digits && g_ascii_isdigit (p[i]);
      if (digits)
        {
          year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
          month = (p[4] - '0') * 10 + (p[5] - '0');
          day = (p[6] - '0') * 10 + (p[7] - '0');
          if (valid_date (year, month, day))
            return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
          return NULL;
        }
    }

  if (!read_number (&p, 4, &year) || year < 1000)
    return NULL;
  if (g_str_has_prefix (p, "年"))
    p += strlen ("年");
  else if (*p == '-' || *p == '/' || *p == '.')
    p++;
  else
    return NULL;
  if (!read_number (&p, 2, &month))
    return NULL;
  if (g_str_has_prefix (p, "月"))
    p += strlen ("月");
  else if (*p == '-' || *p == '/' || *p == '.')
    p++;
  else
    return NULL;
  if (!read_number (&p, 2, &day))
    return NULL;
  if (g_ascii_isdigit (*p))
    return NULL;

  if (!valid_date (year, month, day))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* The separators a site puts between a page's title and its own name. */
static const char * const separators[] = {
  " | ", "｜", " - ", " – ", " — ", " : ", "：", " · ", " / ", "|",
};

/**
 * _kiku_cite_strip_site_name:
 *
 * @title without a trailing " | Site" when Site is @site_name; a copy of
 * @title otherwise.
 */
char *
_kiku_cite_strip_site_name (const char *title,
                            const char *site_name)
{
  gsize title_len, site_len;

  if (title == NULL)
    return NULL;
  if (site_name == NULL || *site_name == '\0')
    return g_strdup (title);

  title_len = strlen (title);
  site_len = strlen (site_name);
  if (title_len <= site_len || strcmp (title + title_len - site_len, site_name) != 0)
    return g_strdup (title);

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      gsize sep_len = strlen (separators[i]);
      gsize rest = title_len - site_len;

      if (rest > sep_len && strncmp (title + rest - sep_len, separators[i], sep_len) == 0)
        {
          g_autofree char *head = g_strndup (title, rest - sep_len);

          return clean_text (head);
        }
    }

  return g_strdup (title);
}

/* "Heading | Site" → "Site", when @heading is the page's first heading. */
static char *
site_after_heading (const char *title,
                    const char *heading)
{
  gsize len;

  if (title == NULL || heading == NULL || !g_str_has_prefix (title, heading))
    return NULL;

  len = strlen (heading);
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (strncmp (title + len, separators[i], strlen (separators[i])) == 0)
      {
        const char *site = title + len + strlen (separators[i]);

        return *site != '\0' ? g_strdup (site) : NULL;
      }

  return NULL;
}

/* Keeping the best ------------------------------------------------------- */

/* A value is kept unless one from a better origin is there already. */
static void
offer (Reader         *reader,
       KikuMetaField   field,
       KikuMetaOrigin  origin,
       const char     *raw)
{
  KikuPageMeta *meta = reader->meta;
  char *value;

  if (raw == NULL)
    return;
  if (meta->origins[field] != KIKU_META_NONE && meta->origins[field] <= origin)
    return;

  switch (field)
    {
    case KIKU_META_DATE:
      value = _kiku_cite_normalize_date (raw);
      break;
    case KIKU_META_IMAGE:
    case KIKU_META_CANONICAL:
      value = clean_url (raw, reader->base_url);
      break;
    case KIKU_META_TITLE:
    case KIKU_META_PUBLISHER:
    case KIKU_META_CREDIT:
    case KIKU_META_N_FIELDS:
    default:
      value = clean_text (raw);
      break;
    }

  if (value == NULL)
    return;

  g_free (meta->values[field]);
  meta->values[field] = value;
  meta->origins[field] = origin;
}

/* JSON-LD ---------------------------------------------------------------- */

static const char *
json_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The first object of a member that is an object or an array of them. */
static JsonObject *
json_first_object (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            return json_node_get_object (item);
        }
    }

  return NULL;
}

/* A string member, or the first string of an array member. */
static const char *
json_first_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            return json_node_get_string (item);
        }
      return NULL;
    }

  return json_string (object, name);
}

static gboolean
is_article_type (const char *type)
{
  return type != NULL &&
         (g_str_equal (type, "NewsArticle") || g_str_equal (type, "Article") ||
          g_str_has_suffix (type, "NewsArticle") || g_str_equal (type, "BlogPosting") ||
          g_str_equal (type, "schema:NewsArticle") || g_str_equal (type, "schema:Article"));
}

static gboolean
is_article (JsonObject *object)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
              is_article_type (json_node_get_string (item)))
            return TRUE;
        }
      return FALSE;
    }

  return is_article_type (json_string (object, "@type"));
}

static void
read_json_ld_article (Reader     *reader,
                      JsonObject *article)
{
  JsonObject *publisher = json_first_object (article, "publisher");
  JsonObject *image_object = json_first_object (article, "image");
  const char *image = json_first_string (article, "image");

  offer (reader, KIKU_META_TITLE, KIKU_META_JSON_LD, json_string (article, "headline"));
  if (json_string (article, "headline") == NULL)
    offer (reader, KIKU_META_TITLE, KIKU_META_JSON_LD, json_string (article, "name"));
  offer (reader, KIKU_META_DATE, KIKU_META_JSON_LD, json_string (article, "datePublished"));
  if (publisher != NULL)
    offer (reader, KIKU_META_PUBLISHER, KIKU_META_JSON_LD, json_string (publisher, "name"));
  else
    offer (reader, KIKU_META_PUBLISHER, KIKU_META_JSON_LD, json_string (article, "publisher"));

  if (image == NULL && image_object != NULL)
    image = json_first_string (image_object, "url");
  offer (reader, KIKU_META_IMAGE, KIKU_META_JSON_LD, image);

  if (image_object != NULL)
    {
      JsonObject *holder = json_first_object (image_object, "copyrightHolder");
      JsonObject *author = json_first_object (image_object, "author");

      offer (reader, KIKU_META_CREDIT, KIKU_META_JSON_LD, json_string (image_object, "creditText"));
      if (holder != NULL)
        offer (reader, KIKU_META_CREDIT, KIKU_META_JSON_LD, json_string (holder, "name"));
      if (author != NULL)
        offer (reader, KIKU_META_CREDIT, KIKU_META_JSON_LD, json_string (author, "name"));
    }
}

static void
read_json_ld_node (Reader   *reader,
                   JsonNode *node,
                   guint     depth)
{
  if (depth > 3 || node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 64; i++)
        read_json_ld_node (reader, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (is_article (object))
        read_json_ld_article (reader, object);
      else if (json_object_has_member (object, "@graph"))
        read_json_ld_node (reader, json_object_get_member (object, "@graph"), depth + 1);
      else if (json_object_has_member (object, "mainEntity"))
        read_json_ld_node (reader, json_object_get_member (object, "mainEntity"), depth + 1);
    }
}

static void
read_json_ld (Reader     *reader,
              const char *text)
{
  g_autoptr(JsonNode) root = NULL;

  if (text == NULL || reader->n_json_ld++ >= MAX_JSON_LD)
    return;

  root = _kiku_json_parse_with_depth (text, strlen (text), MAX_JSON_DEPTH, NULL);
  read_json_ld_node (reader, root, 0);
}

/* Tags ------------------------------------------------------------------- */

static gboolean
name_is (const char *name,
         const char *wanted)
{
  return name != NULL && g_ascii_strcasecmp (name, wanted) == 0;
}

static void
read_meta (Reader     *reader,
           const char *name,
           const char *content)
{
  static const struct { const char *name; KikuMetaField field; KikuMetaOrigin origin; } tags[] = {
    { "citation_title", KIKU_META_TITLE, KIKU_META_HIGHWIRE },
    { "citation_publisher", KIKU_META_PUBLISHER, KIKU_META_HIGHWIRE },
    { "citation_journal_title", KIKU_META_PUBLISHER, KIKU_META_HIGHWIRE },
    { "citation_publication_date", KIKU_META_DATE, KIKU_META_HIGHWIRE },
    { "citation_date", KIKU_META_DATE, KIKU_META_HIGHWIRE },
    { "citation_online_date", KIKU_META_DATE, KIKU_META_HIGHWIRE },
    { "og:title", KIKU_META_TITLE, KIKU_META_OPEN_GRAPH },
    { "og:site_name", KIKU_META_PUBLISHER, KIKU_META_OPEN_GRAPH },
    { "og:image", KIKU_META_IMAGE, KIKU_META_OPEN_GRAPH },
    { "og:image:url", KIKU_META_IMAGE, KIKU_META_OPEN_GRAPH },
    { "og:image:secure_url", KIKU_META_IMAGE, KIKU_META_OPEN_GRAPH },
    { "article:published_time", KIKU_META_DATE, KIKU_META_OPEN_GRAPH },
    { "dc.title", KIKU_META_TITLE, KIKU_META_DUBLIN_CORE },
    { "dcterms.title", KIKU_META_TITLE, KIKU_META_DUBLIN_CORE },
    { "dc.publisher", KIKU_META_PUBLISHER, KIKU_META_DUBLIN_CORE },
    { "dcterms.publisher", KIKU_META_PUBLISHER, KIKU_META_DUBLIN_CORE },
    { "dc.date", KIKU_META_DATE, KIKU_META_DUBLIN_CORE },
    { "dc.date.issued", KIKU_META_DATE, KIKU_META_DUBLIN_CORE },
    { "dcterms.issued", KIKU_META_DATE, KIKU_META_DUBLIN_CORE },
    { "dcterms.date", KIKU_META_DATE, KIKU_META_DUBLIN_CORE },
    { "dc.rights", KIKU_META_CREDIT, KIKU_META_DUBLIN_CORE },
  };

  if (name == NULL || content == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (name_is (name, tags[i].name))
      offer (reader, tags[i].field, tags[i].origin, content);
}

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *)name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *)value);
  xmlFree (value);

  return copy;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *)value);
  xmlFree (value);

  return copy;
}

static gboolean
rel_has (const char *rel,
         const char *wanted)
{
  g_auto(GStrv) words = NULL;

  if (rel == NULL)
    return FALSE;
  words = g_strsplit_set (rel, " \t\n", -1);
  for (guint i = 0; words[i]; i++)
    if (g_ascii_strcasecmp (words[i], wanted) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  char *title;
  char *time;
  char *heading;
} HtmlFallback;

/* Iterative, so that a page of a million nested elements costs no stack. */
static void
walk (Reader       *reader,
      xmlNode      *root,
      HtmlFallback *fallback)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && node->name != NULL)
        {
          const char *tag = (const char *)node->name;

          if (name_is (tag, "meta"))
            {
              g_autofree char *content = attribute (node, "content");
              g_autofree char *name = attribute (node, "name");
              g_autofree char *property = attribute (node, "property");
              g_autofree char *itemprop = attribute (node, "itemprop");

              read_meta (reader, name, content);
              read_meta (reader, property, content);
              if (name_is (itemprop, "datePublished"))
                offer (reader, KIKU_META_DATE, KIKU_META_HTML, content);
            }
          else if (name_is (tag, "link"))
            {
              g_autofree char *rel = attribute (node, "rel");

              if (rel_has (rel, "canonical"))
                {
                  g_autofree char *href = attribute (node, "href");

                  offer (reader, KIKU_META_CANONICAL, KIKU_META_HTML, href);
                }
            }
          else if (name_is (tag, "script"))
            {
              g_autofree char *type = attribute (node, "type");

              if (type != NULL && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
                {
                  g_autofree char *json = text_of (node);

                  read_json_ld (reader, json);
                }
              /* A script's text is never a title or a date. */
              goto next_sibling;
            }
          else if (name_is (tag, "style") || name_is (tag, "template") || name_is (tag, "svg"))
            goto next_sibling;
          else if (name_is (tag, "title") && fallback->title == NULL)
            fallback->title = text_of (node);
          else if (name_is (tag, "time") && fallback->time == NULL)
            fallback->time = attribute (node, "datetime");
          else if (name_is (tag, "h1") && fallback->heading == NULL)
            fallback->heading = text_of (node);

          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
        }

next_sibling:
      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node == root || node == NULL || node->type == XML_DOCUMENT_NODE ||
              node->type == XML_HTML_DOCUMENT_NODE)
            return;
        }
      if (node != NULL)
        node = node->next;
    }
}

/**
 * _kiku_page_meta_parse:
 * @data: the bytes of the page, at most %KIKU_CITE_MAX_PAGE are read
 * @header_charset: (nullable): the charset the HTTP header names
 * @base_url: (nullable): the page's address, for relative addresses in it
 *
 * What the page says about itself, each field from the best place that
 * has it.
 */
KikuPageMeta *
_kiku_page_meta_parse (const char *data,
                       gsize       length,
                       const char *header_charset,
                       const char *base_url)
{
  KikuPageMeta *meta = g_new0 (KikuPageMeta, 1);
  Reader reader = { meta, base_url, 0, NULL };
  HtmlFallback fallback = { NULL, NULL, NULL };
  g_autofree char *text = NULL;
  htmlDocPtr doc;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;

  length = MIN (length, KIKU_CITE_MAX_PAGE);
  text = _kiku_page_decode (data, length, header_charset, &meta->charset);

  doc = htmlReadMemory (text, (int)strlen (text), base_url, "UTF-8", options);
  if (doc != NULL)
    {
      walk (&reader, xmlDocGetRootElement (doc), &fallback);
      xmlFreeDoc (doc);
    }

  offer (&reader, KIKU_META_DATE, KIKU_META_HTML, fallback.time);
  if (fallback.title != NULL)
    {
      g_autofree char *title = clean_text (fallback.title);
      g_autofree char *heading = clean_text (fallback.heading);
      g_autofree char *stripped = _kiku_cite_strip_site_name (title, meta->values[KIKU_META_PUBLISHER]);
      g_autofree char *site = NULL;

      /* With no site name from the tags, a <title> that is the page's
       * heading and then a separator names the site in what follows. */
      if (g_strcmp0 (stripped, title) == 0 && (site = site_after_heading (title, heading)) != NULL)
        {
          offer (&reader, KIKU_META_PUBLISHER, KIKU_META_HTML, site);
          g_free (stripped);
          stripped = _kiku_cite_strip_site_name (title, site);
        }

      offer (&reader, KIKU_META_TITLE, KIKU_META_HTML, stripped);
    }

  g_free (fallback.title);
  g_free (fallback.time);
  g_free (fallback.heading);
  g_free (reader.site_name);

  return meta;
}

void
_kiku_page_meta_free (KikuPageMeta *meta)
{
  if (meta == NULL)
    return;

  for (guint i = 0; i < KIKU_META_N_FIELDS; i++)
    g_free (meta->values[i]);
  g_free (meta->charset);
  g_free (meta);
}
