/* kiku-text-field.h: a labelled text area for CommonMark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_TEXT_FIELD (kiku_text_field_get_type ())

G_DECLARE_FINAL_TYPE (KikuTextField, kiku_text_field, KIKU, TEXT_FIELD, GtkWidget)

GtkWidget *kiku_text_field_new           (KikuNode      *node,
                                          const char    *property,
                                          const char    *title,
                                          int            limit,
                                          GSettings     *settings,
                                          KikuHistory   *history);
GtkWidget *kiku_text_field_get_view      (KikuTextField *self);

G_END_DECLS
