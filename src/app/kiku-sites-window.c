/* kiku-sites-window.c: the sites articles are published to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-sites-window.h"

/* The list shows the site store, one row a site, following its changes;
 * the form below it adds a site, or edits the one chosen. Each change is
 * made to the store, which writes sites.json; passwords go to the keyring.
 */
struct _KikuSitesWindow
{
  AdwPreferencesWindow  parent_instance;

  KikuSiteStore        *store;
  char                 *editing;    /* the name of the site in the form, or NULL for a new one */
  GCancellable         *checking;   /* the connection test under way */
  GtkFileChooserNative *chooser;    /* the folder chooser while it is open */

  GtkListBox           *list;
  AdwPreferencesGroup  *form;
  AdwEntryRow          *name;
  AdwComboRow          *kind;
  AdwEntryRow          *address;
  AdwEntryRow          *user;
  AdwPasswordEntryRow  *password;
  AdwEntryRow          *language;
  AdwEntryRow          *labels;
  AdwEntryRow          *personas;
  GtkButton            *save;
  GtkButton            *cancel;
  GtkLabel             *status;
};

G_DEFINE_FINAL_TYPE (KikuSitesWindow, kiku_sites_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* In the order of the Kind drop-down. */
static const KikuSiteKind form_kinds[] = { KIKU_SITE_WORDPRESS, KIKU_SITE_WEBDAV, KIKU_SITE_FOLDER };

static void
set_kind (KikuSitesWindow *self,
          KikuSiteKind     kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (form_kinds); i++)
    if (form_kinds[i] == kind)
      adw_combo_row_set_selected (self->kind, i);
}

/* The built-in folder comes first, always: it cannot be removed, and it
 * keeps its name and kind.
 */
static gboolean
is_built_in (KikuSitesWindow *self,
             KikuSite        *site)
{
  g_autoptr(KikuSite) first = g_list_model_get_item (G_LIST_MODEL (self->store), 0);

  return site == first;
}

static GtkWidget *
row_button (const char *icon,
            const char *label,
            const char *action,
            const char *site_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", site_name);

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KikuSitesWindow *self = user_data;
  KikuSite *site = item;
  const char *name = kiku_site_get_name (site);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", kiku_site_kind_to_string (kiku_site_get_kind (site)),
                                               kiku_site_get_location (site));
  g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", edit, "sites.edit", name));

  if (!is_built_in (self, site))
    {
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), name);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("edit-delete-symbolic", remove, "sites.remove", name));
    }

  return row;
}

static void
say (KikuSitesWindow *self,
     const char      *text)
{
  gtk_label_set_text (self->status, text);
}

static void
reset_form (KikuSitesWindow *self)
{
  GtkEditable *fields[] = { GTK_EDITABLE (self->name), GTK_EDITABLE (self->address), GTK_EDITABLE (self->user),
                            GTK_EDITABLE (self->password), GTK_EDITABLE (self->language),
                            GTK_EDITABLE (self->labels), GTK_EDITABLE (self->personas) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (fields[i], "");
  g_clear_pointer (&self->editing, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind), TRUE);
  adw_preferences_group_set_title (self->form, _("Add a Site"));
  gtk_button_set_label (self->save, _("_Add Site"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel), FALSE);
}

static char *
join_list (const char * const *items)
{
  return items ? g_strjoinv (", ", (char **)items) : g_strdup ("");
}

/* "Culture, Cities ,, Sport" → { "Culture", "Cities", "Sport" } */
static char **
split_list (AdwEntryRow *entry)
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

static KikuSite *
site_from_form (KikuSitesWindow *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name));
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user));
  const char *language = gtk_editable_get_text (GTK_EDITABLE (self->language));
  KikuSiteKind kind = form_kinds[MIN (adw_combo_row_get_selected (self->kind), G_N_ELEMENTS (form_kinds) - 1)];
  g_auto(GStrv) labels = split_list (self->labels);
  g_auto(GStrv) personas = split_list (self->personas);
  KikuSite *site;

  if (name[0] == '\0' || address[0] == '\0')
    {
      say (self, _("A site needs a name and an address or folder"));
      return NULL;
    }
  if (kind != KIKU_SITE_FOLDER && !g_str_has_prefix (address, "https://") && !g_str_has_prefix (address, "http://"))
    {
      say (self, _("The address must start with https:// or http://"));
      return NULL;
    }

  site = kiku_site_new (name, kind, address);
  kiku_site_set_user (site, user[0] ? user : NULL);
  kiku_site_set_language (site, language[0] ? language : NULL);
  kiku_site_set_labels (site, (const char * const *)labels);
  kiku_site_set_personas (site, (const char * const *)personas);

  return site;
}

/* Writes the store to sites.json. If that fails, the list goes back to
 * what the file holds, and says why.
 */
static gboolean
save_store (KikuSitesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (kiku_site_store_save (self->store, &error))
    return TRUE;

  say (self, error->message);
  kiku_site_store_load (self->store, NULL);

  return FALSE;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuSitesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kiku_secret_store_finish (result, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  KikuSite *site = kiku_site_store_find (self->store, name);
  g_autofree char *title = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *personas = NULL;
  const char *language;

  if (site == NULL)
    return;

  reset_form (self);
  self->editing = g_strdup (name);
  labels = join_list (kiku_site_get_labels (site));
  personas = join_list (kiku_site_get_personas (site));
  language = kiku_site_get_language (site);

  gtk_editable_set_text (GTK_EDITABLE (self->name), name);
  set_kind (self, kiku_site_get_kind (site));
  gtk_editable_set_text (GTK_EDITABLE (self->address), kiku_site_get_location (site));
  gtk_editable_set_text (GTK_EDITABLE (self->user), kiku_site_get_user (site) ? kiku_site_get_user (site) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->language), language ? language : "");
  gtk_editable_set_text (GTK_EDITABLE (self->labels), labels);
  gtk_editable_set_text (GTK_EDITABLE (self->personas), personas);

  /* The built-in folder keeps its name and kind; only where it goes changes. */
  if (is_built_in (self, site))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->name), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->kind), FALSE);
    }

  title = g_strdup_printf (_("Edit “%s”"), name);
  adw_preferences_group_set_title (self->form, title);
  gtk_button_set_label (self->save, _("_Save Site"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel), TRUE);
  say (self, _("Leave the password empty to keep the one in the keyring."));
  gtk_widget_grab_focus (GTK_WIDGET (self->address));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!kiku_site_store_remove (self->store, name))
    return;

  if (save_store (self))
    say (self, "");
  if (g_strcmp0 (self->editing, name) == 0)
    reset_form (self);
}

static void
on_cancel_clicked (KikuSitesWindow *self)
{
  reset_form (self);
  say (self, "");
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkLabel) status = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = kiku_site_check_finish (KIKU_SITE (object), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (status, answer ? answer : error->message);
}

static void
on_test_clicked (KikuSitesWindow *self)
{
  g_autoptr(KikuSite) site = site_from_form (self);

  if (site == NULL)
    return;

  /* A new test replaces one still waiting. */
  if (self->checking != NULL)
    g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  self->checking = g_cancellable_new ();

  say (self, _("Asking the site…"));
  kiku_site_check_async (site, gtk_editable_get_text (GTK_EDITABLE (self->password)),
                         self->checking, on_checked, g_object_ref (self->status));
}

static void
on_save_clicked (KikuSitesWindow *self)
{
  g_autoptr(KikuSite) site = site_from_form (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password));
  gboolean renamed;

  if (site == NULL)
    return;

  renamed = self->editing != NULL && g_strcmp0 (self->editing, kiku_site_get_name (site)) != 0;
  if (kiku_site_store_find (self->store, kiku_site_get_name (site)) != NULL && (self->editing == NULL || renamed))
    {
      say (self, _("There is a site with that name already"));
      return;
    }

  /* The keyring keeps the password under the site's name. */
  if (renamed && password[0] == '\0' && kiku_site_get_kind (site) != KIKU_SITE_FOLDER)
    {
      say (self, _("The keyring keeps the password under the site’s name: type it again to rename the site"));
      gtk_widget_grab_focus (GTK_WIDGET (self->password));
      return;
    }

  if (self->editing != NULL)
    {
      if (!kiku_site_store_replace (self->store, self->editing, site))
        {
          say (self, _("That site is no longer in the list"));
          return;
        }
    }
  else
    {
      kiku_site_store_add (self->store, site);
    }

  if (!save_store (self))
    return;

  if (password[0] != '\0')
    kiku_secret_store_async (kiku_site_get_name (site), kiku_site_get_user (site), password, NULL,
                             on_stored, g_object_ref (self));

  /* Translators: the site just edited in the Sites window was saved */
  say (self, self->editing ? C_("site", "Saved") : _("Added"));
  reset_form (self);
}

static void
on_folder_chosen (KikuSitesWindow      *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->address), path);
          set_kind (self, KIKU_SITE_FOLDER);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_clear_object (&self->chooser);
}

/* A folder chosen through the file chooser (the portal, in a Flatpak, which
 * then lets Kiku write there) rather than typed.
 */
static void
on_choose_folder_clicked (KikuSitesWindow *self)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose the Site’s Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_folder_chosen), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
kiku_sites_window_constructed (GObject *object)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (object);

  G_OBJECT_CLASS (kiku_sites_window_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->store), create_row, self, NULL);
  reset_form (self);
}

static void
kiku_sites_window_dispose (GObject *object)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (object);

  /* Closing the window stops a connection test that is still waiting. */
  if (self->checking != NULL)
    g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_SITES_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kiku_sites_window_parent_class)->dispose (object);
}

static void
kiku_sites_window_finalize (GObject *object)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (object);

  g_free (self->editing);

  G_OBJECT_CLASS (kiku_sites_window_parent_class)->finalize (object);
}

static void
kiku_sites_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_sites_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KikuSitesWindow *self = KIKU_SITES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_sites_window_class_init (KikuSitesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_sites_window_constructed;
  object_class->dispose = kiku_sites_window_dispose;
  object_class->finalize = kiku_sites_window_finalize;
  object_class->get_property = kiku_sites_window_get_property;
  object_class->set_property = kiku_sites_window_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KIKU_TYPE_SITE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "sites.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "sites.remove", "s", remove_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-sites-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, list);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, form);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, name);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, kind);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, address);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, user);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, password);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, language);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, labels);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, personas);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, save);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, cancel);
  gtk_widget_class_bind_template_child (widget_class, KikuSitesWindow, status);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
}

static void
kiku_sites_window_init (KikuSitesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_sites_window_new:
 * @store: the sites, loaded
 */
KikuSitesWindow *
kiku_sites_window_new (GtkWindow     *parent,
                       KikuSiteStore *store)
{
  g_return_val_if_fail (KIKU_IS_SITE_STORE (store), NULL);

  return g_object_new (KIKU_TYPE_SITES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "store", store,
                       NULL);
}

/**
 * kiku_sites_window_get_store:
 *
 * Returns: (transfer none): the sites the window shows
 */
KikuSiteStore *
kiku_sites_window_get_store (KikuSitesWindow *self)
{
  g_return_val_if_fail (KIKU_IS_SITES_WINDOW (self), NULL);

  return self->store;
}
