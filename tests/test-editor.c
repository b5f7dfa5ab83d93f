/* test-editor.c: the editor window, in a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>

#include "kiku-field.h"
#include "kiku-test-gui.h"
#include <gtksourceview/gtksource.h>

#include "kiku-window.h"

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Editing through the widgets changes the model. */
static void
test_fields_edit_model (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuEditor *editor = kiku_window_get_editor (window);
  GtkWidget *headline, *lead, *keywords, *point_entry;
  GtkTextBuffer *buffer;
  KikuSection *section;
  KikuParagraph *paragraph;
  GtkWidget *paragraph_field;

  /* The window is named by the article's headline, then its file. */
  {
    g_autofree char *title = g_strdup_printf ("%s — sample.kiku", kiku_article_get_title (article));
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  }

  headline = kiku_test_find_widget (GTK_WIDGET (window), is_row_titled, "Headline");
  g_assert_nonnull (headline);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (headline)), ==, kiku_article_get_title (article));
  gtk_editable_set_text (GTK_EDITABLE (headline), "書き換えた見出し");
  g_assert_cmpstr (kiku_article_get_title (article), ==, "書き換えた見出し");

  /* The window says there is unsaved work. */
  kiku_test_run_pending ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• 書き換えた見出し — sample.kiku");
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_label_showing, "Unsaved Changes"));

  /* The lead, in a source view. */
  lead = kiku_field_get_focus_target (kiku_editor_find_field (editor, KIKU_NODE (article), "summary"));
  g_assert_true (GTK_IS_TEXT_VIEW (lead));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (lead));
  gtk_text_buffer_set_text (buffer, "新しいリード文。", -1);
  g_assert_cmpstr (kiku_article_get_summary (article), ==, "新しいリード文。");

  /* A paragraph of the first section. */
  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  paragraph = kiku_list_get (kiku_section_get_blocks (section), 0);
  paragraph_field = kiku_editor_find_field (editor, KIKU_NODE (paragraph), "text");
  g_assert_nonnull (paragraph_field);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (kiku_field_get_focus_target (paragraph_field)));
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "追記。", -1);
  }
  g_assert_true (g_str_has_suffix (kiku_paragraph_get_text (paragraph), "追記。"));

  /* A keyword typed and entered becomes a tag. */
  keywords = kiku_editor_find_field (editor, KIKU_NODE (article), "keywords");
  gtk_editable_set_text (GTK_EDITABLE (keywords), "夜間開館");
  g_signal_emit_by_name (keywords, "activate");
  g_assert_cmpstr (kiku_article_get_keywords (article)[3], ==, "夜間開館");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (keywords)), ==, "");

  /* A key point edited in its text. */
  point_entry = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Key point 2");
  g_assert_true (GTK_IS_TEXT_VIEW (point_entry));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (point_entry));
  gtk_text_buffer_set_text (buffer, "二つ目の要点", -1);
  g_assert_cmpstr (kiku_point_get_text (kiku_list_get (kiku_article_get_key_points (article), 1)), ==, "二つ目の要点");

  /* The model changed from elsewhere (undo) shows in the widget. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  {
    g_autofree char *shown = NULL;

    g_object_get (buffer, "text", &shown, NULL);
    g_assert_cmpstr (shown, !=, "二つ目の要点");
    g_assert_cmpstr (shown, ==, kiku_point_get_text (kiku_list_get (kiku_article_get_key_points (article), 1)) ?: "");
  }

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_menu_button_labelled (GtkWidget     *widget,
                         gconstpointer  label)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

/* Add, move and delete blocks with the editor's own buttons and keys, then
 * undo it all: the article is what it was, to the byte.
 */
static void
test_structure_and_undo (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *undone = NULL;
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuBlock *first = kiku_list_get (blocks, 0);
  guint n = kiku_list_get_length (blocks);
  GtkWidget *card, *button;

  /* Move the first block down with its button. */
  card = kiku_test_find_card (GTK_WIDGET (window), first);
  button = kiku_test_find_button (card, "Move Block Down");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (kiku_list_get (blocks, 1) == first);

  /* Then down again with Alt+↓, from the card now holding it. */
  card = kiku_test_find_card (GTK_WIDGET (window), first);
  g_assert_true (gtk_widget_get_prev_sibling (card) == kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, 0)));
  g_assert_true (kiku_test_press_shortcut (card, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (kiku_list_get (blocks, 2) == first);

  /* Add a source box from the section's menu. */
  button = kiku_test_find_widget (GTK_WIDGET (window), is_menu_button_labelled, "Add Block");
  g_assert_nonnull (button);
  button = kiku_test_find_widget (button, kiku_test_is_button_labelled, "_Source Box");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n + 1);
  g_assert_true (KIKU_IS_SOURCE (kiku_list_get (blocks, n)));

  /* Convert the (moved) first paragraph into a comment. */
  card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, 0));
  button = kiku_test_find_button (card, "Make a Persona Comment");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (KIKU_IS_COMMENT (kiku_list_get (blocks, 0)));

  /* Delete the first block. */
  card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, 0));
  button = kiku_test_find_button (card, "Delete Block");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n);

  /* Ctrl+Z to the start. */
  while (kiku_history_can_undo (kiku_document_get_history (document)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  kiku_test_run_pending ();

  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);
  g_assert_false (kiku_document_get_modified (document));
  {
    g_autofree char *title = g_strdup_printf ("%s — sample.kiku", kiku_article_get_title (article));
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Structural edits ---------------------------------------------------------- */

static GtkWidget *
focus_of (KikuWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Whether @widget shows inside the editor's scrolled window. */
static gboolean
is_scrolled_into_view (KikuWindow *window,
                       GtkWidget  *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, viewport, &bounds));

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_adjustment_get_page_size (adjustment);
}

static GtkTextView *
text_view_of (KikuEditor *editor,
              gpointer    block)
{
  GtkWidget *field = kiku_editor_find_field (editor, block, "text");

  g_assert_nonnull (field);
  return GTK_TEXT_VIEW (kiku_field_get_focus_target (field));
}

/* Adding, moving and undoing a block in a long section touch that block's
 * card only; the writer's place follows it.
 */
static void
test_place_kept (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuList *blocks = kiku_section_get_blocks (section);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KikuParagraph) added = kiku_paragraph_new ();
  KikuWindow *window;
  KikuEditor *editor;
  GtkWidget *card;
  GtkTextView *view;
  GtkTextIter iter;
  guint middle;

  /* A long section: twenty more paragraphs. */
  kiku_history_begin_unrecorded (kiku_document_get_history (document));
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
      g_autofree char *text = g_strdup_printf ("段落 %u。", i);

      kiku_paragraph_set_text (paragraph, text);
      kiku_list_append (blocks, paragraph);
    }
  kiku_history_end_unrecorded (kiku_document_get_history (document));
  window = kiku_test_show_window (document, 0, 0);
  editor = kiku_window_get_editor (window);
  middle = kiku_list_get_length (blocks) / 2;

  {
    /* The form's scrollbar stays and takes its own room: it does not fade
     * in and out (a second of frames) around each scroll an edit makes.
     */
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (text_view_of (editor, kiku_list_get (blocks, 0))),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));

    g_assert_true (gtk_widget_get_mapped (gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scroller))));
    g_assert_cmpint (gtk_widget_get_width (viewport), <, gtk_widget_get_width (scroller));
  }

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    {
      KikuBlock *block = kiku_list_get (blocks, i);

      card = kiku_test_find_card (GTK_WIDGET (window), block);
      g_assert_nonnull (card);
      g_ptr_array_add (cards, g_object_ref (card));
      if (KIKU_IS_PARAGRAPH (block))
        g_ptr_array_add (views, g_object_ref (text_view_of (editor, block)));
    }

  /* A paragraph added in the middle: only its card is new. */
  kiku_paragraph_set_text (added, "新しい段落。");
  kiku_list_insert (blocks, middle, added);
  card = kiku_test_find_card (GTK_WIDGET (window), added);
  g_assert_nonnull (card);
  kiku_test_wait_for_focus_in (window, card, "the focus in the new block");
  g_assert_true (focus_of (window) == GTK_WIDGET (text_view_of (editor, added)));
  g_assert_true (is_scrolled_into_view (window, GTK_WIDGET (text_view_of (editor, added))));
  for (guint i = 0; i < cards->len; i++)
    g_assert_nonnull (gtk_widget_get_parent (g_ptr_array_index (cards, i)));
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *field_view = g_ptr_array_index (views, i);

      g_assert_true (gtk_widget_is_ancestor (field_view, GTK_WIDGET (window)));
    }
  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    if (kiku_list_get (blocks, i) != (gpointer)added && KIKU_IS_PARAGRAPH (kiku_list_get (blocks, i)))
      g_assert_true (g_ptr_array_find (views, text_view_of (editor, kiku_list_get (blocks, i)), NULL));

  /* The caret in the next paragraph, which then moves down: the same source
   * view, its caret where it was, the focus in it.
   */
  {
    KikuBlock *moving = kiku_list_get (blocks, middle + 1);
    GtkTextBuffer *buffer;
    guint position;

    view = text_view_of (editor, moving);
    buffer = gtk_text_view_get_buffer (view);
    gtk_widget_grab_focus (GTK_WIDGET (view));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 2);
    gtk_text_buffer_place_cursor (buffer, &iter);

    kiku_history_break (kiku_document_get_history (document));
    g_assert_true (kiku_test_press_shortcut (kiku_test_find_card (GTK_WIDGET (window), moving),
                                   GDK_KEY_Down, GDK_ALT_MASK));
    kiku_test_pause_ms (50);
    kiku_test_run_pending ();

    g_assert_true (kiku_list_find (blocks, KIKU_NODE (moving), &position));
    g_assert_cmpuint (position, ==, middle + 2);
    g_assert_true (text_view_of (editor, moving) == view);
    g_assert_true (gtk_text_view_get_buffer (view) == buffer);
    g_assert_true (focus_of (window) == GTK_WIDGET (view));
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 2);
    g_assert_true (is_scrolled_into_view (window, GTK_WIDGET (view)));

    /* Undone: back up, the same view again. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    kiku_test_pause_ms (50);
    kiku_test_run_pending ();
    g_assert_true (kiku_list_get (blocks, middle + 1) == moving);
    g_assert_true (text_view_of (editor, moving) == view);
  }

  /* The add undone: its card is gone, the writer is at its neighbour. */
  g_assert_true (kiku_list_get (blocks, middle) == (gpointer)added);
  {
    KikuBlock *neighbour = kiku_list_get (blocks, middle + 1);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    g_assert_false (kiku_list_find (blocks, KIKU_NODE (added), NULL));
    g_assert_null (kiku_test_find_card (GTK_WIDGET (window), added));
    card = kiku_test_find_card (GTK_WIDGET (window), neighbour);
    kiku_test_wait_for_focus_in (window, card, "the focus in the neighbour");
    g_assert_true (is_scrolled_into_view (window, focus_of (window)));
  }

  /* Redone: the restored block has the focus. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  card = kiku_test_find_card (GTK_WIDGET (window), added);
  g_assert_nonnull (card);
  kiku_test_wait_for_focus_in (window, card, "the focus in the restored block");
  g_assert_true (focus_of (window) == GTK_WIDGET (text_view_of (editor, added)));
  for (guint i = 0; i < cards->len; i++)
    g_assert_nonnull (gtk_widget_get_parent (g_ptr_array_index (cards, i)));

  /* The widgets go with the window. */
  g_ptr_array_set_size (cards, 0);
  g_ptr_array_set_size (views, 0);
  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Move Up and Move Down are off where the item cannot move further, and
 * follow it as it moves.
 */
static void
test_move_ends (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *sections = kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0));
  KikuList *blocks = kiku_section_get_blocks (kiku_list_get (sections, 0));
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuBlock *first = kiku_list_get (blocks, 0);
  KikuBlock *last = kiku_list_get (blocks, kiku_list_get_length (blocks) - 1);
  GtkWidget *card, *up, *down;

  card = kiku_test_find_card (GTK_WIDGET (window), first);
  up = kiku_test_find_button (card, "Move Block Up");
  down = kiku_test_find_button (card, "Move Block Down");
  g_assert_false (gtk_widget_get_sensitive (up));
  g_assert_true (gtk_widget_get_sensitive (down));
  card = kiku_test_find_card (GTK_WIDGET (window), last);
  g_assert_true (gtk_widget_get_sensitive (kiku_test_find_button (card, "Move Block Up")));
  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (card, "Move Block Down")));

  /* The first block moved down: now it can go up, and the new first cannot. */
  g_signal_emit_by_name (down, "clicked");
  g_assert_true (kiku_list_get (blocks, 1) == first);
  g_assert_true (gtk_widget_get_sensitive (up));
  card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, 0));
  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (card, "Move Block Up")));

  /* Sections: the first cannot go up, the last cannot go down. */
  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (GTK_WIDGET (window), "Move Section Up")));
  {
    GtkWidget *section_down = kiku_test_find_button (GTK_WIDGET (window), "Move Section Down");

    g_assert_true (gtk_widget_get_sensitive (section_down) == (kiku_list_get_length (sections) > 1));
  }

  /* In a source box's points, Alt+↓ is the point's, not the card's. */
  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    if (KIKU_IS_SOURCE (kiku_list_get (blocks, i)) &&
        kiku_list_get_length (kiku_source_get_points (kiku_list_get (blocks, i))) > 0)
      {
        KikuSource *source = kiku_list_get (blocks, i);
        GtkWidget *entry = kiku_editor_find_field (kiku_window_get_editor (window),
                                                   kiku_list_get (kiku_source_get_points (source), 0), "text");

        card = kiku_test_find_card (GTK_WIDGET (window), source);
        gtk_widget_grab_focus (entry);
        g_assert_false (kiku_test_press_shortcut (card, GDK_KEY_Down, GDK_ALT_MASK));
        g_assert_true (kiku_list_get (blocks, i) == (gpointer)source);
        break;
      }

  /* Key points: the first cannot go up. */
  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (GTK_WIDGET (window), "Move Up (Alt+↑)")));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A block goes in at any place: from the menu on the card above it, or
 * with Alt+Enter in that card; the writer goes on in it.
 */
static void
test_insert_below (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuEditor *editor = kiku_window_get_editor (window);
  guint n = kiku_list_get_length (blocks);
  KikuBlock *first = kiku_list_get (blocks, 0);
  GtkWidget *card, *menu, *button, *field;

  /* From the first card's menu: a source box second. */
  card = kiku_test_find_card (GTK_WIDGET (window), first);
  menu = kiku_test_find_button (card, "Add Block Below");
  g_assert_nonnull (menu);
  g_assert_true (GTK_IS_MENU_BUTTON (menu));
  button = kiku_test_find_widget (menu, kiku_test_is_button_labelled, "_Source Box");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n + 1);
  g_assert_true (KIKU_IS_SOURCE (kiku_list_get (blocks, 1)));
  card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, 1));
  kiku_test_wait_for_focus_in (window, card, "the focus in the inserted source box");
  field = kiku_editor_find_field (editor, kiku_list_get (blocks, 1), "title");
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), field) || focus_of (window) == field);
  g_assert_true (is_scrolled_into_view (window, field));

  /* Alt+Enter in that card: a paragraph third, the caret in it. */
  g_assert_true (kiku_test_press_shortcut (card, GDK_KEY_Return, GDK_ALT_MASK));
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n + 2);
  g_assert_true (KIKU_IS_PARAGRAPH (kiku_list_get (blocks, 2)));
  card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, 2));
  kiku_test_wait_for_focus_in (window, card, "the focus in the inserted paragraph");
  g_assert_true (focus_of (window) == GTK_WIDGET (text_view_of (editor, kiku_list_get (blocks, 2))));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_message_dialog (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == window)
        return TRUE;
    }

  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          (window == NULL || gtk_window_get_transient_for (toplevel) == window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
window_gone (gpointer data)
{
  return *(GtkWidget **)data == NULL;
}

/* Closing with unsaved changes asks: save, discard or cancel. */
static void
test_close_asks (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  AdwMessageDialog *dialog;
  GtkWidget *weak = GTK_WIDGET (window);

  /* Nothing changed: it closes at once. */
  kiku_article_set_title (kiku_document_get_article (document), "変更");
  gtk_window_close (GTK_WINDOW (window));
  kiku_test_wait_for (has_message_dialog, window, "the save dialog");

  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Cancel keeps the window and the work. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  kiku_test_run_pending ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (kiku_document_get_modified (document));

  /* Discard closes it and forgets the draft. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&weak);
  gtk_window_close (GTK_WINDOW (window));
  kiku_test_wait_for (has_message_dialog, window, "the save dialog");
  dialog = find_message_dialog (GTK_WINDOW (window));
  adw_message_dialog_response (dialog, "discard");
  kiku_test_wait_for (window_gone, &weak, "the window to close");
}

/* The crash test: a child types, waits for its draft and is killed. */
static void
on_draft_saved (KikuDocument *document,
                gboolean     *saved)
{
  *saved = TRUE;
}

static void
test_crash_subprocess (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  KikuWindow *window;
  GtkWidget *headline;
  gboolean saved = FALSE;

  g_settings_set_uint (settings, "autosave-delay", 1);
  window = kiku_test_show_window (document, 0, 0);
  g_signal_connect (document, "draft-saved", G_CALLBACK (on_draft_saved), &saved);

  headline = kiku_test_find_widget (GTK_WIDGET (window), is_row_titled, "Headline");
  gtk_editable_set_text (GTK_EDITABLE (headline), "落ちる前に打った見出し");
  kiku_test_wait_for (kiku_test_is_true, &saved, "the draft");

  raise (SIGKILL);
}

static gboolean
has_recovered_window (gpointer data)
{
  GtkApplication *application = data;

  for (GList *w = gtk_application_get_windows (application); w; w = w->next)
    if (KIKU_IS_WINDOW (w->data) && kiku_window_get_article (w->data) != NULL &&
        g_strcmp0 (kiku_article_get_title (kiku_window_get_article (w->data)), "落ちる前に打った見出し") == 0)
      return TRUE;

  return FALSE;
}

static void
test_crash_recovery (void)
{
  g_autoptr(KikuApplication) application = kiku_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  AdwMessageDialog *dialog;
  KikuWindow *recovered = NULL;
  GtkWidget *headline;

  g_test_trap_subprocess ("/kiku/editor/crash-recovery/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  drafts = kiku_drafts_list (kiku_application_get_drafts_dir ());
  g_assert_cmpuint (drafts->len, ==, 1);

  /* The next start offers the draft back, with its time. */
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  kiku_application_offer_recovery (application, NULL);
  dialog = find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Work?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "落ちる前に打った見出し (sample.kiku), saved "));

  adw_message_dialog_response (dialog, "recover");
  gtk_window_destroy (GTK_WINDOW (dialog));
  kiku_test_wait_for (has_recovered_window, application, "the recovered window");

  for (GList *w = gtk_application_get_windows (GTK_APPLICATION (application)); w; w = w->next)
    if (KIKU_IS_WINDOW (w->data))
      recovered = w->data;

  /* The typed text is in the field, and the work counts as unsaved. */
  kiku_test_wait_for (kiku_test_is_mapped, recovered, "the recovered window to show");
  headline = kiku_test_find_widget (GTK_WIDGET (recovered), is_row_titled, "Headline");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (headline)), ==, "落ちる前に打った見出し");
  g_assert_true (kiku_document_get_modified (kiku_window_get_document (recovered)));

  /* Ctrl+? opens the shortcuts window. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                   "win.show-help-overlay");

    g_assert_nonnull (accels);
    g_assert_true (g_strv_contains ((const char *const *)accels, "<Control>question"));
  }

  kiku_document_discard_draft (kiku_window_get_document (recovered));
  gtk_window_destroy (GTK_WINDOW (recovered));
}

static void
test_open_broken_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KikuWindow *window = kiku_window_new (NULL, NULL);
  const char *expected = "Line 3, column 3: expected a member name in double quotes, found “oops”";

  g_assert_true (g_file_set_contents (path, "{\n  \"format\": \"kiku-article\",\n  oops\n}", -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  kiku_window_open_file (window, file);

  while (!kiku_test_find_widget (GTK_WIDGET (window), is_label_showing, "Could not open “broken.kiku”"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_label_showing, expected));
  g_assert_null (kiku_window_get_document (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GtkWidget  *window;
  const char *expected;   /* what the problems button says */
} ProblemsWanted;

static gboolean
problems_shown (gpointer data)
{
  ProblemsWanted *wanted = data;
  GtkWidget *button = kiku_test_find_button (wanted->window, wanted->expected);

  return button != NULL && gtk_widget_get_visible (button) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), wanted->expected) == 0;
}

/* Problems are counted in the header, marked at their field, and listed;
 * choosing one in the list puts the focus in its field.
 */
static void
test_problems (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuEditor *editor = kiku_window_get_editor (window);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 1);
  KikuSource *source = kiku_list_get (kiku_section_get_blocks (section), 1);
  KikuImage *image = kiku_list_get (kiku_section_get_blocks (section), 3);
  ProblemsWanted wanted = { GTK_WIDGET (window), NULL };
  GtkWidget *url_row, *src_row, *button, *list, *row, *focus;

  g_assert_true (KIKU_IS_SOURCE (source));
  g_assert_true (KIKU_IS_IMAGE (image));

  url_row = kiku_editor_find_field (editor, KIKU_NODE (source), "url");
  gtk_editable_set_text (GTK_EDITABLE (url_row), "ftp://example.com/file");
  wanted.expected = "1 Problem";
  kiku_test_wait_for (problems_shown, &wanted, "one problem");
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (url_row), "is not a web address"));

  /* An image file that is not there: checked in the background. */
  src_row = kiku_editor_find_field (editor, KIKU_NODE (image), "src");
  gtk_editable_set_text (GTK_EDITABLE (src_row), "images/not-there.png");
  wanted.expected = "2 Problems";
  kiku_test_wait_for (problems_shown, &wanted, "two problems");
  g_assert_true (gtk_widget_has_css_class (src_row, "error"));

  /* Choose the first problem: the focus goes to the URL. */
  button = kiku_test_find_button (GTK_WIDGET (window), "2 Problems");
  list = gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (list));
  list = gtk_viewport_get_child (GTK_VIEWPORT (list));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  kiku_test_run_pending ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == url_row || gtk_widget_is_ancestor (focus, url_row));

  /* Fixed, the problem goes. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://example.org/features/night-operations");
  wanted.expected = "1 Problem";
  kiku_test_wait_for (problems_shown, &wanted, "one problem left");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  return GTK_DROP_TARGET (kiku_test_find_controller (widget, GTK_TYPE_DROP_TARGET));
}

/* A block dropped on another section's block moves there, as one step. */
static void
test_drag_and_drop (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *undone = NULL;
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuList *sections = kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0));
  KikuList *first = kiku_section_get_blocks (kiku_list_get (sections, 0));
  KikuList *second = kiku_section_get_blocks (kiku_list_get (sections, 1));
  KikuBlock *dragged = kiku_list_get (first, 0);
  GtkWidget *target_card = NULL;
  GtkDropTarget *target;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  guint first_length = kiku_list_get_length (first);

  /* The card of the second section's second block. */
  kiku_editor_show_page (kiku_window_get_editor (window), 0);
  target_card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (second, 1));
  g_assert_nonnull (target_card);
  target = find_drop_target (target_card);
  g_assert_nonnull (target);

  g_value_init (&value, KIKU_TYPE_BLOCK);
  g_value_set_object (&value, dragged);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);

  g_assert_true (dropped);
  g_assert_cmpuint (kiku_list_get_length (first), ==, first_length - 1);
  g_assert_true (kiku_list_get (second, 1) == dragged);

  /* One undo puts it back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An outline row as a screen reader hears it: "Page 2", "Section 1: …". */
static GtkWidget *
outline_row_of (GtkWidget *window,
                gpointer   node)
{
  g_autofree char *place = kiku_node_dup_item_name (node);
  g_autofree char *name = KIKU_IS_SECTION (node) && kiku_section_get_heading (node)
    ? g_strdup_printf ("%s: %s", place, kiku_section_get_heading (node)) : g_strdup (place);

  return kiku_test_find_accessible (window, GTK_ACCESSIBLE_ROLE_LIST_ITEM, name);
}

/* Sections and pages move in the outline, by dragging or with Alt+arrows. */
static void
test_outline_moves (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *undone = NULL;
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuList *pages = kiku_article_get_pages (article);
  KikuPage *first_page = kiku_list_get (pages, 0);
  KikuPage *second_page = kiku_list_get (pages, 1);
  KikuSection *moving = kiku_list_get (kiku_page_get_sections (first_page), 0);
  KikuSection *onto = kiku_list_get (kiku_page_get_sections (second_page), 0);
  GtkWidget *row;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  /* A section of page 1 dropped on page 2's section. */
  row = outline_row_of (GTK_WIDGET (window), onto);
  g_assert_nonnull (row);
  g_value_init (&value, KIKU_TYPE_SECTION);
  g_value_set_object (&value, moving);
  g_signal_emit_by_name (find_drop_target (row), "drop", &value, 5.0, 5.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  g_assert_true (kiku_list_get (kiku_page_get_sections (second_page), 0) == moving);
  g_assert_cmpuint (kiku_list_get_length (kiku_page_get_sections (first_page)), ==, 1);

  /* Page 1 moved down with Alt+↓ on its row. */
  row = outline_row_of (GTK_WIDGET (window), first_page);
  g_assert_true (kiku_test_press_key (row, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (kiku_list_get (pages, 1) == first_page);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  gtk_window_destroy (GTK_WINDOW (window));
}

static KikuWindow *
find_window_titled_article (const char *prefix)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    {
      KikuArticle *article = KIKU_IS_WINDOW (l->data) ? kiku_window_get_article (l->data) : NULL;

      if (article && kiku_article_get_title (article) &&
          g_str_has_prefix (kiku_article_get_title (article), prefix))
        return l->data;
    }

  return NULL;
}

static gboolean
has_imported_window (gpointer data)
{
  return find_window_titled_article (data) != NULL;
}

/* A plain-text file (what the desktop file offers for text/plain) opens
 * as a new, unsaved article made by the importer.
 */
static void
test_import_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import-sections.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) nothing = kiku_article_new ();
  g_autoptr(KikuDocument) empty = kiku_document_new (nothing, kiku_application_get_drafts_dir ());
  KikuWindow *window = kiku_test_show_window (empty, 0, 0);
  KikuWindow *imported;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  kiku_window_import_file (window, file);
  kiku_test_wait_for (has_imported_window, (gpointer)"商店街の空き店舗", "the imported article");
  imported = find_window_titled_article ("商店街の空き店舗");
  g_assert_null (kiku_document_get_file (kiku_window_get_document (imported)));
  g_assert_true (kiku_document_get_modified (kiku_window_get_document (imported)));
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_pages (kiku_window_get_article (imported))), >, 0);

  gtk_window_destroy (GTK_WINDOW (imported));
  if (window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *)&window);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static gboolean
message_dialog_gone (gpointer window)
{
  return !has_message_dialog (window);
}

/* A button that shows @data as its label; GTK 4.8 names such a button for
 * assistive technologies by its content, which has no accessible property
 * of its own to look up.
 */
static gboolean
is_button_showing (GtkWidget     *widget,
                   gconstpointer  data)
{
  GtkWidget *label = GTK_IS_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;

  return label != NULL && GTK_IS_LABEL (label) && gtk_widget_get_mapped (widget) &&
         gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (label)), data);
}

/* A file that cannot be read is said so over the window: what could not be
 * done, with the file's name, why, and a Close button that closes it.
 */
static void
test_import_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-test-import-error-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gone.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *sample = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (sample);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  AdwMessageDialog *dialog;
  GtkWidget *close;

  kiku_window_import_file (window, file);
  kiku_test_wait_for (has_message_dialog, window, "the error");

  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import “gone.txt”");
  g_assert_nonnull (adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  close = kiku_test_find_widget (GTK_WIDGET (dialog), is_button_showing, "Close");
  g_assert_nonnull (close);
  gtk_widget_activate (close);
  kiku_test_wait_for (message_dialog_gone, window, "the error to close");

  /* The article shown is untouched. */
  g_assert_false (kiku_document_get_modified (document));

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

static gboolean
is_source_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_SOURCE_IS_VIEW (widget);
}

static gboolean
highlights_markdown (gpointer data)
{
  GtkSourceLanguage *language = gtk_source_buffer_get_language (data);

  return language != NULL && g_str_equal (gtk_source_language_get_id (language), "markdown");
}

/* The long text fields highlight CommonMark, once they are on screen. */
static void
test_markdown_highlighting (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *view = kiku_test_find_widget (GTK_WIDGET (window), is_source_view, NULL);
  GtkSourceBuffer *buffer;

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  kiku_test_wait_for (highlights_markdown, buffer, "the CommonMark highlighting");
  g_assert_true (gtk_source_buffer_get_highlight_syntax (buffer));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget     *window;
  GdkPaintable  *paintable;
  GskRenderNode *node;
  int            width;
  int            height;
} Shot;

/* Whether the window, laid out and drawn, gives a picture of itself yet. */
static gboolean
take_shot (gpointer data)
{
  Shot *shot = data;
  g_autoptr(GtkSnapshot) snapshot = NULL;

  shot->width = gtk_widget_get_width (shot->window);
  shot->height = gtk_widget_get_height (shot->window);
  if (shot->width <= 0 || shot->height <= 0)
    return FALSE;

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (shot->paintable, snapshot, shot->width, shot->height);
  g_clear_pointer (&shot->node, gsk_render_node_unref);
  shot->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return shot->node != NULL;
}

/* A picture of the window on the sample, for people to look at. */
static void
test_screenshot (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "kiku-window.png", NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  Shot shot = { GTK_WIDGET (window), paintable, NULL, 0, 0 };

  /* The picture is taken once the window has been laid out and drawn at
   * its size, which a slower machine takes a few frames to do.
   */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  kiku_test_run_pending ();
  kiku_test_wait_for (take_shot, &shot, "the window to be drawn");

  texture = gsk_renderer_render_texture (renderer, shot.node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot.width, shot.height));
  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_test_message ("screenshot: %s", png);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 400);

  g_clear_pointer (&shot.node, gsk_render_node_unref);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a screen reader hears: the header's controls and the headline are
 * found by role and name, the way the other GUI tests find what they use.
 */
static void
test_accessible_names (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *headline;

  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Undo"));
  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Redo"));
  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Preview"));
  g_assert_null (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Undone"));

  headline = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  g_assert_nonnull (headline);
  g_assert_true (GTK_IS_EDITABLE (headline));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/editor/accessible-names", test_accessible_names);
  g_test_add_func ("/kiku/editor/fields-edit-model", test_fields_edit_model);
  g_test_add_func ("/kiku/editor/structure-and-undo", test_structure_and_undo);
  g_test_add_func ("/kiku/editor/place-kept", test_place_kept);
  g_test_add_func ("/kiku/editor/move-ends", test_move_ends);
  g_test_add_func ("/kiku/editor/insert-below", test_insert_below);
  g_test_add_func ("/kiku/editor/close-asks", test_close_asks);
  g_test_add_func ("/kiku/editor/crash-recovery", test_crash_recovery);
  g_test_add_func ("/kiku/editor/crash-recovery/subprocess", test_crash_subprocess);
  g_test_add_func ("/kiku/editor/open-broken-file", test_open_broken_file);
  g_test_add_func ("/kiku/editor/problems", test_problems);
  g_test_add_func ("/kiku/editor/drag-and-drop", test_drag_and_drop);
  g_test_add_func ("/kiku/editor/outline-moves", test_outline_moves);
  g_test_add_func ("/kiku/editor/import-file", test_import_file);
  g_test_add_func ("/kiku/editor/import-error", test_import_error);
  g_test_add_func ("/kiku/editor/markdown-highlighting", test_markdown_highlighting);
  g_test_add_func ("/kiku/editor/screenshot", test_screenshot);

  return kiku_test_run_gui ();
}
