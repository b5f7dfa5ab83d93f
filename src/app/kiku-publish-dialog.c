/* kiku-publish-dialog.c: where and how to publish an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-a11y.h"
#include "kiku-publish-dialog.h"

/* The site, and what the article becomes there: a draft, published now, or
 * scheduled for a date, as far as the site has such things (a folder has
 * neither drafts nor a schedule). The date is chosen on a calendar and the
 * time in the user's time zone, which is shown. An article with problems
 * still to fix may go as a draft only where the site keeps drafts; they
 * are listed. The choice comes back through ::publish; the "sites"
 * response asks for the Sites window.
 */
struct _KikuPublishDialog
{
  AdwMessageDialog  parent_instance;

  KikuArticle      *article;
  GListModel       *sites;
  GPtrArray        *link_problems; /* what the last link check found broken */
  gboolean          draft_only;
  guint             offered[3];   /* the statuses in the drop-down, in its order */
  guint             n_offered;
  guint             recheck_source;

  GtkDropDown      *site;
  GtkDropDown      *status;
  GtkStringList    *status_names;
  GtkLabel         *date_label;
  GtkMenuButton    *date;
  GtkCalendar      *calendar;
  GtkLabel         *time_label;
  GtkWidget        *time_box;
  GtkSpinButton    *hour;
  GtkSpinButton    *minute;
  GtkLabel         *zone;
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

static KikuSite *
chosen_site (KikuPublishDialog *self)
{
  return gtk_drop_down_get_selected_item (self->site);
}

static guint
chosen_status (KikuPublishDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->status);

  if (self->draft_only || selected >= self->n_offered)
    return self->n_offered > 0 ? self->offered[0] : STATUS_PUBLISH;

  return self->offered[selected];
}

/* The moment chosen, in the user's time zone. */
static GDateTime *
chosen_time (KikuPublishDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new (local,
                          g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          gtk_spin_button_get_value_as_int (self->hour),
                          gtk_spin_button_get_value_as_int (self->minute), 0);
}

static void
mark (GtkWidget *widget,
      gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               wrong ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static gboolean recheck (gpointer data);

/* A scheduled publish needs a time still to come; the publish button waits
 * for it, and the date says what is wrong. A time that passes while the
 * dialog is open is marked when it does.
 */
static void
update_publishable (KikuPublishDialog *self)
{
  gboolean scheduled = chosen_status (self) == STATUS_FUTURE;
  gboolean valid = TRUE;

  g_clear_handle_id (&self->recheck_source, g_source_remove);

  if (scheduled)
    {
      g_autoptr(GDateTime) when = chosen_time (self);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GTimeSpan ahead = when ? g_date_time_difference (when, now) : 0;
      g_autofree char *day = when ? g_date_time_format (when, "%x") : NULL;

      valid = ahead > 0;
      if (valid)
        self->recheck_source = g_timeout_add_seconds (MIN (ahead / G_TIME_SPAN_SECOND + 1, G_MAXUINT / 2),
                                                      recheck, self);
      gtk_menu_button_set_label (self->date, day ? day : "");
      if (when != NULL)
        {
          g_autoptr(GTimeZone) local = g_time_zone_new_local ();
          const char *identifier = g_time_zone_get_identifier (local);
          const char *abbreviation = g_date_time_get_timezone_abbreviation (when);
          g_autofree char *offset = g_date_time_format (when, "%:z");
          g_autofree char *text = NULL;

          if (identifier == NULL || g_str_equal (identifier, abbreviation) ||
              g_str_equal (identifier, "Local"))
            /* Translators: the time zone: its short name and its offset from UTC */
            text = g_strdup_printf (_("%s (UTC%s)"), abbreviation, offset);
          else
            /* Translators: the time zone: its short name, its place name such as
             * Asia/Tokyo, and its offset from UTC
             */
            text = g_strdup_printf (_("%s, %s (UTC%s)"), abbreviation, identifier, offset);
          gtk_label_set_label (self->zone, text);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->date_label), scheduled);
  gtk_widget_set_visible (GTK_WIDGET (self->date), scheduled);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), scheduled);
  gtk_widget_set_visible (self->time_box, scheduled);
  gtk_widget_set_visible (GTK_WIDGET (self->date_hint), !valid);
  mark (GTK_WIDGET (self->date), !valid);
  mark (GTK_WIDGET (self->hour), !valid);
  mark (GTK_WIDGET (self->minute), !valid);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "publish",
                                           valid && chosen_site (self) != NULL);
}

static gboolean
recheck (gpointer data)
{
  KikuPublishDialog *self = data;

  self->recheck_source = 0;
  update_publishable (self);

  return G_SOURCE_REMOVE;
}

static void
on_day_selected (KikuPublishDialog *self)
{
  gtk_menu_button_popdown (self->date);
  update_publishable (self);
}

/* Two digits, as a clock shows them. */
static gboolean
on_spin_output (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* The body: what to choose, or the problems the article still has. */
static void
update_body (KikuPublishDialog *self)
{
  KikuSite *site = chosen_site (self);
  g_autoptr(GPtrArray) problems = kiku_article_validate_for_site (self->article, site, NULL, NULL);
  g_autoptr(GString) body = g_string_new (NULL);

  if (self->link_problems != NULL)
    for (guint i = 0; i < self->link_problems->len; i++)
      g_ptr_array_add (problems, kiku_problem_copy (g_ptr_array_index (self->link_problems, i)));
  gboolean drafts = site == NULL || (kiku_site_get_features (site) & KIKU_PUBLISHER_DRAFTS);

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
      if (drafts)
        g_string_append (body, _("It can still go to the site as a draft."));
      else
        g_string_append (body, _("This site has no drafts: what is published there is public at once."));
    }
  /* Where the article already is on this site, the publish replaces it. */
  if (site != NULL)
    {
      g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (self->article, kiku_site_get_name (site));
      g_autoptr(GDateTime) when = record ? kiku_publish_record_dup_time (record) : NULL;
      const char *url = record ? kiku_publish_record_get_url (record) : NULL;

      if (url != NULL && url[0] != '\0')
        {
          g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
          g_autofree char *time = local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("—");

          g_string_append (body, "\n\n");
          /* Translators: the site's name, the post's address, and when it was last published from here */
          g_string_append_printf (body, _("Updates the post published on %s at %s (%s)."),
                                  kiku_site_get_name (site), url, time);
        }
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body->str);

  /* With problems, a draft whatever the drop-down says, where there are
   * drafts.
   */
  self->draft_only = problems->len > 0 && drafts;
  if (self->draft_only)
    gtk_drop_down_set_selected (self->status, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status), !self->draft_only && self->n_offered > 1);
  if (self->draft_only)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "publish", _("Publish as _Draft"));
  else if (problems->len > 0)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "publish", _("Publish _Anyway"));
  else
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "publish", _("_Publish"));
}

/* Only what means something on the site chosen; the status chosen stays
 * when the new site has it.
 */
static void
update_statuses (KikuPublishDialog *self)
{
  KikuSite *site = chosen_site (self);
  KikuPublisherFeatures features = site ? kiku_site_get_features (site) : KIKU_PUBLISHER_DRAFTS;
  guint before = self->n_offered > 0 ? chosen_status (self) : STATUS_DRAFT;
  const char *names[4] = { NULL };
  guint selected = 0;

  self->n_offered = 0;
  if (features & KIKU_PUBLISHER_DRAFTS)
    {
      names[self->n_offered] = _("Draft");
      self->offered[self->n_offered++] = STATUS_DRAFT;
    }
  names[self->n_offered] = _("Published Now");
  self->offered[self->n_offered++] = STATUS_PUBLISH;
  if (features & KIKU_PUBLISHER_SCHEDULE)
    {
      names[self->n_offered] = _("Scheduled");
      self->offered[self->n_offered++] = STATUS_FUTURE;
    }

  for (guint i = 0; i < self->n_offered; i++)
    if (self->offered[i] == before)
      selected = i;

  self->draft_only = FALSE;
  gtk_string_list_splice (self->status_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->status_names)), names);
  gtk_drop_down_set_selected (self->status, selected);
  update_body (self);
  update_publishable (self);
}

static void
on_response (KikuPublishDialog *self,
             const char        *response)
{
  KikuSite *site = chosen_site (self);
  guint status = chosen_status (self);
  g_autofree char *date = NULL;

  if (!g_str_equal (response, "publish") || site == NULL)
    return;

  if (status == STATUS_FUTURE)
    {
      g_autoptr(GDateTime) when = chosen_time (self);

      date = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
    }

  g_signal_emit (self, signals [PUBLISH], 0, site, statuses[status], date);
}

static void
kiku_publish_dialog_constructed (GObject *object)
{
  KikuPublishDialog *self = KIKU_PUBLISH_DIALOG (object);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  G_OBJECT_CLASS (kiku_publish_dialog_parent_class)->constructed (object);

  /* Tomorrow at nine, until the user says otherwise. */
  gtk_calendar_select_day (self->calendar, tomorrow);
  gtk_spin_button_set_value (self->hour, 9);
  gtk_spin_button_set_value (self->minute, 0);

  gtk_drop_down_set_model (self->site, self->sites);
  g_signal_connect_swapped (self->site, "notify::selected", G_CALLBACK (update_statuses), self);
  update_statuses (self);
}

static void
kiku_publish_dialog_dispose (GObject *object)
{
  g_clear_pointer (&KIKU_PUBLISH_DIALOG (object)->link_problems, g_ptr_array_unref);
  KikuPublishDialog *self = KIKU_PUBLISH_DIALOG (object);

  g_clear_handle_id (&self->recheck_source, g_source_remove);
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
   * @date: (nullable): for "future", when, in ISO 8601 with the user's
   *   offset from UTC
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
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, status_names);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, date_label);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, date);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, time_label);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, time_box);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, hour);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, minute);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, zone);
  gtk_widget_class_bind_template_child (widget_class, KikuPublishDialog, date_hint);
  gtk_widget_class_bind_template_callback (widget_class, update_publishable);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output);
}

static void
kiku_publish_dialog_init (KikuPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: the labels "Sit_e" and "S_tatus" of the Publish dialog,
   * without their underline, as screen readers name the choices */
  kiku_a11y_name_drop_down (self->site, _("Site"));
  /* Translators: see "Site" */
  kiku_a11y_name_drop_down (self->status, _("Status"));

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

/**
 * kiku_publish_dialog_set_link_problems:
 * @problems: (element-type KikuProblem): the broken links the last check
 *   found, counted and listed with the article's other problems
 */
void
kiku_publish_dialog_set_link_problems (KikuPublishDialog *self,
                                       GPtrArray         *problems)
{
  g_return_if_fail (KIKU_IS_PUBLISH_DIALOG (self));

  g_clear_pointer (&self->link_problems, g_ptr_array_unref);
  if (problems != NULL && problems->len > 0)
    self->link_problems = g_ptr_array_ref (problems);
  update_body (self);
}
