/* kiku-article.c: an article, the root of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-article"

#include "config.h"

#include "kiku-article.h"
#include "kiku-core-private.h"
#include "kiku-page.h"
#include "kiku-point.h"
#include "kiku-publish-record.h"
#include "kiku-section.h"

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SUMMARY,
  PROP_INTRO,
  PROP_AUTHOR,
  PROP_SLUG,
  PROP_LANGUAGE,
  PROP_PUBLISHED,
  PROP_UPDATED,
  PROP_KEYWORDS,
  PROP_KEY_POINTS,
  PROP_PAGES,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED,
  PUBLISH_RECORD_CHANGED,
  N_SIGNALS
};

/* Its text properties and lists live in KikuNode. */
struct _KikuArticle
{
  KikuNode   parent_instance;

  char     **keywords;
  GFile     *file;
  GPtrArray *publish_records;   /* KikuPublishRecord, in the file's order */
  /* The history recording its changes, so that an edit made in the core
   * (a source box filled from its page) can be one step in it. */
  GWeakRef   history;
};

G_DEFINE_FINAL_TYPE (KikuArticle, kiku_article, KIKU_TYPE_NODE)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
kiku_article_dispose (GObject *object)
{
  KikuArticle *self = (KikuArticle *)object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (kiku_article_parent_class)->dispose (object);
}

static void
kiku_article_finalize (GObject *object)
{
  KikuArticle *self = (KikuArticle *)object;

  g_clear_pointer (&self->keywords, g_strfreev);
  g_clear_pointer (&self->publish_records, g_ptr_array_unref);
  g_weak_ref_clear (&self->history);

  G_OBJECT_CLASS (kiku_article_parent_class)->finalize (object);
}

static void
kiku_article_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KikuArticle *self = KIKU_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_KEYWORDS:
      g_value_set_boxed (value, self->keywords);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      /* The texts and the lists. */
      G_OBJECT_CLASS (kiku_article_parent_class)->get_property (object, prop_id, value, pspec);
    }
}

static void
kiku_article_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KikuArticle *self = KIKU_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_KEYWORDS:
      kiku_article_set_keywords (self, g_value_get_boxed (value));
      break;

    case PROP_FILE:
      kiku_article_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_CLASS (kiku_article_parent_class)->set_property (object, prop_id, value, pspec);
    }
}

static void
kiku_article_class_init (KikuArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_article_dispose;
  object_class->finalize = kiku_article_finalize;
  object_class->get_property = kiku_article_get_property;
  object_class->set_property = kiku_article_set_property;

  /*
   * title: the headline
   * subtitle: the deck line after the headline
   * summary: the lead paragraph, as CommonMark
   * intro: the sentence that leads from the key points into the sections
   * author: who wrote the article
   * slug: the last part of the article's address on the site
   * language: a BCP 47 tag; it picks the theme's fixed labels
   * published, updated: ISO 8601 dates, or dates and times
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_TITLE,
                              "title", "subtitle", "summary", "intro", "author", "slug",
                              "language", "published", "updated",
                              NULL);

  properties [PROP_KEYWORDS] =
    g_param_spec_boxed ("keywords", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The summary bullets, a list of KikuPoint, and the pages, of KikuPage. */
  properties [PROP_KEY_POINTS] = _kiku_list_param_spec ("key-points");
  properties [PROP_PAGES] = _kiku_list_param_spec ("pages");

  /* Where the article is saved; relative image paths start from its folder.
   * Not part of the content, so its changes are not article changes.
   */
  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  _kiku_param_spec_set_non_content (properties [PROP_FILE]);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KikuArticle::changed:
   * @node: the object that changed: the article or any node within it
   * @pspec: (nullable): the property of @node that changed, or %NULL when
   *   what changed is kept with the article but is no edit of it (the
   *   images the user picked, what was published where)
   *
   * Emitted after any change to the content of the article, once for each
   * change, naming the innermost object that changed. Adding, removing or
   * moving an item of a list is a change of the list's owner, with @pspec
   * the property that holds the list ("blocks", "key-points", ...).
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  2,
                  KIKU_TYPE_NODE,
                  G_TYPE_PARAM);

  /**
   * KikuArticle::publish-record-changed:
   * @site: the name of the site
   *
   * The article has a new record of what is on @site. It is kept with the
   * article and saved in its file, but it is no edit: #KikuArticle::changed
   * is not emitted for it.
   */
  signals [PUBLISH_RECORD_CHANGED] =
    g_signal_new ("publish-record-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  1,
                  G_TYPE_STRING);
}

static void
kiku_article_init (KikuArticle *self)
{
  _kiku_node_add_list (KIKU_NODE (self), properties [PROP_KEY_POINTS], KIKU_TYPE_POINT);
  _kiku_node_add_list (KIKU_NODE (self), properties [PROP_PAGES], KIKU_TYPE_PAGE);
  self->publish_records = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_publish_record_unref);
  g_weak_ref_init (&self->history, NULL);
}

void
_kiku_article_set_history (KikuArticle *self,
                           KikuHistory *history)
{
  g_weak_ref_set (&self->history, history);
}

/* (transfer full) (nullable) */
KikuHistory *
_kiku_article_dup_history (KikuArticle *self)
{
  return g_weak_ref_get (&self->history);
}

/* The article's publish records (kiku-publish-record.c), by site. */
GPtrArray *
_kiku_article_get_publish_records (KikuArticle *self)
{
  return self->publish_records;
}

void
_kiku_article_emit_publish_record_changed (KikuArticle *self,
                                           const char  *site)
{
  g_signal_emit (self, signals [PUBLISH_RECORD_CHANGED], 0, site);
}

void
_kiku_article_emit_changed (KikuArticle *self,
                            KikuNode    *node,
                            GParamSpec  *pspec)
{
  g_signal_emit (self, signals [CHANGED], 0, node, pspec);
}

/**
 * kiku_article_new:
 *
 * Returns: (transfer full): an empty article, with no pages
 */
KikuArticle *
kiku_article_new (void)
{
  return g_object_new (KIKU_TYPE_ARTICLE, NULL);
}

/**
 * kiku_article_new_draft:
 *
 * Returns: (transfer full): an empty article with what a user starts from:
 *   one page holding one section
 */
KikuArticle *
kiku_article_new_draft (void)
{
  KikuArticle *self = kiku_article_new ();
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();

  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_list_append (kiku_article_get_pages (self), page);

  return self;
}

KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, title, PROP_TITLE)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, subtitle, PROP_SUBTITLE)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, summary, PROP_SUMMARY)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, intro, PROP_INTRO)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, author, PROP_AUTHOR)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, slug, PROP_SLUG)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, language, PROP_LANGUAGE)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, published, PROP_PUBLISHED)
KIKU_DEFINE_TEXT_ACCESSORS (KikuArticle, kiku_article, KIKU_IS_ARTICLE, updated, PROP_UPDATED)

/**
 * kiku_article_get_keywords:
 *
 * Returns: (transfer none) (nullable): the keywords, used as the post's tags
 */
const char * const *
kiku_article_get_keywords (KikuArticle *self)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (self), NULL);

  return (const char * const *)self->keywords;
}

void
kiku_article_set_keywords (KikuArticle        *self,
                           const char * const *keywords)
{
  g_return_if_fail (KIKU_IS_ARTICLE (self));

  if (keywords != NULL && keywords[0] == NULL)
    keywords = NULL;

  if (self->keywords == NULL && keywords == NULL)
    return;

  if (self->keywords != NULL && keywords != NULL &&
      g_strv_equal ((const char * const *)self->keywords, keywords))
    return;

  g_strfreev (self->keywords);
  self->keywords = g_strdupv ((char **)keywords);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEYWORDS]);
}

/**
 * kiku_article_get_key_points:
 *
 * Returns: (transfer none): the summary bullets, a list of KikuPoint
 */
KikuList *
kiku_article_get_key_points (KikuArticle *self)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (self), NULL);

  return _kiku_node_get_list (KIKU_NODE (self), properties [PROP_KEY_POINTS]);
}

/**
 * kiku_article_get_pages:
 *
 * Returns: (transfer none): the pages, a list of KikuPage
 */
KikuList *
kiku_article_get_pages (KikuArticle *self)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (self), NULL);

  return _kiku_node_get_list (KIKU_NODE (self), properties [PROP_PAGES]);
}

/**
 * kiku_article_get_file:
 *
 * Returns: (transfer none) (nullable): where the article is saved
 */
GFile *
kiku_article_get_file (KikuArticle *self)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (self), NULL);

  return self->file;
}

void
kiku_article_set_file (KikuArticle *self,
                       GFile       *file)
{
  g_return_if_fail (KIKU_IS_ARTICLE (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (self->file == file || (self->file && file && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

/**
 * kiku_article_resolve_path:
 * @path: an image reference as stored in the article
 *
 * Finds the file an image reference names: a relative path starts from the
 * folder of the article's file.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL when @path is a URL,
 *   or relative while the article has no file yet
 */
GFile *
kiku_article_resolve_path (KikuArticle *self,
                           const char  *path)
{
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (KIKU_IS_ARTICLE (self), NULL);

  if (path == NULL || path[0] == '\0')
    return NULL;

  if (g_path_is_absolute (path))
    return g_file_new_for_path (path);

  if (g_uri_peek_scheme (path) != NULL)
    return NULL;

  if (self->file == NULL || (dir = g_file_get_parent (self->file)) == NULL)
    return NULL;

  return g_file_resolve_relative_path (dir, path);
}
