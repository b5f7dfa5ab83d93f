/* test-find-bar.c: find and replace in the whole article, as a writer and
 * a screen reader meet it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-application.h"
#include "kiku-find-bar.h"
#include "kiku-test-gui.h"
#include "kiku-window.h"

/* "lantern" four times: in the headline, twice in a paragraph of page 1 and
 * in a paragraph of page 2.
 */
static KikuDocument *
make_document (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuPage) page1 = kiku_page_new ();
  g_autoptr(KikuPage) page2 = kiku_page_new ();
  g_autoptr(KikuSection) section1 = kiku_section_new ();
  g_autoptr(KikuSection) section2 = kiku_section_new ();
  g_autoptr(KikuParagraph) paragraph1 = kiku_paragraph_new ();
  g_autoptr(KikuParagraph) paragraph2 = kiku_paragraph_new ();

  kiku_article_set_title (article, "Lantern Night");
  kiku_section_set_heading (section1, "Evening");
  kiku_paragraph_set_text (paragraph1, "A lantern by the gate, a lantern by the door.");
  kiku_section_set_heading (section2, "Morning");
  kiku_paragraph_set_text (paragraph2, "夜が明けて lantern の灯が消えた。");

  kiku_list_append (kiku_section_get_blocks (section1), paragraph1);
  kiku_list_append (kiku_page_get_sections (page1), section1);
  kiku_list_append (kiku_article_get_pages (article), page1);
  kiku_list_append (kiku_section_get_blocks (section2), paragraph2);
  kiku_list_append (kiku_page_get_sections (page2), section2);
  kiku_list_append (kiku_article_get_pages (article), page2);

  return kiku_document_new (article, kiku_application_get_drafts_dir ());
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} StatusWait;

/* The bar's count, as a screen reader hears it: a status named by it. */
static gboolean
status_says (gpointer data)
{
  StatusWait *wait = data;
  GtkWidget *status = kiku_test_find_accessible (wait->root, GTK_ACCESSIBLE_ROLE_STATUS, wait->text);

  return status != NULL && kiku_test_is_mapped (status) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (status)), wait->text);
}

static void
wait_for_status (KikuWindow *window,
                 const char *text)
{
  StatusWait wait = { GTK_WIDGET (window), text };

  kiku_test_wait_for (status_says, &wait, text);
}

/* The text selected in the widget that has the focus: an entry's text, or
 * a text view's.
 */
static char *
focused_selection (KikuWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);

  if (GTK_IS_EDITABLE (focus))
    {
      int start, end;

      if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end))
        return NULL;
      return gtk_editable_get_chars (GTK_EDITABLE (focus), start, end);
    }

  if (GTK_IS_TEXT_VIEW (focus))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
      GtkTextIter start, end;

      if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
        return NULL;
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  g_assert_not_reached ();
}

/* Whether all of the focused field shows in the form's viewport. */
static gboolean
focus_in_view (KikuWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *scroller = gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  /* The text views of the form grow with their text: the form scrolls. */
  while (scroller != NULL)
    {
      GtkPolicyType vertical;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vertical);
      if (vertical != GTK_POLICY_NEVER)
        break;
      scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW);
    }
  g_assert_nonnull (scroller);

  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (!gtk_widget_compute_bounds (focus, viewport, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_adjustment_get_page_size (adjustment);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* A key as the shortcuts of @widget (its class's key bindings) take it
 * when it bubbles up from a child of @widget.
 */
static gboolean
press_bound_key (GtkWidget       *widget,
                 guint            keyval,
                 GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, state);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
test_find_and_replace (void)
{
  g_autoptr(KikuDocument) document = make_document ();
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  KikuEditor *editor = kiku_window_get_editor (window);
  GtkWidget *find, *replace, *next, *replace_all;
  g_autofree char *selected = NULL;

  /* Closed, the bar has nothing a screen reader would come upon. */
  find = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_SEARCH_BOX, "Find");
  g_assert_nonnull (find);
  g_assert_false (gtk_widget_is_drawable (find));

  /* Ctrl+F: the entry, with the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  kiku_test_wait_for (kiku_test_is_mapped, find, "the find entry");
  g_assert_true (gtk_widget_has_focus (find) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), find));

  gtk_editable_set_text (GTK_EDITABLE (find), "lantern");
  wait_for_status (window, "4 matches");

  /* Next: the headline, selected in its field. */
  next = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Next Match");
  g_assert_nonnull (next);
  gtk_widget_activate (next);
  wait_for_status (window, "1 of 4");
  kiku_test_settle ();
  selected = focused_selection (window);
  g_assert_cmpstr (selected, ==, "Lantern");
  g_clear_pointer (&selected, g_free);

  /* Ctrl+G twice: the second "lantern" of the paragraph. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  wait_for_status (window, "3 of 4");
  kiku_test_settle ();
  selected = focused_selection (window);
  g_assert_cmpstr (selected, ==, "lantern");
  g_clear_pointer (&selected, g_free);
  {
    GtkTextView *view = GTK_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window)));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
    GtkTextIter start, end;

    gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
    g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 25);
  }

  /* Once more: page 2 comes up, the match in view, in Japanese text. */
  g_assert_cmpuint (kiku_editor_get_page (editor), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  wait_for_status (window, "4 of 4");
  kiku_test_settle ();
  g_assert_cmpuint (kiku_editor_get_page (editor), ==, 1);
  selected = focused_selection (window);
  g_assert_cmpstr (selected, ==, "lantern");
  g_clear_pointer (&selected, g_free);
  g_assert_true (focus_in_view (window));

  /* Shift+Ctrl+G goes back, round the end the other way too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-previous", NULL));
  wait_for_status (window, "3 of 4");
  g_assert_cmpuint (kiku_editor_get_page (editor), ==, 0);

  /* Ctrl+H: the replace row. Replace All, then one undo takes all back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-replace", NULL));
  replace = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Replace With");
  g_assert_nonnull (replace);
  kiku_test_wait_for (kiku_test_is_mapped, replace, "the replace entry");
  gtk_editable_set_text (GTK_EDITABLE (replace), "lamp");

  replace_all = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Replace All");
  g_assert_nonnull (replace_all);
  gtk_widget_activate (replace_all);
  wait_for_status (window, "No matches");
  g_assert_cmpstr (kiku_article_get_title (article), ==, "lamp Night");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_for_status (window, "4 matches");
  g_assert_cmpstr (kiku_article_get_title (article), ==, "Lantern Night");
  g_assert_false (kiku_history_can_undo (kiku_document_get_history (document)));

  /* Replace: the first press shows the match, the next replaces it and
   * shows the one after it, which took its place in the count.
   */
  {
    GtkWidget *replace_one = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Replace");

    g_assert_nonnull (replace_one);
    gtk_widget_activate (replace_one);
    wait_for_status (window, "1 of 4");
    gtk_widget_activate (replace_one);
    wait_for_status (window, "1 of 3");
    g_assert_cmpstr (kiku_article_get_title (article), ==, "lamp Night");
    kiku_test_settle ();
    selected = focused_selection (window);
    g_assert_cmpstr (selected, ==, "lantern");
    g_clear_pointer (&selected, g_free);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpstr (kiku_article_get_title (article), ==, "Lantern Night");
    g_assert_false (kiku_history_can_undo (kiku_document_get_history (document)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_options_and_escape (void)
{
  g_autoptr(KikuDocument) document = make_document ();
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *find, *match_case, *whole_words, *focus_before;

  /* Start in a field of the form. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (kiku_window_get_editor (window)), GTK_DIR_TAB_FORWARD));
  focus_before = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  find = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_SEARCH_BOX, "Find");
  kiku_test_wait_for (kiku_test_is_mapped, find, "the find entry");

  match_case = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Match Case");
  whole_words = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Whole Words");
  g_assert_nonnull (match_case);
  g_assert_nonnull (whole_words);

  gtk_editable_set_text (GTK_EDITABLE (find), "Lantern");
  wait_for_status (window, "4 matches");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (match_case), TRUE);
  wait_for_status (window, "1 match");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (match_case), FALSE);

  /* "the" is in "the gate", "the door", never in "Night" or Japanese. */
  gtk_editable_set_text (GTK_EDITABLE (find), "he");
  wait_for_status (window, "2 matches");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (whole_words), TRUE);
  wait_for_status (window, "No matches");
  /* Japanese around a word needs no spaces: 灯 is a whole word in 灯が. */
  gtk_editable_set_text (GTK_EDITABLE (find), "灯");
  wait_for_status (window, "1 match");

  /* Escape: the bar closes, the focus goes back to the field. */
  g_signal_emit_by_name (find, "stop-search");
  kiku_test_run_pending ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus_before);
  kiku_test_wait_for (is_unmapped, find, "the bar closed");

  /* Ctrl+H from the field: Shift+Enter in the replace row goes back, and
   * Escape there closes the bar too.
   */
  {
    GtkWidget *replace, *bar;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-replace", NULL));
    replace = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Replace With");
    kiku_test_wait_for (kiku_test_is_mapped, replace, "the replace entry");
    bar = gtk_widget_get_ancestor (replace, KIKU_TYPE_FIND_BAR);
    g_assert_nonnull (bar);
    wait_for_status (window, "1 match");

    gtk_widget_grab_focus (replace);
    g_assert_true (press_bound_key (bar, GDK_KEY_Return, GDK_SHIFT_MASK));
    wait_for_status (window, "1 of 1");
    g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));
    focus_before = gtk_root_get_focus (GTK_ROOT (window));

    /* Opened again, the entry has the focus and its text selected, so
     * typing starts a new search.
     */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-replace", NULL));
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), find));
    {
      g_autofree char *chosen = focused_selection (window);

      g_assert_cmpstr (chosen, ==, "灯");
    }
    gtk_widget_grab_focus (replace);
    g_assert_true (press_bound_key (bar, GDK_KEY_Escape, 0));
    kiku_test_run_pending ();
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus_before);
    kiku_test_wait_for (is_unmapped, replace, "the bar closed");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether the selection in the focused text view shows in the form. */
static gboolean
selection_in_view (KikuWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *scroller = gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  GtkAdjustment *adjustment;
  GtkTextIter start, end;
  GdkRectangle rect;
  graphene_point_t point;
  int x, y;

  while (scroller != NULL)
    {
      GtkPolicyType vertical;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vertical);
      if (vertical != GTK_POLICY_NEVER)
        break;
      scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW);
    }
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (focus), &start, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (focus), GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  g_assert_true (gtk_widget_compute_point (focus, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (x, y), &point));

  return point.y >= 0 && point.y + rect.height <= gtk_adjustment_get_page_size (adjustment);
}

static void
test_match_deep_in_long_text (void)
{
  g_autoptr(KikuDocument) document = make_document ();
  KikuArticle *article = kiku_document_get_article (document);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  g_autoptr(GString) text = g_string_new (NULL);
  KikuWindow *window;
  GtkWidget *find;
  g_autofree char *selected = NULL;

  /* A paragraph far taller than the window, the needle on its last line. */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "行 %u\n", i);
  g_string_append (text, "ここに目印がある。");
  kiku_paragraph_set_text (kiku_list_get (kiku_section_get_blocks (section), 0), text->str);

  window = kiku_test_show_window (document, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  find = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_SEARCH_BOX, "Find");
  kiku_test_wait_for (kiku_test_is_mapped, find, "the find entry");
  gtk_editable_set_text (GTK_EDITABLE (find), "目印");
  wait_for_status (window, "1 match");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  wait_for_status (window, "1 of 1");
  kiku_test_settle ();
  selected = focused_selection (window);
  g_assert_cmpstr (selected, ==, "目印");
  g_assert_true (selection_in_view (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/find-bar/find-and-replace", test_find_and_replace);
  g_test_add_func ("/kiku/find-bar/options-and-escape", test_options_and_escape);
  g_test_add_func ("/kiku/find-bar/match-deep-in-long-text", test_match_deep_in_long_text);

  return kiku_test_run_gui ();
}
