/* kiku-points-field.c: a list of points, one row per point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-points-field"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kiku-field.h"
#include "kiku-points-field.h"
#include "kiku-spell-adapter.h"

/* The list follows its model by the changes the model names: a point
 * edited, added or removed touches its own row, and a point moved keeps
 * its row (with its caret and focus). The list is one Tab stop; the arrows
 * go from point to point, Enter starts the next point and Backspace in an
 * empty point removes it, as in a word processor's bulleted list.
 */

struct _KikuPointRow
{
  GtkListBoxRow  parent_instance;

  KikuPoint     *point;

  GtkLabel      *number;
  GtkTextView   *view;
  GtkWidget     *up;
  GtkWidget     *down;

  /* How deep the buffer is in edits the writer makes (typing, pasting),
   * as against the model's text arriving through the binding.
   */
  guint          user_action;
};

G_DEFINE_FINAL_TYPE (KikuPointRow, kiku_point_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ROW_PROP_0,
  ROW_PROP_POINT,
  ROW_N_PROPS
};

static GParamSpec *row_properties [ROW_N_PROPS];

struct _KikuPointsField
{
  GtkWidget     parent_instance;

  KikuList     *points;
  KikuHistory  *history;
  char         *title;
  char         *item_name;

  GPtrArray    *rows;      /* the KikuPointRow of each point, in order */
  KikuPointRow *current;   /* where Tab enters the list; one of rows */

  int           fitted_width;
  guint         fit_tick;

  GtkWidget    *box;
  GtkWidget    *header;
  GtkLabel     *title_label;
  GtkButton    *add;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (KikuPointsField, kiku_points_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POINTS,
  PROP_HISTORY,
  PROP_TITLE,
  PROP_ITEM_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  FIELD_ADDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The field's part ------------------------------------------------------- */

static KikuPointsField *
field_of (KikuPointRow *row)
{
  GtkWidget *field = gtk_widget_get_ancestor (GTK_WIDGET (row), KIKU_TYPE_POINTS_FIELD);

  return field ? KIKU_POINTS_FIELD (field) : NULL;
}

static gboolean
row_position (KikuPointsField *self,
              KikuPointRow    *row,
              guint           *position)
{
  return g_ptr_array_find (self->rows, row, position);
}

static KikuPointRow *
row_at (KikuPointsField *self,
        guint            position)
{
  return position < self->rows->len ? g_ptr_array_index (self->rows, position) : NULL;
}

/* Once the page is laid out with the row where it is now, scrolls the
 * page just enough to show it: a point added or moved past the edge of the
 * page comes into view, and nothing else moves. The row is where it is
 * when two frames agree on it.
 */
typedef struct
{
  guint            ticks;
  graphene_rect_t  bounds;
} ShowRow;

static gboolean
show_row_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  ShowRow *show = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;

  if (scroller == NULL || !gtk_widget_get_mapped (widget) || ++show->ticks > 20)
    return G_SOURCE_REMOVE;

  if (!gtk_widget_compute_bounds (widget, scroller, &bounds) || bounds.size.height <= 0 ||
      !graphene_rect_equal (&bounds, &show->bounds))
    {
      show->bounds = bounds;
      return G_SOURCE_CONTINUE;
    }

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adjustment);
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > gtk_widget_get_height (scroller))
    gtk_adjustment_set_value (adjustment, value + MIN (bounds.origin.y,
                                                       bounds.origin.y + bounds.size.height -
                                                       gtk_widget_get_height (scroller)));

  return G_SOURCE_REMOVE;
}

/* Gives @row the focus and shows it once it is laid out. A row just put
 * in the list has no place yet: the page keeps still until it has one,
 * rather than scroll to where the row is not.
 */
static void
focus_new_place (KikuPointRow *row)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = NULL;
  double value = 0;

  if (scroller != NULL)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      value = gtk_adjustment_get_value (adjustment);
    }

  gtk_widget_grab_focus (GTK_WIDGET (row->view));

  if (adjustment != NULL)
    {
      gtk_adjustment_set_value (adjustment, value);
      gtk_widget_add_tick_callback (GTK_WIDGET (row), show_row_tick, g_new0 (ShowRow, 1), g_free);
    }
}

/* Puts the caret in @row at @offset characters, or at the end for -1. */
static void
focus_row (KikuPointRow *row,
           int           offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (row->view);
  GtkTextIter iter;

  if (offset < 0)
    gtk_text_buffer_get_end_iter (buffer, &iter);
  else
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);

  focus_new_place (row);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static KikuPointRow *
focused_row (KikuPointsField *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return NULL;

  row = gtk_widget_get_ancestor (focus, KIKU_TYPE_POINT_ROW);

  return row ? KIKU_POINT_ROW (row) : NULL;
}

static void
row_set_place (KikuPointsField *self,
               KikuPointRow    *row,
               guint            position)
{
  g_autofree char *number = g_strdup_printf ("%u", position + 1);
  /* Translators: the name of one point in a list, such as “Key point 3” */
  g_autofree char *name = g_strdup_printf (C_("point row", "%s %u"), self->item_name, position + 1);

  gtk_label_set_text (row->number, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  /* At the ends a point cannot move further. */
  gtk_widget_set_sensitive (row->up, position > 0);
  gtk_widget_set_sensitive (row->down, position + 1 < self->rows->len);
}

static void
on_points_changed (KikuPointsField *self,
                   guint            position,
                   guint            removed,
                   guint            added,
                   GListModel      *model)
{
  KikuPointRow *had_focus = focused_row (self);
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean focus_taken = FALSE;
  gboolean focus_kept = FALSE;

  g_assert (position + removed <= self->rows->len);

  /* The rows of the points that left, held for those that come back. */
  for (guint i = 0; i < removed; i++)
    {
      KikuPointRow *row = g_ptr_array_steal_index (self->rows, position);

      g_ptr_array_add (old, row);
      focus_taken |= row == had_focus;
      gtk_list_box_remove (self->list, GTK_WIDGET (row));
    }

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(KikuPoint) point = g_list_model_get_item (model, position + i);
      KikuPointRow *row = NULL;

      for (guint j = 0; j < old->len; j++)
        if (((KikuPointRow *)g_ptr_array_index (old, j))->point == point)
          {
            row = g_ptr_array_steal_index (old, j);
            break;
          }

      if (row == NULL)
        {
          row = g_object_ref_sink (g_object_new (KIKU_TYPE_POINT_ROW, "point", point, NULL));
          kiku_spell_adapter_attach (row->view, KIKU_NODE (point), self->history);
          g_signal_emit (self, signals [FIELD_ADDED], 0, point, "text", row->view);
        }
      else if (row == had_focus)
        {
          focus_kept = TRUE;
        }

      g_ptr_array_insert (self->rows, position + i, row);
      gtk_list_box_insert (self->list, GTK_WIDGET (row), position + i);
    }

  /* What is left in old is gone for good. */
  if (self->current != NULL && !g_ptr_array_find (self->rows, self->current, NULL))
    self->current = NULL;

  /* Numbers and names from the change on; the row before it may have
   * become, or stopped being, the last.
   */
  for (guint i = position > 0 ? position - 1 : 0; i < self->rows->len; i++)
    row_set_place (self, row_at (self, i), i);

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->rows->len > 0);

  /* The caret stays where it was, or goes to the point next to the one
   * that went.
   */
  if (focus_kept)
    {
      focus_new_place (had_focus);
    }
  else if (focus_taken)
    {
      if (position > 0 && row_at (self, position - 1) != NULL)
        focus_row (row_at (self, position - 1), -1);
      else if (row_at (self, position) != NULL)
        focus_row (row_at (self, position), 0);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->add));
    }
}

static void
move_point (KikuPointsField *self,
            KikuPointRow    *row,
            int              delta)
{
  guint position;
  int target;

  if (!row_position (self, row, &position))
    return;

  target = (int)position + delta;
  if (target < 0 || target >= (int)kiku_list_get_length (self->points))
    return;

  kiku_list_move (self->points, position, target);
  if (focused_row (self) != row)
    focus_row (row, -1);
}

static void
remove_point (KikuPointsField *self,
              KikuPointRow    *row)
{
  g_autoptr(KikuNode) removed = NULL;
  guint position;

  if (!row_position (self, row, &position))
    return;

  removed = kiku_list_remove (self->points, position);
}

/* What was typed or pasted at @offset held line breaks: the point ends at
 * the first, and each further line is a point of its own. Enter at the end
 * of a point so starts the next one; in the middle it splits the point.
 */
static void
split_point (KikuPointsField *self,
             KikuPointRow    *row,
             int              offset,
             const char      *text,
             int              length)
{
  g_autofree char *all = NULL;
  g_autofree char *inserted = g_strndup (text, length);
  g_autofree char *before = NULL;
  g_autofree char *first = NULL;
  g_auto(GStrv) lines = NULL;
  const char *after;
  KikuPointRow *last = NULL;
  guint n_lines;
  guint position;
  int caret = 0;

  if (!row_position (self, row, &position))
    return;

  g_object_get (gtk_text_view_get_buffer (row->view), "text", &all, NULL);
  after = g_utf8_offset_to_pointer (all, offset);
  before = g_strndup (all, after - all);

  g_strdelimit (inserted, "\r", ' ');
  lines = g_strsplit (inserted, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert (n_lines >= 2);

  if (self->history != NULL)
    kiku_history_begin_group (self->history);

  first = g_strconcat (before, lines[0], NULL);
  if (g_strcmp0 (first, all) != 0)
    kiku_point_set_text (row->point, first);

  for (guint i = 1; i < n_lines; i++)
    {
      g_autoptr(KikuPoint) point = kiku_point_new ();
      g_autofree char *line = i + 1 < n_lines ? g_strdup (lines[i]) : g_strconcat (lines[i], after, NULL);

      kiku_point_set_text (point, line);
      kiku_list_insert (self->points, position + i, point);
    }

  if (self->history != NULL)
    kiku_history_end_group (self->history);

  last = row_at (self, position + n_lines - 1);
  caret = g_utf8_strlen (lines[n_lines - 1], -1);
  if (last != NULL)
    focus_row (last, caret);
}

static void
add_point (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (widget);
  g_autoptr(KikuPoint) point = kiku_point_new ();
  KikuPointRow *row;

  kiku_list_append (self->points, point);
  if ((row = row_at (self, self->rows->len - 1)) != NULL)
    focus_row (row, 0);
}

static gboolean
enter_list (KikuPointsField  *self,
            GtkDirectionType  direction)
{
  KikuPointRow *row = self->current;

  if (self->rows->len == 0)
    return FALSE;

  if (row == NULL)
    row = row_at (self, direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP
                        ? self->rows->len - 1 : 0);

  gtk_widget_grab_focus (GTK_WIDGET (row->view));

  return TRUE;
}

/* One Tab stop for the whole list; the arrows move within it. */
static gboolean
kiku_points_field_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (self->box);

  if (focus_child == GTK_WIDGET (self->list))
    {
      KikuPointRow *row = focused_row (self);
      guint position = 0;

      switch ((int)direction)
        {
        case GTK_DIR_TAB_FORWARD:
          return FALSE;

        case GTK_DIR_TAB_BACKWARD:
          return gtk_widget_child_focus (self->header, direction);

        case GTK_DIR_UP:
        case GTK_DIR_DOWN:
          if (row != NULL && row_position (self, row, &position))
            {
              KikuPointRow *next = direction == GTK_DIR_UP
                                   ? (position > 0 ? row_at (self, position - 1) : NULL)
                                   : row_at (self, position + 1);

              if (next != NULL)
                focus_row (next, direction == GTK_DIR_UP ? -1 : 0);
              else
                gtk_widget_error_bell (widget);
            }
          return TRUE;

        default:
          return TRUE;
        }
    }

  if (focus_child == self->header)
    {
      if (gtk_widget_child_focus (self->header, direction))
        return TRUE;
      if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN)
        return enter_list (self, direction);
      return FALSE;
    }

  /* Coming in from outside. */
  if (direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP)
    return enter_list (self, direction) || gtk_widget_child_focus (self->header, direction);

  return gtk_widget_child_focus (self->header, direction) || enter_list (self, direction);
}

/* A point's text wraps anew at a new width: each asks for the height that
 * takes, in the next frame (see kiku_field_fit_text_view()).
 */
static gboolean
fit_tick (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (widget);

  self->fit_tick = 0;
  self->fitted_width = gtk_widget_get_width (widget);
  for (guint i = 0; i < self->rows->len; i++)
    kiku_field_fit_text_view (row_at (self, i)->view, 0);

  return G_SOURCE_REMOVE;
}

static void
kiku_points_field_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (KIKU_POINTS_FIELD (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
kiku_points_field_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  if (width != self->fitted_width && self->fitted_width != 0 && self->fit_tick == 0)
    self->fit_tick = gtk_widget_add_tick_callback (widget, fit_tick, NULL, NULL);
  else if (self->fitted_width == 0)
    self->fitted_width = width;
}

static void
kiku_points_field_constructed (GObject *object)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (object);
  g_autofree char *add_label = NULL;

  G_OBJECT_CLASS (kiku_points_field_parent_class)->constructed (object);

  g_assert (KIKU_IS_LIST (self->points));

  gtk_label_set_text (self->title_label, self->title);
  /* Translators: the button that adds a point to a list such as “Key Points” */
  add_label = g_strdup_printf (_("Add to %s"), self->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add), add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);

  g_signal_connect_object (self->points, "items-changed", G_CALLBACK (on_points_changed), self,
                           G_CONNECT_SWAPPED);

  /* The rows of the points there already. */
  on_points_changed (self, 0, 0, kiku_list_get_length (self->points), G_LIST_MODEL (self->points));
}

static void
kiku_points_field_dispose (GObject *object)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (object);

  if (self->points != NULL)
    g_signal_handlers_disconnect_by_data (self->points, self);
  self->current = NULL;
  if (self->fit_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick);
  self->fit_tick = 0;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_POINTS_FIELD);
  g_clear_object (&self->points);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (kiku_points_field_parent_class)->dispose (object);
}

static void
kiku_points_field_finalize (GObject *object)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (object);

  g_free (self->title);
  g_free (self->item_name);

  G_OBJECT_CLASS (kiku_points_field_parent_class)->finalize (object);
}

static void
kiku_points_field_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (object);

  switch (prop_id)
    {
    case PROP_POINTS:
      g_value_set_object (value, self->points);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ITEM_NAME:
      g_value_set_string (value, self->item_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_points_field_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KikuPointsField *self = KIKU_POINTS_FIELD (object);

  switch (prop_id)
    {
    case PROP_POINTS:
      self->points = g_value_dup_object (value);
      break;

    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_ITEM_NAME:
      self->item_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_points_field_class_init (KikuPointsFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_points_field_constructed;
  object_class->dispose = kiku_points_field_dispose;
  object_class->finalize = kiku_points_field_finalize;
  object_class->get_property = kiku_points_field_get_property;
  object_class->set_property = kiku_points_field_set_property;

  widget_class->focus = kiku_points_field_focus;
  widget_class->measure = kiku_points_field_measure;
  widget_class->size_allocate = kiku_points_field_size_allocate;

  properties [PROP_POINTS] =
    g_param_spec_object ("points", NULL, NULL, KIKU_TYPE_LIST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Where a change of several steps (a point split in two) is grouped. */
  properties [PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, KIKU_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* What one point is called, such as “Key point”: its row is named
   * after it and its number.
   */
  properties [PROP_ITEM_NAME] =
    g_param_spec_string ("item-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KikuPointsField::field-added:
   *
   * A widget now edits @property of @node: for the problems shown at it.
   */
  signals [FIELD_ADDED] =
    g_signal_new ("field-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  KIKU_TYPE_NODE, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, GTK_TYPE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-points-field.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPointsField, box);
  gtk_widget_class_bind_template_child (widget_class, KikuPointsField, header);
  gtk_widget_class_bind_template_child (widget_class, KikuPointsField, title_label);
  gtk_widget_class_bind_template_child (widget_class, KikuPointsField, add);
  gtk_widget_class_bind_template_child (widget_class, KikuPointsField, list);

  gtk_widget_class_install_action (widget_class, "points.add", NULL, add_point);
}

static void
kiku_points_field_init (KikuPointsField *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_points_field_new:
 * @history: (nullable): the article's history
 * @title: the list's heading, such as “Key Points”
 * @item_name: what one point is called, such as “Key point”
 *
 * Returns: (transfer floating): an editor for a list of points
 */
GtkWidget *
kiku_points_field_new (KikuList    *points,
                       KikuHistory *history,
                       const char  *title,
                       const char  *item_name)
{
  KikuPointsField *self;

  g_return_val_if_fail (KIKU_IS_LIST (points), NULL);
  g_return_val_if_fail (history == NULL || KIKU_IS_HISTORY (history), NULL);

  self = g_object_new (KIKU_TYPE_POINTS_FIELD,
                       "points", points,
                       "history", history,
                       "title", title,
                       "item-name", item_name,
                       NULL);

  return GTK_WIDGET (self);
}

KikuList *
kiku_points_field_get_points (KikuPointsField *self)
{
  g_return_val_if_fail (KIKU_IS_POINTS_FIELD (self), NULL);

  return self->points;
}

/**
 * kiku_points_field_get_text_view:
 *
 * Returns: (transfer none) (nullable): where @point's text is edited, if
 *   it is in the list
 */
GtkWidget *
kiku_points_field_get_text_view (KikuPointsField *self,
                                 KikuPoint       *point)
{
  g_return_val_if_fail (KIKU_IS_POINTS_FIELD (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (row_at (self, i)->point == point)
      return GTK_WIDGET (row_at (self, i)->view);

  return NULL;
}

/* The row's part --------------------------------------------------------- */

static gboolean
transform_to_buffer (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text ? text : "");

  return TRUE;
}

static void
on_insert_text (KikuPointRow  *self,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                GtkTextBuffer *buffer)
{
  KikuPointsField *field;

  if (length < 0)
    length = strlen (text);

  /* The model's text, put in by the binding, is taken as it is. */
  if (self->user_action == 0 || memchr (text, '\n', length) == NULL)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");

  if ((field = field_of (self)) != NULL)
    split_point (field, self, gtk_text_iter_get_offset (location), text, length);
}

/* Once the text asks for more than the view's own measure gives, typing
 * that takes lines away lets it shrink again.
 */
static void
on_buffer_changed (KikuPointRow *self)
{
  int requested;

  gtk_widget_get_size_request (GTK_WIDGET (self->view), NULL, &requested);
  if (requested > 0)
    kiku_field_fit_text_view (self->view, 0);
}

static void
on_begin_user_action (KikuPointRow *self)
{
  self->user_action++;
}

static void
on_end_user_action (KikuPointRow *self)
{
  g_assert (self->user_action > 0);
  self->user_action--;
}

static void
on_backspace (GtkTextView  *view,
              KikuPointRow *self)
{
  KikuPointsField *field = field_of (self);

  if (field == NULL || gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view)) > 0)
    return;

  g_signal_stop_emission_by_name (view, "backspace");
  remove_point (field, self);
}

/* Up on the first line of a point, or Down on its last, goes to the
 * point before or after it.
 */
static void
on_move_cursor (GtkTextView     *view,
                GtkMovementStep  step,
                int              count,
                gboolean         extend_selection,
                KikuPointRow    *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter line;

  if (step != GTK_MOVEMENT_DISPLAY_LINES || extend_selection || count == 0 || field_of (self) == NULL)
    return;

  /* Wrapped lines count, as the writer sees them. */
  gtk_text_buffer_get_iter_at_mark (buffer, &line, gtk_text_buffer_get_insert (buffer));
  if (count < 0)
    {
      gtk_text_view_backward_display_line_start (view, &line);
      if (!gtk_text_iter_is_start (&line))
        return;
    }
  else
    {
      gtk_text_view_forward_display_line_end (view, &line);
      if (!gtk_text_iter_is_end (&line))
        return;
    }

  g_signal_stop_emission_by_name (view, "move-cursor");
  gtk_widget_child_focus (GTK_WIDGET (field_of (self)), count < 0 ? GTK_DIR_UP : GTK_DIR_DOWN);
}

static void
on_focus_enter (KikuPointRow *self)
{
  KikuPointsField *field = field_of (self);

  if (field != NULL)
    field->current = self;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 KikuPointRow  *self)
{
  return gdk_content_provider_new_typed (KIKU_TYPE_POINT, self->point);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         KikuPointRow  *self)
{
  KikuPointsField *field = field_of (self);
  KikuNode *point = g_value_get_object (value);
  KikuList *from = kiku_node_get_list (point);
  guint from_position = 0, to_position = 0;

  if (field == NULL || from == NULL || !kiku_list_find (from, point, &from_position) ||
      !row_position (field, self, &to_position))
    return FALSE;

  kiku_history_move_item (field->history, from, from_position, field->points, to_position);

  return TRUE;
}

static void
on_up_clicked (KikuPointRow *self)
{
  KikuPointsField *field = field_of (self);

  if (field != NULL)
    move_point (field, self, -1);
}

static void
on_down_clicked (KikuPointRow *self)
{
  KikuPointsField *field = field_of (self);

  if (field != NULL)
    move_point (field, self, 1);
}

static void
on_remove_clicked (KikuPointRow *self)
{
  KikuPointsField *field = field_of (self);

  if (field != NULL)
    remove_point (field, self);
}

/* Alt+↑ and Alt+↓ are the point's, even at the ends of the list where
 * they do nothing: they never reach the card around it.
 */
static gboolean
on_move_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  KikuPointRow *self = KIKU_POINT_ROW (widget);
  KikuPointsField *field = field_of (self);

  if (field != NULL)
    move_point (field, self, g_variant_get_int32 (args));

  return TRUE;
}

static void
kiku_point_row_constructed (GObject *object)
{
  KikuPointRow *self = KIKU_POINT_ROW (object);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);

  G_OBJECT_CLASS (kiku_point_row_parent_class)->constructed (object);

  g_assert (KIKU_IS_POINT (self->point));

  /* Ctrl+Z belongs to the article, not to the text. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_object_bind_property_full (self->point, "text", buffer, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               transform_to_buffer, NULL, NULL, NULL);

  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_insert_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "begin-user-action", G_CALLBACK (on_begin_user_action), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "end-user-action", G_CALLBACK (on_end_user_action), self,
                           G_CONNECT_SWAPPED);
}

static void
kiku_point_row_dispose (GObject *object)
{
  KikuPointRow *self = KIKU_POINT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_POINT_ROW);
  g_clear_object (&self->point);

  G_OBJECT_CLASS (kiku_point_row_parent_class)->dispose (object);
}

static void
kiku_point_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KikuPointRow *self = KIKU_POINT_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_POINT:
      g_value_set_object (value, self->point);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_point_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KikuPointRow *self = KIKU_POINT_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_POINT:
      self->point = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_point_row_class_init (KikuPointRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_point_row_constructed;
  object_class->dispose = kiku_point_row_dispose;
  object_class->get_property = kiku_point_row_get_property;
  object_class->set_property = kiku_point_row_set_property;

  row_properties [ROW_PROP_POINT] =
    g_param_spec_object ("point", NULL, NULL, KIKU_TYPE_POINT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-point-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPointRow, number);
  gtk_widget_class_bind_template_child (widget_class, KikuPointRow, view);
  gtk_widget_class_bind_template_child (widget_class, KikuPointRow, up);
  gtk_widget_class_bind_template_child (widget_class, KikuPointRow, down);
  gtk_widget_class_bind_template_callback (widget_class, on_backspace);
  gtk_widget_class_bind_template_callback (widget_class, on_move_cursor);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_enter);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_prepare);

  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);


  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, on_move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, on_move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, on_move_shortcut, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, on_move_shortcut, "i", 1);
}

static void
kiku_point_row_init (KikuPointRow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  drop = gtk_drop_target_new (KIKU_TYPE_POINT, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

KikuPoint *
kiku_point_row_get_point (KikuPointRow *self)
{
  g_return_val_if_fail (KIKU_IS_POINT_ROW (self), NULL);

  return self->point;
}

/**
 * kiku_point_row_get_text_view:
 *
 * Returns: (transfer none): where the point's text is edited
 */
GtkWidget *
kiku_point_row_get_text_view (KikuPointRow *self)
{
  g_return_val_if_fail (KIKU_IS_POINT_ROW (self), NULL);

  return GTK_WIDGET (self->view);
}
