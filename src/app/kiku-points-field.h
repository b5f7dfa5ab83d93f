/* kiku-points-field.h: a list of points, one row per point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_POINT_ROW (kiku_point_row_get_type ())

G_DECLARE_FINAL_TYPE (KikuPointRow, kiku_point_row, KIKU, POINT_ROW, GtkListBoxRow)

#define KIKU_TYPE_POINTS_FIELD (kiku_points_field_get_type ())

G_DECLARE_FINAL_TYPE (KikuPointsField, kiku_points_field, KIKU, POINTS_FIELD, GtkWidget)

KikuPoint *kiku_point_row_get_point        (KikuPointRow    *self);
GtkWidget *kiku_point_row_get_text_view    (KikuPointRow    *self);

GtkWidget *kiku_points_field_new           (KikuList        *points,
                                            KikuHistory     *history,
                                            const char      *title,
                                            const char      *item_name);
KikuList  *kiku_points_field_get_points    (KikuPointsField *self);
GtkWidget *kiku_points_field_get_text_view (KikuPointsField *self,
                                            KikuPoint       *point);

G_END_DECLS
