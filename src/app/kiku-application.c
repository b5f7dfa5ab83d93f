/* kiku-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-application.h"
#include "kiku-preferences-window.h"
#include "kiku-recover-dialog.h"
#include "kiku-site-store.h"
#include "kiku-window.h"

#define RECENT_MAX 10

struct _KikuApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GMenu          *recent_menu;
  gboolean        recovery_offered;
};

G_DEFINE_FINAL_TYPE (KikuApplication, kiku_application, ADW_TYPE_APPLICATION)

/**
 * kiku_application_get_drafts_dir:
 *
 * Returns: the folder of autosaved drafts, in the user's data folder
 */
const char *
kiku_application_get_drafts_dir (void)
{
  return kiku_get_drafts_dir ();
}

static KikuWindow *
new_window (KikuApplication *self,
            KikuDocument    *document)
{
  return kiku_window_new (self, document);
}

/* The default site, as sites.json has it now; NULL when it is gone. */
static KikuSite *
find_site (const char *name)
{
  g_autoptr(KikuSiteStore) store = kiku_site_store_new (kiku_get_config_dir ());
  g_autoptr(GError) error = NULL;
  KikuSite *site;

  if (!kiku_site_store_load (store, &error))
    {
      g_debug ("The default site is not known: %s", error->message);
      return NULL;
    }

  site = kiku_site_store_find (store, name);

  return site ? g_object_ref (site) : NULL;
}

/* A new article takes the default author, and the language and personas
 * of the default site (or the default language and persona).
 */
static KikuWindow *
new_draft_window (KikuApplication *self)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = NULL;
  g_autofree char *language = g_settings_get_string (self->settings, "default-language");
  g_autofree char *author = g_settings_get_string (self->settings, "default-author");
  g_autofree char *site_name = g_settings_get_string (self->settings, "default-site");
  g_autoptr(KikuSite) site = site_name[0] ? find_site (site_name) : NULL;
  KikuWindow *window;

  kiku_article_set_language (article, site && kiku_site_get_language (site) ? kiku_site_get_language (site)
                                                                             : language);
  kiku_article_set_author (article, author);
  document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  window = new_window (self, document);
  if (site != NULL)
    kiku_editor_set_personas (kiku_window_get_editor (window), kiku_site_get_personas (site));

  return window;
}

/* Opens @file in the active window when it holds an untouched new article,
 * else in a new window.
 */
static gboolean
is_article_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = name ? g_utf8_casefold (name, -1) : NULL;

  return folded == NULL || !(g_str_has_suffix (folded, ".txt") || g_str_has_suffix (folded, ".text"));
}

static void
open_file (KikuApplication *self,
           GFile           *file)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  KikuWindow *window;

  /* An article already open is brought forward, not opened twice. */
  for (GList *w = gtk_application_get_windows (GTK_APPLICATION (self)); w; w = w->next)
    {
      KikuDocument *document = KIKU_IS_WINDOW (w->data) ? kiku_window_get_document (w->data) : NULL;
      GFile *open = document ? kiku_document_get_file (document) : NULL;

      if (open != NULL && g_file_equal (open, file))
        {
          gtk_window_present (w->data);
          return;
        }
    }

  if (KIKU_IS_WINDOW (active) && kiku_window_is_empty (KIKU_WINDOW (active)))
    gtk_window_destroy (active);

  window = new_window (self, NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* Anything but an article (the desktop file offers plain text) is
   * imported as a new, unsaved article.
   */
  if (is_article_file (file))
    kiku_window_open_file (window, file);
  else
    kiku_window_import_file (window, file);
}

/* Recovery ------------------------------------------------------------------ */

static gboolean
destroy_window (gpointer window)
{
  gtk_window_destroy (window);

  return G_SOURCE_REMOVE;
}

/* The first draft takes the place of the empty window the dialog came from,
 * so that window is not left behind; each other draft gets one of its own.
 */
static void
on_recover_draft (KikuRecoverDialog *dialog,
                  KikuDraft         *draft,
                  KikuApplication   *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuDocument) document = kiku_document_new_from_draft (draft, kiku_application_get_drafts_dir (), &error);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  KikuWindow *window;

  if (document == NULL)
    {
      g_warning ("Could not recover a draft: %s", error->message);
      return;
    }

  window = new_window (self, document);
  if (KIKU_IS_WINDOW (parent) && kiku_window_is_empty (KIKU_WINDOW (parent)))
    {
      gint width, height;

      gtk_window_get_default_size (parent, &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      /* The dialog moves to the new window; the empty one goes once the
       * dialog is done with it.
       */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window, g_object_ref (parent), g_object_unref);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * kiku_application_offer_recovery:
 *
 * Drafts left when Kiku starts were left by a crash: each is offered back,
 * with its time.
 */
void
kiku_application_offer_recovery (KikuApplication *self,
                                 GtkWindow       *parent)
{
  g_autoptr(GPtrArray) drafts = NULL;
  KikuRecoverDialog *dialog;

  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;

  drafts = kiku_drafts_list (kiku_application_get_drafts_dir ());
  if (drafts->len == 0)
    return;

  dialog = kiku_recover_dialog_new (parent, drafts, kiku_application_get_drafts_dir ());
  g_signal_connect_object (dialog, "recover-draft", G_CALLBACK (on_recover_draft), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Recent files --------------------------------------------------------------- */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *)a),
                              gtk_recent_info_get_modified ((GtkRecentInfo *)b));
}

static void
update_recent_menu (KikuApplication *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent);

  for (GList *l = g_list_last (items); l != NULL && n < RECENT_MAX; l = l->prev)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".kiku") || !gtk_recent_info_exists (info))
        continue;

      {
        g_autoptr(GFile) file = g_file_new_for_uri (uri);
        g_autoptr(GFile) folder = g_file_get_parent (file);
        g_autofree char *folder_name = folder ? g_file_get_basename (folder) : NULL;
        g_autofree char *folder_display = folder_name ? g_filename_display_name (folder_name) : NULL;
        /* Translators: a recent file: its headline, then its folder */
        g_autofree char *label = folder_display
          ? g_strdup_printf (_("%s — %s"), gtk_recent_info_get_display_name (info), folder_display)
          : g_strdup (gtk_recent_info_get_display_name (info));

        g_auto(GStrv) parts = g_strsplit (label, "_", -1);
        g_autofree char *escaped = g_strjoinv ("__", parts);

        /* An underscore in a name is shown, not taken for a mnemonic. */
        item = g_menu_item_new (escaped, NULL);
      }
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

GMenuModel *
kiku_application_get_recent_menu (KikuApplication *self)
{
  g_return_val_if_fail (KIKU_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

/* Actions -------------------------------------------------------------------- */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  KikuApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          open_file (self, file);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KikuApplication *self = user_data;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Articles"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Kiku Articles"));
  gtk_file_filter_add_pattern (filter, "*.kiku");
  gtk_file_filter_add_mime_type (filter, "application/x-kiku");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_file (user_data, file);
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (new_draft_window (user_data)));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KikuApplication *self = user_data;
  KikuPreferencesWindow *preferences = kiku_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { _("The Kiku developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Kiku"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Compose digest articles, preview them offline and publish them in one click"),
                         "developers", developers,
                         /* Translators: replace "translator-credits" with your names,
                          * one a line, as "Name <email>" */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (application));

  /* Each window asks about its own unsaved changes. */
  for (GList *w = windows; w != NULL; w = w->next)
    gtk_window_close (w->data);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* GApplication ----------------------------------------------------------------- */

static gboolean
offer_recovery_idle (gpointer data)
{
  KikuApplication *self = data;

  kiku_application_offer_recovery (self, gtk_application_get_active_window (GTK_APPLICATION (self)));

  return G_SOURCE_REMOVE;
}

static void
kiku_application_activate (GApplication *application)
{
  KikuApplication *self = KIKU_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (new_draft_window (self));

  gtk_window_present (window);

  if (!self->recovery_offered)
    g_idle_add_full (G_PRIORITY_DEFAULT, offer_recovery_idle, g_object_ref (self), g_object_unref);
}

static void
kiku_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  KikuApplication *self = KIKU_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    open_file (self, files[i]);

  if (!self->recovery_offered)
    g_idle_add_full (G_PRIORITY_DEFAULT, offer_recovery_idle, g_object_ref (self), g_object_unref);
}

static void
kiku_application_startup (GApplication *application)
{
  KikuApplication *self = KIKU_APPLICATION (application);
  struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (kiku_application_parent_class)->startup (application);

  self->settings = g_settings_new (APPLICATION_ID);
  self->recent_menu = g_menu_new ();
  update_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action,
                                           accels[i].accels);
}

static void
kiku_application_dispose (GObject *object)
{
  KikuApplication *self = (KikuApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (kiku_application_parent_class)->dispose (object);
}

static void
kiku_application_class_init (KikuApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kiku_application_dispose;
  application_class->activate = kiku_application_activate;
  application_class->open = kiku_application_open;
  application_class->startup = kiku_application_startup;
}

static void
kiku_application_init (KikuApplication *self)
{
}

KikuApplication *
kiku_application_new (void)
{
  return g_object_new (KIKU_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/kiku/Kiku",
                       NULL);
}
