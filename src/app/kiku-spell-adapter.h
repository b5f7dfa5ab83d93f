/* kiku-spell-adapter.h: underlines the misspelled words of a text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiku-history.h"
#include "kiku-spelling.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SPELL_ADAPTER (kiku_spell_adapter_get_type ())

G_DECLARE_FINAL_TYPE (KikuSpellAdapter, kiku_spell_adapter, KIKU, SPELL_ADAPTER, KikuSpelling)

void kiku_spell_adapter_attach (GtkTextView *view,
                                KikuNode    *node,
                                KikuHistory *history);

G_END_DECLS
