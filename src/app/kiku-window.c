/* kiku-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-window.h"

struct _KikuWindow
{
  AdwApplicationWindow  parent_instance;

  KikuArticle          *article;
  GFile                *opening;
  GCancellable         *cancellable;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *summary_label;
  GtkLabel             *outline_label;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (KikuWindow, kiku_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
count_article (KikuArticle *article,
               guint       *n_sections,
               guint       *n_blocks)
{
  KikuList *pages = kiku_article_get_pages (article);

  *n_sections = *n_blocks = 0;

  for (guint p = 0; p < kiku_list_get_length (pages); p++)
    {
      KikuList *sections = kiku_page_get_sections (kiku_list_get (pages, p));

      *n_sections += kiku_list_get_length (sections);
      for (guint s = 0; s < kiku_list_get_length (sections); s++)
        *n_blocks += kiku_list_get_length (kiku_section_get_blocks (kiku_list_get (sections, s)));
    }
}

static void
kiku_window_update (KikuWindow *self)
{
  const char *title;
  GFile *file;
  g_autofree char *file_name = NULL;
  g_autofree char *outline = NULL;
  guint n_pages, n_sections, n_blocks;

  if (self->article == NULL)
    return;

  title = kiku_article_get_title (self->article);
  file = kiku_article_get_file (self->article);
  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      file_name = g_filename_display_name (basename);
    }

  adw_window_title_set_title (self->window_title, title ? title : _("Untitled Article"));
  adw_window_title_set_subtitle (self->window_title, file_name ? file_name : _("Not Saved"));
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Untitled Article"));

  set_label (self->title_label, title ? title : _("Untitled Article"));
  set_label (self->subtitle_label, kiku_article_get_subtitle (self->article));
  set_label (self->summary_label, kiku_article_get_summary (self->article));

  n_pages = kiku_list_get_length (kiku_article_get_pages (self->article));
  count_article (self->article, &n_sections, &n_blocks);
  {
    g_autofree char *pages = NULL;
    g_autofree char *sections = NULL;
    g_autofree char *blocks = NULL;

    pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages),
                             n_pages);
    sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections",
                                             n_sections),
                                n_sections);
    blocks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u block", "%u blocks", n_blocks),
                              n_blocks);
    /* Translators: an article's size, such as "2 pages, 3 sections, 18 blocks" */
    outline = g_strdup_printf (_("%s, %s, %s"), pages, sections, blocks);
  }
  set_label (self->outline_label, outline);
}

static void
on_article_changed (KikuWindow  *self,
                    KikuNode    *node,
                    const char  *what,
                    KikuArticle *article)
{
  kiku_window_update (self);
}

static void
on_article_file_changed (KikuWindow  *self,
                         GParamSpec  *pspec,
                         KikuArticle *article)
{
  kiku_window_update (self);
}

static void
kiku_window_dispose (GObject *object)
{
  KikuWindow *self = (KikuWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->opening);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_WINDOW);

  G_OBJECT_CLASS (kiku_window_parent_class)->dispose (object);
}

static void
kiku_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KikuWindow *self = KIKU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KikuWindow *self = KIKU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      kiku_window_set_article (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_window_class_init (KikuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiku_window_dispose;
  object_class->get_property = kiku_window_get_property;
  object_class->set_property = kiku_window_set_property;

  properties [PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         KIKU_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, outline_label);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, error_page);
}

static void
kiku_window_init (KikuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * kiku_window_new:
 * @application: (nullable): the application
 * @article: (nullable): the article to show; %NULL while one is loading
 */
KikuWindow *
kiku_window_new (KikuApplication *application,
                 KikuArticle     *article)
{
  return g_object_new (KIKU_TYPE_WINDOW,
                       "application", application,
                       "article", article,
                       NULL);
}

/**
 * kiku_window_get_article:
 *
 * Returns: (transfer none) (nullable): the article in the window
 */
KikuArticle *
kiku_window_get_article (KikuWindow *self)
{
  g_return_val_if_fail (KIKU_IS_WINDOW (self), NULL);

  return self->article;
}

void
kiku_window_set_article (KikuWindow  *self,
                         KikuArticle *article)
{
  g_return_if_fail (KIKU_IS_WINDOW (self));
  g_return_if_fail (!article || KIKU_IS_ARTICLE (article));

  if (self->article == article)
    return;

  if (self->article != NULL)
    g_signal_handlers_disconnect_by_data (self->article, self);

  g_set_object (&self->article, article);

  if (article != NULL)
    {
      g_signal_connect_object (article, "changed",
                               G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (article, "notify::file",
                               G_CALLBACK (on_article_file_changed), self, G_CONNECT_SWAPPED);
      kiku_window_update (self);
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "article");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARTICLE]);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->opening);

  article = kiku_article_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);

  if (article == NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      title = g_strdup_printf (_("Could not open “%s”"), display);
      adw_status_page_set_title (self->error_page, title);
      adw_status_page_set_description (self->error_page, error->message);
      adw_window_title_set_title (self->window_title, display);
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  kiku_window_set_article (self, article);
}

/**
 * kiku_window_open_file:
 *
 * Reads @file without blocking and shows it, or says why it cannot be read.
 */
void
kiku_window_open_file (KikuWindow *self,
                       GFile      *file)
{
  g_return_if_fail (KIKU_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->opening, file);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);

  kiku_article_load_async (file, self->cancellable, on_loaded, g_object_ref (self));
}
