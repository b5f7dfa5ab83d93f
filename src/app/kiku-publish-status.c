/* kiku-publish-status.c: for each site the article was published to, where,
 * when, as what, and whether it changed here since; on demand, whether it
 * changed on the site, and the site's version opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish-status"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-error.h"
#include "kiku-publish-status.h"

struct _KikuPublishStatus
{
  GtkPopover    parent_instance;

  KikuArticle  *article;
  GCancellable *cancellable;

  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (KikuPublishStatus, kiku_publish_status, GTK_TYPE_POPOVER)

/* One question to a site, from one row. */
typedef struct
{
  KikuPublishStatus *self;
  AdwActionRow      *row;
  KikuSite          *site;
  gboolean           update;   /* open the site's version, rather than only ask */
} Asking;

static void
asking_free (Asking *asking)
{
  g_object_unref (asking->self);
  g_object_unref (asking->row);
  g_object_unref (asking->site);
  g_free (asking);
}

static KikuSiteStore *
load_sites (void)
{
  g_autoptr(KikuSiteStore) store = kiku_site_store_new (kiku_get_config_dir ());

  if (!kiku_site_store_load (store, NULL))
    return NULL;

  return g_steal_pointer (&store);
}

static char *
status_words (KikuPublishRecord *record)
{
  const char *status = kiku_publish_record_get_status (record);

  if (g_strcmp0 (status, "draft") == 0)
    return g_strdup (_("Draft"));
  if (g_strcmp0 (status, "future") == 0)
    {
      JsonObject *details = kiku_publish_record_get_details (record);
      const char *date = json_object_get_string_member_with_default (details, "date_gmt", NULL);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = date ? g_date_time_new_from_iso8601 (date, utc) : NULL;
      g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
      g_autofree char *shown = local ? g_date_time_format (local, "%x %H:%M") : NULL;

      /* Translators: %s is a date and time */
      return shown ? g_strdup_printf (_("Scheduled for %s"), shown) : g_strdup (_("Scheduled"));
    }
  if (g_strcmp0 (status, "pending") == 0)
    return g_strdup (_("Pending review"));

  return g_strdup (_("Published"));
}

static void
append_to_subtitle (AdwActionRow *row,
                    const char   *line)
{
  const char *before = adw_action_row_get_subtitle (row);
  g_autofree char *text = g_strconcat (before ? before : "", "\n", line, NULL);

  adw_action_row_set_subtitle (row, text);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Asking *asking = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_site_open_post_finish (KIKU_SITE (object), result, &error);

  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        append_to_subtitle (asking->row, error->message);
    }
  else
    {
      g_autofree char *uri = g_file_get_uri (kiku_article_get_file (article));

      /* The site's version beside this one, never over it. */
      gtk_widget_activate_action (GTK_WIDGET (asking->row), "app.open-recent", "s", uri);
    }

  asking_free (asking);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Asking *asking = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (!kiku_site_post_changed_finish (KIKU_SITE (object), result, &changed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        append_to_subtitle (asking->row, error->message);
    }
  else
    {
      append_to_subtitle (asking->row, changed ? _("Changed on the site since") : _("Unchanged on the site since"));
    }

  asking_free (asking);
}

static void
ask_site (Asking     *asking,
          const char *password)
{
  KikuPublishStatus *self = asking->self;

  if (asking->update)
    {
      g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (self->article,
                                                                             kiku_site_get_name (asking->site));
      JsonObject *details = kiku_publish_record_get_details (record);
      g_autofree char *id = NULL;
      g_autoptr(GFile) file = NULL;

      if (kiku_publish_record_get_remote_id (record) > 0)
        id = g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (record));
      else
        id = g_strdup (json_object_get_string_member_with_default (details, "slug",
                                                                   kiku_article_get_slug (self->article)));
      if (id == NULL)
        {
          asking_free (asking);
          return;
        }
      file = kiku_site_dup_pull_file (asking->site, id);
      kiku_site_open_post_async (asking->site, password, id, file, self->cancellable, on_opened, asking);
    }
  else
    {
      kiku_site_post_changed_async (asking->site, password, self->article, self->cancellable, on_checked, asking);
    }
}

static void
on_password_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Asking *asking = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = kiku_secret_lookup_finish (result, &error);

  if (password == NULL)
    {
      append_to_subtitle (asking->row, _("No password is kept for this site: publish to it once to give it"));
      asking_free (asking);
      return;
    }

  ask_site (asking, password);
}

static void
start_asking (KikuPublishStatus *self,
              AdwActionRow      *row,
              KikuSite          *site,
              gboolean           update)
{
  Asking *asking = g_new0 (Asking, 1);
  g_autofree char *remembered = NULL;

  asking->self = g_object_ref (self);
  asking->row = g_object_ref (row);
  asking->site = g_object_ref (site);
  asking->update = update;

  if (kiku_site_get_kind (site) == KIKU_SITE_FOLDER || kiku_site_get_user (site) == NULL)
    ask_site (asking, NULL);
  else if ((remembered = kiku_secret_lookup_session (kiku_site_get_name (site), kiku_site_get_user (site))))
    ask_site (asking, remembered);
  else
    kiku_secret_lookup_async (kiku_site_get_name (site), kiku_site_get_user (site), NULL, on_password_found, asking);
}

static void
on_check_clicked (GtkButton *button,
                  KikuSite  *site)
{
  KikuPublishStatus *self = KIKU_PUBLISH_STATUS (gtk_widget_get_ancestor (GTK_WIDGET (button), KIKU_TYPE_PUBLISH_STATUS));
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  start_asking (self, ADW_ACTION_ROW (row), site, FALSE);
}

static void
on_update_clicked (GtkButton *button,
                   KikuSite  *site)
{
  KikuPublishStatus *self = KIKU_PUBLISH_STATUS (gtk_widget_get_ancestor (GTK_WIDGET (button), KIKU_TYPE_PUBLISH_STATUS));
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  start_asking (self, ADW_ACTION_ROW (row), site, TRUE);
}

static GtkWidget *
make_button (const char *label,
             const char *tooltip,
             GCallback   callback,
             KikuSite   *site)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_data (button, "clicked", callback, g_object_ref (site), (GClosureNotify)(void (*) (void))g_object_unref, 0);

  return button;
}

/* A row a site the article has a record for: its link, status, when, and
 * whether the article changed here since (the hash of what a publish would
 * send now against the record's).
 */
static GtkWidget *
make_row (KikuPublishStatus *self,
          KikuSite          *site,
          KikuPublishRecord *record)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) when = kiku_publish_record_dup_time (record);
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
  g_autofree char *time = local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("—");
  g_autofree char *status = status_words (record);
  g_autofree char *hash = kiku_publish_dup_hash (self->article, site);
  gboolean changed = g_strcmp0 (hash, kiku_publish_record_get_hash (record)) != 0;
  g_autofree char *subtitle = NULL;
  const char *url = kiku_publish_record_get_url (record);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* Translators: the status on the site, when it was published from here,
   * and whether the article changed here since
   */
  subtitle = g_strdup_printf (_("%s · %s · %s"), status, time,
                              changed ? _("changed here since") : _("unchanged here since"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kiku_site_get_name (site));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (url != NULL && url[0] != '\0')
    {
      GtkWidget *link = gtk_link_button_new_with_label (url, _("_Open on the Site"));

      gtk_button_set_use_underline (GTK_BUTTON (link), TRUE);
      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, url);
      gtk_box_append (GTK_BOX (box), link);
    }
  gtk_box_append (GTK_BOX (box), make_button (_("_Check Site"), _("Ask the Site Whether It Changed There"),
                                              G_CALLBACK (on_check_clicked), site));
  gtk_box_append (GTK_BOX (box), make_button (_("_Update from Site"), _("Open the Site’s Version in a Window"),
                                              G_CALLBACK (on_update_clicked), site));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static void
refill (KikuPublishStatus *self)
{
  g_autoptr(KikuSiteStore) sites = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  if (self->article == NULL || !(sites = load_sites ()))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sites)); i++)
    {
      g_autoptr(KikuSite) site = g_list_model_get_item (G_LIST_MODEL (sites), i);
      g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (self->article, kiku_site_get_name (site));

      if (record != NULL)
        gtk_list_box_append (self->list, make_row (self, site, record));
    }
}

static void
on_show (KikuPublishStatus *self)
{
  refill (self);
}

static void
kiku_publish_status_dispose (GObject *object)
{
  KikuPublishStatus *self = KIKU_PUBLISH_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_PUBLISH_STATUS);

  G_OBJECT_CLASS (kiku_publish_status_parent_class)->dispose (object);
}

static void
kiku_publish_status_class_init (KikuPublishStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiku_publish_status_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-publish-status.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPublishStatus, list);
  gtk_widget_class_bind_template_callback (widget_class, on_show);
}

static void
kiku_publish_status_init (KikuPublishStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

KikuPublishStatus *
kiku_publish_status_new (void)
{
  return g_object_new (KIKU_TYPE_PUBLISH_STATUS, NULL);
}

/**
 * kiku_publish_status_set_article:
 *
 * Shows where @article was published, as it is each time the popover opens.
 */
void
kiku_publish_status_set_article (KikuPublishStatus *self,
                                 KikuArticle       *article)
{
  g_return_if_fail (KIKU_IS_PUBLISH_STATUS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->article, article);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    refill (self);
}

/**
 * kiku_publish_status_has_records:
 *
 * Returns: whether @article was published anywhere (its file says so)
 */
gboolean
kiku_publish_status_has_records (KikuArticle *article)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), FALSE);

  return kiku_article_get_n_publish_records (article) > 0;
}
