/* kiku-block-editor.h: the card that edits one block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-field.h"

G_BEGIN_DECLS

GtkWidget *kiku_block_editor_new (KikuFieldContext *context,
                                  KikuBlock        *block);
void       kiku_block_editor_set_ends (GtkWidget *card,
                                       gboolean   first,
                                       gboolean   last);

G_END_DECLS
