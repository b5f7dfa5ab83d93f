/* kiku-import.c: articles from plain text laid out like a digest page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kiku-comment.h"
#include "kiku-format.h"
#include "kiku-core-private.h"
#include "kiku-import.h"
#include "kiku-list.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-section.h"
#include "kiku-source.h"
#include "kiku-theme-private.h"

/* The text of a digest page, as a browser copies it, is one line per
 * element. The importer reads it as the site lays it out: the headline (the
 * page shows it twice, around the lead), 💡 key points, an intro, sections
 * that open with a heading, a question and its answer, source boxes (their
 * title twice, an optional 公開日 date, ✅ points and a "さらに読む ⇒" line),
 * paragraphs, persona comments and "次のページを読む ⇒" with a teaser. What it
 * cannot place becomes a paragraph: nothing is lost.
 */

typedef struct
{
  GPtrArray  *lines;   /* the non-empty lines, trimmed */
  guint       pos;
  const char *persona;
} Reader;

static const char *
line_at (Reader *reader,
         guint   index)
{
  return index < reader->lines->len ? g_ptr_array_index (reader->lines, index) : NULL;
}

static gboolean
starts_with (const char *line,
             const char *prefix)
{
  return line != NULL && g_str_has_prefix (line, prefix);
}

static gboolean
ends_with_any (const char *line,
               const char *const *endings)
{
  for (guint i = 0; endings[i]; i++)
    if (g_str_has_suffix (line, endings[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_question (const char *line)
{
  static const char *const marks[] = { "?", "？", NULL };

  return line != NULL && ends_with_any (line, marks);
}

static gboolean
is_marker_line (const char *line)
{
  return starts_with (line, KIKU_THEME_KEY_POINTS_MARK) ||
         starts_with (line, KIKU_THEME_KEY_POINT_MARK) ||
         starts_with (line, KIKU_THEME_SOURCE_POINT_MARK) ||
         starts_with (line, KIKU_THEME_READ_MORE_WORDS_JA) ||
         starts_with (line, KIKU_THEME_NEXT_PAGE_WORDS_JA) ||
         starts_with (line, KIKU_THEME_PUBLISHED_WORDS_JA);
}

/* A heading is short and is not a sentence. */
static gboolean
looks_like_heading (const char *line)
{
  static const char *const sentence_ends[] = { "。", ".", "!", "！", "?", "？", "」", NULL };

  return line != NULL && !is_marker_line (line) && g_utf8_strlen (line, -1) <= 60 &&
         !ends_with_any (line, sentence_ends);
}

/* Removes a marker and the spaces after it. */
static const char *
after_marker (const char *line,
              const char *marker)
{
  line += strlen (marker);

  while (*line == ' ' || *line == '\t' || g_str_has_prefix (line, "　"))
    line += (*line == ' ' || *line == '\t') ? 1 : strlen ("　");

  return line;
}

/* "## Heading" and "■ Heading" are headings in any text. */
static const char *
marked_heading (const char *line)
{
  static const char *const marks[] = { "## ", "■", "◆", NULL };

  for (guint i = 0; line != NULL && marks[i]; i++)
    if (g_str_has_prefix (line, marks[i]))
      return after_marker (line, marks[i]);

  return NULL;
}

static gboolean
is_section_start (Reader *reader,
                  guint   index)
{
  const char *line = line_at (reader, index);
  const char *question = line_at (reader, index + 1);
  const char *answer = line_at (reader, index + 2);

  if (marked_heading (line) != NULL)
    return TRUE;

  return looks_like_heading (line) && is_question (question) &&
         g_utf8_strlen (question, -1) <= 120 && !is_marker_line (question) &&
         answer != NULL && !is_marker_line (answer);
}

/* Paragraph text is CommonMark: plain text must not turn into markup. */
static char *
escape_markdown (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);
  const char *p = text;

  /* What would open a block at the start of a line. */
  if (*p == '#' || *p == '>' || *p == '-' || *p == '+' || *p == '=' || *p == '|')
    g_string_append_c (out, '\\');
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          p = q;
        }
    }

  for (; *p; p++)
    {
      if (strchr ("\\`*_[]<>&~|", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* 2024/05/17, 2024-5-17 and 2024年5月17日 all become 2024-05-17. */
static char *
normalize_date (const char *text)
{
  guint parts[3] = { 0 };
  guint n = 0;
  const char *p = text;

  while (*p && n < 3)
    {
      if (g_ascii_isdigit (*p))
        {
          guint value = 0;

          while (g_ascii_isdigit (*p) && value < 100000)
            value = value * 10 + (*p++ - '0');
          parts[n++] = value;
        }
      else
        {
          p = g_utf8_next_char (p);
        }
    }

  if (n == 3 && parts[0] >= 1000 && parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= 31)
    return g_strdup_printf ("%04u-%02u-%02u", parts[0], parts[1], parts[2]);

  return g_strdup (text);
}

static char *
strip_copy (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  char *start = g_strstrip (copy);

  while (g_str_has_prefix (start, "　"))
    start += strlen ("　");
  while (g_str_has_suffix (start, "　"))
    start[strlen (start) - strlen ("　")] = '\0';

  return g_strdup (g_strstrip (start));
}

static void
append_point (KikuList   *list,
              const char *line,
              const char *marker)
{
  g_autoptr(KikuPoint) point = kiku_point_new ();
  g_autofree char *text = escape_markdown (after_marker (line, marker));

  kiku_point_set_text (point, text);
  kiku_list_append (list, point);
}

/* "さらに読む ⇒ [publisher] 出典/画像元: URL" */
static void
read_more_line (KikuSource *source,
                const char *line)
{
  static const char *const credits[] = { KIKU_THEME_SOURCE_WORDS_JA, "出典／画像元", "出典", NULL };
  const char *rest = after_marker (line, KIKU_THEME_READ_MORE_WORDS_JA);
  const char *credit = NULL;
  const char *credit_marker = NULL;

  if (g_str_has_prefix (rest, KIKU_THEME_ARROW))
    rest = after_marker (rest, KIKU_THEME_ARROW);
  else if (g_str_has_prefix (rest, "→"))
    rest = after_marker (rest, "→");

  for (guint i = 0; credits[i] && credit == NULL; i++)
    if ((credit = strstr (rest, credits[i])))
      credit_marker = credits[i];

  if (credit != NULL)
    {
      g_autofree char *publisher = g_strndup (rest, credit - rest);
      g_autofree char *publisher_stripped = strip_copy (publisher);
      const char *url = credit + strlen (credit_marker);
      g_autofree char *url_stripped = NULL;

      if (g_str_has_prefix (url, ":"))
        url += 1;
      else if (g_str_has_prefix (url, "："))
        url += strlen ("：");
      url_stripped = strip_copy (url);

      kiku_source_set_publisher (source, publisher_stripped);
      kiku_source_set_url (source, url_stripped);
    }
  else
    {
      g_autofree char *url = strip_copy (rest);
      kiku_source_set_url (source, url);
    }
}

static void
read_date_line (KikuSource *source,
                const char *line)
{
  const char *rest = after_marker (line, KIKU_THEME_PUBLISHED_WORDS_JA);
  g_autofree char *date = NULL;

  if (g_str_has_prefix (rest, ":"))
    rest = after_marker (rest, ":");
  else if (g_str_has_prefix (rest, "："))
    rest = after_marker (rest, "：");

  date = normalize_date (rest);
  kiku_source_set_published (source, date);
}

/* A source box starts with its title, followed by the title again, a date
 * or its first ✅ point.
 */
static gboolean
is_source_start (Reader *reader,
                 guint   index)
{
  const char *line = line_at (reader, index);
  const char *next = line_at (reader, index + 1);

  if (line == NULL || next == NULL || is_marker_line (line))
    return FALSE;

  return g_str_equal (line, next) || starts_with (next, KIKU_THEME_PUBLISHED_WORDS_JA) ||
         starts_with (next, KIKU_THEME_SOURCE_POINT_MARK);
}

static KikuSource *
read_source (Reader *reader)
{
  KikuSource *source = kiku_source_new ();
  const char *title = line_at (reader, reader->pos++);
  const char *line;

  kiku_source_set_title (source, title);

  /* The date, and the title shown again, in either order. */
  for (guint i = 0; i < 2 && (line = line_at (reader, reader->pos)); i++)
    {
      if (starts_with (line, KIKU_THEME_PUBLISHED_WORDS_JA))
        read_date_line (source, line);
      else if (g_str_equal (line, title))
        ;
      else
        break;
      reader->pos++;
    }

  while ((line = line_at (reader, reader->pos)) && starts_with (line, KIKU_THEME_SOURCE_POINT_MARK))
    {
      append_point (kiku_source_get_points (source), line, KIKU_THEME_SOURCE_POINT_MARK);
      reader->pos++;
    }

  if ((line = line_at (reader, reader->pos)) && starts_with (line, KIKU_THEME_READ_MORE_WORDS_JA))
    {
      read_more_line (source, line);
      reader->pos++;
    }

  return source;
}

/* The site's persona speaks Kansai dialect; its comment closes a section. */
static gboolean
sounds_like_persona (const char *text)
{
  static const char *const markers[] = {
    "やね。", "やね!", "やね！", "やな。", "やな!", "やな！", "やなあ", "やで",
    "ほんま", "とちゃう", "せやけど", "せやな", "あかん", "おおきに", "まっせ",
    "でんな", "ですな。", "ますな。", "かいな", "へんで", "やんか",
    NULL
  };

  for (guint i = 0; markers[i]; i++)
    if (strstr (text, markers[i]) != NULL)
      return TRUE;

  return FALSE;
}

static void
finish_section (Reader      *reader,
                KikuSection *section)
{
  KikuList *blocks;
  KikuParagraph *last;
  guint n;

  if (section == NULL)
    return;

  blocks = kiku_section_get_blocks (section);
  n = kiku_list_get_length (blocks);
  if (n < 2 || !KIKU_IS_PARAGRAPH (kiku_list_get (blocks, n - 1)))
    return;

  last = kiku_list_get (blocks, n - 1);
  if (sounds_like_persona (kiku_paragraph_get_text (last)))
    {
      g_autoptr(KikuComment) comment = kiku_comment_new ();
      g_autoptr(KikuNode) removed = NULL;

      kiku_comment_set_persona (comment, reader->persona);
      kiku_comment_set_text (comment, kiku_paragraph_get_text (last));
      removed = kiku_list_remove (blocks, n - 1);
      kiku_list_append (blocks, comment);
    }
}

static KikuSection *
read_section_start (Reader *reader)
{
  KikuSection *section = kiku_section_new ();
  const char *line = line_at (reader, reader->pos);
  const char *heading = marked_heading (line);

  kiku_section_set_heading (section, heading ? heading : line);
  reader->pos++;

  /* A marked heading may stand without a question. */
  if (heading != NULL && !(is_question (line_at (reader, reader->pos)) &&
                           line_at (reader, reader->pos + 1) != NULL))
    return section;

  kiku_section_set_question (section, line_at (reader, reader->pos++));
  kiku_section_set_answer (section, line_at (reader, reader->pos++));

  return section;
}

/* "Headline(keyword、keyword)Deck line" */
static void
read_title (KikuArticle *article,
            const char  *line)
{
  const char *close = NULL;
  const char *open = NULL;
  const char *p;

  for (p = line; *p; p = g_utf8_next_char (p))
    if (g_str_has_prefix (p, ")") || g_str_has_prefix (p, "）"))
      close = p;

  if (close != NULL)
    for (p = line; p < close; p = g_utf8_next_char (p))
      if (g_str_has_prefix (p, "(") || g_str_has_prefix (p, "（"))
        open = p;

  if (close == NULL || open == NULL)
    {
      kiku_article_set_title (article, line);
      return;
    }

  {
    const char *after_close = g_utf8_next_char (close);
    const char *inside = g_utf8_next_char (open);
    g_autofree char *title = g_strndup (line, after_close - line);
    g_autofree char *subtitle = strip_copy (after_close);
    g_autofree char *list = g_strndup (inside, close - inside);
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) parts = NULL;
    g_auto(GStrv) keywords = NULL;

    /* Split on the Japanese and the Latin comma alike. */
    g_strdelimit (list, ",", '\x1f');
    {
      g_autofree char *unified = NULL;
      g_auto(GStrv) pieces = g_strsplit (list, "、", -1);

      unified = g_strjoinv ("\x1f", pieces);
      g_strfreev (pieces);
      pieces = g_strsplit (unified, "，", -1);
      g_free (unified);
      unified = g_strjoinv ("\x1f", pieces);
      parts = g_strsplit (unified, "\x1f", -1);
    }

    for (guint i = 0; parts[i]; i++)
      {
        g_autofree char *keyword = strip_copy (parts[i]);

        while (g_str_has_suffix (keyword, "?"))
          keyword[strlen (keyword) - 1] = '\0';
        while (g_str_has_suffix (keyword, "？"))
          keyword[strlen (keyword) - strlen ("？")] = '\0';
        if (keyword[0] != '\0')
          g_strv_builder_add (builder, keyword);
      }

    keywords = g_strv_builder_end (builder);
    kiku_article_set_title (article, title);
    kiku_article_set_subtitle (article, subtitle);
    kiku_article_set_keywords (article, (const char *const *)keywords);
  }
}

static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF))
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) raw = NULL;
  g_autoptr(GString) copy = g_string_new (text);

  /* CRLF and lone CR line ends become LF. */
  g_string_replace (copy, "\r\n", "\n", 0);
  g_string_replace (copy, "\r", "\n", 0);
  raw = g_strsplit (copy->str, "\n", -1);

  for (guint i = 0; raw[i]; i++)
    {
      char *line = strip_copy (raw[i]);

      if (line[0] == '\0')
        g_free (line);
      else
        g_ptr_array_add (lines, line);
    }

  return lines;
}

static gboolean
is_site_line (const char *line)
{
  return strstr (line, "Logo") != NULL || strstr (line, "Menu") != NULL ||
         strstr (line, "メニュー") != NULL;
}

/**
 * kiku_import_text:
 * @text: plain text laid out like a digest page
 * @length: the length of @text, or -1 when it ends with a NUL byte
 * @persona: (nullable): the persona id to give the comments found
 *
 * Reads an article from text copied from a digest page, or written in its
 * layout. Every line ends up somewhere: what is not recognised becomes a
 * paragraph. The site's own header line is left out.
 *
 * Returns: (transfer full): the article, or %NULL with @error set when the
 *   text is not UTF-8 or is empty
 */
KikuArticle *
kiku_import_text (const char  *text,
                  gssize       length,
                  const char  *persona,
                  GError     **error)
{
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(KikuPage) page = NULL;
  g_autoptr(KikuSection) section = NULL;
  g_autofree char *copy = NULL;
  const char *end = NULL;
  Reader reader = { 0 };
  guint title_at = G_MAXUINT;
  const char *line;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  if (length > KIKU_FORMAT_MAX_SIZE)
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_TOO_LARGE,
                   _("The text is larger than the most an article may be"));
      return NULL;
    }

  if (!g_utf8_validate_len (text, length, &end))
    {
      guint line_number = 1;

      if (_kiku_text_is_utf16 (text, length))
        {
          g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8,
                       _("The text is in UTF-16; save it as UTF-8 and try again"));
          return NULL;
        }

      for (const char *p = text; p < end; p++)
        line_number += *p == '\n';
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8,
                   _("Line %u: the text is not valid UTF-8; save it as UTF-8 and try again"),
                   line_number);
      return NULL;
    }

  copy = g_strndup (text, length);
  if (g_str_has_prefix (copy, "\xEF\xBB\xBF"))
    memmove (copy, copy + 3, strlen (copy + 3) + 1);

  lines = split_lines (copy);
  if (lines->len == 0)
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
                   _("The text is empty"));
      return NULL;
    }

  reader.lines = lines;
  reader.persona = persona;
  article = kiku_article_new ();
  kiku_article_set_language (article, has_japanese (copy) ? "ja" : "en");

  /* The headline is the line the page shows again right after the lead;
   * what comes before it is the site's own header.
   */
  for (guint i = 0; i < MIN (lines->len, 4); i++)
    {
      if (line_at (&reader, i + 2) && g_str_equal (line_at (&reader, i), line_at (&reader, i + 2)))
        {
          title_at = i;
          break;
        }
    }

  if (title_at != G_MAXUINT)
    {
      g_autofree char *lead = escape_markdown (line_at (&reader, title_at + 1));

      read_title (article, line_at (&reader, title_at));
      kiku_article_set_summary (article, lead);
      reader.pos = title_at + 3;
    }
  else
    {
      if (lines->len > 1 && is_site_line (line_at (&reader, 0)))
        reader.pos++;
      read_title (article, line_at (&reader, reader.pos++));
      if ((line = line_at (&reader, reader.pos)) && !is_marker_line (line) &&
          !is_section_start (&reader, reader.pos))
        {
          g_autofree char *lead = escape_markdown (line);
          kiku_article_set_summary (article, lead);
          reader.pos++;
        }
    }

  while ((line = line_at (&reader, reader.pos)))
    {
      if (starts_with (line, KIKU_THEME_KEY_POINTS_MARK))
        reader.pos++;
      else if (starts_with (line, KIKU_THEME_KEY_POINT_MARK))
        append_point (kiku_article_get_key_points (article), line_at (&reader, reader.pos++),
                      KIKU_THEME_KEY_POINT_MARK);
      else
        break;
    }

  if ((line = line_at (&reader, reader.pos)) && !is_marker_line (line) &&
      !is_section_start (&reader, reader.pos) && !is_source_start (&reader, reader.pos))
    {
      g_autofree char *intro = escape_markdown (line);
      kiku_article_set_intro (article, intro);
      reader.pos++;
    }

  page = kiku_page_new ();

  while ((line = line_at (&reader, reader.pos)))
    {
      if (starts_with (line, KIKU_THEME_NEXT_PAGE_WORDS_JA))
        {
          reader.pos++;
          if ((line = line_at (&reader, reader.pos)) && !is_section_start (&reader, reader.pos))
            {
              kiku_page_set_teaser (page, line);
              reader.pos++;
            }
          finish_section (&reader, section);
          if (section != NULL)
            kiku_list_append (kiku_page_get_sections (page), section);
          g_clear_object (&section);
          kiku_list_append (kiku_article_get_pages (article), page);
          g_clear_object (&page);
          page = kiku_page_new ();
          continue;
        }

      if (is_section_start (&reader, reader.pos))
        {
          finish_section (&reader, section);
          if (section != NULL)
            kiku_list_append (kiku_page_get_sections (page), section);
          g_clear_object (&section);
          section = read_section_start (&reader);
          continue;
        }

      if (section == NULL)
        section = kiku_section_new ();

      if (is_source_start (&reader, reader.pos))
        {
          g_autoptr(KikuSource) source = read_source (&reader);
          kiku_list_append (kiku_section_get_blocks (section), source);
        }
      else if (starts_with (line, KIKU_THEME_SOURCE_POINT_MARK) ||
               starts_with (line, KIKU_THEME_KEY_POINT_MARK))
        {
          /* A stray point: keep its text as a paragraph. */
          g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
          g_autofree char *escaped = escape_markdown (line);

          kiku_paragraph_set_text (paragraph, escaped);
          kiku_list_append (kiku_section_get_blocks (section), paragraph);
          reader.pos++;
        }
      else
        {
          g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
          g_autofree char *escaped = escape_markdown (line);

          kiku_paragraph_set_text (paragraph, escaped);
          kiku_list_append (kiku_section_get_blocks (section), paragraph);
          reader.pos++;
        }
    }

  finish_section (&reader, section);
  if (section != NULL)
    kiku_list_append (kiku_page_get_sections (page), section);

  /* The last page is kept when it has anything, and the first one always. */
  if (kiku_list_get_length (kiku_page_get_sections (page)) > 0 ||
      kiku_list_get_length (kiku_article_get_pages (article)) == 0)
    kiku_list_append (kiku_article_get_pages (article), page);

  return g_steal_pointer (&article);
}
