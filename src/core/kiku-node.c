/* kiku-node.c: the base of every object in an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-node"

#include "config.h"

#include "kiku-article.h"
#include "kiku-core-private.h"

typedef struct
{
  guint64     id;
  KikuList   *list;   /* not owned: the list owns us */
  JsonObject *extra;  /* members of the file this version does not know */
} KikuNodePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KikuNode, kiku_node, G_TYPE_OBJECT)

static gsize last_id;

static GQuark
non_content_quark (void)
{
  static GQuark quark;

  if G_UNLIKELY (quark == 0)
    quark = g_quark_from_static_string ("kiku-non-content");

  return quark;
}

/* Every property change of a node is a change of the article it belongs to,
 * except for the few properties that describe where the article lives.
 */
static void
kiku_node_notify (GObject    *object,
                  GParamSpec *pspec)
{
  if (g_param_spec_get_qdata (pspec, non_content_quark ()) == NULL)
    _kiku_node_changed (KIKU_NODE (object), pspec->name);

  if (G_OBJECT_CLASS (kiku_node_parent_class)->notify)
    G_OBJECT_CLASS (kiku_node_parent_class)->notify (object, pspec);
}

static void
kiku_node_finalize (GObject *object)
{
  KikuNode *self = (KikuNode *)object;
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_clear_pointer (&priv->extra, json_object_unref);

  G_OBJECT_CLASS (kiku_node_parent_class)->finalize (object);
}

static void
kiku_node_class_init (KikuNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiku_node_finalize;
  object_class->notify = kiku_node_notify;
}

static void
kiku_node_init (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  priv->id = g_atomic_pointer_add (&last_id, 1) + 1;
}

void
_kiku_param_spec_set_non_content (GParamSpec *pspec)
{
  g_param_spec_set_qdata (pspec, non_content_quark (), GINT_TO_POINTER (TRUE));
}

void
_kiku_node_set_list (KikuNode *self,
                     KikuList *list)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_assert (KIKU_IS_NODE (self));
  g_assert (list == NULL || priv->list == NULL);

  priv->list = list;
}

void
_kiku_node_changed (KikuNode   *self,
                    const char *what)
{
  KikuArticle *article = kiku_node_get_article (self);

  if (article != NULL)
    _kiku_article_emit_changed (article, self, what);
}

/* Replaces *field with a copy of value and notifies, unless nothing changed.
 * An empty string and NULL are the same value. Returns whether it changed.
 */
gboolean
_kiku_node_set_string (KikuNode    *self,
                       char       **field,
                       const char  *value,
                       GParamSpec  *pspec)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);

  return TRUE;
}

JsonObject *
_kiku_node_get_extra (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  return priv->extra;
}

void
_kiku_node_set_extra (KikuNode   *self,
                      JsonObject *extra)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = extra;
}

/**
 * kiku_node_get_id:
 *
 * Returns: a number that names this node for as long as the process runs,
 *   never shared with another node
 */
guint64
kiku_node_get_id (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_NODE (self), 0);

  return priv->id;
}

/**
 * kiku_node_dup_dom_id:
 *
 * Returns: (transfer full): the id used for this node in rendered HTML
 */
char *
kiku_node_dup_dom_id (KikuNode *self)
{
  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  return g_strdup_printf ("k%" G_GUINT64_FORMAT, kiku_node_get_id (self));
}

/**
 * kiku_node_get_list:
 *
 * Returns: (transfer none) (nullable): the list holding this node
 */
KikuList *
kiku_node_get_list (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  return priv->list;
}

/**
 * kiku_node_get_parent:
 *
 * Returns: (transfer none) (nullable): the node whose list holds this one
 */
KikuNode *
kiku_node_get_parent (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  return priv->list != NULL ? kiku_list_get_owner (priv->list) : NULL;
}

/**
 * kiku_node_get_article:
 *
 * Returns: (transfer none) (nullable): the article this node is part of
 */
KikuArticle *
kiku_node_get_article (KikuNode *self)
{
  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  for (KikuNode *parent = kiku_node_get_parent (self);
       parent != NULL;
       parent = kiku_node_get_parent (self))
    self = parent;

  return KIKU_IS_ARTICLE (self) ? KIKU_ARTICLE (self) : NULL;
}

/**
 * kiku_node_dup_path:
 *
 * Returns: (transfer full): where the node sits in the article, in the
 *   form used by the file format, such as "pages[0].sections[2].blocks[1]";
 *   the empty string for the article itself
 */
char *
kiku_node_dup_path (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);
  g_autofree char *parent_path = NULL;
  KikuNode *owner;
  guint position = 0;

  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  if (priv->list == NULL || (owner = kiku_list_get_owner (priv->list)) == NULL)
    return g_strdup ("");

  kiku_list_find (priv->list, self, &position);
  parent_path = kiku_node_dup_path (owner);

  return g_strdup_printf ("%s%s%s[%u]",
                          parent_path,
                          parent_path[0] != '\0' ? "." : "",
                          kiku_list_get_name (priv->list),
                          position);
}
