/* kiku-point.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-node.h"

G_BEGIN_DECLS

#define KIKU_TYPE_POINT (kiku_point_get_type ())

G_DECLARE_FINAL_TYPE (KikuPoint, kiku_point, KIKU, POINT, KikuNode)

KikuPoint * kiku_point_new      (void);
const char *kiku_point_get_text (KikuPoint *self);
void        kiku_point_set_text (KikuPoint  *self,
                                 const char *text);

G_END_DECLS
