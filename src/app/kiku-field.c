/* kiku-field.c: widgets that edit one property of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-field"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "kiku-field.h"

/* A field and the property it edits stay equal both ways. Typing sets the
 * property; a change of the property from elsewhere (undo, an import) sets
 * the field, unless it already says the same, so the cursor stays put while
 * typing. The field's own undo is off: Ctrl+Z belongs to the article.
 */

typedef struct
{
  GObject  *node;
  char     *property;
  gboolean  updating;
} Binding;

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_object_unref (binding->node);
  g_free (binding->property);
  g_free (binding);
}

static char *
dup_property (Binding *binding)
{
  char *value = NULL;

  g_object_get (binding->node, binding->property, &value, NULL);

  return value;
}

static void
on_editable_changed (GtkEditable *editable,
                     Binding     *binding)
{
  if (binding->updating)
    return;

  binding->updating = TRUE;
  g_object_set (binding->node, binding->property, gtk_editable_get_text (editable), NULL);
  binding->updating = FALSE;
}

static void
on_node_notify_editable (GObject     *node,
                         GParamSpec  *pspec,
                         GtkEditable *editable)
{
  Binding *binding = g_object_get_data (G_OBJECT (editable), "kiku-binding");
  g_autofree char *value = NULL;

  if (binding->updating)
    return;

  value = dup_property (binding);
  if (g_strcmp0 (value ? value : "", gtk_editable_get_text (editable)) != 0)
    {
      binding->updating = TRUE;
      gtk_editable_set_text (editable, value ? value : "");
      binding->updating = FALSE;
    }
}

void
kiku_field_bind_editable (GtkEditable *editable,
                          KikuNode    *node,
                          const char  *property)
{
  Binding *binding = g_new0 (Binding, 1);
  g_autofree char *value = NULL;
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  binding->node = g_object_ref (G_OBJECT (node));
  binding->property = g_strdup (property);
  g_object_set_data_full (G_OBJECT (editable), "kiku-binding", binding, binding_free);

  value = dup_property (binding);
  gtk_editable_set_text (editable, value ? value : "");
  gtk_editable_set_enable_undo (editable, FALSE);

  g_signal_connect (editable, "changed", G_CALLBACK (on_editable_changed), binding);
  g_signal_connect_object (node, signal, G_CALLBACK (on_node_notify_editable), editable, 0);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   Binding       *binding)
{
  g_autofree char *text = NULL;

  if (binding->updating)
    return;

  text = buffer_text (buffer);
  binding->updating = TRUE;
  g_object_set (binding->node, binding->property, text, NULL);
  binding->updating = FALSE;
}

static void
on_node_notify_buffer (GObject       *node,
                       GParamSpec    *pspec,
                       GtkTextBuffer *buffer)
{
  Binding *binding = g_object_get_data (G_OBJECT (buffer), "kiku-binding");
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (binding->updating)
    return;

  value = dup_property (binding);
  text = buffer_text (buffer);
  if (g_strcmp0 (value ? value : "", text) != 0)
    {
      binding->updating = TRUE;
      gtk_text_buffer_set_text (buffer, value ? value : "", -1);
      binding->updating = FALSE;
    }
}

static void
bind_buffer (GtkTextBuffer *buffer,
             KikuNode      *node,
             const char    *property)
{
  Binding *binding = g_new0 (Binding, 1);
  g_autofree char *value = NULL;
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  binding->node = g_object_ref (G_OBJECT (node));
  binding->property = g_strdup (property);
  g_object_set_data_full (G_OBJECT (buffer), "kiku-binding", binding, binding_free);

  value = dup_property (binding);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_set_text (buffer, value ? value : "", -1);

  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), binding);
  g_signal_connect_object (node, signal, G_CALLBACK (on_node_notify_buffer), buffer, 0);
}

/* Character counts ------------------------------------------------------- */

static void
update_count (GtkLabel   *count,
              const char *text)
{
  int limit = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (count), "kiku-limit"));
  glong n = text ? g_utf8_strlen (text, -1) : 0;
  g_autofree char *label = g_strdup_printf ("%ld/%d", n, limit);

  gtk_label_set_text (count, label);
  if (n > limit)
    gtk_widget_add_css_class (GTK_WIDGET (count), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (count), "error");
}

static void
on_count_notify (GObject    *node,
                 GParamSpec *pspec,
                 GtkLabel   *count)
{
  g_autofree char *value = NULL;

  g_object_get (node, pspec->name, &value, NULL);
  update_count (count, value);
}

static GtkWidget *
count_label (KikuNode   *node,
             const char *property,
             int         limit)
{
  GtkWidget *count = gtk_label_new (NULL);
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  g_autofree char *value = NULL;

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  /* Translators: the tooltip of a count such as 42/60 */
  gtk_widget_set_tooltip_text (count, _("Characters, and the most the site shows"));
  g_object_set_data (G_OBJECT (count), "kiku-limit", GINT_TO_POINTER (limit));
  g_object_get (node, property, &value, NULL);
  update_count (GTK_LABEL (count), value);
  g_signal_connect_object (node, signal, G_CALLBACK (on_count_notify), count, 0);

  return count;
}

/* Fields ---------------------------------------------------------------- */

static void
register_field (KikuFieldContext *context,
                KikuNode         *node,
                const char       *property,
                GtkWidget        *widget)
{
  if (context != NULL && context->register_field != NULL)
    context->register_field (context->owner, node, property, widget);
}

/**
 * kiku_field_entry_row:
 * @limit: the most characters the site shows, or 0 for no count
 *
 * Returns: (transfer floating): a row with a one-line entry for @property
 */
GtkWidget *
kiku_field_entry_row (KikuFieldContext *context,
                      KikuNode         *node,
                      const char       *property,
                      const char       *title,
                      int               limit)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  kiku_field_bind_editable (GTK_EDITABLE (row), node, property);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (limit > 0)
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), count_label (node, property, limit));

  register_field (context, node, property, row);

  return row;
}

static void
apply_font (GtkWidget  *view,
            const char *font)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *css = NULL;
  const char *family = pango_font_description_get_family (description);
  int size = pango_font_description_get_size (description) / PANGO_SCALE;

  css = g_strdup_printf ("textview { font-family: \"%s\"; font-size: %dpt; }",
                         family ? family : "Monospace", size > 0 ? size : 11);
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (view),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
on_font_changed (GSettings  *settings,
                 const char *key,
                 GtkWidget  *view)
{
  g_autofree char *font = g_settings_get_string (settings, key);

  apply_font (view, font);
}

/* Looking up the CommonMark language makes GtkSourceView read every
 * language definition on the system, some 40 ms: so a text view gets it
 * at low priority once it is on screen, after the window's first frame,
 * and the highlighting follows a moment after the text.
 */
static gboolean
set_markdown (gpointer data)
{
  static GtkSourceLanguage *markdown;
  static gsize looked_up;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (data));

  if (g_once_init_enter (&looked_up))
    {
      markdown = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                           "markdown");
      g_once_init_leave (&looked_up, 1);
    }

  if (markdown != NULL && GTK_SOURCE_IS_BUFFER (buffer))
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), markdown);

  return G_SOURCE_REMOVE;
}

static void
on_text_view_map (GtkWidget *view)
{
  g_signal_handlers_disconnect_by_func (view, on_text_view_map, NULL);
  g_idle_add_full (G_PRIORITY_LOW, set_markdown, g_object_ref (view), g_object_unref);
}

/**
 * kiku_field_text_view:
 *
 * Returns: (transfer floating): a labelled source view for long CommonMark
 *   text, with highlighting and soft wrap
 */
GtkWidget *
kiku_field_text_view (KikuFieldContext *context,
                      KikuNode         *node,
                      const char       *property,
                      const char       *title,
                      int               limit)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkSourceBuffer *buffer = gtk_source_buffer_new (NULL);
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  if (limit > 0)
    gtk_box_append (GTK_BOX (header), count_label (node, property, limit));
  gtk_box_append (GTK_BOX (box), header);

  g_signal_connect (view, "map", G_CALLBACK (on_text_view_map), NULL);
  gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
  bind_buffer (GTK_TEXT_BUFFER (buffer), node, property);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);

  if (context != NULL && context->settings != NULL)
    {
      on_font_changed (context->settings, "editor-font", view);
      g_signal_connect_object (context->settings, "changed::editor-font",
                               G_CALLBACK (on_font_changed), view, 0);
    }

  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), frame);
  g_object_set_data (G_OBJECT (box), "kiku-focus-target", view);
  g_object_unref (buffer);

  register_field (context, node, property, box);

  return box;
}

/**
 * kiku_field_get_focus_target:
 *
 * Returns: (transfer none): the widget inside a field that takes the focus
 */
GtkWidget *
kiku_field_get_focus_target (GtkWidget *widget)
{
  GtkWidget *target = g_object_get_data (G_OBJECT (widget), "kiku-focus-target");

  return target ? target : widget;
}

/* Lists of points --------------------------------------------------------- */

/* Moves an item to another place, in the same list or another one, as one
 * step of the history.
 */
void
kiku_list_move_item_to (KikuHistory *history,
                        KikuList    *from,
                        guint        from_position,
                        KikuList    *to,
                        guint        to_position)
{
  g_autoptr(KikuNode) item = NULL;

  if (from == to)
    {
      guint last = kiku_list_get_length (from) - 1;
      kiku_list_move (from, from_position, MIN (to_position, last));
      return;
    }

  if (history != NULL)
    kiku_history_begin_group (history);
  item = kiku_list_remove (from, from_position);
  kiku_list_insert (to, to_position, item);
  if (history != NULL)
    kiku_history_end_group (history);
}

typedef struct
{
  KikuFieldContext *context;
  KikuList         *points;
  GtkListBox       *box;
  char             *title;
} PointsField;

static void rebuild_points (PointsField *field);

static void
points_field_free (gpointer data)
{
  PointsField *field = data;

  g_signal_handlers_disconnect_by_data (field->points, field);
  g_object_unref (field->points);
  g_free (field->title);
  g_free (field);
}

static guint
row_position (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void
focus_point (PointsField *field,
             guint        position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (field->box, position);

  if (row != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "kiku-entry"));
}

static void
move_point (PointsField *field,
            GtkWidget   *widget,
            int          delta)
{
  guint position = row_position (widget);
  guint n = kiku_list_get_length (field->points);
  int target = (int)position + delta;

  if (target < 0 || target >= (int)n)
    return;

  kiku_list_move (field->points, position, target);
  focus_point (field, target);
}

static void
on_point_up (GtkButton   *button,
             PointsField *field)
{
  move_point (field, GTK_WIDGET (button), -1);
}

static void
on_point_down (GtkButton   *button,
               PointsField *field)
{
  move_point (field, GTK_WIDGET (button), 1);
}

static void
on_point_remove (GtkButton   *button,
                 PointsField *field)
{
  guint position = row_position (GTK_WIDGET (button));
  g_autoptr(KikuNode) removed = kiku_list_remove (field->points, position);

  focus_point (field, MIN (position, kiku_list_get_length (field->points) - 1));
}

static void
on_point_add (GtkButton   *button,
              PointsField *field)
{
  g_autoptr(KikuPoint) point = kiku_point_new ();
  guint n = kiku_list_get_length (field->points);

  kiku_list_append (field->points, point);
  focus_point (field, n);
}

static gboolean
on_point_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              PointsField           *field)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_ALT_MASK) && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      move_point (field, widget, keyval == GDK_KEY_Up ? -1 : 1);
      return TRUE;
    }

  return FALSE;
}

static GdkContentProvider *
on_point_drag_prepare (GtkDragSource *source,
                       double         x,
                       double         y,
                       PointsField   *field)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  KikuNode *point = kiku_list_get (field->points, row_position (widget));

  return gdk_content_provider_new_typed (KIKU_TYPE_POINT, point);
}

static gboolean
on_point_drop (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               PointsField   *field)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  KikuNode *point = g_value_get_object (value);
  KikuList *from = kiku_node_get_list (point);
  guint from_position = 0;

  if (from == NULL || !kiku_list_find (from, point, &from_position))
    return FALSE;

  kiku_list_move_item_to (field->context ? field->context->history : NULL,
                          from, from_position, field->points, row_position (widget));

  return TRUE;
}

/**
 * kiku_field_tool_button:
 *
 * Returns: (transfer floating): a flat icon button whose tooltip is also
 *   its accessible label
 */
GtkWidget *
kiku_field_tool_button (const char *icon,
                        const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  return button;
}

static GtkWidget *
point_row (PointsField *field,
           KikuPoint   *point,
           guint        index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *up = kiku_field_tool_button ("go-up-symbolic", _("Move Up (Alt+↑)"));
  GtkWidget *down = kiku_field_tool_button ("go-down-symbolic", _("Move Down (Alt+↓)"));
  GtkWidget *remove = kiku_field_tool_button ("edit-delete-symbolic", _("Remove"));
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (KIKU_TYPE_POINT, GDK_ACTION_MOVE);
  g_autofree char *label = g_strdup_printf ("%s %u", field->title, index + 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* At the ends a point cannot move further. */
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < kiku_list_get_length (field->points));
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_tooltip_text (handle, _("Drag to Move"));
  gtk_widget_set_hexpand (entry, TRUE);
  kiku_field_bind_editable (GTK_EDITABLE (entry), KIKU_NODE (point), "text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  gtk_box_append (GTK_BOX (box), handle);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), up);
  gtk_box_append (GTK_BOX (box), down);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "kiku-entry", entry);

  g_signal_connect (up, "clicked", G_CALLBACK (on_point_up), field);
  g_signal_connect (down, "clicked", G_CALLBACK (on_point_down), field);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_point_remove), field);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_point_key), field);
  gtk_widget_add_controller (entry, keys);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_point_drag_prepare), field);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_point_drop), field);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  register_field (field->context, KIKU_NODE (point), "text", entry);

  return row;
}

static void
rebuild_points (PointsField *field)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (field->box))))
    gtk_list_box_remove (field->box, child);

  for (guint i = 0; i < kiku_list_get_length (field->points); i++)
    gtk_list_box_append (field->box, point_row (field, kiku_list_get (field->points, i), i));

  gtk_widget_set_visible (GTK_WIDGET (field->box), kiku_list_get_length (field->points) > 0);
}

static void
on_points_changed (GListModel  *model,
                   guint        position,
                   guint        removed,
                   guint        added,
                   PointsField *field)
{
  rebuild_points (field);
}

/**
 * kiku_field_points:
 *
 * Returns: (transfer floating): an editor for a list of points: add,
 *   remove, and reorder with Alt+↑ and Alt+↓ or by dragging
 */
GtkWidget *
kiku_field_points (KikuFieldContext *context,
                   KikuList         *points,
                   const char       *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *list = gtk_list_box_new ();
  PointsField *field = g_new0 (PointsField, 1);
  g_autofree char *add_label = g_strdup_printf (_("Add to %s"), title);

  field->context = context;
  field->points = g_object_ref (points);
  field->box = GTK_LIST_BOX (list);
  field->title = g_strdup (title);
  g_object_set_data_full (G_OBJECT (box), "kiku-points-field", field, points_field_free);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (add, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), add);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Where Alt+↑ and Alt+↓ move a point, not the card around it. */
  gtk_widget_add_css_class (list, "kiku-points");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), list);

  g_signal_connect (add, "clicked", G_CALLBACK (on_point_add), field);
  g_signal_connect (points, "items-changed", G_CALLBACK (on_points_changed), field);
  rebuild_points (field);

  return box;
}

/* Keywords, as tags ------------------------------------------------------- */

typedef struct
{
  KikuArticle *article;
  GtkFlowBox  *tags;
  GtkEntry    *entry;
} KeywordsField;

static void
keywords_field_free (gpointer data)
{
  KeywordsField *field = data;

  g_signal_handlers_disconnect_by_data (field->article, field);
  g_object_unref (field->article);
  g_free (field);
}

static void
remove_keyword (GtkButton     *button,
                KeywordsField *field)
{
  const char *keyword = g_object_get_data (G_OBJECT (button), "kiku-keyword");
  const char *const *keywords = kiku_article_get_keywords (field->article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; keywords && keywords[i]; i++)
    if (!g_str_equal (keywords[i], keyword))
      g_strv_builder_add (builder, keywords[i]);

  result = g_strv_builder_end (builder);
  kiku_article_set_keywords (field->article, (const char *const *)result);
  gtk_widget_grab_focus (GTK_WIDGET (field->entry));
}

static void
rebuild_keywords (KeywordsField *field)
{
  const char *const *keywords = kiku_article_get_keywords (field->article);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (field->tags))))
    gtk_flow_box_remove (field->tags, child);

  for (guint i = 0; keywords && keywords[i]; i++)
    {
      GtkWidget *tag = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *label = gtk_label_new (keywords[i]);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), keywords[i]);

      gtk_widget_add_css_class (tag, "tag");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data_full (G_OBJECT (remove), "kiku-keyword", g_strdup (keywords[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_keyword), field);
      gtk_box_append (GTK_BOX (tag), label);
      gtk_box_append (GTK_BOX (tag), remove);
      gtk_flow_box_append (field->tags, tag);
    }
}

static void
on_keywords_notify (KikuArticle   *article,
                    GParamSpec    *pspec,
                    KeywordsField *field)
{
  rebuild_keywords (field);
}

/* Enter, or a comma, adds what was typed as keywords. */
static void
add_typed_keywords (KeywordsField *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->entry));
  const char *const *keywords = kiku_article_get_keywords (field->article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *unified = g_strdup (text);
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) result = NULL;

  for (char *p = unified; *p; p++)
    if (*p == ',')
      *p = '\x1f';
  {
    g_auto(GStrv) pieces = g_strsplit (unified, "、", -1);
    g_free (unified);
    unified = g_strjoinv ("\x1f", pieces);
  }
  parts = g_strsplit (unified, "\x1f", -1);

  for (guint i = 0; keywords && keywords[i]; i++)
    g_strv_builder_add (builder, keywords[i]);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0' && !(keywords && g_strv_contains (keywords, parts[i])))
        g_strv_builder_add (builder, parts[i]);
    }

  result = g_strv_builder_end (builder);
  kiku_article_set_keywords (field->article, (const char *const *)result);
  gtk_editable_set_text (GTK_EDITABLE (field->entry), "");
}

static void
on_keyword_activate (GtkEntry      *entry,
                     KeywordsField *field)
{
  add_typed_keywords (field);
}

static void
on_keyword_changed (GtkEditable   *editable,
                    KeywordsField *field)
{
  const char *text = gtk_editable_get_text (editable);

  if (g_str_has_suffix (text, ",") || g_str_has_suffix (text, "、"))
    add_typed_keywords (field);
}

/**
 * kiku_field_keywords:
 *
 * Returns: (transfer floating): the keywords as tags, with an entry that
 *   adds them
 */
GtkWidget *
kiku_field_keywords (KikuFieldContext *context,
                     KikuArticle      *article)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_("Keywords"));
  GtkWidget *tags = gtk_flow_box_new ();
  GtkWidget *entry = gtk_entry_new ();
  KeywordsField *field = g_new0 (KeywordsField, 1);

  field->article = g_object_ref (article);
  field->tags = GTK_FLOW_BOX (tags);
  field->entry = GTK_ENTRY (entry);
  g_object_set_data_full (G_OBJECT (box), "kiku-keywords-field", field, keywords_field_free);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "heading");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (tags), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (tags), 12);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Add a keyword, then Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keywords"), -1);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), tags);
  gtk_box_append (GTK_BOX (box), entry);

  g_signal_connect (entry, "activate", G_CALLBACK (on_keyword_activate), field);
  g_signal_connect (entry, "changed", G_CALLBACK (on_keyword_changed), field);
  g_signal_connect (article, "notify::keywords", G_CALLBACK (on_keywords_notify), field);
  rebuild_keywords (field);

  register_field (context, KIKU_NODE (article), "keywords", entry);

  return box;
}
