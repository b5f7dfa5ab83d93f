/* kiku-publish-dialog.c: where and how to publish an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-publish-dialog.h"

/* The site, and what the article becomes there: a draft, published now, or
 * scheduled for a date. An article with problems still to fix may go as a
 * draft only; they are listed. The choice comes back through ::publish;
 * the "sites" response asks for the Sites window.
 */
struct _KikuPublishDialog
{
  AdwMessageDialog  parent_instance;

  KikuArticle      *article;
  GListModel       *sites;
  gboolean          draft_only;

  GtkDropDown      *site;
  GtkDropDown      *status;
  GtkLabel         *date_label;
  GtkEntry         *date;
  GtkLabel         *date_hint;
};

G_DEFINE_FINAL_TYPE (KikuPublishDialog, kiku_publish_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_SITES,
  N_PROPS
};

enum {
  PUBLISH,
  N_SIGNALS
};

/* In the order of the status drop-down. */
static const char *statuses[] = { "draft", "publish", "future" };
enum { STATUS_DRAFT, STATUS_PUBLISH, STATUS_FUTURE };

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static char *
site_name (KikuSite *site,
           gpointer  user_data)
{
  return g_strdup (site ? kiku_site_get_name (site) : "");
}

static guint
chosen_status (KikuPublishDialog *self)
{
  return self->draft_only ? STATUS_DRAFT : gtk_drop_down_get_selected (self->status);
}

static gboolean
date_is_valid (KikuPublishDialog *self)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (gtk_editable_get_text (GTK_EDITABLE (self->date)), NULL);

  return when != NULL;
}

/* A scheduled publish needs a date that is one; the publish button waits
 * for it, and the entry says what is wrong.
 */
static void
update_publishable (KikuPublishDialog *self)
{
  gboolean scheduled = chosen_status (self) == STATUS_FUTURE;
  gboolean valid = !scheduled || date_is_valid (self);

  gtk_widget_set_visible (GTK_WIDGET (self->date_label), scheduled);
  gtk_widget_set_visible (GTK_WIDGET (self->date), scheduled);
  gtk_widget_set_visible (GTK_WIDGET (self->date_hint), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date), "error");

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "publish",
                                           valid && gtk_drop_down_get_selected_item (self->site) != NULL);
}

static void
on_response (KikuPublishDialog *self,
             const char        *response)
{
  KikuSite *site = gtk_drop_down_get_selected_item (self->site);
  guint status = chosen_status (self);

  if (!g_str_equal (response, "publish") || site == NULL)
    return;

  g_signal_emit (self, signals [PUBLISH], 0, site, statuses[status],
                 status == STATUS_FUTURE ? gtk_editable_get_text (GTK_EDITABLE (self->date)) : NULL);
}

static void
kiku_publish_dialog_constructed (GObject *object)
{
  KikuPublishDialog *self = KIKU_PUBLISH_DIALOG (object);
  g_autoptr(GPtrArray) problems = kiku_article_validate (self->article);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *default_date = g_date_time_format (tomorrow, "%Y-%m-%dT09:00:00%:z");

  G_OBJECT_CLASS (kiku_publish_dialog_parent_class)->constructed (object);

  gtk_drop_down_set_model (self->site, self->sites);
  gtk_editable_set_text (GTK_EDITABLE (self->date), default_date);

  if (problems->len == 0)
    {
      g_string_append (body, _("Choose the site, and how the article appears there."));
    }
  else
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u problem is still to fix:",
                                                 "%u problems are still to fix:", problems->len),
                              problems->len);
      for (guint i = 0; i < MIN (problems->len, 5); i++)
        g_string_append_printf (body, "\n• %s", kiku_problem_get_message (g_ptr_array_index (problems, i)));
      g_string_append (body, "\n");
      g_string_append (body, _("It can still go to the site as a draft."));

      /* With problems, a draft whatever the drop-down says. */
      self->draft_only = TRUE;
      gtk_drop_down_set_selected (self->status, STATUS_DRAFT);
      gtk_widget_set_sensitive (GTK_WIDGET (self->status), FALSE);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "publish", _("Publish as _Draft"));
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body->str);

  update_publishable (self);
}

static void
kiku_publish_dialog_dispose (GObject *object)
{
  KikuPublishDialog *self = KIKU_PUBLISH_DIALOG (object);

  g_clear_object (&self->article);
  g_clear_object (&self->sites);

  G_OBJECT_CLASS (kiku_publish_dialog_parent_class)->dispose (object);
}

static void
kiku_publish_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KikuPublishDialog *self = KIKU_PUBLISH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;

    case PROP_SITES:
      self->sites = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_publish_dialog_class_init (KikuPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_publish_dialog_constructed;
  object_class->dispose = kiku_publish_dialog_dispose;
  object_class->set_property = kiku_publish_dialog_set_property;

  properties [PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, KIKU_TYPE_ARTICLE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SITES] =
    g_param_spec_object ("sites", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KikuPublishDialog::publish:
   * @site: the site chosen
   * @status: "draft", "publish" or "future"
   * @date: (nullable): for "future", when, in ISO 8601
   */
  signals [PUBLISH] =
    g_signal_new ("publish",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  KIKU_TYPE_SITE, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, site);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, status);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, date_label);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, date);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, date_hint);
  gtk_widget_class_bind_template_callback (widget_class, update_publishable);
}

static void
kiku_publish_dialog_init (KikuPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_expression (self->site,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (site_name), NULL, NULL));
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

/**
 * kiku_publish_dialog_new:
 * @sites: (element-type KikuSite): the sites to choose from
 */
KikuPublishDialog *
kiku_publish_dialog_new (GtkWindow   *parent,
                         KikuArticle *article,
                         GListModel  *sites)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (sites), NULL);

  return g_object_new (KIKU_TYPE_PUBLISH_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "article", article,
                       "sites", sites,
                       NULL);
}
