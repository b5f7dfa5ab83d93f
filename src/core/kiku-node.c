/* kiku-node.c: the base of every object in an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-node"

#include "config.h"

#include "kiku-article.h"
#include "kiku-core-private.h"
#include "kiku-page.h"

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
    _kiku_node_changed (KIKU_NODE (object), pspec);

  if (G_OBJECT_CLASS (kiku_node_parent_class)->notify)
    G_OBJECT_CLASS (kiku_node_parent_class)->notify (object, pspec);
}

/* Each list is known by the property that holds it. */
static KikuList *
find_list (KikuNode   *self,
           GParamSpec *pspec)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);

  for (guint i = 0; priv->lists != NULL && i < priv->lists->len; i++)
    if (g_str_equal (kiku_list_get_name (g_ptr_array_index (priv->lists, i)), pspec->name))
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
    g_value_set_object (value, find_list (self, pspec));
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
                    GParamSpec *pspec)
{
  KikuArticle *article = kiku_node_get_article (self);

  if (article != NULL)
    _kiku_article_emit_changed (article, self, pspec);
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

/* A read-only property for a list a node owns: the one name of the list,
 * which its changes carry; the file format names its key beside it.
 */
GParamSpec *
_kiku_list_param_spec (const char *name)
{
  return g_param_spec_object (name, NULL, NULL,
                              KIKU_TYPE_LIST,
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

/* Makes the list held by the property @pspec, owned by the node; call it
 * from the instance init, in the order of the file.
 */
KikuList *
_kiku_node_add_list (KikuNode   *self,
                     GParamSpec *pspec,
                     GType       item_type)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);
  KikuList *list = _kiku_list_new (self, pspec, item_type);

  if (priv->lists == NULL)
    priv->lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (priv->lists, list);

  return list;
}

KikuList *
_kiku_node_get_list (KikuNode   *self,
                     GParamSpec *pspec)
{
  KikuList *list = find_list (self, pspec);

  g_assert (list != NULL);

  return list;
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
 * @property: (nullable): one property of the node, for the element that
 *   shows only it, such as the article's "title"
 *
 * The inverse is kiku_node_find_dom_id().
 *
 * Returns: (transfer full): the id of the node's element in rendered HTML,
 *   its data-kiku-id: "k" and the node's id, and "." and @property if given
 *   ("k12", "k1.title")
 */
char *
kiku_node_dup_dom_id (KikuNode   *self,
                      const char *property)
{
  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  if (property != NULL)
    return g_strdup_printf ("k%" G_GUINT64_FORMAT ".%s", kiku_node_get_id (self), property);

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
                          _kiku_format_key (owner, kiku_list_get_name (priv->list)),
                          position);
}

/**
 * kiku_node_find_page:
 * @position: (out) (optional): the page's position among the article's pages
 *
 * Finds the page of the article the node is on: the node itself if it is a
 * page, else the page above it.
 *
 * Returns: whether the node is on a page of an article; %FALSE for the
 *   article, its key points, and nodes outside any article
 */
gboolean
kiku_node_find_page (KikuNode *self,
                     guint    *position)
{
  g_return_val_if_fail (KIKU_IS_NODE (self), FALSE);

  for (KikuNode *node = self; node != NULL; node = kiku_node_get_parent (node))
    {
      if (KIKU_IS_PAGE (node))
        {
          KikuNode *parent = kiku_node_get_parent (node);

          return parent != NULL && KIKU_IS_ARTICLE (parent) &&
                 kiku_list_find (kiku_node_get_list (node), node, position);
        }
    }

  return FALSE;
}

/**
 * kiku_node_move_by:
 * @delta: how many places to move: down the list if positive, up if not
 *
 * Moves the node within the list that holds it. A move past either end of
 * the list does nothing.
 *
 * Returns: whether the node moved
 */
gboolean
kiku_node_move_by (KikuNode *self,
                   int       delta)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);
  guint position;
  gint64 target;

  g_return_val_if_fail (KIKU_IS_NODE (self), FALSE);

  if (delta == 0 || priv->list == NULL || !kiku_list_find (priv->list, self, &position))
    return FALSE;

  target = (gint64)position + delta;
  if (target < 0 || target >= kiku_list_get_length (priv->list))
    return FALSE;

  kiku_list_move (priv->list, position, (guint)target);

  return TRUE;
}

/**
 * kiku_node_insert_beside:
 * @sibling: a node in no list, of the kind the list holds
 * @after: whether @sibling goes after the node rather than before it
 *
 * Puts @sibling into the list holding the node, next to it.
 *
 * Returns: whether the node is in a list, so that @sibling was inserted
 */
gboolean
kiku_node_insert_beside (KikuNode *self,
                         KikuNode *sibling,
                         gboolean  after)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);
  guint position;

  g_return_val_if_fail (KIKU_IS_NODE (self), FALSE);
  g_return_val_if_fail (KIKU_IS_NODE (sibling), FALSE);

  if (priv->list == NULL || !kiku_list_find (priv->list, self, &position))
    return FALSE;

  kiku_list_insert (priv->list, position + (after ? 1 : 0), sibling);

  return TRUE;
}

/**
 * kiku_node_remove:
 *
 * Takes the node out of the list holding it (an undoable step where the
 * list belongs to an article with a history).
 *
 * Returns: whether the node was in a list
 */
gboolean
kiku_node_remove (KikuNode *self)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (self);
  g_autoptr(KikuNode) removed = NULL;
  guint position;

  g_return_val_if_fail (KIKU_IS_NODE (self), FALSE);

  if (priv->list == NULL || !kiku_list_find (priv->list, self, &position))
    return FALSE;

  removed = kiku_list_remove (priv->list, position);

  return TRUE;
}

static gboolean
walk (KikuNode     *node,
      guint         depth,
      KikuNodeFunc  func,
      gpointer      user_data,
      KikuNode    **stopped_at)
{
  KikuNodePrivate *priv = kiku_node_get_instance_private (node);

  switch (func (node, depth, user_data))
    {
    case KIKU_WALK_STOP:
      *stopped_at = node;
      return FALSE;

    case KIKU_WALK_SKIP:
      return TRUE;

    case KIKU_WALK_CONTINUE:
    default:
      break;
    }

  for (guint i = 0; priv->lists != NULL && i < priv->lists->len; i++)
    {
      KikuList *list = g_ptr_array_index (priv->lists, i);

      for (guint j = 0; j < kiku_list_get_length (list); j++)
        if (!walk (kiku_list_get (list, j), depth + 1, func, user_data, stopped_at))
          return FALSE;
    }

  return TRUE;
}

/**
 * kiku_node_walk:
 * @func: (scope call): called for each node
 *
 * Calls @func for the node and every node below it, each before what its
 * lists hold, in the order of the file: the article's key points before its
 * pages, a page's sections in order, and so on.
 *
 * Returns: (transfer none) (nullable): the node at which @func stopped the
 *   walk, or %NULL when it went through
 */
KikuNode *
kiku_node_walk (KikuNode     *self,
                KikuNodeFunc  func,
                gpointer      user_data)
{
  KikuNode *stopped_at = NULL;

  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  walk (self, 0, func, user_data, &stopped_at);

  return stopped_at;
}

static KikuWalk
has_id (KikuNode *node,
        guint     depth,
        gpointer  user_data)
{
  return kiku_node_get_id (node) == *(guint64 *)user_data ? KIKU_WALK_STOP : KIKU_WALK_CONTINUE;
}

/**
 * kiku_node_find:
 * @id: a node's id, as kiku_node_get_id() gives it
 *
 * Returns: (transfer none) (nullable): the node with @id, the node itself
 *   or one below it
 */
KikuNode *
kiku_node_find (KikuNode *self,
                guint64   id)
{
  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  return kiku_node_walk (self, has_id, &id);
}

/**
 * kiku_node_find_dom_id:
 * @dom_id: an id made by kiku_node_dup_dom_id()
 * @property: (out) (optional) (nullable) (transfer full): the property the
 *   id names, or %NULL when it names the whole node
 *
 * Returns: (transfer none) (nullable): the node, itself or one below it,
 *   whose element has @dom_id
 */
KikuNode *
kiku_node_find_dom_id (KikuNode    *self,
                       const char  *dom_id,
                       char       **property)
{
  const char *end = NULL;
  guint64 id;
  KikuNode *found;

  g_return_val_if_fail (KIKU_IS_NODE (self), NULL);

  if (property != NULL)
    *property = NULL;

  if (dom_id == NULL || dom_id[0] != 'k' || !g_ascii_isdigit (dom_id[1]))
    return NULL;

  id = g_ascii_strtoull (dom_id + 1, (char **)&end, 10);
  if (*end != '\0' && (*end != '.' || end[1] == '\0'))
    return NULL;

  if ((found = kiku_node_find (self, id)) != NULL && property != NULL && *end == '.')
    *property = g_strdup (end + 1);

  return found;
}
