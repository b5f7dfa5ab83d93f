/* kiku-publish-status-row.c: one site the article was published to: its
 * link, status, when, whether the article changed here since; on demand,
 * whether it changed on the site, and the site's version opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish-status"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-publish-status-row.h"

struct _KikuPublishStatusRow
{
  AdwActionRow       parent_instance;

  KikuArticle       *article;
  KikuSite          *site;
  KikuPublishRecord *record;
  GCancellable      *cancellable;
  gboolean           update;    /* the question asked opens the site's version */
  char              *summary;   /* status, when, and whether changed here */

  GtkLinkButton     *link;
};

G_DEFINE_FINAL_TYPE (KikuPublishStatusRow, kiku_publish_status_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_SITE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* The summary, and under it the last thing the site said (each answer
 * takes the place of the one before).
 */
static void
set_site_line (KikuPublishStatusRow *self,
               const char           *line)
{
  g_autofree char *text = g_strconcat (self->summary, "\n", line, NULL);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuPublishStatusRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_site_open_post_finish (KIKU_SITE (object), result, &error);

  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_site_line (self, error->message);
    }
  else
    {
      g_autofree char *uri = g_file_get_uri (kiku_article_get_file (article));

      /* The site's version beside this one, never over it. */
      gtk_widget_activate_action (GTK_WIDGET (self), "app.open-recent", "s", uri);
    }
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KikuPublishStatusRow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (!kiku_site_post_changed_finish (KIKU_SITE (object), result, &changed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_site_line (self, error->message);
    }
  else
    {
      set_site_line (self, changed ? _("Changed on the site since then") : _("Unchanged on the site since then"));
    }
}

static void
ask_site (KikuPublishStatusRow *self,
          const char           *password)
{
  if (self->update)
    {
      JsonObject *details = kiku_publish_record_get_details (self->record);
      g_autofree char *id = NULL;
      g_autoptr(GFile) file = NULL;

      if (kiku_publish_record_get_remote_id (self->record) > 0)
        id = g_strdup_printf ("%" G_GINT64_FORMAT, kiku_publish_record_get_remote_id (self->record));
      else
        id = g_strdup (json_object_get_string_member_with_default (details, "slug",
                                                                   kiku_article_get_slug (self->article)));
      if (id == NULL)
        return;
      file = kiku_site_dup_pull_file (self->site, id);
      kiku_site_open_post_async (self->site, password, id, file, self->cancellable, on_opened, g_object_ref (self));
    }
  else
    {
      kiku_site_post_changed_async (self->site, password, self->article, self->cancellable, on_checked,
                                    g_object_ref (self));
    }
}

static void
on_password_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KikuPublishStatusRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = kiku_secret_lookup_finish (result, &error);

  if (password == NULL)
    set_site_line (self, _("No password is kept for this site: publish to it once to give it"));
  else
    ask_site (self, password);
}

/* With the password the site needs: none for a folder, else remembered
 * for the session, else the keyring's.
 */
static void
start_asking (KikuPublishStatusRow *self,
              gboolean              update)
{
  g_autofree char *remembered = NULL;

  self->update = update;
  if (kiku_site_get_kind (self->site) == KIKU_SITE_FOLDER || kiku_site_get_user (self->site) == NULL)
    ask_site (self, NULL);
  else if ((remembered = kiku_secret_lookup_session (kiku_site_get_name (self->site), kiku_site_get_user (self->site))))
    ask_site (self, remembered);
  else
    kiku_secret_lookup_async (kiku_site_get_name (self->site), kiku_site_get_user (self->site), NULL,
                              on_password_found, g_object_ref (self));
}

static void
on_check_clicked (KikuPublishStatusRow *self)
{
  start_asking (self, FALSE);
}

static void
on_update_clicked (KikuPublishStatusRow *self)
{
  start_asking (self, TRUE);
}

/* Where, as what, when, and whether the article changed here since: the
 * hash of the pages a publish would send now against the record's.
 */
static void
kiku_publish_status_row_constructed (GObject *object)
{
  KikuPublishStatusRow *self = KIKU_PUBLISH_STATUS_ROW (object);
  g_autoptr(GDateTime) when = kiku_publish_record_dup_time (self->record);
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
  g_autofree char *time = local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("—");
  g_autofree char *status = status_words (self->record);
  g_autofree char *hash = kiku_publish_dup_hash (self->article, self->site);
  gboolean changed = g_strcmp0 (hash, kiku_publish_record_get_hash (self->record)) != 0;
  const char *url = kiku_publish_record_get_url (self->record);

  G_OBJECT_CLASS (kiku_publish_status_row_parent_class)->constructed (object);

  /* Translators: the status on the site, when it was published from here,
   * and whether the article changed here since
   */
  self->summary = g_strdup_printf (_("%s · %s · %s"), status, time,
                                   changed ? _("changed here since then") : _("unchanged here since then"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kiku_site_get_name (self->site));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), self->summary);

  if (url != NULL && url[0] != '\0')
    {
      gtk_link_button_set_uri (self->link, url);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->link), url);
      gtk_widget_set_visible (GTK_WIDGET (self->link), TRUE);
    }
}

static void
kiku_publish_status_row_dispose (GObject *object)
{
  KikuPublishStatusRow *self = KIKU_PUBLISH_STATUS_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->site);
  g_clear_pointer (&self->record, kiku_publish_record_unref);
  g_clear_pointer (&self->summary, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_PUBLISH_STATUS_ROW);

  G_OBJECT_CLASS (kiku_publish_status_row_parent_class)->dispose (object);
}

static void
kiku_publish_status_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KikuPublishStatusRow *self = KIKU_PUBLISH_STATUS_ROW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;
    case PROP_SITE:
      self->site = g_value_dup_object (value);
      break;
    case PROP_RECORD:
      self->record = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_publish_status_row_class_init (KikuPublishStatusRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kiku_publish_status_row_constructed;
  object_class->dispose = kiku_publish_status_row_dispose;
  object_class->set_property = kiku_publish_status_row_set_property;

  properties[PROP_ARTICLE] = g_param_spec_object ("article", NULL, NULL, KIKU_TYPE_ARTICLE, flags);
  properties[PROP_SITE] = g_param_spec_object ("site", NULL, NULL, KIKU_TYPE_SITE, flags);
  properties[PROP_RECORD] = g_param_spec_boxed ("record", NULL, NULL, KIKU_TYPE_PUBLISH_RECORD, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-publish-status-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPublishStatusRow, link);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_update_clicked);
}

static void
kiku_publish_status_row_init (KikuPublishStatusRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * kiku_publish_status_row_new:
 * @record: what @article has of its publish to @site
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
kiku_publish_status_row_new (KikuArticle       *article,
                             KikuSite          *site,
                             KikuPublishRecord *record)
{
  return g_object_new (KIKU_TYPE_PUBLISH_STATUS_ROW, "article", article, "site", site, "record", record, NULL);
}
