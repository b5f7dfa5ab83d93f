/* kiku-spell-adapter.c: underlines the misspelled words of a text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-spell-adapter"

#include "config.h"

#include <string.h>

#include "kiku-spell-adapter.h"

/* Typing only marks what it changed as to be checked (a tag with no
 * look of its own over the words it touched); each frame then checks the
 * marked words a few at a time and underlines those the dictionary does
 * not know. So a keystroke costs two tag operations, and a whole article
 * opened in English is checked in short slices, one before each frame (a
 * frame clock tick, not an idle: a window busy painting would starve an
 * idle, and the underline would never come).
 *
 * The context menu offers, for the misspelled word at the caret, the
 * dictionary's suggestions, "Add to Dictionary" and "Ignore". The
 * suggestions are looked up when the caret comes to rest in such a word
 * or the menu is asked for, never while typing.
 *
 * The menu, its actions and the language come from KikuSpelling.
 */

#define SLICE_USEC      2000   /* the longest one frame spends checking */

struct _KikuSpellAdapter
{
  KikuSpelling      parent_instance;

  GtkTextView      *view;
  GtkTextBuffer    *buffer;
  KikuHistory      *history;    /* (weak) where a correction is one step */

  GtkTextTag       *misspelled;
  GtkTextTag       *unchecked;
  GtkTextMark      *word_start;   /* the word the menu is about */
  GtkTextMark      *word_end;

  guint             tick;
  gboolean          menu_pending;
  gboolean          typed;        /* the text changed since the last frame */
};

G_DEFINE_FINAL_TYPE (KikuSpellAdapter, kiku_spell_adapter, KIKU_TYPE_SPELLING)

static KikuSpellChecker *
checker_of (KikuSpellAdapter *self)
{
  return kiku_spelling_get_checker (KIKU_SPELLING (self));
}

static gboolean on_tick (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       data);

static void
queue_check (KikuSpellAdapter *self)
{
  if (self->tick == 0 && (checker_of (self) != NULL || self->menu_pending) &&
      gtk_widget_get_realized (GTK_WIDGET (self->view)))
    self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), on_tick, self, NULL);
}

/* Widens @start and @end to the words they touch. */
static void
extend_to_words (GtkTextIter *start,
                 GtkTextIter *end)
{
  if (gtk_text_iter_inside_word (start) && !gtk_text_iter_starts_word (start))
    gtk_text_iter_backward_word_start (start);
  if (gtk_text_iter_inside_word (end) || gtk_text_iter_ends_word (end))
    {
      if (!gtk_text_iter_ends_word (end))
        gtk_text_iter_forward_word_end (end);
    }
}

static void
mark_unchecked (KikuSpellAdapter *self,
                GtkTextIter      *start,
                GtkTextIter      *end)
{
  extend_to_words (start, end);
  /* A word just ended by a space or a mark is checked again too. */
  if (gtk_text_iter_get_offset (start) > 0)
    {
      GtkTextIter before = *start;

      gtk_text_iter_backward_char (&before);
      if (gtk_text_iter_ends_word (&before) || gtk_text_iter_inside_word (&before))
        {
          gtk_text_iter_backward_word_start (&before);
          *start = before;
        }
    }
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, start, end);
  queue_check (self);
}

static void
on_insert_text (KikuSpellAdapter *self,
                GtkTextIter      *location,
                const char       *text,
                int               length)
{
  GtkTextIter start = *location, end = *location;

  self->typed = TRUE;
  if (checker_of (self) == NULL)
    return;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &start, &end);
  mark_unchecked (self, &start, &end);
}

static void
on_delete_range (KikuSpellAdapter *self,
                 GtkTextIter      *start,
                 GtkTextIter      *end)
{
  GtkTextIter from = *start, to = *start;

  self->typed = TRUE;
  if (checker_of (self) == NULL)
    return;

  mark_unchecked (self, &from, &to);
}

/* Whether the word between @start and @end stands inside an address, a
 * code span or a link's target, which no dictionary knows.
 */
static gboolean
in_markup (GtkTextIter *start,
           GtkTextIter *end)
{
  GtkTextIter from = *start, to = *end;
  g_autofree char *token = NULL;

  while (!gtk_text_iter_is_start (&from))
    {
      GtkTextIter before = from;

      gtk_text_iter_backward_char (&before);
      if (g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      from = before;
    }
  while (!gtk_text_iter_is_end (&to) && !g_unichar_isspace (gtk_text_iter_get_char (&to)))
    gtk_text_iter_forward_char (&to);

  token = gtk_text_iter_get_slice (&from, &to);

  return strstr (token, "://") != NULL || strchr (token, '@') != NULL ||
         strchr (token, '`') != NULL || strstr (token, "](") != NULL;
}

static void
check_word (KikuSpellAdapter *self,
            GtkTextIter      *start,
            GtkTextIter      *end)
{
  g_autofree char *word = gtk_text_iter_get_slice (start, end);

  if (kiku_spell_checker_check_word (checker_of (self), word, -1) || in_markup (start, end))
    gtk_text_buffer_remove_tag (self->buffer, self->misspelled, start, end);
  else
    gtk_text_buffer_apply_tag (self->buffer, self->misspelled, start, end);
}

/* Returns: whether words are left to check */
static gboolean
check_some (KikuSpellAdapter *self)
{
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;
  GtkTextIter run, run_end, word, word_end;

  gtk_text_buffer_get_start_iter (self->buffer, &run);
  while (g_get_monotonic_time () < deadline)
    {
      if (!gtk_text_iter_has_tag (&run, self->unchecked) &&
          !gtk_text_iter_forward_to_tag_toggle (&run, self->unchecked))
        return FALSE;
      run_end = run;
      gtk_text_iter_forward_to_tag_toggle (&run_end, self->unchecked);

      /* Each word that starts in the run, whole. */
      word = run;
      if (gtk_text_iter_inside_word (&word) && !gtk_text_iter_starts_word (&word))
        gtk_text_iter_backward_word_start (&word);
      while (gtk_text_iter_compare (&word, &run_end) < 0 && g_get_monotonic_time () < deadline)
        {
          if (!gtk_text_iter_starts_word (&word))
            {
              GtkTextIter next = word, next_start;

              /* (At the end of the text it says FALSE having moved.) */
              gtk_text_iter_forward_word_end (&next);
              if (gtk_text_iter_compare (&next, &word) <= 0)
                {
                  word = run_end;
                  break;
                }
              next_start = next;
              gtk_text_iter_backward_word_start (&next_start);
              /* Pango's boundaries in kanji and kana do not always pair
               * up: never go back, or the check would go round in place.
               */
              if (gtk_text_iter_compare (&next_start, &word) < 0)
                {
                  word = next;
                  continue;
                }
              word = next_start;
              if (gtk_text_iter_compare (&word, &run_end) >= 0)
                break;
            }
          word_end = word;
          gtk_text_iter_forward_word_end (&word_end);
          if (gtk_text_iter_compare (&word_end, &word) <= 0)
            {
              gtk_text_iter_forward_char (&word);
              continue;
            }
          check_word (self, &word, &word_end);
          word = word_end;
        }

      if (gtk_text_iter_compare (&word, &run_end) < 0 && !gtk_text_iter_is_end (&word) &&
          g_get_monotonic_time () >= deadline)
        {
          /* Out of time: the rest of the run waits for the next call. */
          gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &run, &word);
          return TRUE;
        }

      gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &run, &run_end);
      run = run_end;
    }

  return TRUE;
}

/* Every word to check again, in the coming frames. */
static void
kiku_spell_adapter_recheck (KikuSpelling *spelling)
{
  KikuSpellAdapter *self = KIKU_SPELL_ADAPTER (spelling);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (checker_of (self) == NULL)
    {
      gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &start, &end);
      return;
    }

  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, &start, &end);
  queue_check (self);
}

/* The menu ----------------------------------------------------------------- */

static gboolean
word_at_caret (KikuSpellAdapter *self,
               GtkTextIter      *start,
               GtkTextIter      *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, gtk_text_buffer_get_insert (self->buffer));
  if (!gtk_text_iter_has_tag (start, self->misspelled))
    {
      /* The caret just after the word. */
      if (gtk_text_iter_is_start (start))
        return FALSE;
      gtk_text_iter_backward_char (start);
      if (!gtk_text_iter_has_tag (start, self->misspelled))
        return FALSE;
    }

  *end = *start;
  if (!gtk_text_iter_starts_tag (start, self->misspelled))
    gtk_text_iter_backward_to_tag_toggle (start, self->misspelled);
  gtk_text_iter_forward_to_tag_toggle (end, self->misspelled);

  return TRUE;
}

/* The word at the caret, which the menu is then about. */
static char *
kiku_spell_adapter_take_menu_word (KikuSpelling *spelling)
{
  KikuSpellAdapter *self = KIKU_SPELL_ADAPTER (spelling);
  GtkTextIter start, end;

  if (self->buffer == NULL || !word_at_caret (self, &start, &end))
    return NULL;

  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);

  return gtk_text_iter_get_slice (&start, &end);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  KikuSpellAdapter *self = data;
  gboolean more = FALSE;

  self->typed = FALSE;
  if (checker_of (self) != NULL)
    more = check_some (self);
  if (self->menu_pending)
    {
      self->menu_pending = FALSE;
      kiku_spelling_update_menu (KIKU_SPELLING (self));
    }
  if (more)
    return G_SOURCE_CONTINUE;

  self->tick = 0;

  return G_SOURCE_REMOVE;
}

/* Moving the caret into a misspelled word, not typing it, prepares the
 * menu's suggestions.
 */
static void
on_mark_set (KikuSpellAdapter  *self,
             const GtkTextIter *location,
             GtkTextMark       *mark)
{
  GtkTextIter start, end;

  if (mark != gtk_text_buffer_get_insert (self->buffer) || checker_of (self) == NULL || self->typed)
    return;

  if (!word_at_caret (self, &start, &end))
    {
      kiku_spelling_clear_menu (KIKU_SPELLING (self));
      return;
    }

  self->menu_pending = TRUE;
  queue_check (self);
}

/* A right click puts the caret where it is, unless it is in the
 * selection, so that the menu is about the word clicked.
 */
static void
kiku_spell_adapter_place_caret (KikuSpelling *spelling,
                                double        x,
                                double        y)
{
  KikuSpellAdapter *self = KIKU_SPELL_ADAPTER (spelling);
  GtkTextIter iter, start, end;
  int bx, by;

  if (self->view == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end) ||
      !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);
}

/* Puts the replacement in place of the word the menu is about: one step
 * to undo.
 */
static void
kiku_spell_adapter_correct (KikuSpelling *spelling,
                            const char   *replacement)
{
  KikuSpellAdapter *self = KIKU_SPELL_ADAPTER (spelling);
  GtkTextIter start, end;

  if (self->buffer == NULL)
    return;

  if (self->history != NULL)
    {
      kiku_history_break (self->history);
      kiku_history_begin_group (self->history);
    }
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  if (self->history != NULL)
    {
      kiku_history_end_group (self->history);
      kiku_history_break (self->history);
    }
}

/* GObject ------------------------------------------------------------------ */

static void
kiku_spell_adapter_dispose (GObject *object)
{
  KikuSpellAdapter *self = KIKU_SPELL_ADAPTER (object);

  if (self->tick != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick);
  self->tick = 0;
  g_clear_weak_pointer (&self->history);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (kiku_spell_adapter_parent_class)->dispose (object);
}

static void
kiku_spell_adapter_class_init (KikuSpellAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KikuSpellingClass *spelling_class = KIKU_SPELLING_CLASS (klass);

  object_class->dispose = kiku_spell_adapter_dispose;

  spelling_class->recheck = kiku_spell_adapter_recheck;
  spelling_class->take_menu_word = kiku_spell_adapter_take_menu_word;
  spelling_class->correct = kiku_spell_adapter_correct;
  spelling_class->place_caret = kiku_spell_adapter_place_caret;
}

static void
kiku_spell_adapter_init (KikuSpellAdapter *self)
{
}

/**
 * kiku_spell_adapter_attach:
 * @node: what the view edits, whose article's language says how to check
 * @history: (nullable): the article's history, where a correction is one
 *   step
 *
 * Checks the spelling of @view's text from now on: the view keeps the
 * checker as its "spell" action group, and its context menu offers the
 * corrections.
 */
void
kiku_spell_adapter_attach (GtkTextView *view,
                           KikuNode    *node,
                           KikuHistory *history)
{
  g_autoptr(KikuSpellAdapter) self = NULL;
  GtkTextIter start;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (KIKU_IS_NODE (node));
  g_return_if_fail (history == NULL || KIKU_IS_HISTORY (history));

  self = g_object_new (KIKU_TYPE_SPELL_ADAPTER, NULL);
  g_set_weak_pointer (&self->view, view);
  if (history != NULL)
    g_set_weak_pointer (&self->history, history);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->misspelled = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                 "underline", PANGO_UNDERLINE_ERROR,
                                                 NULL);
  self->unchecked = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_text_view_set_extra_menu (view, kiku_spelling_get_menu (KIKU_SPELLING (self)));

  kiku_spelling_attach (KIKU_SPELLING (self), GTK_WIDGET (view), GTK_WIDGET (view), node);
}
