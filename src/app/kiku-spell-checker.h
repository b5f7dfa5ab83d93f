/* kiku-spell-checker.h: the words of one language, through Enchant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIKU_TYPE_SPELL_CHECKER (kiku_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (KikuSpellChecker, kiku_spell_checker, KIKU, SPELL_CHECKER, GObject)

KikuSpellChecker *kiku_spell_checker_get_for_language (const char       *language);
const char       *kiku_spell_checker_get_dictionary   (KikuSpellChecker *self);
gboolean          kiku_spell_checker_check_word       (KikuSpellChecker *self,
                                                       const char       *word,
                                                       gssize            length);
char            **kiku_spell_checker_list_suggestions (KikuSpellChecker *self,
                                                       const char       *word,
                                                       guint             most);
void              kiku_spell_checker_add_word         (KikuSpellChecker *self,
                                                       const char       *word);
void              kiku_spell_checker_ignore_word      (KikuSpellChecker *self,
                                                       const char       *word);
gboolean          kiku_spell_checker_is_checked_text  (const char       *word,
                                                       gssize            length);

void kiku_spell_checker_fill_menu (KikuSpellChecker *self,
                                   const char       *word,
                                   GMenu            *suggestions,
                                   GMenu            *choices);

G_END_DECLS
