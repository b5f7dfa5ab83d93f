/* kiku-password-dialog.h: asks for the password of a site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PASSWORD_DIALOG (kiku_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KikuPasswordDialog, kiku_password_dialog, KIKU, PASSWORD_DIALOG, AdwMessageDialog)

KikuPasswordDialog *kiku_password_dialog_new      (GtkWindow          *parent,
                                                   KikuSite           *site);
KikuSite           *kiku_password_dialog_get_site (KikuPasswordDialog *self);

void                kiku_password_dialog_set_keyring_error (KikuPasswordDialog *self,
                                                            const GError       *error);

G_END_DECLS
