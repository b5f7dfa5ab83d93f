/* kiku-site-store.h: the sites, as a list model, and sites.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-site.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SITE_STORE (kiku_site_store_get_type ())
G_DECLARE_FINAL_TYPE (KikuSiteStore, kiku_site_store, KIKU, SITE_STORE, GObject)

KikuSiteStore *kiku_site_store_new            (const char     *config_dir);
const char    *kiku_site_store_get_config_dir (KikuSiteStore  *self);
gboolean       kiku_site_store_load           (KikuSiteStore  *self,
                                               GError        **error);
gboolean       kiku_site_store_save           (KikuSiteStore  *self,
                                               GError        **error);
KikuSite      *kiku_site_store_find           (KikuSiteStore  *self,
                                               const char     *name);
void           kiku_site_store_add            (KikuSiteStore  *self,
                                               KikuSite       *site);
gboolean       kiku_site_store_remove         (KikuSiteStore  *self,
                                               const char     *name);
gboolean       kiku_site_store_replace        (KikuSiteStore  *self,
                                               const char     *name,
                                               KikuSite       *site);

GPtrArray     *kiku_sites_load                (const char     *config_dir,
                                               GError        **error);
gboolean       kiku_sites_save                (GPtrArray      *sites,
                                               const char     *config_dir,
                                               GError        **error);
KikuSite      *kiku_sites_find                (GPtrArray      *sites,
                                               const char     *name);

G_END_DECLS
