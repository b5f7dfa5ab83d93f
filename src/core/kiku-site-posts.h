/* kiku-site-posts.h: a site's published articles, listed and opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-article.h"
#include "kiku-site.h"

G_BEGIN_DECLS

/* How many posts one page of a listing holds. */
#define KIKU_SITE_POSTS_PER_PAGE 20

#define KIKU_TYPE_SITE_POST (kiku_site_post_get_type ())
G_DECLARE_FINAL_TYPE (KikuSitePost, kiku_site_post, KIKU, SITE_POST, GObject)

KikuSitePost *kiku_site_post_new              (const char    *id,
                                               const char    *title,
                                               const char    *status,
                                               GDateTime     *date,
                                               GDateTime     *modified,
                                               gboolean       kiku_made,
                                               const char    *link);
const char   *kiku_site_post_get_id           (KikuSitePost  *self);
const char   *kiku_site_post_get_title        (KikuSitePost  *self);
const char   *kiku_site_post_get_status       (KikuSitePost  *self);
GDateTime    *kiku_site_post_get_date         (KikuSitePost  *self);
GDateTime    *kiku_site_post_get_modified     (KikuSitePost  *self);
gboolean      kiku_site_post_get_kiku_made    (KikuSitePost  *self);
const char   *kiku_site_post_get_link         (KikuSitePost  *self);
char         *kiku_site_post_dup_status_label (KikuSitePost  *self);

void          kiku_site_list_posts_async      (KikuSite            *site,
                                               const char          *password,
                                               const char          *search,
                                               guint                page,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray    *kiku_site_list_posts_finish     (KikuSite            *site,
                                               GAsyncResult        *result,
                                               gboolean            *more,
                                               GError             **error);

void          kiku_site_open_post_async       (KikuSite            *site,
                                               const char          *password,
                                               const char          *id,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
KikuArticle  *kiku_site_open_post_finish      (KikuSite            *site,
                                               GAsyncResult        *result,
                                               GError             **error);

void          kiku_site_post_changed_async    (KikuSite            *site,
                                               const char          *password,
                                               KikuArticle         *article,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      kiku_site_post_changed_finish   (KikuSite            *site,
                                               GAsyncResult        *result,
                                               gboolean            *changed,
                                               GError             **error);

char         *kiku_publish_dup_hash           (KikuArticle         *article,
                                               KikuSite            *site);
GFile        *kiku_site_dup_pull_file         (KikuSite            *site,
                                               const char          *slug);
char         *kiku_site_dup_pulled_from       (GFile               *file);

G_END_DECLS
