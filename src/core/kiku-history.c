/* kiku-history.c: undo and redo of every change to an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-history"

#include "config.h"

#include <string.h>

#include "kiku-core-private.h"
#include "kiku-history.h"

/* The history watches the article rather than being told of edits: a
 * change made by a widget, a binding, an import or a script is recorded all
 * the same. It keeps what every property and list held, so that when the
 * article reports a change it knows the value before it.
 *
 * A step is one or more changes undone together: a word typed, a block
 * moved, a block converted. Typing into one field merges into one step
 * until a space or punctuation ends the word, the user pauses, or another
 * field is edited.
 */

#define MERGE_PAUSE_USEC (1500 * G_TIME_SPAN_MILLISECOND)

typedef enum
{
  CHANGE_VALUE,
  CHANGE_LIST,
} ChangeKind;

typedef struct
{
  ChangeKind  kind;
  GObject    *object;     /* the node, or the list */
  GParamSpec *pspec;      /* for a value */
  GValue      before;
  GValue      after;
  GPtrArray  *items_before;
  GPtrArray  *items_after;
} Change;

typedef struct
{
  GPtrArray *changes;     /* of Change, in the order they happened */
  gint64     time;
  gboolean   open;        /* typing may still merge into it */
  int        direction;   /* of the typing: 1 inserts, -1 deletes */
} Step;

struct _KikuHistory
{
  GObject      parent_instance;

  KikuArticle *article;

  /* What each node's properties and each list hold now. */
  GHashTable  *values;    /* "pointer:property" → GValue */
  GHashTable  *lists;     /* KikuList → GPtrArray of items */

  GPtrArray   *undo;      /* of Step */
  GPtrArray   *redo;
  Step        *group;     /* being gathered between begin and end */
  guint        group_depth;
  gboolean     applying;

  /* Where in the undo stack the file was saved; -1 when out of reach. */
  gint         saved_depth;
};

G_DEFINE_FINAL_TYPE (KikuHistory, kiku_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->object);
  if (G_IS_VALUE (&change->before))
    g_value_unset (&change->before);
  if (G_IS_VALUE (&change->after))
    g_value_unset (&change->after);
  g_clear_pointer (&change->items_before, g_ptr_array_unref);
  g_clear_pointer (&change->items_after, g_ptr_array_unref);
  g_free (change);
}

static Step *
step_new (void)
{
  Step *step = g_new0 (Step, 1);

  step->changes = g_ptr_array_new_with_free_func (change_free);
  step->time = g_get_monotonic_time ();

  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->changes);
  g_free (step);
}

static void
value_free (gpointer data)
{
  GValue *value = data;

  g_value_unset (value);
  g_free (value);
}

static char *
value_key (GObject    *object,
           const char *property)
{
  return g_strdup_printf ("%p:%s", object, property);
}

static gboolean
is_recorded (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_WRITABLE) != 0 &&
         (pspec->value_type == G_TYPE_STRING || pspec->value_type == G_TYPE_STRV) &&
         pspec->owner_type != G_TYPE_OBJECT;
}

/* Remembers what one node holds now: its values and its lists. */
static KikuWalk
snapshot_node (KikuNode *node,
               guint     depth,
               gpointer  user_data)
{
  KikuHistory *self = user_data;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (node), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      if (is_recorded (pspecs[i]))
        {
          GValue *value = g_new0 (GValue, 1);

          g_value_init (value, pspecs[i]->value_type);
          g_object_get_property (G_OBJECT (node), pspecs[i]->name, value);
          g_hash_table_insert (self->values, value_key (G_OBJECT (node), pspecs[i]->name), value);
        }
      else if (pspecs[i]->value_type == KIKU_TYPE_LIST)
        {
          g_autoptr(KikuList) list = NULL;

          g_object_get (node, pspecs[i]->name, &list, NULL);
          g_hash_table_insert (self->lists, g_object_ref (list), _kiku_list_dup_items (list));
        }
    }

  return KIKU_WALK_CONTINUE;
}

/* Remembers what @node and everything under it hold now. */
static void
snapshot (KikuHistory *self,
          KikuNode    *node)
{
  kiku_node_walk (node, snapshot_node, self);
}

static void
notify_state (KikuHistory *self,
              gboolean     could_undo,
              gboolean     could_redo,
              gboolean     was_modified)
{
  if (could_undo != kiku_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_UNDO]);
  if (could_redo != kiku_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_REDO]);
  if (was_modified != kiku_history_is_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
}

/* Where a typed change ends a word: after it, a new step starts. */
static gboolean
ends_word (const char *before,
           const char *after)
{
  gsize before_length = before ? strlen (before) : 0;
  gsize after_length = after ? strlen (after) : 0;
  gunichar last;
  const char *inserted_end;
  gsize prefix = 0;

  if (after_length <= before_length)
    return FALSE;

  while (prefix < before_length && before[prefix] == after[prefix])
    prefix++;

  /* The last character of what was inserted. */
  inserted_end = after + prefix + (after_length - before_length);
  last = g_utf8_get_char (g_utf8_find_prev_char (after, inserted_end));

  return g_unichar_isspace (last) || g_unichar_ispunct (last);
}

static int
typing_direction (const GValue *before,
                  const GValue *after)
{
  gsize before_length = g_value_get_string (before) ? strlen (g_value_get_string (before)) : 0;
  gsize after_length = g_value_get_string (after) ? strlen (g_value_get_string (after)) : 0;

  return after_length > before_length ? 1 : after_length < before_length ? -1 : 0;
}

/* Typing merges into the last step when it is still open and edits the
 * same field the same way (typing, or deleting), without a pause.
 */
static gboolean
merge_typing (KikuHistory *self,
              GObject     *object,
              GParamSpec  *pspec,
              const GValue *after)
{
  Step *last;
  Change *change;

  if (self->group_depth > 0 || self->undo->len == 0 || pspec->value_type != G_TYPE_STRING)
    return FALSE;

  /* The saved article is where it is: typing after it is a new step. */
  if (self->saved_depth == (gint)self->undo->len)
    return FALSE;

  last = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (!last->open || last->changes->len != 1 ||
      g_get_monotonic_time () - last->time > MERGE_PAUSE_USEC)
    return FALSE;

  change = g_ptr_array_index (last->changes, 0);
  if (change->kind != CHANGE_VALUE || change->object != object || change->pspec != pspec ||
      typing_direction (&change->after, after) != last->direction)
    return FALSE;

  g_value_copy (after, &change->after);
  last->time = g_get_monotonic_time ();
  if (ends_word (g_value_get_string (&change->before), g_value_get_string (after)))
    last->open = FALSE;

  return TRUE;
}

static void
record (KikuHistory *self,
        Change      *change)
{
  gboolean could_undo = kiku_history_can_undo (self);
  gboolean could_redo = kiku_history_can_redo (self);
  gboolean was_modified = kiku_history_is_modified (self);
  Step *step;

  /* A new change forgets what could be redone. */
  if (self->redo->len > 0)
    {
      if (self->saved_depth > (gint)self->undo->len)
        self->saved_depth = -1;
      g_ptr_array_set_size (self->redo, 0);
    }

  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->changes, change);
    }
  else
    {
      step = step_new ();
      g_ptr_array_add (step->changes, change);
      if (change->kind == CHANGE_VALUE && change->pspec->value_type == G_TYPE_STRING)
        {
          step->direction = typing_direction (&change->before, &change->after);
          step->open = step->direction != 0 &&
                       !ends_word (g_value_get_string (&change->before), g_value_get_string (&change->after));
        }
      g_ptr_array_add (self->undo, step);
    }

  notify_state (self, could_undo, could_redo, was_modified);
}

static void
on_changed (KikuHistory *self,
            KikuNode    *node,
            GParamSpec  *pspec,
            KikuArticle *article)
{
  Change *change;

  /* What the article keeps of its publishing and of the images picked:
   * no edit to undo.
   */
  if (pspec == NULL)
    return;

  if (pspec->value_type == KIKU_TYPE_LIST)
    {
      g_autoptr(KikuList) list = NULL;
      GPtrArray *before;

      g_object_get (node, pspec->name, &list, NULL);
      before = g_hash_table_lookup (self->lists, list);
      g_return_if_fail (before != NULL);

      change = g_new0 (Change, 1);
      change->kind = CHANGE_LIST;
      change->object = g_object_ref (G_OBJECT (list));
      change->items_before = g_ptr_array_ref (before);
      change->items_after = _kiku_list_dup_items (list);

      /* New items, and what is inside them, are known from now on. */
      for (guint i = 0; i < change->items_after->len; i++)
        if (!g_ptr_array_find (before, g_ptr_array_index (change->items_after, i), NULL))
          snapshot (self, g_ptr_array_index (change->items_after, i));

      g_hash_table_insert (self->lists, g_object_ref (list), g_ptr_array_ref (change->items_after));
    }
  else if (is_recorded (pspec))
    {
      g_autofree char *key = value_key (G_OBJECT (node), pspec->name);
      GValue *before = g_hash_table_lookup (self->values, key);
      GValue *now = g_new0 (GValue, 1);

      g_value_init (now, pspec->value_type);
      g_object_get_property (G_OBJECT (node), pspec->name, now);

      if (!self->applying && merge_typing (self, G_OBJECT (node), pspec, now))
        {
          g_hash_table_insert (self->values, g_steal_pointer (&key), now);
          return;
        }

      change = g_new0 (Change, 1);
      change->kind = CHANGE_VALUE;
      change->object = g_object_ref (G_OBJECT (node));
      change->pspec = pspec;
      g_value_init (&change->before, pspec->value_type);
      if (before != NULL)
        g_value_copy (before, &change->before);
      g_value_init (&change->after, pspec->value_type);
      g_value_copy (now, &change->after);

      g_hash_table_insert (self->values, g_steal_pointer (&key), now);
    }
  else
    {
      return;
    }

  if (self->applying)
    change_free (change);
  else
    record (self, change);
}

static void
apply (KikuHistory *self,
       Step        *step,
       gboolean     undo)
{
  self->applying = TRUE;

  for (guint n = 0; n < step->changes->len; n++)
    {
      Change *change = g_ptr_array_index (step->changes, undo ? step->changes->len - 1 - n : n);

      if (change->kind == CHANGE_VALUE)
        g_object_set_property (change->object, change->pspec->name,
                               undo ? &change->before : &change->after);
      else
        _kiku_list_set_items (KIKU_LIST (change->object),
                              undo ? change->items_before : change->items_after);
    }

  self->applying = FALSE;
}

static void
kiku_history_dispose (GObject *object)
{
  KikuHistory *self = (KikuHistory *)object;

  if (self->article != NULL)
    g_signal_handlers_disconnect_by_data (self->article, self);
  g_clear_object (&self->article);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->group, step_free);

  G_OBJECT_CLASS (kiku_history_parent_class)->dispose (object);
}

static void
kiku_history_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KikuHistory *self = KIKU_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kiku_history_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, kiku_history_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, kiku_history_is_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_history_class_init (KikuHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_history_dispose;
  object_class->get_property = kiku_history_get_property;

  properties [PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the article differs from what was last saved. */
  properties [PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_history_init (KikuHistory *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  self->lists = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify)g_ptr_array_unref);
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
}

/**
 * kiku_history_new:
 *
 * Returns: (transfer full): a history that records every change to
 *   @article from now on; the article as it is now counts as saved
 */
KikuHistory *
kiku_history_new (KikuArticle *article)
{
  KikuHistory *self;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);

  self = g_object_new (KIKU_TYPE_HISTORY, NULL);
  self->article = g_object_ref (article);
  snapshot (self, KIKU_NODE (article));
  g_signal_connect_object (article, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  _kiku_article_set_history (article, self);

  return self;
}

KikuArticle *
kiku_history_get_article (KikuHistory *self)
{
  g_return_val_if_fail (KIKU_IS_HISTORY (self), NULL);

  return self->article;
}

gboolean
kiku_history_can_undo (KikuHistory *self)
{
  g_return_val_if_fail (KIKU_IS_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
kiku_history_can_redo (KikuHistory *self)
{
  g_return_val_if_fail (KIKU_IS_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

static void
move_step (KikuHistory *self,
           GPtrArray   *from,
           GPtrArray   *to,
           gboolean     undo)
{
  gboolean could_undo = kiku_history_can_undo (self);
  gboolean could_redo = kiku_history_can_redo (self);
  gboolean was_modified = kiku_history_is_modified (self);
  Step *step;

  if (from->len == 0)
    return;

  step = g_ptr_array_steal_index (from, from->len - 1);
  step->open = FALSE;
  apply (self, step, undo);
  g_ptr_array_add (to, step);

  notify_state (self, could_undo, could_redo, was_modified);
}

/**
 * kiku_history_undo:
 *
 * Takes back the last step: a word typed, a block moved, ...
 */
void
kiku_history_undo (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));
  g_return_if_fail (self->group_depth == 0);

  move_step (self, self->undo, self->redo, TRUE);
}

void
kiku_history_redo (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));
  g_return_if_fail (self->group_depth == 0);

  move_step (self, self->redo, self->undo, FALSE);
}

/**
 * kiku_history_begin_group:
 *
 * The changes until the matching kiku_history_end_group() are one step.
 * Groups nest.
 */
void
kiku_history_begin_group (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));

  if (self->group_depth++ == 0)
    self->group = step_new ();
}

void
kiku_history_end_group (KikuHistory *self)
{
  gboolean could_undo, could_redo, was_modified;
  Step *group;

  g_return_if_fail (KIKU_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->changes->len == 0)
    {
      step_free (group);
      return;
    }

  could_undo = kiku_history_can_undo (self);
  could_redo = kiku_history_can_redo (self);
  was_modified = kiku_history_is_modified (self);
  g_ptr_array_add (self->undo, group);
  notify_state (self, could_undo, could_redo, was_modified);
}

/**
 * kiku_history_break:
 *
 * Ends the word being typed: the next change starts a new step. Call it
 * when the focus moves to another field.
 */
void
kiku_history_break (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));

  if (self->undo->len > 0)
    ((Step *)g_ptr_array_index (self->undo, self->undo->len - 1))->open = FALSE;
}

/**
 * kiku_history_begin_unrecorded:
 *
 * The changes until kiku_history_end_unrecorded() are not steps anyone
 * would undo, such as image paths rewritten when the file moves: they are
 * taken as they are.
 */
void
kiku_history_begin_unrecorded (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));
  g_return_if_fail (!self->applying);

  self->applying = TRUE;
}

void
kiku_history_end_unrecorded (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));

  self->applying = FALSE;
}

/**
 * kiku_history_mark_saved:
 *
 * The article as it is now is what its file holds.
 */
void
kiku_history_mark_saved (KikuHistory *self)
{
  g_return_if_fail (KIKU_IS_HISTORY (self));

  kiku_history_mark_saved_at (self, kiku_history_get_position (self));
}

/**
 * kiku_history_get_position:
 *
 * Ends the word being typed and names the article as it is now, for
 * kiku_history_mark_saved_at() once a save that started now is done.
 */
guint
kiku_history_get_position (KikuHistory *self)
{
  g_return_val_if_fail (KIKU_IS_HISTORY (self), 0);

  kiku_history_break (self);

  return self->undo->len;
}

void
kiku_history_mark_saved_at (KikuHistory *self,
                            guint        position)
{
  gboolean was_modified;

  g_return_if_fail (KIKU_IS_HISTORY (self));

  was_modified = kiku_history_is_modified (self);
  self->saved_depth = position <= self->undo->len + self->redo->len ? (gint)position : -1;

  if (was_modified != kiku_history_is_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
}

gboolean
kiku_history_is_modified (KikuHistory *self)
{
  g_return_val_if_fail (KIKU_IS_HISTORY (self), FALSE);

  return self->saved_depth != (gint)self->undo->len;
}

/**
 * kiku_history_move_item:
 * @self: (nullable): the history of the article the lists are in, or %NULL
 *   when no one records it
 * @to_position: where the item ends up in @to; past the end, the end
 *
 * Moves an item to another place, in the same list or into another one,
 * as one step of the history: one undo puts it back.
 */
void
kiku_history_move_item (KikuHistory *self,
                        KikuList    *from,
                        guint        from_position,
                        KikuList    *to,
                        guint        to_position)
{
  g_autoptr(KikuNode) item = NULL;

  g_return_if_fail (self == NULL || KIKU_IS_HISTORY (self));
  g_return_if_fail (KIKU_IS_LIST (from));
  g_return_if_fail (KIKU_IS_LIST (to));
  g_return_if_fail (from_position < kiku_list_get_length (from));

  if (from == to)
    {
      kiku_list_move (from, from_position, MIN (to_position, kiku_list_get_length (from) - 1));
      return;
    }

  if (self != NULL)
    kiku_history_begin_group (self);
  item = kiku_list_remove (from, from_position);
  kiku_list_insert (to, to_position, item);
  if (self != NULL)
    kiku_history_end_group (self);
}
