/* kiku-list.c: an ordered list of nodes that reports its changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-list"

#include "config.h"

#include "kiku-core-private.h"

/* A GListModel of the nodes an article object owns: its pages, sections,
 * blocks or points. Every mutation goes through here so that each node knows
 * where it sits and the article hears of the change once, as a change of the
 * list's owner.
 */
struct _KikuList
{
  GObject    parent_instance;

  KikuNode  *owner;     /* not owned: the owner owns us */
  GParamSpec *pspec;    /* the owner's property that holds us */
  GType      item_type;
  GPtrArray *items;
};

static GType
kiku_list_get_item_type_vfunc (GListModel *model)
{
  return KIKU_LIST (model)->item_type;
}

static guint
kiku_list_get_n_items (GListModel *model)
{
  return KIKU_LIST (model)->items->len;
}

static gpointer
kiku_list_get_item (GListModel *model,
                    guint       position)
{
  KikuList *self = KIKU_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kiku_list_get_item_type_vfunc;
  iface->get_n_items = kiku_list_get_n_items;
  iface->get_item = kiku_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (KikuList, kiku_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
release_item (gpointer data)
{
  _kiku_node_set_list (data, NULL);
  g_object_unref (data);
}

static void
kiku_list_finalize (GObject *object)
{
  KikuList *self = (KikuList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (kiku_list_parent_class)->finalize (object);
}

static void
kiku_list_class_init (KikuListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiku_list_finalize;
}

static void
kiku_list_init (KikuList *self)
{
  self->items = g_ptr_array_new_with_free_func (release_item);
}

static void
kiku_list_changed (KikuList *self,
                   guint     position,
                   guint     removed,
                   guint     added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (self->owner != NULL)
    _kiku_node_changed (self->owner, self->pspec);
}

KikuList *
_kiku_list_new (KikuNode   *owner,
                GParamSpec *pspec,
                GType       item_type)
{
  KikuList *self;

  g_assert (KIKU_IS_NODE (owner));
  g_assert (g_type_is_a (item_type, KIKU_TYPE_NODE));
  g_assert (pspec->value_type == KIKU_TYPE_LIST);

  self = g_object_new (KIKU_TYPE_LIST, NULL);
  self->owner = owner;
  self->pspec = pspec;
  self->item_type = item_type;

  return self;
}

/* Called when the owner goes away while a widget may still hold the list. */
void
_kiku_list_disown (KikuList *self)
{
  g_assert (KIKU_IS_LIST (self));

  self->owner = NULL;
}

/**
 * kiku_list_get_owner:
 *
 * Returns: (transfer none) (nullable): the node this list belongs to
 */
KikuNode *
kiku_list_get_owner (KikuList *self)
{
  g_return_val_if_fail (KIKU_IS_LIST (self), NULL);

  return self->owner;
}

/**
 * kiku_list_get_name:
 *
 * Returns: the name of the owner's property that holds the list, such as
 *   "blocks" or "key-points": the name the article's #KikuArticle::changed
 *   gives for a change of it
 */
const char *
kiku_list_get_name (KikuList *self)
{
  g_return_val_if_fail (KIKU_IS_LIST (self), NULL);

  return self->pspec->name;
}

GType
kiku_list_get_item_type (KikuList *self)
{
  g_return_val_if_fail (KIKU_IS_LIST (self), G_TYPE_INVALID);

  return self->item_type;
}

guint
kiku_list_get_length (KikuList *self)
{
  g_return_val_if_fail (KIKU_IS_LIST (self), 0);

  return self->items->len;
}

/**
 * kiku_list_get:
 *
 * Returns: (transfer none) (nullable): the node at @position
 */
gpointer
kiku_list_get (KikuList *self,
               guint     position)
{
  g_return_val_if_fail (KIKU_IS_LIST (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * kiku_list_find:
 * @position: (out) (optional): where @item is
 *
 * Returns: whether @item is in the list
 */
gboolean
kiku_list_find (KikuList *self,
                KikuNode *item,
                guint    *position)
{
  g_return_val_if_fail (KIKU_IS_LIST (self), FALSE);

  return g_ptr_array_find (self->items, item, position);
}

/**
 * kiku_list_insert:
 * @item: (transfer none): a node of the list's item type, in no other list
 *
 * Inserts @item at @position, or at the end when @position is past it.
 */
void
kiku_list_insert (KikuList *self,
                  guint     position,
                  gpointer  item)
{
  g_return_if_fail (KIKU_IS_LIST (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));
  g_return_if_fail (kiku_node_get_list (item) == NULL);

  position = MIN (position, self->items->len);
  g_ptr_array_insert (self->items, position, g_object_ref (item));
  _kiku_node_set_list (item, self);

  kiku_list_changed (self, position, 0, 1);
}

void
kiku_list_append (KikuList *self,
                  gpointer  item)
{
  g_return_if_fail (KIKU_IS_LIST (self));

  kiku_list_insert (self, self->items->len, item);
}

/**
 * kiku_list_remove:
 *
 * Returns: (transfer full): the node that was at @position
 */
gpointer
kiku_list_remove (KikuList *self,
                  guint     position)
{
  KikuNode *item;

  g_return_val_if_fail (KIKU_IS_LIST (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  item = g_ptr_array_steal_index (self->items, position);
  _kiku_node_set_list (item, NULL);

  kiku_list_changed (self, position, 1, 0);

  return item;
}

/**
 * kiku_list_move:
 *
 * Moves the node at @from so that it ends up at @to.
 */
void
kiku_list_move (KikuList *self,
                guint     from,
                guint     to)
{
  gpointer item;

  g_return_if_fail (KIKU_IS_LIST (self));
  g_return_if_fail (from < self->items->len);
  g_return_if_fail (to < self->items->len);

  if (from == to)
    return;

  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);

  kiku_list_changed (self, MIN (from, to), ABS ((int)from - (int)to) + 1,
                     ABS ((int)from - (int)to) + 1);
}

void
kiku_list_clear (KikuList *self)
{
  guint n;

  g_return_if_fail (KIKU_IS_LIST (self));

  if ((n = self->items->len) == 0)
    return;

  g_ptr_array_set_size (self->items, 0);
  kiku_list_changed (self, 0, n, 0);
}

/* The items, each with a reference: what a list held at some moment. */
GPtrArray *
_kiku_list_dup_items (KikuList *self)
{
  GPtrArray *items = g_ptr_array_new_full (self->items->len, g_object_unref);

  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->items, i)));

  return items;
}

/* Puts back what a list held, as one change: for undo and redo. An item
 * that comes in must be in no list, or in this one.
 */
void
_kiku_list_set_items (KikuList  *self,
                      GPtrArray *items)
{
  g_autoptr(GPtrArray) old = self->items;
  guint old_length = old->len;

  self->items = g_ptr_array_new_full (items->len, release_item);

  /* Those that stay keep their place in this list; the others leave it. */
  for (guint i = 0; i < old->len; i++)
    {
      KikuNode *item = g_ptr_array_index (old, i);

      if (!g_ptr_array_find (items, item, NULL))
        _kiku_node_set_list (item, NULL);
    }
  g_ptr_array_set_free_func (old, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    {
      KikuNode *item = g_ptr_array_index (items, i);

      if (kiku_node_get_list (item) != self)
        _kiku_node_set_list (item, self);
      g_ptr_array_add (self->items, g_object_ref (item));
    }

  kiku_list_changed (self, 0, old_length, items->len);
}
