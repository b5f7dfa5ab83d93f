/* kiku-window-publish.c: publishing from the window, and the sites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-error.h"
#include "kiku-password-dialog.h"
#include "kiku-posts-window.h"
#include "kiku-publish-dialog.h"
#include "kiku-sites-window.h"
#include "kiku-window-private.h"

static void
show_error (KikuWindow *self,
            const char *heading,
            const char *body)
{
  kiku_show_message (GTK_WINDOW (self), heading, body);
}

/* The sites as sites.json has them now, read once for the dialog or
 * window that shows them.
 */
static KikuSiteStore *
load_sites (KikuWindow *self)
{
  g_autoptr(KikuSiteStore) store = kiku_site_store_new (kiku_get_config_dir ());
  g_autoptr(GError) error = NULL;

  if (!kiku_site_store_load (store, &error))
    {
      show_error (self, _("Could Not Read the Sites"), error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* Publishing ---------------------------------------------------------------- */

/* One publish, from the choice in the publish dialog to its end; held by
 * each step that waits for something (the keyring, the password dialog,
 * the site).
 */
typedef struct
{
  KikuWindow *window;
  KikuSite   *site;
  char       *status;
  char       *date;
  gboolean    overwrite;
  gboolean    no_keyring;      /* the keyring could not be reached */
  KikuPublishRecord *before;   /* the site's record when the publish began */
} Request;

static void
request_clear (gpointer data)
{
  Request *request = data;

  g_object_unref (request->window);
  g_object_unref (request->site);
  g_free (request->status);
  g_free (request->date);
  g_clear_pointer (&request->before, kiku_publish_record_unref);
}

static Request *
request_new (KikuWindow *window,
             KikuSite   *site,
             const char *status,
             const char *date,
             gboolean    overwrite)
{
  Request *request = g_rc_box_new0 (Request);

  request->window = g_object_ref (window);
  request->site = g_object_ref (site);
  request->status = g_strdup (status);
  request->date = g_strdup (date);
  request->overwrite = overwrite;

  return request;
}

static void
request_unref (gpointer data)
{
  g_rc_box_release_full (data, request_clear);
}

static void
request_closure_unref (gpointer  data,
                       GClosure *closure)
{
  request_unref (data);
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
    _kiku_window_publish_to (request->window, request->site, request->status, request->date, TRUE);
}

/* The record of a publish goes into the file as it is on disk, the user's
 * unsaved changes left unsaved; when it cannot, the writer hears that it
 * waits for the next save.
 */
static void
on_record_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (kiku_document_write_publish_record_finish (KIKU_DOCUMENT (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s says why the file could not be changed */
  title = g_strdup_printf (_("What was published is not yet in the file (%s): it will be with the next save"),
                           error->message);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (title));
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

  /* A password refused is not offered again. */
  if (g_error_matches (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH))
    kiku_secret_forget_for_session (kiku_site_get_name (request->site));

  /* A publish that got something there has a new record to keep. */
  if (self->document != NULL && kiku_document_get_article (self->document) == KIKU_ARTICLE (object))
    {
      g_autoptr(KikuPublishRecord) after = kiku_article_dup_publish_record (KIKU_ARTICLE (object),
                                                                            kiku_site_get_name (request->site));

      if (!kiku_publish_record_equal (request->before, after))
        /* Not stopped by closing the window: without its record in the
         * file, the next publish would not know what is on the site.
         */
        kiku_document_write_publish_record_async (self->document, kiku_site_get_name (request->site),
                                                  NULL, on_record_written, g_object_ref (self));
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

      /* A folder or WebDAV site had the article under its old slug: that
       * folder was removed once the new one was written.
       */
      {
        g_autoptr(KikuPublishRecord) after = kiku_article_dup_publish_record (KIKU_ARTICLE (object), site_name);
        JsonObject *details = after ? kiku_publish_record_get_details (after) : NULL;
        const char *replaced = details && json_object_has_member (details, "replaced_slug")
                               ? json_object_get_string_member (details, "replaced_slug") : NULL;

        if (replaced != NULL)
          {
            g_autofree char *shorter = g_steal_pointer (&title);

            /* Translators: the first %s says where it was published; the second is the old slug */
            title = g_strdup_printf (_("%s; the old folder “%s” was removed"), shorter, replaced);
          }
      }

      toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.show-uri");
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

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "overwrite", gone ? _("_Publish Anew") : _("_Overwrite"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                  gone ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_overwrite_response),
                             g_rc_box_acquire (request), request_closure_unref, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Publish to %s"), kiku_site_get_name (request->site));
      show_error (self, heading, error->message);
    }

  request_unref (request);
}

/* Takes @request. */
static void
start_publish (Request    *request,
               const char *password)
{
  KikuWindow *self = request->window;
  KikuPublishOptions options = { request->status, request->date, request->overwrite };

  if (self->document == NULL || self->publishing != NULL)
    {
      request_unref (request);
      return;
    }

  g_clear_pointer (&request->before, kiku_publish_record_unref);
  request->before = kiku_article_dup_publish_record (kiku_document_get_article (self->document),
                                                     kiku_site_get_name (request->site));
  self->publishing = g_cancellable_new ();
  set_publishing (self, TRUE);
  kiku_publish_async (kiku_document_get_article (self->document), request->site, password, &options,
                      self->publishing, on_progress, self, on_published, request);
}

typedef struct
{
  KikuWindow *window;
  char       *site;
  char       *user;
  char       *password;
} Storing;

static void
storing_free (Storing *storing)
{
  g_object_unref (storing->window);
  g_free (storing->site);
  g_free (storing->user);
  g_free (storing->password);
  g_free (storing);
}

/* A keyring that refuses to keep the password still leaves it usable until
 * Kiku quits; the writer hears both.
 */
static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Storing *storing = user_data;
  g_autoptr(GError) error = NULL;

  if (!kiku_secret_store_finish (result, &error))
    {
      g_autofree char *title = NULL;

      kiku_secret_keep_for_session (storing->site, storing->user, storing->password);
      /* Translators: %s says why the keyring did not keep the password */
      title = g_strdup_printf (_("%s. The password is remembered until Kiku quits."), error->message);
      adw_toast_overlay_add_toast (storing->window->toasts, adw_toast_new (title));
    }

  storing_free (storing);
}

static void
on_password_chosen (KikuPasswordDialog *dialog,
                    const char         *password,
                    gboolean            remember,
                    Request            *request)
{
  const char *site = kiku_site_get_name (request->site);
  const char *user = kiku_site_get_user (request->site);

  if (remember && request->no_keyring)
    {
      kiku_secret_keep_for_session (site, user, password);
    }
  else if (remember)
    {
      Storing *storing = g_new0 (Storing, 1);

      storing->window = g_object_ref (request->window);
      storing->site = g_strdup (site);
      storing->user = g_strdup (user);
      storing->password = g_strdup (password);
      kiku_secret_store_async (site, user, password, NULL, on_stored, storing);
    }

  start_publish (g_rc_box_acquire (request), password);
}

/* Takes @request. @keyring_error says why the keyring could not be asked,
 * which the dialog explains.
 */
static void
ask_password (Request      *request,
              const GError *keyring_error)
{
  KikuPasswordDialog *dialog = kiku_password_dialog_new (GTK_WINDOW (request->window), request->site);

  request->no_keyring = keyring_error != NULL;
  if (keyring_error != NULL)
    kiku_password_dialog_set_keyring_error (dialog, keyring_error);
  g_signal_connect_data (dialog, "password-chosen", G_CALLBACK (on_password_chosen),
                         request, request_closure_unref, 0);
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
    ask_password (request, error);
}

/**
 * _kiku_window_publish_to:
 *
 * Publishes the window's article to @site, asking the keyring, or else the
 * user, for the password it needs.
 */
void
_kiku_window_publish_to (KikuWindow *self,
                         KikuSite   *site,
                         const char *status,
                         const char *date,
                         gboolean    overwrite)
{
  g_autofree char *remembered = NULL;
  Request *request;

  if (self->document == NULL || self->publishing != NULL)
    return;

  request = request_new (self, site, status, date, overwrite);

  if (kiku_site_get_kind (site) == KIKU_SITE_FOLDER || kiku_site_get_user (site) == NULL)
    {
      start_publish (request, NULL);
    }
  else if ((remembered = kiku_secret_lookup_session (kiku_site_get_name (site), kiku_site_get_user (site))))
    {
      start_publish (request, remembered);
    }
  else
    kiku_secret_lookup_async (kiku_site_get_name (site), kiku_site_get_user (site), NULL,
                              on_password_found, request);
}

/* The publish dialog ----------------------------------------------------------- */

static void
on_publish_chosen (KikuPublishDialog *dialog,
                   KikuSite          *site,
                   const char        *status,
                   const char        *date,
                   KikuWindow        *self)
{
  _kiku_window_publish_to (self, site, status, date, FALSE);
}

static void
on_sites_asked (KikuPublishDialog *dialog,
                const char        *response,
                KikuWindow        *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.sites", NULL);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  if (self->document == NULL)
    return;

  /* While publishing, the button stops it. */
  if (self->publishing != NULL)
    {
      g_cancellable_cancel (self->publishing);
      return;
    }

  /* While the links are checked, it skips the rest of the check. */
  if (self->checking != NULL)
    {
      _kiku_window_stop_link_check (self);
      return;
    }

  if (g_settings_get_boolean (self->settings, "check-links-before-publish"))
    _kiku_window_check_links (self, TRUE);
  else
    _kiku_window_open_publish_dialog (self);
}

/**
 * _kiku_window_open_publish_dialog:
 *
 * Asks where to publish, showing every problem first.
 */
void
_kiku_window_open_publish_dialog (KikuWindow *self)
{
  g_autoptr(KikuSiteStore) sites = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_problem_free);
  KikuPublishDialog *dialog;

  if (self->document == NULL || self->publishing != NULL)
    return;

  _kiku_window_show_all_problems (self);

  if (!(sites = load_sites (self)))
    return;

  dialog = kiku_publish_dialog_new (GTK_WINDOW (self), kiku_document_get_article (self->document),
                                    G_LIST_MODEL (sites));
  /* The dialog counts pages gone or moved; a host that did not answer may
   * be this machine's network. */
  _kiku_window_add_link_problems (self, links, TRUE);
  kiku_publish_dialog_set_link_problems (dialog, links);
  g_signal_connect_object (dialog, "publish", G_CALLBACK (on_publish_chosen), self, 0);
  g_signal_connect_object (dialog, "response::sites", G_CALLBACK (on_sites_asked), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Sites -------------------------------------------------------------------------- */

static void
sites_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  g_autoptr(KikuSiteStore) sites = load_sites (self);

  if (sites != NULL)
    gtk_window_present (GTK_WINDOW (kiku_sites_window_new (GTK_WINDOW (self), sites)));
}

/* A site's articles, to open one. */
static void
site_posts_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  g_autoptr(KikuSiteStore) sites = load_sites (self);

  if (sites != NULL)
    gtk_window_present (GTK_WINDOW (kiku_posts_window_new (GTK_WINDOW (self), sites)));
}

void
_kiku_window_class_add_publish_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.site-posts", NULL, site_posts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.site-posts", NULL);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.sites", NULL, sites_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.publish", NULL);
}
