/* kiku-outline-row.h: one row of the outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_OUTLINE_ROW (kiku_outline_row_get_type ())

G_DECLARE_FINAL_TYPE (KikuOutlineRow, kiku_outline_row, KIKU, OUTLINE_ROW, GtkListBoxRow)

GtkWidget  *kiku_outline_row_new          (KikuNode       *node,
                                           const char     *property,
                                           const char     *label,
                                           guint           depth);
KikuNode   *kiku_outline_row_get_node     (KikuOutlineRow *self);
const char *kiku_outline_row_get_field    (KikuOutlineRow *self);

G_END_DECLS
