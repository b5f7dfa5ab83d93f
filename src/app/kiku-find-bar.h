/* kiku-find-bar.h: find and replace across the whole article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"
#include "kiku-editor.h"

G_BEGIN_DECLS

#define KIKU_TYPE_FIND_BAR (kiku_find_bar_get_type ())

G_DECLARE_FINAL_TYPE (KikuFindBar, kiku_find_bar, KIKU, FIND_BAR, GtkWidget)

void     kiku_find_bar_set_editor (KikuFindBar  *self,
                                   KikuDocument *document,
                                   KikuEditor   *editor);
void     kiku_find_bar_open       (KikuFindBar  *self,
                                   gboolean      replace);
void     kiku_find_bar_close      (KikuFindBar  *self);
gboolean kiku_find_bar_is_open    (KikuFindBar  *self);
void     kiku_find_bar_next       (KikuFindBar  *self,
                                   gboolean      forward);

G_END_DECLS
