/* kiku-recover-dialog.h: offers back the work a crash left in drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_RECOVER_DIALOG (kiku_recover_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KikuRecoverDialog, kiku_recover_dialog, KIKU, RECOVER_DIALOG, AdwMessageDialog)

KikuRecoverDialog *kiku_recover_dialog_new (GtkWindow  *parent,
                                            GPtrArray  *drafts,
                                            const char *drafts_dir);

G_END_DECLS
