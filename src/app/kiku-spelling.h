/* kiku-spelling.h: what the spelling of a text view and of an entry share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiku-node.h"
#include "kiku-spell-checker.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SPELLING (kiku_spelling_get_type ())

G_DECLARE_DERIVABLE_TYPE (KikuSpelling, kiku_spelling, KIKU, SPELLING, GSimpleActionGroup)

/**
 * KikuSpellingClass:
 * @recheck: every word is to be checked again (another checker, or a word
 *   the checker knows now)
 * @take_menu_word: the misspelled word at the caret, which the menu is
 *   then about, or %NULL where there is none
 * @correct: puts the replacement in place of the menu's word
 * @place_caret: a right click at (@x, @y) of the widget: the caret goes to
 *   the word there
 *
 * A widget's spelling is its "spell" action group (correct, add,
 * ignore) and its context menu; it follows the language of the article
 * the widget's node is in. Subclasses check the text their way.
 */
struct _KikuSpellingClass
{
  GSimpleActionGroupClass parent_class;

  void   (*recheck)        (KikuSpelling *self);
  char * (*take_menu_word) (KikuSpelling *self);
  void   (*correct)        (KikuSpelling *self,
                            const char   *replacement);
  void   (*place_caret)    (KikuSpelling *self,
                            double        x,
                            double        y);
};

void              kiku_spelling_attach       (KikuSpelling *self,
                                              GtkWidget    *widget,
                                              GtkWidget    *owner,
                                              KikuNode     *node);
KikuSpellChecker *kiku_spelling_get_checker  (KikuSpelling *self);
GMenuModel       *kiku_spelling_get_menu     (KikuSpelling *self);
void              kiku_spelling_update_menu  (KikuSpelling *self);
void              kiku_spelling_clear_menu   (KikuSpelling *self);

G_END_DECLS
