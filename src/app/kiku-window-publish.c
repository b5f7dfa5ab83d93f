/* kiku-window-publish.c: publishing from the window, and the sites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-error.h"
#include "kiku-window-private.h"

static char *
config_dir (void)
{
  return g_strdup (kiku_get_config_dir ());
}

static void
show_error (KikuWindow *self,
            const char *heading,
            const char *body)
{
  kiku_show_message (GTK_WINDOW (self), heading, body);
}

/* Publishing ---------------------------------------------------------------- */

typedef struct
{
  KikuWindow *window;
  KikuSite   *site;
  char       *status;
  char       *date;
  gboolean    overwrite;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_object_unref (request->window);
  g_object_unref (request->site);
  g_free (request->status);
  g_free (request->date);
  g_free (request);
}

static void
set_publishing (KikuWindow *self,
                gboolean    publishing)
{
  gtk_widget_set_visible (GTK_WIDGET (self->publish_progress), publishing);
  gtk_progress_bar_set_fraction (self->publish_progress, 0);
  gtk_button_set_label (self->publish_button, publishing ? _("_Cancel Publishing") : _("_Publish"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->publish_button),
                               publishing ? _("Stop Publishing") : _("Publish to a Site (Ctrl+Enter)"));
  if (publishing)
    gtk_widget_remove_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
}

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  KikuWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->publish_progress, fraction);
}

static void
on_overwrite_response (AdwMessageDialog *dialog,
                       const char       *response,
                       Request          *request)
{
  if (g_str_equal (response, "overwrite"))
    _kiku_window_publish_to (request->window, kiku_site_get_name (request->site),
                             request->status, request->date, TRUE);
}

static void
on_published (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *request = user_data;
  KikuWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kiku_publish_finish (KIKU_ARTICLE (object), result, &error);

  g_clear_object (&self->publishing);
  set_publishing (self, FALSE);

  /* The article now records what got there: keep it in its file. */
  if (self->document != NULL)
    {
      if (kiku_document_get_file (self->document) != NULL)
        _kiku_window_save (self, FALSE);
      else
        kiku_document_mark_unsaved (self->document);
    }

  if (url != NULL)
    {
      const char *site_name = kiku_site_get_name (request->site);
      gboolean wordpress = kiku_site_get_kind (request->site) == KIKU_SITE_WORDPRESS;
      const char *status = request->status ? request->status : "draft";
      g_autofree char *title = NULL;
      AdwToast *toast;

      /* On WordPress a draft or a scheduled post is not public yet: say what
       * it became. A folder or WebDAV site has no such state.
       */
      if (wordpress && g_str_equal (status, "draft"))
        title = g_strdup_printf (_("Saved as a draft on %s"), site_name);
      else if (wordpress && g_str_equal (status, "future"))
        /* Translators: %s is the site, where the post appears at the time chosen */
        title = g_strdup_printf (_("Scheduled on %s"), site_name);
      else
        title = g_strdup_printf (_("Published to %s"), site_name);

      toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-published");
      adw_toast_set_action_target_value (toast, g_variant_new_string (url));
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Publishing stopped")));
    }
  else if (g_error_matches (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT) ||
           g_error_matches (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE))
    {
      gboolean gone = error->code == KIKU_PUBLISH_ERROR_GONE;
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  gone ? _("Publish It as a New Post?")
                                                       : _("Overwrite the Changes on the Site?"),
                                                  error->message);
      Request *again = g_new0 (Request, 1);

      again->window = g_object_ref (self);
      again->site = g_object_ref (request->site);
      again->status = g_strdup (request->status);
      again->date = g_strdup (request->date);
      g_object_set_data_full (G_OBJECT (dialog), "kiku-request", again, request_free);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "overwrite", gone ? _("_Publish Anew") : _("_Overwrite"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                  gone ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_overwrite_response), again);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Publish to %s"), kiku_site_get_name (request->site));
      show_error (self, heading, error->message);
    }

  request_free (request);
}

static void
start_publish (Request    *request,
               const char *password)
{
  KikuWindow *self = request->window;
  KikuPublishOptions options = { request->status, request->date, request->overwrite };

  if (self->document == NULL)
    {
      request_free (request);
      return;
    }

  self->publishing = g_cancellable_new ();
  set_publishing (self, TRUE);
  kiku_publish_async (kiku_document_get_article (self->document), request->site, password, &options,
                      self->publishing, on_progress, self, on_published, request);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kiku_secret_store_finish (result, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
on_password_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Request          *request)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kiku-entry");
  GtkCheckButton *remember = g_object_get_data (G_OBJECT (dialog), "kiku-remember");
  g_autofree char *password = g_strdup (gtk_editable_get_text (entry));

  g_object_steal_data (G_OBJECT (dialog), "kiku-request");

  if (!g_str_equal (response, "publish"))
    {
      request_free (request);
      return;
    }

  if (gtk_check_button_get_active (remember))
    kiku_secret_store_async (kiku_site_get_name (request->site), kiku_site_get_user (request->site),
                             password, NULL, on_stored, g_object_ref (request->window));

  start_publish (request, password);
}

static void
ask_password (Request *request)
{
  g_autofree char *body = g_strdup_printf (_("The password of %s on %s. For WordPress, an application "
                                             "password from the user’s profile on the site."),
                                           kiku_site_get_user (request->site), kiku_site_get_name (request->site));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (request->window), _("Password"), body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_password_entry_new ();
  GtkWidget *remember = gtk_check_button_new_with_mnemonic (_("_Remember in the keyring"));

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remember), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remember);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "publish", _("_Publish"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "publish");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kiku-entry", g_object_ref (entry), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kiku-remember", g_object_ref (remember), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kiku-request", request, request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_password_response), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_password_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = kiku_secret_lookup_finish (result, &error);

  if (password != NULL)
    start_publish (request, password);
  else
    ask_password (request);
}

/**
 * _kiku_window_publish_to:
 *
 * Publishes the window's article to the site called @site_name, asking the
 * keyring, or else the user, for the password it needs.
 */
void
_kiku_window_publish_to (KikuWindow *self,
                         const char *site_name,
                         const char *status,
                         const char *date,
                         gboolean    overwrite)
{
  g_autofree char *dir = config_dir ();
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;
  KikuSite *site;

  if (self->document == NULL || self->publishing != NULL)
    return;

  if (!(sites = kiku_sites_load (dir, &error)))
    {
      show_error (self, _("Could Not Read the Sites"), error->message);
      return;
    }

  if (!(site = kiku_sites_find (sites, site_name)))
    return;

  request = g_new0 (Request, 1);
  request->window = g_object_ref (self);
  request->site = g_object_ref (site);
  request->status = g_strdup (status);
  request->date = g_strdup (date);
  request->overwrite = overwrite;

  if (kiku_site_get_kind (site) == KIKU_SITE_FOLDER || kiku_site_get_user (site) == NULL)
    start_publish (request, NULL);
  else
    kiku_secret_lookup_async (kiku_site_get_name (site), kiku_site_get_user (site), NULL,
                              on_password_found, request);
}

/* The publish dialog ----------------------------------------------------------- */

static const char *statuses[] = { "draft", "publish", "future" };

static void
on_status_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    GtkWidget   *date)
{
  gtk_widget_set_visible (date, gtk_drop_down_get_selected (dropdown) == 2);
}

static void
on_publish_response (AdwMessageDialog *dialog,
                     const char       *response,
                     KikuWindow       *self)
{
  GtkDropDown *site = g_object_get_data (G_OBJECT (dialog), "kiku-site");
  GtkDropDown *status = g_object_get_data (G_OBJECT (dialog), "kiku-status");
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "kiku-date");
  GtkStringObject *name = gtk_drop_down_get_selected_item (site);
  /* With problems, a draft whatever the drop-down says. */
  guint chosen = g_object_get_data (G_OBJECT (dialog), "kiku-draft-only") ? 0 : gtk_drop_down_get_selected (status);

  if (g_str_equal (response, "sites"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.sites", NULL);
      return;
    }

  if (!g_str_equal (response, "publish") || name == NULL)
    return;

  if (chosen == 2)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (gtk_editable_get_text (date), NULL);

      if (when == NULL)
        {
          show_error (self, _("Not a Date"), _("Write the date and time as 2026-12-01T09:00:00+09:00."));
          return;
        }
    }

  _kiku_window_publish_to (self, gtk_string_object_get_string (name), statuses[chosen],
                           chosen == 2 ? gtk_editable_get_text (date) : NULL, FALSE);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  g_autofree char *dir = config_dir ();
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) status_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *default_date = NULL;
  GtkWidget *dialog, *box, *site, *status, *date;

  if (self->document == NULL)
    return;

  /* While publishing, the button stops it. */
  if (self->publishing != NULL)
    {
      g_cancellable_cancel (self->publishing);
      return;
    }

  if (!(sites = kiku_sites_load (dir, &error)))
    {
      show_error (self, _("Could Not Read the Sites"), error->message);
      return;
    }

  for (guint i = 0; i < sites->len; i++)
    gtk_string_list_append (names, kiku_site_get_name (g_ptr_array_index (sites, i)));
  gtk_string_list_append (status_names, _("Draft"));
  gtk_string_list_append (status_names, _("Published Now"));
  gtk_string_list_append (status_names, _("Scheduled"));

  problems = kiku_article_validate (kiku_document_get_article (self->document));
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
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Publish"), body->str);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  site = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  status = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (status_names)), NULL);
  date = gtk_entry_new ();

  tomorrow = g_date_time_add_days (now, 1);
  default_date = g_date_time_format (tomorrow, "%Y-%m-%dT09:00:00%:z");
  gtk_editable_set_text (GTK_EDITABLE (date), default_date);
  gtk_widget_set_visible (date, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (site), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Site"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date"), -1);

  /* With problems, a draft only. */
  if (problems->len > 0)
    {
      gtk_widget_set_sensitive (status, FALSE);
      g_object_set_data (G_OBJECT (dialog), "kiku-draft-only", GINT_TO_POINTER (TRUE));
    }

  g_signal_connect (status, "notify::selected", G_CALLBACK (on_status_selected), date);
  gtk_box_append (GTK_BOX (box), site);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), date);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sites", _("_Sites…"),
                                    "publish", problems->len ? _("Publish as _Draft") : _("_Publish"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "publish");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kiku-site", g_object_ref (site), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kiku-status", g_object_ref (status), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kiku-date", g_object_ref (date), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_publish_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_published_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* Sites -------------------------------------------------------------------------- */

typedef struct
{
  KikuWindow  *window;
  GtkWidget   *list;
  GtkWidget   *form;
  GtkWidget   *name;
  GtkWidget   *kind;
  GtkWidget   *address;
  GtkWidget   *user;
  GtkWidget   *password;
  GtkWidget   *language;
  GtkWidget   *labels;
  GtkWidget   *personas;
  GtkWidget   *save;
  GtkWidget   *cancel;
  GtkWidget   *status;
  char        *editing;   /* the name of the site in the form, or NULL for a new one */
  GCancellable *checking; /* the connection test under way */
} SitesDialog;

static const KikuSiteKind form_kinds[] = { KIKU_SITE_WORDPRESS, KIKU_SITE_WEBDAV, KIKU_SITE_FOLDER };

static void
sites_dialog_free (gpointer data)
{
  SitesDialog *dialog = data;

  /* Closing the window stops a connection test that is still waiting. */
  if (dialog->checking != NULL)
    g_cancellable_cancel (dialog->checking);
  g_clear_object (&dialog->checking);
  g_object_unref (dialog->window);
  g_free (dialog->editing);
  g_free (dialog);
}

static void refill_sites (SitesDialog *dialog);

static void
on_remove_site (GtkButton   *button,
                SitesDialog *dialog)
{
  g_autofree char *dir = config_dir ();
  g_autoptr(GPtrArray) sites = kiku_sites_load (dir, NULL);
  g_autoptr(GError) error = NULL;
  KikuSite *site = sites ? kiku_sites_find (sites, g_object_get_data (G_OBJECT (button), "kiku-name")) : NULL;

  if (site == NULL)
    return;

  g_ptr_array_remove (sites, site);
  if (!kiku_sites_save (sites, dir, &error))
    gtk_label_set_text (GTK_LABEL (dialog->status), error->message);
  refill_sites (dialog);
}

static char *
join_list (const char * const *items)
{
  return items ? g_strjoinv (", ", (char **)items) : g_strdup ("");
}

/* "Culture, Cities ,, Sport" → { "Culture", "Cities", "Sport" } */
static char **
split_list (GtkWidget *entry)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (entry)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static void
reset_form (SitesDialog *dialog)
{
  GtkWidget *fields[] = { dialog->name, dialog->address, dialog->user, dialog->password,
                          dialog->language, dialog->labels, dialog->personas };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (fields[i]), "");
  g_clear_pointer (&dialog->editing, g_free);
  gtk_widget_set_sensitive (dialog->name, TRUE);
  gtk_widget_set_sensitive (dialog->kind, TRUE);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (dialog->form), _("Add a Site"));
  gtk_button_set_label (GTK_BUTTON (dialog->save), _("_Add Site"));
  gtk_widget_set_visible (dialog->cancel, FALSE);
}

static void
on_edit_site (GtkButton   *button,
              SitesDialog *dialog)
{
  g_autofree char *dir = config_dir ();
  g_autoptr(GPtrArray) sites = kiku_sites_load (dir, NULL);
  const char *name = g_object_get_data (G_OBJECT (button), "kiku-name");
  KikuSite *site = sites ? kiku_sites_find (sites, name) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *personas = NULL;
  const char *language;

  if (site == NULL)
    return;

  reset_form (dialog);
  dialog->editing = g_strdup (name);
  labels = join_list (kiku_site_get_labels (site));
  personas = join_list (kiku_site_get_personas (site));
  language = kiku_site_get_language (site);

  gtk_editable_set_text (GTK_EDITABLE (dialog->name), name);
  for (guint i = 0; i < G_N_ELEMENTS (form_kinds); i++)
    if (form_kinds[i] == kiku_site_get_kind (site))
      adw_combo_row_set_selected (ADW_COMBO_ROW (dialog->kind), i);
  gtk_editable_set_text (GTK_EDITABLE (dialog->address), kiku_site_get_location (site));
  gtk_editable_set_text (GTK_EDITABLE (dialog->user), kiku_site_get_user (site) ? kiku_site_get_user (site) : "");
  gtk_editable_set_text (GTK_EDITABLE (dialog->language), language ? language : "");
  gtk_editable_set_text (GTK_EDITABLE (dialog->labels), labels);
  gtk_editable_set_text (GTK_EDITABLE (dialog->personas), personas);

  /* The built-in folder keeps its name and kind; only where it goes changes. */
  if (site == g_ptr_array_index (sites, 0))
    {
      gtk_widget_set_sensitive (dialog->name, FALSE);
      gtk_widget_set_sensitive (dialog->kind, FALSE);
    }

  title = g_strdup_printf (_("Edit “%s”"), name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (dialog->form), title);
  gtk_button_set_label (GTK_BUTTON (dialog->save), _("_Save Site"));
  gtk_widget_set_visible (dialog->cancel, TRUE);
  gtk_label_set_text (GTK_LABEL (dialog->status),
                      _("Leave the password empty to keep the one in the keyring."));
  gtk_widget_grab_focus (dialog->address);
}

static void
on_cancel_edit (GtkButton   *button,
                SitesDialog *dialog)
{
  reset_form (dialog);
  gtk_label_set_text (GTK_LABEL (dialog->status), "");
}

static GtkWidget *
row_button (const char  *icon,
            const char  *tooltip,
            const char  *site_name,
            GCallback    callback,
            SitesDialog *dialog)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "kiku-name", g_strdup (site_name), g_free);
  g_signal_connect (button, "clicked", callback, dialog);

  return button;
}

static void
refill_sites (SitesDialog *dialog)
{
  g_autofree char *dir = config_dir ();
  g_autoptr(GPtrArray) sites = kiku_sites_load (dir, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (dialog->list)))
    gtk_list_box_remove (GTK_LIST_BOX (dialog->list), child);

  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      KikuSite *site = g_ptr_array_index (sites, i);
      const char *name = kiku_site_get_name (site);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", kiku_site_kind_to_string (kiku_site_get_kind (site)),
                                                   kiku_site_get_location (site));
      g_autofree char *edit_tooltip = g_strdup_printf (_("Edit “%s”"), name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-edit-symbolic", edit_tooltip, name,
                                             G_CALLBACK (on_edit_site), dialog));

      /* The built-in folder cannot be removed: it would come straight back. */
      if (i > 0)
        {
          g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), name);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button ("edit-delete-symbolic", tooltip, name,
                                                 G_CALLBACK (on_remove_site), dialog));
        }

      gtk_list_box_append (GTK_LIST_BOX (dialog->list), row);
    }
}

static KikuSite *
site_from_entries (SitesDialog *dialog)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (dialog->name));
  const char *address = gtk_editable_get_text (GTK_EDITABLE (dialog->address));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (dialog->user));
  const char *language = gtk_editable_get_text (GTK_EDITABLE (dialog->language));
  KikuSiteKind kind = form_kinds[adw_combo_row_get_selected (ADW_COMBO_ROW (dialog->kind))];
  g_auto(GStrv) labels = split_list (dialog->labels);
  g_auto(GStrv) personas = split_list (dialog->personas);
  KikuSite *site;

  if (name[0] == '\0' || address[0] == '\0')
    {
      gtk_label_set_text (GTK_LABEL (dialog->status), _("A site needs a name and an address or folder"));
      return NULL;
    }
  if (kind != KIKU_SITE_FOLDER && !g_str_has_prefix (address, "https://") && !g_str_has_prefix (address, "http://"))
    {
      gtk_label_set_text (GTK_LABEL (dialog->status), _("The address must start with https:// or http://"));
      return NULL;
    }

  site = kiku_site_new (name, kind, address);
  kiku_site_set_user (site, user[0] ? user : NULL);
  kiku_site_set_language (site, language[0] ? language : NULL);
  kiku_site_set_labels (site, (const char * const *)labels);
  kiku_site_set_personas (site, (const char * const *)personas);

  return site;
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GtkLabel *status = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = kiku_site_check_finish (KIKU_SITE (object), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (status, answer ? answer : error->message);
  g_object_unref (status);
}

static void
on_test_connection (GtkButton   *button,
                    SitesDialog *dialog)
{
  g_autoptr(KikuSite) site = site_from_entries (dialog);

  if (site == NULL)
    return;

  /* A new test replaces one still waiting. */
  if (dialog->checking != NULL)
    g_cancellable_cancel (dialog->checking);
  g_clear_object (&dialog->checking);
  dialog->checking = g_cancellable_new ();

  gtk_label_set_text (GTK_LABEL (dialog->status), _("Asking the site…"));
  kiku_site_check_async (site, gtk_editable_get_text (GTK_EDITABLE (dialog->password)),
                         dialog->checking, on_checked, g_object_ref (dialog->status));
}

static void
on_save_site (GtkButton   *button,
              SitesDialog *dialog)
{
  g_autofree char *dir = config_dir ();
  g_autoptr(GPtrArray) sites = kiku_sites_load (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuSite) site = site_from_entries (dialog);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (dialog->password));
  KikuSite *existing;
  gboolean renamed;

  if (site == NULL)
    return;
  if (sites == NULL)
    {
      gtk_label_set_text (GTK_LABEL (dialog->status), _("The list of sites could not be read"));
      return;
    }

  renamed = dialog->editing != NULL && g_strcmp0 (dialog->editing, kiku_site_get_name (site)) != 0;
  existing = kiku_sites_find (sites, kiku_site_get_name (site));
  if (existing != NULL && (dialog->editing == NULL || renamed))
    {
      gtk_label_set_text (GTK_LABEL (dialog->status), _("There is a site with that name already"));
      return;
    }

  /* The keyring keeps the password under the site's name. */
  if (renamed && password[0] == '\0' && kiku_site_get_kind (site) != KIKU_SITE_FOLDER)
    {
      gtk_label_set_text (GTK_LABEL (dialog->status),
                          _("The keyring keeps the password under the site’s name: type it again to rename the site"));
      gtk_widget_grab_focus (dialog->password);
      return;
    }

  if (dialog->editing != NULL)
    {
      KikuSite *old = kiku_sites_find (sites, dialog->editing);
      guint index;

      if (old == NULL || !g_ptr_array_find (sites, old, &index))
        {
          gtk_label_set_text (GTK_LABEL (dialog->status), _("That site is no longer in the list"));
          return;
        }
      g_ptr_array_index (sites, index) = g_object_ref (site);
      g_object_unref (old);
    }
  else
    g_ptr_array_add (sites, g_object_ref (site));

  if (!kiku_sites_save (sites, dir, &error))
    {
      gtk_label_set_text (GTK_LABEL (dialog->status), error->message);
      return;
    }

  if (password[0] != '\0')
    kiku_secret_store_async (kiku_site_get_name (site), kiku_site_get_user (site), password, NULL,
                             on_stored, g_object_ref (dialog->window));

  /* Translators: the site just edited in the Sites window was saved */
  gtk_label_set_text (GTK_LABEL (dialog->status), dialog->editing ? C_("site", "Saved") : _("Added"));
  reset_form (dialog);
  refill_sites (dialog);
}

static void
on_folder_chosen (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  GtkWidget *sites_window = user_data;   /* which holds the chooser */
  SitesDialog *dialog = g_object_get_data (G_OBJECT (sites_window), "kiku-sites");

  if (response == GTK_RESPONSE_ACCEPT && dialog != NULL)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (dialog->address), path);
          for (guint i = 0; i < G_N_ELEMENTS (form_kinds); i++)
            if (form_kinds[i] == KIKU_SITE_FOLDER)
              adw_combo_row_set_selected (ADW_COMBO_ROW (dialog->kind), i);
        }
    }

  gtk_native_dialog_destroy (native);
}

/* A folder chosen through the file chooser (the portal, in a Flatpak, which
 * then lets Kiku write there) rather than typed.
 */
static void
on_choose_folder (GtkButton *button,
                  gpointer   user_data)
{
  GtkWidget *sites_window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose the Site’s Folder"), GTK_WINDOW (sites_window),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Held by the Sites window while it is open. */
  g_object_set_data_full (G_OBJECT (sites_window), "kiku-folder-chooser", native, g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (on_folder_chosen), sites_window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
sites_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *known = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *test = gtk_button_new_with_mnemonic (_("_Test Connection"));
  GtkWidget *choose;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  SitesDialog *dialog = g_new0 (SitesDialog, 1);
  struct {
    GtkWidget  **widget;
    const char  *title;
  } entries[] = {
    { &dialog->name, N_("Name") },
    { &dialog->address, N_("Address or Folder") },
    { &dialog->user, N_("User") },
    { &dialog->language, N_("Article Language") },
    { &dialog->labels, N_("Theme Labels, Comma-Separated") },
    { &dialog->personas, N_("Personas, Comma-Separated") },
  };

  dialog->window = g_object_ref (self);
  g_object_set_data_full (G_OBJECT (window), "kiku-sites", dialog, sites_dialog_free);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (known), _("Sites"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (known),
                                         _("Passwords are kept in the keyring, never in a file."));
  dialog->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (dialog->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (dialog->list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (known), dialog->list);

  dialog->form = adw_preferences_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      *entries[i].widget = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*entries[i].widget), _(entries[i].title));
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (dialog->form),
                                         _("An article keyword that names a theme label is filed under that category."));
  choose = gtk_button_new_from_icon_name ("folder-open-symbolic");
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, _("Choose a Folder"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (dialog->address), choose);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_folder), NULL);
  gtk_string_list_append (kinds, _("WordPress"));
  gtk_string_list_append (kinds, _("WebDAV"));
  gtk_string_list_append (kinds, _("Folder"));
  dialog->kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (dialog->kind), G_LIST_MODEL (kinds));
  dialog->password = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->password), _("Password"));
  dialog->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (dialog->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (dialog->status), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->status),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
  dialog->save = gtk_button_new_with_mnemonic (_("_Add Site"));
  dialog->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->address);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->user);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->password);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->language);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->labels);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->personas);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), test);
  gtk_box_append (GTK_BOX (buttons), dialog->cancel);
  gtk_box_append (GTK_BOX (buttons), dialog->save);
  gtk_widget_add_css_class (dialog->save, "suggested-action");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (dialog->form), dialog->status);

  g_signal_connect (test, "clicked", G_CALLBACK (on_test_connection), dialog);
  g_signal_connect (dialog->save, "clicked", G_CALLBACK (on_save_site), dialog);
  g_signal_connect (dialog->cancel, "clicked", G_CALLBACK (on_cancel_edit), dialog);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (known));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (dialog->form));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  gtk_window_set_title (GTK_WINDOW (window), _("Sites"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);

  reset_form (dialog);
  refill_sites (dialog);
  gtk_window_present (GTK_WINDOW (window));
}

void
_kiku_window_class_add_publish_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.sites", NULL, sites_action);
  gtk_widget_class_install_action (widget_class, "win.open-published", "s", open_published_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.publish", NULL);
}
