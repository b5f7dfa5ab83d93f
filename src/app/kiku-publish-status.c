/* kiku-publish-status.c: where the article was published, at a glance: a
 * row (KikuPublishStatusRow) for each site it has a record for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish-status"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-publish-status-row.h"
#include "kiku-publish-status.h"

struct _KikuPublishStatus
{
  GtkPopover    parent_instance;

  KikuArticle  *article;

  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (KikuPublishStatus, kiku_publish_status, GTK_TYPE_POPOVER)

static KikuSiteStore *
load_sites (void)
{
  g_autoptr(KikuSiteStore) store = kiku_site_store_new (kiku_get_config_dir ());

  if (!kiku_site_store_load (store, NULL))
    return NULL;

  return g_steal_pointer (&store);
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
        gtk_list_box_append (self->list, kiku_publish_status_row_new (self->article, site, record));
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
