/* kiku-counts.c: how much there is to read in an article and in each page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-counts"

#include "config.h"

#include "kiku-comment.h"
#include "kiku-counts.h"
#include "kiku-image.h"
#include "kiku-list.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-section.h"
#include "kiku-source.h"

/* The counts follow the article's changes one field at a time: each text a
 * reader reads has its count kept here, and the totals of the article and of
 * its pages are kept up to date by taking the field's old count away and
 * adding its new one. Typing in a field costs counting that field only.
 * Adding, removing or moving items (rare, and never a keystroke) counts the
 * article again from the start.
 *
 * Reading time: about 230 words a minute for text with spaces between its
 * words (English), and about 500 characters a minute for Japanese and the
 * other scripts read character by character, the figures most often given
 * for adult silent reading.
 */

typedef struct
{
  GParamSpec *pspec;
  KikuCount   count;
} FieldCount;

typedef struct
{
  KikuPage *page;     /* the page the node lies on, or NULL */
  GArray   *fields;   /* of FieldCount */
} NodeCounts;

struct _KikuCounts
{
  GObject      parent_instance;

  KikuArticle *article;
  GHashTable  *nodes;   /* KikuNode → NodeCounts */
  GHashTable  *pages;   /* KikuPage → KikuCount */
  KikuCount    total;
};

G_DEFINE_FINAL_TYPE (KikuCounts, kiku_counts, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;

    default:
      /* The long vowel mark and the iteration marks are "common" script. */
      return c == 0x30FC || c == 0x3005 || c == 0x309D || c == 0x309E || c == 0x30FD || c == 0x30FE;
    }
}

/**
 * kiku_count_text:
 * @text: (nullable): UTF-8 text
 * @count: (out caller-allocates): its count
 *
 * Counts the characters other than white space, the words of scripts with
 * spaces (a run of letters or digits, with the marks and apostrophes inside
 * it) and the characters read one by one (Han, kana, Hangul).
 */
void
kiku_count_text (const char *text,
                 KikuCount  *count)
{
  gboolean in_word = FALSE;

  g_return_if_fail (count != NULL);

  *count = (KikuCount) { 0, };
  if (text == NULL)
    return;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          in_word = FALSE;
          continue;
        }

      count->characters++;

      if (is_cjk (c))
        {
          count->cjk++;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c) ||
               (in_word && (c == '\'' || c == 0x2019 || c == '-')))
        {
          if (!in_word)
            count->words++;
          in_word = TRUE;
        }
      else
        {
          in_word = FALSE;
        }
    }
}

/**
 * kiku_count_reading_minutes:
 *
 * Returns: the minutes it takes to read text of @count, rounded up; 0 for
 *   no text
 */
guint
kiku_count_reading_minutes (const KikuCount *count)
{
  const guint64 unit = (guint64)KIKU_WORDS_PER_MINUTE * KIKU_CJK_CHARS_PER_MINUTE;
  guint64 parts;

  g_return_val_if_fail (count != NULL, 0);

  /* In 1/unit minutes, to round up without floating point. */
  parts = (guint64)count->words * KIKU_CJK_CHARS_PER_MINUTE +
          (guint64)count->cjk * KIKU_WORDS_PER_MINUTE;

  return (guint)((parts + unit - 1) / unit);
}

static void
count_add (KikuCount       *to,
           const KikuCount *count,
           int              sign)
{
  to->characters += sign * (int)count->characters;
  to->words += sign * (int)count->words;
  to->cjk += sign * (int)count->cjk;
}

/* The fields a reader reads; not names, addresses, dates or settings. */
static gboolean
is_read (KikuNode   *node,
         const char *name)
{
  if (KIKU_IS_ARTICLE (node))
    return g_str_equal (name, "title") || g_str_equal (name, "subtitle") || g_str_equal (name, "intro");
  if (KIKU_IS_SECTION (node))
    return g_str_equal (name, "heading") || g_str_equal (name, "question") || g_str_equal (name, "answer");
  if (KIKU_IS_PARAGRAPH (node) || KIKU_IS_POINT (node) || KIKU_IS_COMMENT (node))
    return g_str_equal (name, "text");
  if (KIKU_IS_IMAGE (node))
    return g_str_equal (name, "caption");
  if (KIKU_IS_SOURCE (node))
    return g_str_equal (name, "title");

  return FALSE;
}

static KikuPage *
page_of (KikuNode *node)
{
  for (; node != NULL; node = kiku_node_get_parent (node))
    if (KIKU_IS_PAGE (node))
      return KIKU_PAGE (node);

  return NULL;
}

static void
node_counts_free (gpointer data)
{
  NodeCounts *counts = data;

  g_array_unref (counts->fields);
  g_free (counts);
}

static KikuCount *
page_total (KikuCounts *self,
            KikuPage   *page)
{
  KikuCount *count = g_hash_table_lookup (self->pages, page);

  if (count == NULL)
    {
      count = g_new0 (KikuCount, 1);
      g_hash_table_insert (self->pages, page, count);
    }

  return count;
}

/* Counts the field again; its old count leaves the totals, the new joins. */
static void
update_field (KikuCounts *self,
              KikuNode   *node,
              GParamSpec *pspec)
{
  NodeCounts *counts = g_hash_table_lookup (self->nodes, node);
  FieldCount *field = NULL;
  g_autofree char *text = NULL;
  KikuCount count;

  if (counts == NULL)
    {
      counts = g_new0 (NodeCounts, 1);
      counts->page = page_of (node);
      counts->fields = g_array_new (FALSE, TRUE, sizeof (FieldCount));
      g_hash_table_insert (self->nodes, node, counts);
    }

  for (guint i = 0; i < counts->fields->len; i++)
    if (g_array_index (counts->fields, FieldCount, i).pspec == pspec)
      field = &g_array_index (counts->fields, FieldCount, i);

  if (field == NULL)
    {
      FieldCount empty = { pspec, { 0, } };

      g_array_append_val (counts->fields, empty);
      field = &g_array_index (counts->fields, FieldCount, counts->fields->len - 1);
    }

  g_object_get (node, pspec->name, &text, NULL);
  kiku_count_text (text, &count);

  count_add (&self->total, &field->count, -1);
  count_add (&self->total, &count, 1);
  if (counts->page != NULL)
    {
      KikuCount *page = page_total (self, counts->page);

      count_add (page, &field->count, -1);
      count_add (page, &count, 1);
    }
  field->count = count;
}

static KikuWalk
count_node (KikuNode *node,
            guint     depth,
            gpointer  user_data)
{
  KikuCounts *self = user_data;
  guint n_properties;
  g_autofree GParamSpec **properties =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (node), &n_properties);

  for (guint i = 0; i < n_properties; i++)
    if (properties[i]->value_type == G_TYPE_STRING && is_read (node, properties[i]->name))
      update_field (self, node, properties[i]);

  return KIKU_WALK_CONTINUE;
}

static void
recount (KikuCounts *self)
{
  g_hash_table_remove_all (self->nodes);
  g_hash_table_remove_all (self->pages);
  self->total = (KikuCount) { 0, };
  kiku_node_walk (KIKU_NODE (self->article), count_node, self);
}

/* Counts again what is on @page (or, for %NULL, the article's own fields and
 * key points), and nothing else: a block added, moved or removed costs
 * its page, not the article.
 */
static void
recount_page (KikuCounts *self,
              KikuPage   *page)
{
  GHashTableIter iter;
  gpointer value;

  /* Forget what was counted there, the fields of removed items included. */
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      NodeCounts *counts = value;

      if (counts->page != page)
        continue;
      for (guint i = 0; i < counts->fields->len; i++)
        count_add (&self->total, &g_array_index (counts->fields, FieldCount, i).count, -1);
      g_hash_table_iter_remove (&iter);
    }

  if (page != NULL)
    {
      g_hash_table_remove (self->pages, page);
      kiku_node_walk (KIKU_NODE (page), count_node, self);
    }
  else
    {
      KikuList *points = kiku_article_get_key_points (self->article);

      count_node (KIKU_NODE (self->article), 0, self);
      for (guint i = 0; i < kiku_list_get_length (points); i++)
        kiku_node_walk (kiku_list_get (points, i), count_node, self);
    }
}

static void
on_article_changed (KikuArticle *article,
                    KikuNode    *node,
                    GParamSpec  *pspec,
                    KikuCounts  *self)
{
  if (pspec == NULL)
    return;

  if (g_type_is_a (pspec->value_type, KIKU_TYPE_LIST))
    {
      if (KIKU_IS_ARTICLE (node) && g_str_equal (pspec->name, "pages"))
        recount (self);
      else
        recount_page (self, page_of (node));
    }
  else if (pspec->value_type == G_TYPE_STRING && is_read (node, pspec->name))
    update_field (self, node, pspec);
  else
    return;

  g_signal_emit (self, signals [CHANGED], 0);
}

static void
kiku_counts_dispose (GObject *object)
{
  KikuCounts *self = (KikuCounts *)object;

  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, on_article_changed, self);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (kiku_counts_parent_class)->dispose (object);
}

static void
kiku_counts_finalize (GObject *object)
{
  KikuCounts *self = (KikuCounts *)object;

  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (kiku_counts_parent_class)->finalize (object);
}

static void
kiku_counts_class_init (KikuCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_counts_dispose;
  object_class->finalize = kiku_counts_finalize;

  /**
   * KikuCounts::changed:
   *
   * A count changed: emitted as the article does, so the work a listener
   * does on it belongs off the typing path (in an idle).
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
kiku_counts_init (KikuCounts *self)
{
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_counts_free);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * kiku_counts_new:
 *
 * Returns: (transfer full): the counts of @article, which follow its changes
 */
KikuCounts *
kiku_counts_new (KikuArticle *article)
{
  KikuCounts *self;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);

  self = g_object_new (KIKU_TYPE_COUNTS, NULL);
  self->article = g_object_ref (article);
  g_signal_connect (article, "changed", G_CALLBACK (on_article_changed), self);
  recount (self);

  return self;
}

KikuArticle *
kiku_counts_get_article (KikuCounts *self)
{
  g_return_val_if_fail (KIKU_IS_COUNTS (self), NULL);

  return self->article;
}

/**
 * kiku_counts_get_total:
 * @count: (out caller-allocates): the count of the whole article
 */
void
kiku_counts_get_total (KikuCounts *self,
                       KikuCount  *count)
{
  g_return_if_fail (KIKU_IS_COUNTS (self));
  g_return_if_fail (count != NULL);

  *count = self->total;
}

/**
 * kiku_counts_get_page:
 * @page: the position of the page
 * @count: (out caller-allocates): the count of that page; zero for none
 */
void
kiku_counts_get_page (KikuCounts *self,
                      guint       page,
                      KikuCount  *count)
{
  KikuList *pages;
  KikuCount *known = NULL;

  g_return_if_fail (KIKU_IS_COUNTS (self));
  g_return_if_fail (count != NULL);

  pages = kiku_article_get_pages (self->article);
  if (page < kiku_list_get_length (pages))
    known = g_hash_table_lookup (self->pages, kiku_list_get (pages, page));

  *count = known ? *known : (KikuCount) { 0, };
}
