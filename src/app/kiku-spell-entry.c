/* kiku-spell-entry.c: underlines the misspelled words of a one-line entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-spell-entry"

#include "config.h"

#include <string.h>

#include "kiku-spell-entry.h"

/* The one-line fields (a headline, a heading, a caption) are checked as
 * the text views are (see kiku-spell-adapter.c), with what a GtkText has
 * instead of tags: typing only notes that the text changed, and the next
 * frame checks the line's words (a line is a few words: no slices needed)
 * and underlines the unknown ones with the text's Pango attributes. The
 * entry's context menu offers the suggestions for the misspelled word at
 * the caret; a right click first puts the caret on the word clicked.
 *
 * The menu, its actions and the language come from KikuSpelling.
 */

struct _KikuSpellEntry
{
  KikuSpelling      parent_instance;

  GtkEditable      *editable;  /* (weak) the entry, which owns this */
  GtkText          *text;      /* (weak) the entry's own text widget */

  GArray           *misspelled; /* character offsets: start, end, start, end… */
  int               word_start; /* the word the menu is about, in characters */
  int               word_end;

  guint             tick;
  guint             caret_source;
  int               caret;      /* where the caret goes after a correction */
  gboolean          menu_pending;
  gboolean          typed;      /* the text changed since the last frame */
};

G_DEFINE_FINAL_TYPE (KikuSpellEntry, kiku_spell_entry, KIKU_TYPE_SPELLING)

static gboolean on_tick (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       data);

static void
queue_check (KikuSpellEntry *self)
{
  if (self->tick == 0 && self->text != NULL && gtk_widget_get_realized (GTK_WIDGET (self->text)))
    self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->text), on_tick, self, NULL);
}

/* Whether the word at [@start, @end) (bytes) stands inside an address or
 * a mail address, which no dictionary knows.
 */
static gboolean
in_address (const char *text,
            gsize       start,
            gsize       end)
{
  gsize from = start, to = end;
  g_autofree char *token = NULL;

  while (from > 0 && !g_ascii_isspace (text[from - 1]))
    from--;
  while (text[to] != '\0' && !g_ascii_isspace (text[to]))
    to++;
  token = g_strndup (text + from, to - from);

  return strstr (token, "://") != NULL || strchr (token, '@') != NULL || strstr (token, "www.") != NULL;
}

static gboolean
same_ranges (GArray *a,
             GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (int)) == 0;
}

static void
check_line (KikuSpellEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(PangoAttrList) attributes = NULL;
  int n_chars = g_utf8_strlen (text, -1);
  KikuSpellChecker *checker = kiku_spelling_get_checker (KIKU_SPELLING (self));

  if (checker != NULL && n_chars > 0)
    {
      g_autofree PangoLogAttr *log_attrs = g_new0 (PangoLogAttr, n_chars + 1);
      const char *word = NULL;
      int word_offset = 0;
      const char *p = text;

      pango_get_log_attrs (text, -1, -1, NULL, log_attrs, n_chars + 1);
      for (int i = 0; i <= n_chars; i++)
        {
          if (word != NULL && log_attrs[i].is_word_end)
            {
              if (!kiku_spell_checker_check_word (checker, word, p - word) &&
                  !in_address (text, word - text, p - text))
                {
                  g_array_append_val (found, word_offset);
                  g_array_append_val (found, i);
                }
              word = NULL;
            }
          if (i < n_chars && log_attrs[i].is_word_start)
            {
              word = p;
              word_offset = i;
            }
          if (i < n_chars)
            p = g_utf8_next_char (p);
        }
    }

  if (self->misspelled != NULL && same_ranges (self->misspelled, found))
    return;

  g_clear_pointer (&self->misspelled, g_array_unref);
  self->misspelled = g_array_ref (found);

  attributes = pango_attr_list_new ();
  for (guint i = 0; i < found->len; i += 2)
    {
      PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      /* Red, as a text view draws its error underlines (Adwaita's red 3). */
      PangoAttribute *colour = pango_attr_underline_color_new (0xe0e0, 0x1b1b, 0x2424);

      underline->start_index = colour->start_index = g_utf8_offset_to_pointer (text, g_array_index (found, int, i)) - text;
      underline->end_index = colour->end_index = g_utf8_offset_to_pointer (text, g_array_index (found, int, i + 1)) - text;
      pango_attr_list_insert (attributes, underline);
      pango_attr_list_insert (attributes, colour);
    }
  gtk_text_set_attributes (self->text, found->len > 0 ? attributes : NULL);
}

/* The menu ----------------------------------------------------------------- */

/* The misspelled word at (or just before) @position, in characters. */
static gboolean
word_at (KikuSpellEntry *self,
         int             position,
         int            *start,
         int            *end)
{
  if (self->misspelled == NULL)
    return FALSE;

  for (guint i = 0; i < self->misspelled->len; i += 2)
    {
      int from = g_array_index (self->misspelled, int, i);
      int to = g_array_index (self->misspelled, int, i + 1);

      if (position >= from && position <= to)
        {
          *start = from;
          *end = to;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
kiku_spell_entry_take_menu_word (KikuSpelling *spelling)
{
  KikuSpellEntry *self = KIKU_SPELL_ENTRY (spelling);

  if (self->text == NULL ||
      !word_at (self, gtk_editable_get_position (GTK_EDITABLE (self->text)), &self->word_start, &self->word_end))
    return NULL;

  return gtk_editable_get_chars (GTK_EDITABLE (self->text), self->word_start, self->word_end);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  KikuSpellEntry *self = data;

  self->tick = 0;
  self->typed = FALSE;
  check_line (self);
  if (self->menu_pending)
    {
      self->menu_pending = FALSE;
      kiku_spelling_update_menu (KIKU_SPELLING (self));
    }

  return G_SOURCE_REMOVE;
}

static void
on_changed (KikuSpellEntry *self)
{
  self->typed = TRUE;
  if (kiku_spelling_get_checker (KIKU_SPELLING (self)) != NULL || self->misspelled != NULL)
    queue_check (self);
}

/* Moving the caret into a misspelled word, not typing it, prepares the
 * menu's suggestions.
 */
static void
on_cursor_moved (KikuSpellEntry *self)
{
  int start, end;

  if (kiku_spelling_get_checker (KIKU_SPELLING (self)) == NULL || self->typed)
    return;

  if (!word_at (self, gtk_editable_get_position (GTK_EDITABLE (self->text)), &start, &end))
    {
      kiku_spelling_clear_menu (KIKU_SPELLING (self));
      return;
    }

  self->menu_pending = TRUE;
  queue_check (self);
}

/* The caret goes on the word clicked, unless it is in the selection. A
 * line longer than the entry is scrolled: the click is that far further
 * into the text.
 */
static void
kiku_spell_entry_place_caret (KikuSpelling *spelling,
                              double        x,
                              double        y)
{
  KikuSpellEntry *self = KIKU_SPELL_ENTRY (spelling);
  g_autoptr(PangoLayout) layout = NULL;
  const char *text;
  int scrolled = 0, index, trailing, start, end, offset;

  if (self->text == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->text), text);
  g_object_get (self->text, "scroll-offset", &scrolled, NULL);
  /* Past either end, the nearest place. */
  pango_layout_xy_to_index (layout, (x + scrolled) * PANGO_SCALE, 0, &index, &trailing);

  offset = g_utf8_pointer_to_offset (text, text + index) + trailing;
  if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (self->text), &start, &end) ||
      offset < start || offset > end)
    gtk_editable_set_position (GTK_EDITABLE (self->text), offset);
}

static gboolean
place_caret_after_menu (gpointer data)
{
  KikuSpellEntry *self = data;

  self->caret_source = 0;
  if (self->text != NULL && self->caret >= 0)
    gtk_editable_select_region (GTK_EDITABLE (self->text), self->caret, self->caret);
  self->caret = -1;

  return G_SOURCE_REMOVE;
}

/* The whole line at once: one change of the field, one step to undo. The
 * caret goes after the corrected word, once the menu has closed and given
 * the focus back (which selects the whole line).
 */
static void
kiku_spell_entry_correct (KikuSpelling *spelling,
                          const char   *replacement)
{
  KikuSpellEntry *self = KIKU_SPELL_ENTRY (spelling);
  g_autofree char *corrected = NULL;
  const char *text, *start, *end;

  if (self->editable == NULL || self->text == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  if (self->word_end > g_utf8_strlen (text, -1))
    return;
  start = g_utf8_offset_to_pointer (text, self->word_start);
  end = g_utf8_offset_to_pointer (text, self->word_end);
  corrected = g_strdup_printf ("%.*s%s%s", (int)(start - text), text, replacement, end);

  gtk_editable_set_text (self->editable, corrected);
  self->caret = self->word_start + g_utf8_strlen (replacement, -1);
  gtk_editable_set_position (self->editable, self->caret);
  if (self->caret_source == 0)
    self->caret_source = g_idle_add (place_caret_after_menu, self);
}

/* The words known may have changed: the next frame checks them all. */
static void
kiku_spell_entry_recheck (KikuSpelling *spelling)
{
  KikuSpellEntry *self = KIKU_SPELL_ENTRY (spelling);

  g_clear_pointer (&self->misspelled, g_array_unref);
  queue_check (self);
}

/* GObject ------------------------------------------------------------------ */

static void
kiku_spell_entry_dispose (GObject *object)
{
  KikuSpellEntry *self = KIKU_SPELL_ENTRY (object);

  if (self->tick != 0 && self->text != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text), self->tick);
  self->tick = 0;
  g_clear_handle_id (&self->caret_source, g_source_remove);
  g_clear_weak_pointer (&self->editable);
  g_clear_weak_pointer (&self->text);
  g_clear_pointer (&self->misspelled, g_array_unref);

  G_OBJECT_CLASS (kiku_spell_entry_parent_class)->dispose (object);
}

static void
kiku_spell_entry_class_init (KikuSpellEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KikuSpellingClass *spelling_class = KIKU_SPELLING_CLASS (klass);

  object_class->dispose = kiku_spell_entry_dispose;

  spelling_class->recheck = kiku_spell_entry_recheck;
  spelling_class->take_menu_word = kiku_spell_entry_take_menu_word;
  spelling_class->correct = kiku_spell_entry_correct;
  spelling_class->place_caret = kiku_spell_entry_place_caret;
}

static void
kiku_spell_entry_init (KikuSpellEntry *self)
{
  self->caret = -1;
}

/**
 * kiku_spell_entry_attach:
 * @editable: an entry (a #GtkEntry, an #AdwEntryRow) whose text is prose
 * @node: what the entry edits, whose article's language says how to check
 *
 * Checks the spelling of @editable's text from now on: the entry keeps
 * the checker as its "spell" action group.
 */
void
kiku_spell_entry_attach (GtkEditable *editable,
                         KikuNode    *node)
{
  g_autoptr(KikuSpellEntry) self = NULL;
  GtkEditable *text = editable;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (KIKU_IS_NODE (node));

  while (gtk_editable_get_delegate (text) != NULL)
    text = gtk_editable_get_delegate (text);
  g_return_if_fail (GTK_IS_TEXT (text));

  self = g_object_new (KIKU_TYPE_SPELL_ENTRY, NULL);
  g_set_weak_pointer (&self->editable, editable);
  g_set_weak_pointer (&self->text, GTK_TEXT (text));

  g_signal_connect_object (text, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (text, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self, G_CONNECT_SWAPPED);
  gtk_text_set_extra_menu (GTK_TEXT (text), kiku_spelling_get_menu (KIKU_SPELLING (self)));

  kiku_spelling_attach (KIKU_SPELLING (self), GTK_WIDGET (text), GTK_WIDGET (editable), node);
}
