/* kiku-spell-entry.h: underlines the misspelled words of a one-line entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiku-node.h"
#include "kiku-spelling.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SPELL_ENTRY (kiku_spell_entry_get_type ())

G_DECLARE_FINAL_TYPE (KikuSpellEntry, kiku_spell_entry, KIKU, SPELL_ENTRY, KikuSpelling)

void kiku_spell_entry_attach (GtkEditable *editable,
                              KikuNode    *node);

G_END_DECLS
