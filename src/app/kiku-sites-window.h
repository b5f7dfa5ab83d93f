/* kiku-sites-window.h: the sites articles are published to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SITES_WINDOW (kiku_sites_window_get_type ())
G_DECLARE_FINAL_TYPE (KikuSitesWindow, kiku_sites_window, KIKU, SITES_WINDOW, AdwPreferencesWindow)

KikuSitesWindow *kiku_sites_window_new       (GtkWindow       *parent,
                                              KikuSiteStore   *store);
KikuSiteStore   *kiku_sites_window_get_store (KikuSitesWindow *self);

G_END_DECLS
