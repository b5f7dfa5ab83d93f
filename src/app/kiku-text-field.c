/* kiku-text-field.c: a labelled text area for CommonMark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-text-field"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-field.h"
#include "kiku-link-dialog.h"
#include "kiku-spell-adapter.h"
#include "kiku-text-field.h"

/* The area is as tall as its text: it sits in the form's scrolled page,
 * not in a scroller of its own, so a four-line lead shows four lines.
 */

struct _KikuTextField
{
  GtkWidget       parent_instance;

  KikuNode       *node;
  char           *property;
  char           *title;
  int             limit;
  GSettings      *settings;
  KikuHistory    *history;
  GtkCssProvider *font;

  GtkWidget      *box;
  GtkWidget      *header;
  GtkLabel       *title_label;
  GtkWidget      *frame;
  GtkSourceView  *view;

  /* What Ctrl+K makes a link of, kept while the address is asked for. */
  GtkTextMark    *link_start;
  GtkTextMark    *link_end;

  int             fitted_width;
  guint           fit_tick;
};

G_DEFINE_FINAL_TYPE (KikuTextField, kiku_text_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NODE,
  PROP_PROPERTY,
  PROP_TITLE,
  PROP_LIMIT,
  PROP_SETTINGS,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


static void
on_font_changed (KikuTextField *self,
                 const char    *key,
                 GSettings     *settings)
{
  g_autofree char *font = g_settings_get_string (settings, "editor-font");
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autofree char *css = NULL;
  const char *family = pango_font_description_get_family (description);
  int size = pango_font_description_get_size (description) / PANGO_SCALE;

  css = g_strdup_printf ("textview { font-family: \"%s\"; font-size: %dpt; }",
                         family ? family : "Monospace", size > 0 ? size : 11);
  gtk_css_provider_load_from_data (self->font, css, -1);
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
on_view_map (GtkWidget     *view,
             KikuTextField *self)
{
  g_signal_handlers_disconnect_by_func (view, on_view_map, self);
  g_idle_add_full (G_PRIORITY_LOW, set_markdown, g_object_ref (view), g_object_unref);
}

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

#define MIN_TEXT_HEIGHT 64

static gboolean
fit_tick (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  KikuTextField *self = KIKU_TEXT_FIELD (widget);

  self->fit_tick = 0;
  self->fitted_width = gtk_widget_get_width (GTK_WIDGET (self->view));
  kiku_field_fit_text_view (GTK_TEXT_VIEW (self->view), MIN_TEXT_HEIGHT);

  return G_SOURCE_REMOVE;
}

static void
kiku_text_field_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (KIKU_TEXT_FIELD (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* At a new width the text wraps anew: the view asks for the height that
 * takes, in the next frame.
 */
static void
kiku_text_field_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  KikuTextField *self = KIKU_TEXT_FIELD (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  if (gtk_widget_get_width (GTK_WIDGET (self->view)) != self->fitted_width && self->fit_tick == 0)
    self->fit_tick = gtk_widget_add_tick_callback (widget, fit_tick, NULL, NULL);
}

/* Once the view has asked for more than its own measure gives, typing
 * that takes lines away lets it shrink again.
 */
static void
on_buffer_changed (KikuTextField *self)
{
  int requested;

  gtk_widget_get_size_request (GTK_WIDGET (self->view), NULL, &requested);
  if (requested > MIN_TEXT_HEIGHT)
    kiku_field_fit_text_view (GTK_TEXT_VIEW (self->view), MIN_TEXT_HEIGHT);
}

/* Formatting keys ---------------------------------------------------------
 *
 * Paragraphs and comments are CommonMark: Ctrl+B and Ctrl+I write the
 * emphasis marks around the selection, or take them away when it has
 * them already (just outside it or at its ends); Ctrl+K asks for an
 * address and makes the selection a link. With nothing selected the marks
 * go around the caret, ready for the words. Each is one step of the
 * article's history.
 */

static gboolean
has_formatting (KikuTextField *self)
{
  return g_strcmp0 (self->property, "text") == 0 &&
         (KIKU_IS_PARAGRAPH (self->node) || KIKU_IS_COMMENT (self->node));
}

static void
begin_edit (KikuTextField *self)
{
  if (self->history != NULL)
    {
      kiku_history_break (self->history);
      kiku_history_begin_group (self->history);
    }
  gtk_text_buffer_begin_user_action (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
}

static void
end_edit (KikuTextField *self)
{
  gtk_text_buffer_end_user_action (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  if (self->history != NULL)
    {
      kiku_history_end_group (self->history);
      kiku_history_break (self->history);
    }
}

static int
count_stars_before (GtkTextBuffer *buffer,
                    int            offset,
                    int            limit)
{
  GtkTextIter iter;
  int n = 0;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  while (n < limit && gtk_text_iter_backward_char (&iter) && gtk_text_iter_get_char (&iter) == '*')
    n++;

  return n;
}

static int
count_stars_after (GtkTextBuffer *buffer,
                   int            offset,
                   int            limit)
{
  GtkTextIter iter;
  int n = 0;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  while (n < limit && gtk_text_iter_get_char (&iter) == '*' && gtk_text_iter_forward_char (&iter))
    n++;

  return n;
}

/* Whether @stars marks on each side make the emphasis @width stands for:
 * ** (or ***) for strong, * (or ***) for plain emphasis.
 */
static gboolean
marks_emphasis (int stars,
                int width)
{
  return width == 2 ? stars >= 2 : (stars == 1 || stars >= 3);
}

static void
delete_range (GtkTextBuffer *buffer,
              int            from,
              int            to)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, to);
  gtk_text_buffer_delete (buffer, &start, &end);
}

static void
insert_at (GtkTextBuffer *buffer,
           int            offset,
           const char    *text)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_insert (buffer, &iter, text, -1);
}

static void
select_offsets (GtkTextBuffer *buffer,
                int            from,
                int            to)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, to);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
toggle_emphasis (KikuTextField *self,
                 int            width)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  const char *marks = width == 2 ? "**" : "*";
  GtkTextIter start, end;
  int from, to, outside, inside;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  from = gtk_text_iter_get_offset (&start);
  to = gtk_text_iter_get_offset (&end);

  begin_edit (self);

  outside = MIN (count_stars_before (buffer, from, 3), count_stars_after (buffer, to, 3));
  inside = MIN (count_stars_after (buffer, from, 3), count_stars_before (buffer, to, 3));
  if (outside > 0 && marks_emphasis (outside, width))
    {
      delete_range (buffer, to, to + width);
      delete_range (buffer, from - width, from);
      select_offsets (buffer, from - width, to - width);
    }
  else if (outside == 0 && to - from > 2 * inside && inside > 0 && marks_emphasis (inside, width))
    {
      delete_range (buffer, to - width, to);
      delete_range (buffer, from, from + width);
      select_offsets (buffer, from, to - 2 * width);
    }
  else
    {
      insert_at (buffer, to, marks);
      insert_at (buffer, from, marks);
      select_offsets (buffer, from + width, to + width);
    }

  end_edit (self);
}

static void
bold_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  toggle_emphasis (KIKU_TEXT_FIELD (widget), 2);
}

static void
italic_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  toggle_emphasis (KIKU_TEXT_FIELD (widget), 1);
}

static void
on_link_address_chosen (KikuTextField *self,
                        const char    *address)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  g_autofree char *text = NULL;
  g_autofree char *link = NULL;
  GtkTextIter start, end;

  g_return_if_fail (self->link_start != NULL);

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  /* An address with spaces or brackets is written between < and >. */
  link = g_strdup_printf (strpbrk (address, " ()") != NULL ? "[%s](<%s>)" : "[%s](%s)",
                          text[0] != '\0' ? text : address, address);

  begin_edit (self);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, link, -1);
  gtk_text_buffer_place_cursor (buffer, &start);
  end_edit (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
link_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KikuTextField *self = KIKU_TEXT_FIELD (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  GtkWidget *dialog;
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (self->link_start == NULL)
    {
      self->link_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      self->link_end = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
    }
  gtk_text_buffer_move_mark (buffer, self->link_start, &start);
  gtk_text_buffer_move_mark (buffer, self->link_end, &end);

  dialog = kiku_link_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "address-chosen",
                           G_CALLBACK (on_link_address_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The keys belong to the field before the source view sees them, and
 * only in a field that is CommonMark: elsewhere they go on up (Ctrl+I
 * imports text).
 */
static gboolean
run_format_key (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  KikuTextField *self = KIKU_TEXT_FIELD (widget);

  if (!has_formatting (self) || !gtk_widget_has_focus (GTK_WIDGET (self->view)))
    return FALSE;

  return gtk_widget_activate_action (widget, data, NULL);
}

static void
add_format_key (GtkShortcutController *controller,
                guint                  keyval,
                const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (run_format_key,
                                                                                   (gpointer)action,
                                                                                   NULL)));
}

static void
kiku_text_field_constructed (GObject *object)
{
  KikuTextField *self = KIKU_TEXT_FIELD (object);
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));

  G_OBJECT_CLASS (kiku_text_field_parent_class)->constructed (object);

  g_assert (KIKU_IS_NODE (self->node));

  gtk_label_set_text (self->title_label, self->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
  if (self->limit > 0)
    gtk_box_append (GTK_BOX (self->header), kiku_field_count_label (self->node, self->property, self->limit));

  /* Ctrl+Z belongs to the article, not to the text. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
  g_object_bind_property_full (self->node, self->property, buffer, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               transform_to_buffer, NULL, NULL, NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  kiku_spell_adapter_attach (GTK_TEXT_VIEW (self->view), self->node, self->history);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "text.bold", has_formatting (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "text.italic", has_formatting (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "text.link", has_formatting (self));

  if (self->settings != NULL)
    {
      self->font = gtk_css_provider_new ();
      gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->view)),
                                      GTK_STYLE_PROVIDER (self->font),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      on_font_changed (self, "editor-font", self->settings);
      g_signal_connect_object (self->settings, "changed::editor-font",
                               G_CALLBACK (on_font_changed), self, G_CONNECT_SWAPPED);
    }
}

static void
kiku_text_field_dispose (GObject *object)
{
  KikuTextField *self = KIKU_TEXT_FIELD (object);

  if (self->fit_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick);
  self->fit_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_TEXT_FIELD);
  g_clear_object (&self->node);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->font);

  G_OBJECT_CLASS (kiku_text_field_parent_class)->dispose (object);
}

static void
kiku_text_field_finalize (GObject *object)
{
  KikuTextField *self = KIKU_TEXT_FIELD (object);

  g_free (self->property);
  g_free (self->title);

  G_OBJECT_CLASS (kiku_text_field_parent_class)->finalize (object);
}

static void
kiku_text_field_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KikuTextField *self = KIKU_TEXT_FIELD (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;

    case PROP_PROPERTY:
      g_value_set_string (value, self->property);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LIMIT:
      g_value_set_int (value, self->limit);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_text_field_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KikuTextField *self = KIKU_TEXT_FIELD (object);

  switch (prop_id)
    {
    case PROP_NODE:
      self->node = g_value_dup_object (value);
      break;

    case PROP_PROPERTY:
      self->property = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_LIMIT:
      self->limit = g_value_get_int (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_text_field_class_init (KikuTextFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_text_field_constructed;
  object_class->dispose = kiku_text_field_dispose;
  object_class->finalize = kiku_text_field_finalize;
  object_class->get_property = kiku_text_field_get_property;
  object_class->set_property = kiku_text_field_set_property;

  widget_class->measure = kiku_text_field_measure;
  widget_class->size_allocate = kiku_text_field_size_allocate;

  properties [PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, KIKU_TYPE_NODE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROPERTY] =
    g_param_spec_string ("property", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The most characters the site shows, or 0 for no count. */
  properties [PROP_LIMIT] =
    g_param_spec_int ("limit", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Where the editor font comes from, if anywhere. */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The article's history, so that a formatting key is one step in it. */
  properties [PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, KIKU_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "text.bold", NULL, bold_activated);
  gtk_widget_class_install_action (widget_class, "text.italic", NULL, italic_activated);
  gtk_widget_class_install_action (widget_class, "text.link", NULL, link_activated);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-text-field.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuTextField, box);
  gtk_widget_class_bind_template_child (widget_class, KikuTextField, header);
  gtk_widget_class_bind_template_child (widget_class, KikuTextField, title_label);
  gtk_widget_class_bind_template_child (widget_class, KikuTextField, frame);
  gtk_widget_class_bind_template_child (widget_class, KikuTextField, view);
  gtk_widget_class_bind_template_callback (widget_class, on_view_map);
}

static void
kiku_text_field_init (KikuTextField *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_format_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_b, "text.bold");
  add_format_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_i, "text.italic");
  add_format_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_k, "text.link");
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * kiku_text_field_new:
 * @settings: (nullable): where the editor font is set
 * @history: (nullable): the article's history
 *
 * Returns: (transfer floating): a labelled source view for long CommonMark
 *   text in @property of @node, with highlighting and soft wrap
 */
GtkWidget *
kiku_text_field_new (KikuNode   *node,
                     const char *property,
                     const char *title,
                     int         limit,
                     GSettings  *settings,
                     KikuHistory *history)
{
  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  return g_object_new (KIKU_TYPE_TEXT_FIELD,
                       "node", node,
                       "property", property,
                       "title", title,
                       "limit", limit,
                       "settings", settings,
                       "history", history,
                       NULL);
}

/**
 * kiku_text_field_get_view:
 *
 * Returns: (transfer none): the source view the text is edited in
 */
GtkWidget *
kiku_text_field_get_view (KikuTextField *self)
{
  g_return_val_if_fail (KIKU_IS_TEXT_FIELD (self), NULL);

  return GTK_WIDGET (self->view);
}
