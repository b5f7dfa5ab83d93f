/* kiku-link-dialog.h: asks for the address a link goes to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIKU_TYPE_LINK_DIALOG (kiku_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KikuLinkDialog, kiku_link_dialog, KIKU, LINK_DIALOG, GtkWindow)

GtkWidget *kiku_link_dialog_new   (GtkWindow       *parent);

G_END_DECLS
