/* kiku-spell-adapter.h: underlines the misspelled words of a text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiku-spell-checker.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SPELL_ADAPTER (kiku_spell_adapter_get_type ())

G_DECLARE_FINAL_TYPE (KikuSpellAdapter, kiku_spell_adapter, KIKU, SPELL_ADAPTER, GObject)

KikuSpellAdapter *kiku_spell_adapter_new          (GtkTextView      *view);
void              kiku_spell_adapter_set_checker  (KikuSpellAdapter *self,
                                                   KikuSpellChecker *checker);
KikuSpellChecker *kiku_spell_adapter_get_checker  (KikuSpellAdapter *self);
void              kiku_spell_adapter_update_menu  (KikuSpellAdapter *self);
void              kiku_spell_adapter_correct      (KikuSpellAdapter *self,
                                                   const char       *replacement);
void              kiku_spell_adapter_add_word     (KikuSpellAdapter *self);
void              kiku_spell_adapter_ignore_word  (KikuSpellAdapter *self);

G_END_DECLS
