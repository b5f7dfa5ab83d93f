/* kiku-site.h: a place articles are published to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KIKU_SITE_FOLDER,
  KIKU_SITE_WEBDAV,
  KIKU_SITE_WORDPRESS,
} KikuSiteKind;

#define KIKU_TYPE_SITE (kiku_site_get_type ())
G_DECLARE_FINAL_TYPE (KikuSite, kiku_site, KIKU, SITE, GObject)

KikuSite     *kiku_site_new              (const char    *name,
                                          KikuSiteKind   kind,
                                          const char    *location);
const char   *kiku_site_get_name         (KikuSite      *self);
KikuSiteKind  kiku_site_get_kind         (KikuSite      *self);
const char   *kiku_site_get_location     (KikuSite      *self);
const char   *kiku_site_get_user         (KikuSite      *self);
void          kiku_site_set_user         (KikuSite      *self,
                                          const char    *user);
const char   *kiku_site_get_language     (KikuSite      *self);
void          kiku_site_set_language     (KikuSite      *self,
                                          const char    *language);
const char * const *kiku_site_get_labels   (KikuSite      *self);
void          kiku_site_set_labels       (KikuSite      *self,
                                          const char * const *labels);
const char * const *kiku_site_get_personas (KikuSite    *self);
void          kiku_site_set_personas     (KikuSite      *self,
                                          const char * const *personas);
const char   *kiku_site_kind_to_string   (KikuSiteKind   kind);
gboolean      kiku_site_kind_from_string (const char    *text,
                                          KikuSiteKind  *kind);

G_END_DECLS
