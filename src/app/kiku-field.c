/* kiku-field.c: widgets that edit one property of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-field"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-field.h"
#include "kiku-keywords-field.h"
#include "kiku-points-field.h"
#include "kiku-spell-entry.h"
#include "kiku-text-field.h"

/* A field and the property it edits stay equal both ways through a
 * GBinding: typing sets the property, and a change of the property from
 * elsewhere (undo, an import) sets the field. Each keystroke is one change
 * of the model, which the history merges into words. The field's own undo
 * is off: Ctrl+Z belongs to the article.
 */

static gboolean
transform_to_field (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text ? text : "");

  return TRUE;
}

void
kiku_field_bind_editable (GtkEditable *editable,
                          KikuNode    *node,
                          const char  *property)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (KIKU_IS_NODE (node));

  gtk_editable_set_enable_undo (editable, FALSE);
  g_object_bind_property_full (node, property, editable, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               transform_to_field, NULL, NULL, NULL);
}

/* Character counts ------------------------------------------------------- */

static gboolean
transform_to_count (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      data)
{
  const char *text = g_value_get_string (from);
  glong n = text ? g_utf8_strlen (text, -1) : 0;

  g_value_take_string (to, g_strdup_printf ("%ld/%d", n, GPOINTER_TO_INT (data)));

  return TRUE;
}

static gboolean
transform_to_count_style (GBinding     *binding,
                          const GValue *from,
                          GValue       *to,
                          gpointer      data)
{
  static const char *within[] = { "dim-label", "caption", "numeric", NULL };
  static const char *over[] = { "dim-label", "caption", "numeric", "error", NULL };
  const char *text = g_value_get_string (from);
  glong n = text ? g_utf8_strlen (text, -1) : 0;

  g_value_set_boxed (to, n > GPOINTER_TO_INT (data) ? over : within);

  return TRUE;
}

/**
 * kiku_field_count_label:
 * @limit: the most characters the site shows
 *
 * Returns: (transfer floating): a count such as 42/60 of the characters in
 *   @property, shown as an error past @limit
 */
GtkWidget *
kiku_field_count_label (KikuNode   *node,
                        const char *property,
                        int         limit)
{
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  /* Translators: the tooltip of a count such as 42/60 */
  gtk_widget_set_tooltip_text (count, _("Characters, and the most the site shows"));
  g_object_bind_property_full (node, property, count, "label", G_BINDING_SYNC_CREATE,
                               transform_to_count, NULL, GINT_TO_POINTER (limit), NULL);
  g_object_bind_property_full (node, property, count, "css-classes", G_BINDING_SYNC_CREATE,
                               transform_to_count_style, NULL, GINT_TO_POINTER (limit), NULL);

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

/* The one-line fields whose text is prose, spell-checked: not names,
 * addresses, slugs, dates or languages.
 */
static const char * const prose_properties[] = {
  "title", "subtitle", "teaser", "heading", "question", "answer", "caption", "alt", NULL
};

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
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), kiku_field_count_label (node, property, limit));
  if (g_strv_contains (prose_properties, property))
    kiku_spell_entry_attach (GTK_EDITABLE (row), node);

  register_field (context, node, property, row);

  return row;
}

/**
 * kiku_field_text_view:
 *
 * Returns: (transfer floating): a labelled source view for long CommonMark
 *   text, with highlighting and soft wrap, as tall as its text
 */
GtkWidget *
kiku_field_text_view (KikuFieldContext *context,
                      KikuNode         *node,
                      const char       *property,
                      const char       *title,
                      int               limit)
{
  GtkWidget *field = kiku_text_field_new (node, property, title, limit,
                                          context != NULL ? context->settings : NULL,
                                          context != NULL ? context->history : NULL);

  register_field (context, node, property, field);

  return field;
}

/**
 * kiku_field_fit_text_view:
 * @minimum: the least height the view has, as its text area
 *
 * Makes @view ask for the height its text needs at its width now. A
 * GtkTextView that is not in a scrolled window keeps the height it had
 * at a wider width when it gets narrower, and so cuts its last lines off;
 * call this once it has its new width.
 */
void
kiku_field_fit_text_view (GtkTextView *view,
                          int          minimum)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (view)) -
              gtk_text_view_get_left_margin (view) - gtk_text_view_get_right_margin (view);
  int height, requested;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (width <= 0)
    return;

  g_object_get (gtk_text_view_get_buffer (view), "text", &text, NULL);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), text);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);
  height = MAX (minimum, height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view));

  gtk_widget_get_size_request (GTK_WIDGET (view), NULL, &requested);
  if (requested != height)
    gtk_widget_set_size_request (GTK_WIDGET (view), -1, height);
}

/**
 * kiku_field_get_focus_target:
 *
 * Returns: (transfer none): the widget inside a field that takes the focus
 */
GtkWidget *
kiku_field_get_focus_target (GtkWidget *widget)
{
  if (KIKU_IS_TEXT_FIELD (widget))
    return kiku_text_field_get_view (KIKU_TEXT_FIELD (widget));

  return widget;
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

static void
on_point_field_added (KikuPointsField  *field,
                      KikuNode         *node,
                      const char       *property,
                      GtkWidget        *widget,
                      KikuFieldContext *context)
{
  register_field (context, node, property, widget);
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
  /* The article's points are its key points; a source box's are its
   * points.
   */
  const char *item_name = KIKU_IS_ARTICLE (kiku_list_get_owner (points))
                          ? C_("one of the key points", "Key point")
                          : C_("one of a source box's points", "Point");
  GtkWidget *field = g_object_new (KIKU_TYPE_POINTS_FIELD,
                                   "points", points,
                                   "history", context != NULL ? context->history : NULL,
                                   "title", title,
                                   "item-name", item_name,
                                   NULL);

  /* The points there now, and each one added later. */
  for (guint i = 0; i < kiku_list_get_length (points); i++)
    register_field (context, kiku_list_get (points, i), "text",
                    kiku_points_field_get_text_view (KIKU_POINTS_FIELD (field), kiku_list_get (points, i)));
  if (context != NULL)
    g_signal_connect (field, "field-added", G_CALLBACK (on_point_field_added), context);

  return field;
}

/**
 * kiku_field_keywords:
 *
 * Returns: (transfer floating): the keywords as chips, with an entry that
 *   adds them
 */
GtkWidget *
kiku_field_keywords (KikuFieldContext *context,
                     KikuArticle      *article)
{
  GtkWidget *field = kiku_keywords_field_new (article);

  register_field (context, KIKU_NODE (article), "keywords",
                  kiku_keywords_field_get_entry (KIKU_KEYWORDS_FIELD (field)));

  return field;
}

/**
 * kiku_field_context_dup_persona:
 *
 * Returns: (transfer full): the persona a new comment is given: the first
 *   of the site's, or else the default persona of the preferences
 */
char *
kiku_field_context_dup_persona (KikuFieldContext *context)
{
  if (context->personas != NULL && context->personas[0] != NULL)
    return g_strdup (context->personas[0]);

  return context->settings ? g_settings_get_string (context->settings, "default-persona")
                           : g_strdup ("naniwa");
}
