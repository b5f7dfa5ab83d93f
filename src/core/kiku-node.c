/* kiku-node.c: the base of every object in an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-node"

#include "config.h"

#include "kiku-article.h"
#include "kiku-core-private.h"

#include <string.h>

/* Every node keeps its text properties and its lists here, so that each
 * kind of node only declares them: one get_property and set_property serve
 * them all.
 */
typedef struct
{
  guint64     id;
  KikuList   *list;     /* not owned: the list owns us */
  JsonObject *extra;    /* members of the file this version does not know */
  char      **texts;    /* indexed by property id */
  guint       n_texts;
  GPtrArray  *lists;    /* the lists this node owns, in the order added */
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

/* Lists are named as in the file ("key_points"), properties with hyphens. */
static gboolean
same_name (const char *list_name,
           const char *property_name)
{
  for (; *list_name && *property_name; list_name++, property_name++)
    if (*list_name != *property_name && !(*list_name == '_' && *property_name == '-'))
      return FALSE;

  return *list_name == *property_name;
}

static KikuList *
find_list (KikuNode   *self,
           const char *property_name)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  for (guint i = 0; priv->lists != NULL && i < priv->lists->len; i++)
    if (same_name (kiku_list_get_name (g_ptr_array_index (priv->lists, i)), property_name))
      return g_ptr_array_index (priv->lists, i);

  return NULL;
}

static void
kiku_node_dispose (GObject *object)
{
  KikuNode *self = (KikuNode *)object;
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  /* A widget may still hold a list: it outlives us without an owner. */
  for (guint i = 0; priv->lists != NULL && i < priv->lists->len; i++)
    _kiku_list_disown (g_ptr_array_index (priv->lists, i));
  g_clear_pointer (&priv->lists, g_ptr_array_unref);

  G_OBJECT_CLASS (kiku_node_parent_class)->dispose (object);
}

static void
kiku_node_finalize (GObject *object)
{
  KikuNode *self = (KikuNode *)object;
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_clear_pointer (&priv->extra, json_object_unref);
  for (guint i = 0; i < priv->n_texts; i++)
    g_free (priv->texts[i]);
  g_free (priv->texts);

  G_OBJECT_CLASS (kiku_node_parent_class)->finalize (object);
}

static void
kiku_node_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KikuNode *self = KIKU_NODE (object);

  if (G_IS_PARAM_SPEC_STRING (pspec))
    g_value_set_string (value, _kiku_node_get_text (self, prop_id));
  else if (pspec->value_type == KIKU_TYPE_LIST)
    g_value_set_object (value, find_list (self, pspec->name));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kiku_node_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KikuNode *self = KIKU_NODE (object);

  if (G_IS_PARAM_SPEC_STRING (pspec))
    _kiku_node_set_text (self, prop_id, g_value_get_string (value), pspec);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kiku_node_class_init (KikuNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_node_dispose;
  object_class->finalize = kiku_node_finalize;
  object_class->get_property = kiku_node_get_property;
  object_class->set_property = kiku_node_set_property;
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

/* Declares text properties with consecutive ids from first_prop_id, one for
 * each name, into properties[]; the caller installs them. GObject gives each
 * class its own get_property and set_property: a class with none of its own
 * gets the node's, which serve its texts and lists.
 */
void
_kiku_node_class_add_texts (GObjectClass  *klass,
                            GParamSpec   **properties,
                            guint          first_prop_id,
                            const char    *first_name,
                            ...)
{
  guint prop_id = first_prop_id;
  va_list args;

  if (klass->get_property == NULL)
    klass->get_property = kiku_node_get_property;
  if (klass->set_property == NULL)
    klass->set_property = kiku_node_set_property;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    properties[prop_id++] =
      g_param_spec_string (name, NULL, NULL,
                           NULL,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  va_end (args);
}

/* A read-only property for a list a node owns, named as in the file. */
GParamSpec *
_kiku_list_param_spec (const char *name)
{
  return g_param_spec_object (name, NULL, NULL,
                              KIKU_TYPE_LIST,
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

/* Makes a list owned by the node; call it from the instance init. */
KikuList *
_kiku_node_add_list (KikuNode   *self,
                     const char *name,
                     GType       item_type)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);
  KikuList *list = _kiku_list_new (self, name, item_type);

  if (priv->lists == NULL)
    priv->lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (priv->lists, list);

  return list;
}

KikuList *
_kiku_node_get_list (KikuNode *self,
                     guint     index)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  g_assert (priv->lists != NULL && index < priv->lists->len);

  return g_ptr_array_index (priv->lists, index);
}

const char *
_kiku_node_get_text (KikuNode *self,
                     guint     prop_id)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  return prop_id < priv->n_texts ? priv->texts[prop_id] : NULL;
}

/* Stores a copy of value and notifies, unless nothing changed. An empty
 * string and NULL are the same value.
 */
void
_kiku_node_set_text (KikuNode   *self,
                     guint       prop_id,
                     const char *value,
                     GParamSpec *pspec)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (_kiku_node_get_text (self, prop_id), value) == 0)
    return;

  if (prop_id >= priv->n_texts)
    {
      priv->texts = g_renew (char *, priv->texts, prop_id + 1);
      memset (priv->texts + priv->n_texts, 0, (prop_id + 1 - priv->n_texts) * sizeof (char *));
      priv->n_texts = prop_id + 1;
    }

  g_free (priv->texts[prop_id]);
  priv->texts[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
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
