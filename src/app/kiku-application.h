/* kiku-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KIKU_TYPE_APPLICATION (kiku_application_get_type ())

G_DECLARE_FINAL_TYPE (KikuApplication, kiku_application, KIKU, APPLICATION, AdwApplication)

KikuApplication *kiku_application_new             (void);
GMenuModel      *kiku_application_get_recent_menu (KikuApplication *self);
const char      *kiku_application_get_drafts_dir  (void);
void             kiku_application_offer_recovery  (KikuApplication *self,
                                                   GtkWindow       *parent);

G_END_DECLS
