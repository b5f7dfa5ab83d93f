/* kiku-spell-adapter.c: underlines the misspelled words of a text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-spell-adapter"

#include "config.h"

#include <string.h>

#include "kiku-article.h"
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
 * The adapter is the view's "spell" action group, so the view owns it,
 * and it follows the language of the article the view's node is in.
 */

#define SLICE_USEC      2000   /* the longest one frame spends checking */

struct _KikuSpellAdapter
{
  GSimpleActionGroup parent_instance;

  GtkTextView      *view;
  GtkTextBuffer    *buffer;
  KikuSpellChecker *checker;
  KikuNode         *node;       /* (weak) what the view edits */
  KikuArticle      *article;    /* (weak) followed for its language */
  KikuHistory      *history;    /* (weak) where a correction is one step */

  GtkTextTag       *misspelled;
  GtkTextTag       *unchecked;
  GtkTextMark      *word_start;   /* the word the menu is about */
  GtkTextMark      *word_end;

  GMenu            *menu;
  GMenu            *suggestions;
  GMenu            *choices;

  guint             tick;
  gboolean          menu_pending;
  gboolean          typed;        /* the text changed since the last frame */
};

G_DEFINE_FINAL_TYPE (KikuSpellAdapter, kiku_spell_adapter, G_TYPE_SIMPLE_ACTION_GROUP)

static gboolean on_tick (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       data);

static void
queue_check (KikuSpellAdapter *self)
{
  if (self->tick == 0 && (self->checker != NULL || self->menu_pending) &&
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
  if (self->checker == NULL)
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
  if (self->checker == NULL)
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

  if (kiku_spell_checker_check_word (self->checker, word, -1) || in_markup (start, end))
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

static void
recheck_all (KikuSpellAdapter *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (self->checker == NULL)
    {
      gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &start, &end);
      return;
    }

  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, &start, &end);
  queue_check (self);
}

/* The menu ----------------------------------------------------------------- */

static void
clear_menu (KikuSpellAdapter *self)
{
  g_menu_remove_all (self->suggestions);
  g_menu_remove_all (self->choices);
}

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

/**
 * kiku_spell_adapter_update_menu:
 *
 * Fills the text view's extra menu for the misspelled word at the caret,
 * or empties it.
 */
void
kiku_spell_adapter_update_menu (KikuSpellAdapter *self)
{
  g_autofree char *word = NULL;
  GtkTextIter start, end;

  g_return_if_fail (KIKU_IS_SPELL_ADAPTER (self));

  clear_menu (self);
  if (self->checker == NULL || !word_at_caret (self, &start, &end))
    return;

  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  word = gtk_text_iter_get_slice (&start, &end);
  kiku_spell_checker_fill_menu (self->checker, word, self->suggestions, self->choices);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  KikuSpellAdapter *self = data;
  gboolean more = FALSE;

  self->typed = FALSE;
  if (self->checker != NULL)
    more = check_some (self);
  if (self->menu_pending)
    {
      self->menu_pending = FALSE;
      kiku_spell_adapter_update_menu (self);
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

  if (mark != gtk_text_buffer_get_insert (self->buffer) || self->checker == NULL || self->typed)
    return;

  if (!word_at_caret (self, &start, &end))
    {
      clear_menu (self);
      return;
    }

  self->menu_pending = TRUE;
  queue_check (self);
}

/* A right click puts the caret where it is, unless it is in the
 * selection, so that the menu is about the word clicked.
 */
static void
on_click_pressed (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  KikuSpellAdapter *self)
{
  GtkTextIter iter, start, end;
  int bx, by;

  if (self->checker == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end) ||
      !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);

  kiku_spell_adapter_update_menu (self);
}

/* Puts the replacement in place of the word the menu is about: one step
 * to undo.
 */
static void
correct_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  KikuSpellAdapter *self = data;
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
  gtk_text_buffer_insert (self->buffer, &start, g_variant_get_string (parameter, NULL), -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  if (self->history != NULL)
    {
      kiku_history_end_group (self->history);
      kiku_history_break (self->history);
    }
  clear_menu (self);
}

static char *
dup_menu_word (KikuSpellAdapter *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);

  return gtk_text_iter_get_slice (&start, &end);
}

static void
add_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  KikuSpellAdapter *self = data;
  g_autofree char *word = NULL;

  if (self->checker == NULL || (word = dup_menu_word (self))[0] == '\0')
    return;
  clear_menu (self);
  kiku_spell_checker_add_word (self->checker, word);
}

static void
ignore_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  KikuSpellAdapter *self = data;
  g_autofree char *word = NULL;

  if (self->checker == NULL || (word = dup_menu_word (self))[0] == '\0')
    return;
  clear_menu (self);
  kiku_spell_checker_ignore_word (self->checker, word);
}

/* The context menu from the keyboard: its suggestions first, then the
 * text view opens it.
 */
static gboolean
prepare_menu (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  kiku_spell_adapter_update_menu (data);

  return FALSE;
}

static void
set_checker (KikuSpellAdapter *self,
             KikuSpellChecker *checker)
{
  if (self->checker == checker)
    return;

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_func (self->checker, recheck_all, self);
  g_set_object (&self->checker, checker);
  if (checker != NULL)
    g_signal_connect_swapped (checker, "changed", G_CALLBACK (recheck_all), self);

  clear_menu (self);
  recheck_all (self);
}

static void
on_language_changed (KikuSpellAdapter *self)
{
  set_checker (self, kiku_spell_checker_get_for_language (kiku_article_get_language (self->article)));
}

/* A view may be made before its node joins the article. */
static void
on_realize (KikuSpellAdapter *self)
{
  if (self->article == NULL && self->node != NULL && (self->article = kiku_node_get_article (self->node)))
    {
      g_object_add_weak_pointer (G_OBJECT (self->article), (gpointer *)&self->article);
      g_signal_connect_object (self->article, "notify::language",
                               G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
      on_language_changed (self);
    }

  queue_check (self);
}

/* GObject ------------------------------------------------------------------ */

static void
kiku_spell_adapter_dispose (GObject *object)
{
  KikuSpellAdapter *self = KIKU_SPELL_ADAPTER (object);

  if (self->tick != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick);
  self->tick = 0;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_func (self->checker, recheck_all, self);
  g_clear_object (&self->checker);
  g_clear_weak_pointer (&self->node);
  g_clear_weak_pointer (&self->article);
  g_clear_weak_pointer (&self->history);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->menu);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->choices);

  G_OBJECT_CLASS (kiku_spell_adapter_parent_class)->dispose (object);
}

static void
kiku_spell_adapter_class_init (KikuSpellAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_spell_adapter_dispose;
}

static void
kiku_spell_adapter_init (KikuSpellAdapter *self)
{
  static const GActionEntry actions[] = {
    { "correct", correct_activated, "s" },
    { "add", add_activated },
    { "ignore", ignore_activated },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  self->menu = g_menu_new ();
  self->suggestions = g_menu_new ();
  self->choices = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->choices));
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
  GtkEventController *keys;
  GtkGesture *click;
  GtkTextIter start;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (KIKU_IS_NODE (node));
  g_return_if_fail (history == NULL || KIKU_IS_HISTORY (history));

  self = g_object_new (KIKU_TYPE_SPELL_ADAPTER, NULL);
  g_set_weak_pointer (&self->view, view);
  g_set_weak_pointer (&self->node, node);
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

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (prepare_menu, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (view), keys);

  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));
  g_signal_connect_object (view, "realize", G_CALLBACK (on_realize), self, G_CONNECT_SWAPPED);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self));

  if (gtk_widget_get_realized (GTK_WIDGET (view)))
    on_realize (self);
}
