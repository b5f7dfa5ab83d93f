/* test-cards.c: the form's cards and outline, as a writer and a screen
 * reader meet them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-field.h"
#include "kiku-test-gui.h"
#include "kiku-window.h"

static GtkWidget *
focus_of (KikuWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Where @widget's top is in the form's viewport, and whether all of it
 * shows there.
 */
static double
top_in_view (GtkWidget *widget,
             gboolean  *in_view)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, viewport, &bounds));
  if (in_view != NULL)
    *in_view = bounds.origin.y >= 0 &&
               bounds.origin.y + bounds.size.height <= gtk_adjustment_get_page_size (adjustment);

  return bounds.origin.y;
}

/* A document whose first section is long: twenty more paragraphs. */
static KikuDocument *
long_document (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  KikuDocument *document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);

  kiku_history_begin_unrecorded (kiku_document_get_history (document));
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
      g_autofree char *text = g_strdup_printf ("段落 %u。", i);

      kiku_paragraph_set_text (paragraph, text);
      kiku_list_append (kiku_section_get_blocks (section), paragraph);
    }
  kiku_history_end_unrecorded (kiku_document_get_history (document));

  return document;
}

/* The card of every block of @blocks, in order, with a reference. */
static GPtrArray *
cards_of (KikuWindow *window,
          KikuList   *blocks)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    {
      GtkWidget *card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, i));

      g_assert_nonnull (card);
      g_ptr_array_add (cards, g_object_ref (card));
    }

  return cards;
}

/* Every block but @added has the very card it had before. */
static void
assert_cards_kept (KikuWindow *window,
                   KikuList   *blocks,
                   GPtrArray  *before,
                   gpointer    added)
{
  guint j = 0;

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    {
      gpointer block = kiku_list_get (blocks, i);

      if (block == added)
        continue;
      g_assert_true (kiku_test_find_card (GTK_WIDGET (window), block) == g_ptr_array_index (before, j));
      j++;
    }
  g_assert_cmpuint (j, ==, before->len);
}

/* The "+" between two cards in the middle of a long section puts a source
 * box there; the writer goes on in it, and no other card is made again.
 */
static void
test_insert_affordance (void)
{
  g_autoptr(KikuDocument) document = long_document ();
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  g_autoptr(GPtrArray) before = cards_of (window, blocks);
  guint n = kiku_list_get_length (blocks);
  guint middle = n / 2;
  gpointer added;
  GtkWidget *card, *insert, *kind;
  gboolean in_view = FALSE;

  card = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (blocks, middle));
  insert = kiku_test_find_button (card, "Insert a Block Here");
  g_assert_nonnull (insert);
  g_assert_true (gtk_widget_get_focusable (insert) || gtk_widget_get_focusable (gtk_widget_get_first_child (insert)));
  kind = kiku_test_find_widget (insert, kiku_test_is_button_labelled, "_Source Box");
  g_assert_nonnull (kind);
  g_signal_emit_by_name (kind, "clicked");

  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n + 1);
  added = kiku_list_get (blocks, middle);
  g_assert_true (KIKU_IS_SOURCE (added));

  card = kiku_test_find_card (GTK_WIDGET (window), added);
  g_assert_nonnull (card);
  kiku_test_wait_for_focus_in (window, card, "the focus in the inserted source box");
  top_in_view (focus_of (window), &in_view);
  g_assert_true (in_view);
  assert_cards_kept (window, blocks, before, added);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Alt+Enter puts a paragraph below the block, Shift+Alt+Enter above it; in
 * a section's own fields they add a section.
 */
static void
test_insert_keys (void)
{
  g_autoptr(KikuDocument) document = long_document ();
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *sections = kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0));
  KikuSection *section = kiku_list_get (sections, 0);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuEditor *editor = kiku_window_get_editor (window);
  g_autoptr(GPtrArray) before = cards_of (window, blocks);
  guint n = kiku_list_get_length (blocks);
  guint middle = n / 2;
  gpointer current = kiku_list_get (blocks, middle);
  gpointer added;
  GtkWidget *card;
  gboolean in_view = FALSE;

  /* Below. */
  g_assert_true (kiku_test_press_shortcut (kiku_test_find_card (GTK_WIDGET (window), current), GDK_KEY_Return, GDK_ALT_MASK));
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n + 1);
  added = kiku_list_get (blocks, middle + 1);
  g_assert_true (KIKU_IS_PARAGRAPH (added));
  card = kiku_test_find_card (GTK_WIDGET (window), added);
  kiku_test_wait_for_focus_in (window, card, "the focus in the paragraph below");
  g_assert_true (focus_of (window) ==
                 kiku_field_get_focus_target (kiku_editor_find_field (editor, added, "text")));
  top_in_view (focus_of (window), &in_view);
  g_assert_true (in_view);
  assert_cards_kept (window, blocks, before, added);

  /* Above the block the caret was in. */
  g_ptr_array_unref (before);
  before = cards_of (window, blocks);
  g_assert_true (kiku_test_press_shortcut (kiku_test_find_card (GTK_WIDGET (window), current), GDK_KEY_Return,
                                 GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, n + 2);
  added = kiku_list_get (blocks, middle);
  g_assert_true (kiku_list_get (blocks, middle + 1) == current);
  card = kiku_test_find_card (GTK_WIDGET (window), added);
  kiku_test_wait_for_focus_in (window, card, "the focus in the paragraph above");
  assert_cards_kept (window, blocks, before, added);

  /* A section below the first, from its heading; the first keeps its card. */
  {
    GtkWidget *heading = kiku_editor_find_field (editor, KIKU_NODE (section), "heading");
    GtkWidget *first_card = kiku_test_find_card (GTK_WIDGET (window), section);
    guint n_sections = kiku_list_get_length (sections);
    gpointer new_section;

    gtk_widget_grab_focus (kiku_field_get_focus_target (heading));
    g_assert_true (kiku_test_press_key (gtk_widget_get_ancestor (heading, GTK_TYPE_LIST_BOX), GDK_KEY_Return, GDK_ALT_MASK));
    g_assert_cmpuint (kiku_list_get_length (sections), ==, n_sections + 1);
    new_section = kiku_list_get (sections, 1);
    g_assert_true (kiku_list_get (sections, 0) == section);
    g_assert_true (kiku_test_find_card (GTK_WIDGET (window), section) == first_card);
    kiku_test_wait_for_focus_in (window, kiku_editor_find_field (editor, new_section, "heading"),
                       "the focus in the new section's heading");
  }

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Move Up is off on the first block and the first section, Move Down on the
 * last; Alt+↑ there changes nothing (and a source view does not get it).
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
  gpointer first = kiku_list_get (blocks, 0);
  GtkWidget *card = kiku_test_find_card (GTK_WIDGET (window), first);
  GtkWidget *first_section = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (sections, 0));
  GtkWidget *last_section = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (sections, kiku_list_get_length (sections) - 1));

  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (card, "Move Block Up")));
  g_assert_true (gtk_widget_get_sensitive (kiku_test_find_button (card, "Move Block Down")));
  g_assert_true (kiku_test_press_shortcut (card, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_true (kiku_list_get (blocks, 0) == first);
  g_assert_false (kiku_history_can_undo (kiku_document_get_history (document)));

  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (first_section, "Move Section Up")));
  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_button (last_section, "Move Section Down")));
  g_assert_true (kiku_list_get_length (sections) < 2 ||
                 gtk_widget_get_sensitive (kiku_test_find_button (first_section, "Move Section Down")));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget *widget;
  double     top;
} TopWait;

static gboolean
top_settled (gpointer data)
{
  TopWait *wait = data;
  double top = top_in_view (wait->widget, NULL);
  gboolean settled = top == wait->top;

  wait->top = top;
  return settled && top >= 0 && top <= 24;
}

/* Choosing a section in the outline puts its card at the top of the form,
 * the caret at the end of its heading with nothing selected.
 */
static void
test_outline_click (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 1);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuEditor *editor = kiku_window_get_editor (window);
  g_autofree char *name = g_strdup_printf ("Section 2: %s", kiku_section_get_heading (section));
  GtkWidget *row = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, name);
  GtkWidget *heading = kiku_editor_find_field (editor, KIKU_NODE (section), "heading");
  GtkWidget *card = kiku_test_find_card (GTK_WIDGET (window), section);
  TopWait wait = { card, -1 };
  int start = -1, end = -1;

  g_assert_nonnull (row);
  g_assert_nonnull (card);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  kiku_test_wait_for_focus_in (window, heading, "the focus in the heading");
  kiku_test_wait_for (top_settled, &wait, "the section at the top of the form");

  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (heading), &start, &end));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (heading)), ==,
                   g_utf8_strlen (kiku_section_get_heading (section), -1));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The outline is one Tab stop: Tab from a row leaves the list. */
static void
test_outline_one_tab_stop (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *row = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Headline");
  GtkWidget *outline = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST, "Outline");

  g_assert_nonnull (row);
  g_assert_nonnull (outline);
  gtk_widget_grab_focus (row);
  g_assert_true (focus_of (window) == row);
  g_assert_true (kiku_test_press_key (outline, GDK_KEY_Tab, 0));
  g_assert_nonnull (focus_of (window));
  g_assert_false (gtk_widget_is_ancestor (focus_of (window), outline));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
problem_listed (gpointer data)
{
  return kiku_test_find_button (data, "1 Problem") != NULL;
}

/* The problems list says where a problem is as the writer counts. */
static void
test_problem_location (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 1);
  KikuSource *source = kiku_list_get (kiku_section_get_blocks (section), 1);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *list, *row;

  g_assert_true (KIKU_IS_SOURCE (source));
  kiku_source_set_url (source, "ftp://example.com/file");
  kiku_test_wait_for (problem_listed, window, "the problem listed");

  list = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST, "Problems");
  g_assert_nonnull (list);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Page 1 › Section 2 › Source box 1 › URL");

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a screen reader hears for the outline and the menus. */
static void
test_accessible_names (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  g_autofree char *section_row = g_strdup_printf ("Section 1: %s", kiku_section_get_heading (section));
  GtkWidget *comment = NULL;

  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Page 1"));
  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, section_row));
  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Headline"));
  g_assert_nonnull (kiku_test_find_button (GTK_WIDGET (window), "Recent Articles"));
  g_assert_nonnull (kiku_test_find_button (GTK_WIDGET (window), "Add Block"));
  g_assert_nonnull (kiku_test_find_button (GTK_WIDGET (window), "Add Block Below"));
  g_assert_nonnull (kiku_test_find_button (GTK_WIDGET (window), "Insert a Block Here"));

  for (guint i = 0; i < kiku_list_get_length (kiku_section_get_blocks (section)) && comment == NULL; i++)
    if (KIKU_IS_COMMENT (kiku_list_get (kiku_section_get_blocks (section), i)))
      comment = kiku_test_find_card (GTK_WIDGET (window), kiku_list_get (kiku_section_get_blocks (section), i));
  g_assert_nonnull (comment);
  g_assert_nonnull (kiku_test_find_accessible (comment, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Persona"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A field kept alive past its window goes quietly: the form it reported to
 * is gone and must not be reached.
 */
static void
test_field_outlives_form (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *headline = kiku_editor_find_field (kiku_window_get_editor (window), KIKU_NODE (article), "title");

  g_assert_nonnull (headline);
  g_object_ref (headline);
  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
  g_object_unref (headline);
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/cards/insert-affordance", test_insert_affordance);
  g_test_add_func ("/kiku/cards/insert-keys", test_insert_keys);
  g_test_add_func ("/kiku/cards/move-ends", test_move_ends);
  g_test_add_func ("/kiku/cards/outline-click", test_outline_click);
  g_test_add_func ("/kiku/cards/outline-one-tab-stop", test_outline_one_tab_stop);
  g_test_add_func ("/kiku/cards/problem-location", test_problem_location);
  g_test_add_func ("/kiku/cards/accessible-names", test_accessible_names);
  g_test_add_func ("/kiku/cards/field-outlives-form", test_field_outlives_form);

  return kiku_test_run_gui ();
}
