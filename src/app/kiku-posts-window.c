/* kiku-posts-window.c: a site's articles, newest first, loaded as the list
 * is scrolled, searchable; one opens as an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-posts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-error.h"
#include "kiku-password-dialog.h"
#include "kiku-posts-window.h"

struct _KikuPostsWindow
{
  AdwWindow      parent_instance;

  KikuSiteStore *sites;
  GtkApplication *application;  /* what opens an article, in the empty window or a new one */
  GListStore    *posts;
  GCancellable  *cancellable;   /* the listing under way, or the open */
  KikuSite      *site;
  char          *password;
  guint          page;
  gboolean       more;
  gboolean       loading;
  gboolean       have_password;

  GtkDropDown    *site_choice;
  GtkButton      *open_button;
  GtkSearchEntry *search;
  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkListBox     *list;
  AdwStatusPage  *message;
  GtkLabel       *loading_label;
};

G_DEFINE_FINAL_TYPE (KikuPostsWindow, kiku_posts_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SITES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_page (KikuPostsWindow *self);

static void
forget_password (KikuPostsWindow *self)
{
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  self->have_password = FALSE;
}

static void
show_message (KikuPostsWindow *self,
              const char      *title,
              const char      *description)
{
  adw_status_page_set_title (self->message, title);
  adw_status_page_set_description (self->message, description);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
set_loading (KikuPostsWindow *self,
             gboolean         loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), loading);
}

static char *
format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (when);

  return g_date_time_format (local, "%x %H:%M");
}

/* One line a post: its title, then its status, dates and who made it. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KikuSitePost *post = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *status = kiku_site_post_dup_status_label (post);
  g_autofree char *date = format_when (kiku_site_post_get_date (post));
  g_autofree char *modified = format_when (kiku_site_post_get_modified (post));
  g_autofree char *subtitle = NULL;
  const char *title = kiku_site_post_get_title (post);

  if (title == NULL || title[0] == '\0')
    title = _("(No title)");

  /* Translators: a post's status, its date, when it last changed, and
   * whether Kiku made it, as one line under its title
   */
  subtitle = g_strdup_printf (_("%s · %s · changed %s · %s"), status, date, modified,
                              kiku_site_post_get_kiku_made (post) ? _("made with Kiku") : _("not made with Kiku"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  return row;
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuPostsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  gboolean more = FALSE;

  posts = kiku_site_list_posts_finish (KIKU_SITE (object), result, &more, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || KIKU_SITE (object) != self->site)
    return;

  set_loading (self, FALSE);
  if (posts == NULL)
    {
      if (g_error_matches (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH))
        {
          kiku_secret_forget_for_session (kiku_site_get_name (self->site));
          forget_password (self);
        }
      show_message (self, _("Could Not List the Articles"), error->message);
      return;
    }

  self->more = more;
  g_list_store_splice (self->posts, g_list_model_get_n_items (G_LIST_MODEL (self->posts)), 0,
                       posts->pdata, posts->len);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->posts)) == 0)
    {
      const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search));

      show_message (self, _("No Articles"),
                    search[0] ? _("No article of this site holds these words.")
                              : _("Nothing was published to this site yet."));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
}

/* A list too short to scroll never reaches its end: once laid out (the
 * adjustment says so), the next page, until it scrolls or there is no
 * more.
 */
static void
on_adjustment_changed (KikuPostsWindow *self,
                       GtkAdjustment   *adjustment)
{
  if (!self->more || self->loading || gtk_adjustment_get_page_size (adjustment) <= 0 ||
      gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment))
    return;

  self->page++;
  load_page (self);
}

static void
load_page (KikuPostsWindow *self)
{
  if (self->site == NULL || self->loading)
    return;

  set_loading (self, TRUE);
  kiku_site_list_posts_async (self->site, self->password, gtk_editable_get_text (GTK_EDITABLE (self->search)),
                              self->page, self->cancellable, on_listed, g_object_ref (self));
}

/* The list from its first page, for the site and words chosen now. */
static void
reload (KikuPostsWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, FALSE);
  g_list_store_remove_all (self->posts);
  self->page = 0;
  self->more = FALSE;

  if (self->site != NULL && self->have_password)
    load_page (self);
}

static void
on_password_chosen (KikuPasswordDialog *dialog,
                    const char         *password,
                    gboolean            remember,
                    KikuPostsWindow    *self)
{
  KikuSite *site = kiku_password_dialog_get_site (dialog);

  if (site != self->site)
    return;

  if (remember)
    kiku_secret_keep_for_session (kiku_site_get_name (site), kiku_site_get_user (site), password);
  forget_password (self);
  self->password = g_strdup (password);
  self->have_password = TRUE;
  reload (self);
}

static void
on_password_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KikuPostsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = kiku_secret_lookup_finish (result, &error);

  if (self->site == NULL || self->have_password)
    return;

  if (password != NULL)
    {
      self->password = g_steal_pointer (&password);
      self->have_password = TRUE;
      reload (self);
    }
  else
    {
      KikuPasswordDialog *dialog = kiku_password_dialog_new (GTK_WINDOW (self), self->site);

      if (error != NULL)
        kiku_password_dialog_set_keyring_error (dialog, error);
      g_signal_connect_object (dialog, "password-chosen", G_CALLBACK (on_password_chosen), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* The password the site needs: none for a folder, else remembered for the
 * session, else the keyring's, else the user's.
 */
static void
find_password (KikuPostsWindow *self)
{
  g_autofree char *remembered = NULL;

  forget_password (self);
  if (kiku_site_get_kind (self->site) == KIKU_SITE_FOLDER || kiku_site_get_user (self->site) == NULL)
    {
      self->have_password = TRUE;
    }
  else if ((remembered = kiku_secret_lookup_session (kiku_site_get_name (self->site), kiku_site_get_user (self->site))))
    {
      self->password = g_steal_pointer (&remembered);
      self->have_password = TRUE;
    }
  else
    {
      kiku_secret_lookup_async (kiku_site_get_name (self->site), kiku_site_get_user (self->site), NULL,
                                on_password_found, g_object_ref (self));
    }
}

static void
on_site_chosen (KikuPostsWindow *self)
{
  guint chosen = gtk_drop_down_get_selected (self->site_choice);
  g_autoptr(KikuSite) site = NULL;

  if (self->sites == NULL || chosen == GTK_INVALID_LIST_POSITION)
    return;

  site = g_list_model_get_item (G_LIST_MODEL (self->sites), chosen);
  if (site == self->site)
    return;

  g_set_object (&self->site, site);
  find_password (self);
  reload (self);
}

static void
on_search_changed (KikuPostsWindow *self)
{
  reload (self);
}

/* Scrolled to the end: the next page, if there is one. */
static void
on_edge_reached (KikuPostsWindow *self,
                 GtkPositionType  position)
{
  if (position != GTK_POS_BOTTOM || !self->more || self->loading)
    return;

  self->page++;
  load_page (self);
}

static void
on_row_selected (KikuPostsWindow *self,
                 GtkListBoxRow   *row)
{
  /* The list empties as the window goes, after the button. */
  if (self->open_button == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), row != NULL);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuPostsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_site_open_post_finish (KIKU_SITE (object), result, &error);

  /* Closed meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->list == NULL)
    return;

  set_loading (self, FALSE);
  on_row_selected (self, gtk_list_box_get_selected_row (self->list));

  if (article == NULL)
    {
      kiku_show_error (GTK_WINDOW (self), _("Could Not Open the Article"), error);
      return;
    }

  {
    g_autofree char *uri = g_file_get_uri (kiku_article_get_file (article));

    /* As any file is opened: in the empty window (this list is none of
     * the application's windows, so the one it was asked from stays the
     * active one), or a new one.
     */
    if (self->application != NULL)
      g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-recent",
                                      g_variant_new_string (uri));
  }
}

static void
open_row (KikuPostsWindow *self,
          GtkListBoxRow   *row)
{
  g_autoptr(KikuSitePost) post = NULL;
  g_autoptr(GFile) file = NULL;

  if (row == NULL || self->site == NULL || !self->have_password)
    return;

  post = g_list_model_get_item (G_LIST_MODEL (self->posts), gtk_list_box_row_get_index (row));
  if (post == NULL)
    return;

  file = kiku_site_dup_pull_file (self->site, kiku_site_post_get_id (post));
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), FALSE);
  set_loading (self, TRUE);
  kiku_site_open_post_async (self->site, self->password, kiku_site_post_get_id (post), file,
                             self->cancellable, on_opened, g_object_ref (self));
}

static void
on_row_activated (KikuPostsWindow *self,
                  GtkListBoxRow   *row)
{
  open_row (self, row);
}

static void
on_open_clicked (KikuPostsWindow *self)
{
  open_row (self, gtk_list_box_get_selected_row (self->list));
}

/* The row chosen, else the first. */
static GtkListBoxRow *
chosen_row (KikuPostsWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  return row != NULL ? row : gtk_list_box_get_row_at_index (self->list, 0);
}

/* Enter in the search opens the article chosen, or the first found. */
static void
on_search_activate (KikuPostsWindow *self)
{
  GtkListBoxRow *row = chosen_row (self);

  if (row != NULL)
    open_row (self, row);
}

/* Down from the search goes into the list, as in a file chooser. */
static gboolean
on_search_key (KikuPostsWindow       *self,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) ||
      !(row = chosen_row (self)))
    return FALSE;

  gtk_list_box_select_row (self->list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));

  return TRUE;
}

static void
kiku_posts_window_constructed (GObject *object)
{
  KikuPostsWindow *self = KIKU_POSTS_WINDOW (object);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = self->sites ? g_list_model_get_n_items (G_LIST_MODEL (self->sites)) : 0;

  G_OBJECT_CLASS (kiku_posts_window_parent_class)->constructed (object);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KikuSite) site = g_list_model_get_item (G_LIST_MODEL (self->sites), i);
      gtk_string_list_append (names, kiku_site_get_name (site));
    }
  gtk_drop_down_set_model (self->site_choice, G_LIST_MODEL (names));

  if (n == 0)
    show_message (self, _("No Sites"), _("Add a site in Sites first."));
  else
    on_site_chosen (self);
}

static void
kiku_posts_window_dispose (GObject *object)
{
  KikuPostsWindow *self = KIKU_POSTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sites);
  g_clear_object (&self->application);
  g_clear_object (&self->posts);
  g_clear_object (&self->site);
  forget_password (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_POSTS_WINDOW);

  G_OBJECT_CLASS (kiku_posts_window_parent_class)->dispose (object);
}

static void
kiku_posts_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KikuPostsWindow *self = KIKU_POSTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SITES:
      self->sites = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_posts_window_class_init (KikuPostsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_posts_window_constructed;
  object_class->dispose = kiku_posts_window_dispose;
  object_class->set_property = kiku_posts_window_set_property;

  properties[PROP_SITES] =
    g_param_spec_object ("sites", NULL, NULL, KIKU_TYPE_SITE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-posts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, site_choice);
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, search);
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, KikuPostsWindow, message);
  gtk_widget_class_bind_template_child_full (widget_class, "loading", FALSE,
                                             G_STRUCT_OFFSET (KikuPostsWindow, loading_label));
  gtk_widget_class_bind_template_callback (widget_class, on_site_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kiku_posts_window_init (KikuPostsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->posts = g_list_store_new (KIKU_TYPE_SITE_POST);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->posts), create_row, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_adjustment_changed), self, G_CONNECT_SWAPPED);
}

/**
 * kiku_posts_window_new:
 * @sites: the sites to choose from
 *
 * Returns: (transfer none): a window listing the first site's articles
 */
KikuPostsWindow *
kiku_posts_window_new (GtkWindow     *parent,
                       KikuSiteStore *sites)
{
  KikuPostsWindow *self = g_object_new (KIKU_TYPE_POSTS_WINDOW, "sites", sites, "transient-for", parent, NULL);

  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    self->application = g_object_ref (gtk_window_get_application (parent));

  return self;
}
