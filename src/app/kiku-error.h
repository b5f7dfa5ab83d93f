/* kiku-error.h: telling the user that something could not be done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *kiku_show_message (GtkWindow    *parent,
                              const char   *heading,
                              const char   *body);
GtkWidget *kiku_show_error   (GtkWindow    *parent,
                              const char   *heading,
                              const GError *error);

G_END_DECLS
