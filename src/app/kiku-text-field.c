/* kiku-text-field.c: a labelled text area for CommonMark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-text-field"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-field.h"
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
  GtkCssProvider *font;

  GtkWidget      *box;
  GtkWidget      *header;
  GtkLabel       *title_label;
  GtkWidget      *frame;
  GtkSourceView  *view;

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_text_field_new:
 * @settings: (nullable): where the editor font is set
 *
 * Returns: (transfer floating): a labelled source view for long CommonMark
 *   text in @property of @node, with highlighting and soft wrap
 */
GtkWidget *
kiku_text_field_new (KikuNode   *node,
                     const char *property,
                     const char *title,
                     int         limit,
                     GSettings  *settings)
{
  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  return g_object_new (KIKU_TYPE_TEXT_FIELD,
                       "node", node,
                       "property", property,
                       "title", title,
                       "limit", limit,
                       "settings", settings,
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
