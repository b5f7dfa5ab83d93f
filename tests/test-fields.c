/* test-fields.c: the points, keywords and text fields, driven by keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-test-gui.h"
#include "kiku-window.h"

/* Keys ------------------------------------------------------------------ */

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
find_text (KikuWindow *window,
           const char *name)
{
  GtkWidget *widget = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, name);

  g_assert_nonnull (widget);

  return widget;
}

static GtkWidget *
focus (KikuWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static char *
text_of (GtkWidget *view)
{
  char *text = NULL;

  g_object_get (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "text", &text, NULL);

  return text;
}

static int
caret_of (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  return gtk_text_iter_get_offset (&iter);
}

static void
put_caret (GtkWidget *view,
           int        offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;

  gtk_widget_grab_focus (view);
  if (offset < 0)
    gtk_text_buffer_get_end_iter (buffer, &iter);
  else
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static const char *
point_text (KikuArticle *article,
            guint        position)
{
  return kiku_point_get_text (kiku_list_get (kiku_article_get_key_points (article), position));
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0;
}

/* Whether the last line of @view's text lies within what it shows. */
static gboolean
shows_all_lines (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;
  int y, height, x, top, bottom;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &end, &y, &height);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, 0, y + height, &x, &bottom);
  /* Not scrolled inside itself either: the first line is at the top. */
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, 0, 0, &x, &top);

  return height > 0 && top >= 0 && bottom <= gtk_widget_get_height (view);
}

/* Tests ------------------------------------------------------------------ */

/* A point as long as a sentence wraps, and its row grows to show it all;
 * so does the Lead with four lines.
 */
static void
test_wrap_and_grow (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *point, *other, *lead;
  int short_height, long_height;

  /* The sample's lead, as the window first shows it, and a long one as the
   * form gets wider and narrower with the sidebar and the preview, its
   * text wrapping into more lines or fewer.
   */
  lead = find_text (window, "Lead");
  kiku_test_settle ();
  g_assert_true (shows_all_lines (lead));
  {
    g_autofree char *twice = g_strconcat (kiku_article_get_summary (article), kiku_article_get_summary (article), NULL);

    kiku_article_set_summary (article, twice);
  }
  for (guint i = 0; i < 8; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), i % 2 ? "win.preview" : "win.sidebar", NULL);
      kiku_test_settle ();
      if (g_getenv ("KIKU_TEST_VERBOSE"))
        g_printerr ("lead %d x %d\n", gtk_widget_get_width (lead), gtk_widget_get_height (lead));
      g_assert_true (shows_all_lines (lead));
    }
  kiku_history_undo (kiku_document_get_history (document));

  point = find_text (window, "Key point 1");
  other = find_text (window, "Key point 2");
  g_assert_true (GTK_IS_TEXT_VIEW (point));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (point)), !=, GTK_WRAP_NONE);

  kiku_point_set_text (kiku_list_get (kiku_article_get_key_points (article), 0), "短い要点");
  kiku_test_settle ();
  short_height = gtk_widget_get_height (point);
  g_assert_cmpint (short_height, >, 0);

  /* Some 60 characters, more than a line of the form holds several times over. */
  kiku_point_set_text (kiku_list_get (kiku_article_get_key_points (article), 0),
                       "夜間開館は仕事帰りの学び直しを支え、家でも職場でもない居場所を街に生み出している。"
                       "一方で人員の確保と光熱費の負担が運営側の課題として残り、自治体ごとに工夫が続く。"
                       "利用者の声を聞く仕組みも広がりつつある。");
  kiku_test_wait_for (is_allocated, point, "the long point");
  kiku_test_settle ();
  long_height = gtk_widget_get_height (point);
  g_assert_cmpint (long_height, >, short_height * 2);
  g_assert_true (shows_all_lines (point));
  /* The other points keep their own height. */
  g_assert_cmpint (gtk_widget_get_height (other), <, long_height);
  /* Narrower and wider again: still all of it. */
  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), i % 2 ? "win.preview" : "win.sidebar", NULL);
      kiku_test_settle ();
      g_assert_true (shows_all_lines (point));
    }

  /* The Lead: every one of four lines shows. */
  kiku_article_set_summary (article, "一行目のリード文。\n二行目のリード文。\n三行目のリード文。\n四行目のリード文。");
  kiku_test_settle ();
  g_assert_true (GTK_IS_TEXT_VIEW (lead));
  g_assert_true (shows_all_lines (lead));
  {
    GtkWidget *frame = gtk_widget_get_ancestor (lead, GTK_TYPE_FRAME);

    /* Nothing around it cuts it short. */
    g_assert_cmpint (gtk_widget_get_height (frame), >=, gtk_widget_get_height (lead));
  }

  /* And the sample's own lead, at the window's width. */
  kiku_history_undo (kiku_document_get_history (document));
  kiku_test_settle ();
  g_assert_true (shows_all_lines (lead));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Enter at the end of a point starts the next one, with the caret in it;
 * in the middle it splits the point. Each is one step to undo.
 */
static void
test_enter_adds_point (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *points = kiku_article_get_key_points (article);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *first = g_strdup (point_text (article, 0));
  g_autofree char *after_enter = NULL;
  g_autofree char *undone = NULL;
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  guint n = kiku_list_get_length (points);
  GtkWidget *second, *third;

  second = find_text (window, "Key point 2");
  put_caret (second, -1);
  kiku_test_type_text (GTK_WIDGET (window), "\n");

  g_assert_cmpuint (kiku_list_get_length (points), ==, n + 1);
  g_assert_cmpstr (point_text (article, 2) ? point_text (article, 2) : "", ==, "");
  third = find_text (window, "Key point 3");
  g_assert_true (focus (window) == third);
  g_assert_cmpint (caret_of (third), ==, 0);
  /* The point that was there keeps its row, now the fourth. */
  g_assert_true (find_text (window, "Key point 2") == second);
  after_enter = kiku_article_serialize (article, NULL, NULL);

  kiku_test_type_text (GTK_WIDGET (window), "新しい要点");
  g_assert_cmpstr (point_text (article, 2), ==, "新しい要点");

  /* Undo takes back the typing, then the new point. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&undone, g_free);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, after_enter);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&undone, g_free);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);
  g_assert_cmpuint (kiku_list_get_length (points), ==, n);

  /* Enter in the middle splits the point there. */
  put_caret (find_text (window, "Key point 1"), 3);
  kiku_test_type_text (GTK_WIDGET (window), "\n");
  g_assert_cmpuint (kiku_list_get_length (points), ==, n + 1);
  {
    g_autofree char *head = g_utf8_substring (first, 0, 3);
    g_autofree char *tail = g_utf8_substring (first, 3, g_utf8_strlen (first, -1));
    g_autofree char *shown = NULL;

    g_assert_cmpstr (point_text (article, 0), ==, head);
    g_assert_cmpstr (point_text (article, 1), ==, tail);
    shown = text_of (find_text (window, "Key point 1"));
    g_assert_cmpstr (shown, ==, head);
    g_assert_true (focus (window) == find_text (window, "Key point 2"));
    g_assert_cmpint (caret_of (focus (window)), ==, 0);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&undone, g_free);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  /* Lines pasted at the end of a point are points of their own. */
  put_caret (find_text (window, "Key point 1"), -1);
  g_signal_emit_by_name (focus (window), "insert-at-cursor", "。\n二行目\n三行目");
  g_assert_cmpuint (kiku_list_get_length (points), ==, n + 2);
  g_assert_true (g_str_has_suffix (point_text (article, 0), "。"));
  g_assert_cmpstr (point_text (article, 1), ==, "二行目");
  g_assert_cmpstr (point_text (article, 2), ==, "三行目");
  g_assert_true (focus (window) == find_text (window, "Key point 3"));
  g_assert_cmpint (caret_of (focus (window)), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&undone, g_free);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkAdjustment *
page_adjustment (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* A point added at the bottom of the page is scrolled into view; the page
 * does not jump elsewhere.
 */
static void
test_new_point_in_view (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *points = kiku_article_get_key_points (article);
  KikuWindow *window;
  g_autofree char *last_name = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *last, *added;
  double before;

  /* Points enough to go past the bottom of the window. */
  while (kiku_list_get_length (points) < 30)
    {
      g_autoptr(KikuPoint) point = kiku_point_new ();

      kiku_point_set_text (point, "もう一つの要点");
      kiku_list_append (points, point);
    }
  window = kiku_test_show_window (document, 1000, 800);

  /* The last point at the bottom edge of the page. */
  last_name = g_strdup_printf ("Key point %u", kiku_list_get_length (points));
  last = find_text (window, last_name);
  adjustment = page_adjustment (last);
  {
    graphene_rect_t bounds;
    GtkWidget *scroller = gtk_widget_get_ancestor (last, GTK_TYPE_SCROLLED_WINDOW);

    g_assert_true (gtk_widget_compute_bounds (last, scroller, &bounds));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y +
                                          bounds.size.height - gtk_widget_get_height (scroller) + 2);
  }
  kiku_test_settle ();
  put_caret (last, -1);
  kiku_test_settle ();
  g_assert_true (kiku_test_is_in_view (last));
  before = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (before, >, 0);

  kiku_test_type_text (GTK_WIDGET (window), "\n");
  added = focus (window);
  g_assert_true (added != last);
  kiku_test_wait_for (kiku_test_is_in_view, added, "the new point in view");
  g_assert_true (kiku_test_is_in_view (last));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=, before);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Backspace in an empty point removes it and goes on at the end of the
 * one before; in a point with text it deletes a character.
 */
static void
test_backspace_removes_empty (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *points = kiku_article_get_key_points (article);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *undone = NULL;
  g_autofree char *last_text = NULL;
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  guint n = kiku_list_get_length (points);
  g_autofree char *last_name = g_strdup_printf ("Key point %u", n);
  GtkWidget *last;

  last = find_text (window, last_name);
  last_text = text_of (last);
  put_caret (last, -1);
  kiku_test_type_text (GTK_WIDGET (window), "\n");
  g_assert_cmpuint (kiku_list_get_length (points), ==, n + 1);

  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (kiku_list_get_length (points), ==, n);
  g_assert_true (focus (window) == last);
  g_assert_cmpint (caret_of (last), ==, g_utf8_strlen (last_text, -1));

  /* With text, Backspace is a character. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (kiku_list_get_length (points), ==, n);
  g_assert_cmpint (g_utf8_strlen (point_text (article, n - 1), -1), ==, g_utf8_strlen (last_text, -1) - 1);

  /* Undo brings back the character; the point added and removed is no
   * change at all in the end.
   */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (point_text (article, n - 1), ==, last_text);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (kiku_list_get_length (points), ==, n + 1);
  g_assert_cmpstr (point_text (article, n) ? point_text (article, n) : "", ==, "");
  while (kiku_history_can_undo (kiku_document_get_history (document)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing into a point is undone a word at a time, as in any other field. */
static void
test_typing_undo (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  g_autofree char *before = NULL;
  g_autofree char *half = NULL;
  GtkWidget *point;

  point = find_text (window, "Key point 1");
  before = g_strdup (point_text (article, 0));
  put_caret (point, -1);
  kiku_test_type_text (GTK_WIDGET (window), " one two");
  g_assert_true (g_str_has_suffix (point_text (article, 0), " one two"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  half = g_strconcat (before, " one ", NULL);
  g_assert_cmpstr (point_text (article, 0), ==, half);
  {
    g_autofree char *shown = text_of (point);

    g_assert_cmpstr (shown, ==, half);
  }

  while (kiku_history_can_undo (kiku_document_get_history (document)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (point_text (article, 0), ==, before);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_point_text (GtkWidget *widget)
{
  return widget != NULL && GTK_IS_TEXT_VIEW (widget) && gtk_widget_has_css_class (widget, "kiku-point-text");
}

/* A list is one Tab stop: Tab enters it once and leaves it with the next
 * press; Up and Down go from point to point within it.
 */
static void
test_one_tab_stop (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *points = kiku_article_get_key_points (article);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *add, *chip, *keyword_entry;
  guint stops_in_list = 0;

  while (kiku_list_get_length (points) < 5)
    {
      g_autoptr(KikuPoint) point = kiku_point_new ();

      kiku_point_set_text (point, "もう一つの要点");
      kiku_list_append (points, point);
    }
  g_assert_cmpuint (kiku_list_get_length (points), ==, 5);

  /* From the button before the list, Tab until the focus is past it. */
  add = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Add to Key Points");
  g_assert_nonnull (add);
  gtk_widget_grab_focus (add);
  for (guint i = 0; i < 20; i++)
    {
      g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, 0));
      if (!is_point_text (focus (window)))
        break;
      stops_in_list++;
    }
  g_assert_cmpuint (stops_in_list, ==, 1);

  /* Shift+Tab comes back into the list: to the point it was left from. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_true (focus (window) == find_text (window, "Key point 1"));
  /* The row that holds the focus shows it. */
  g_assert_true (gtk_widget_get_state_flags (gtk_widget_get_ancestor (find_text (window, "Key point 1"),
                                                                      GTK_TYPE_LIST_BOX_ROW))
                 & GTK_STATE_FLAG_FOCUS_WITHIN);

  /* Down from the last line of each point to the next, and no further. */
  for (guint i = 2; i <= 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Key point %u", i);

      put_caret (focus (window), -1);
      g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Down, 0));
      g_assert_true (focus (window) == find_text (window, name));
    }
  put_caret (focus (window), -1);
  kiku_test_press (GTK_WIDGET (window), GDK_KEY_Down, 0);
  g_assert_true (focus (window) == find_text (window, "Key point 5"));
  put_caret (focus (window), 0);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Up, 0));
  g_assert_true (focus (window) == find_text (window, "Key point 4"));

  /* Shift+Tab from inside the list goes to the button before it. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_true (focus (window) == add);

  /* The keyword chips: one stop, the arrows between them, then the entry. */
  chip = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_GRID_CELL, "図書館");
  g_assert_nonnull (chip);
  g_assert_nonnull (kiku_test_find_accessible (chip, GTK_ACCESSIBLE_ROLE_BUTTON, "Remove keyword “図書館”"));
  keyword_entry = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Keywords");
  g_assert_nonnull (keyword_entry);
  put_caret (find_text (window, "Lead"), -1);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, 0));
  g_assert_true (focus (window) == chip);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Right, 0));
  g_assert_true (focus (window) == kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_GRID_CELL,
                                                              "働き方"));
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, 0));
  g_assert_true (gtk_widget_is_ancestor (focus (window), keyword_entry) || focus (window) == keyword_entry);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_true (GTK_IS_FLOW_BOX_CHILD (focus (window)));
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_false (GTK_IS_FLOW_BOX_CHILD (focus (window)));

  /* Delete on a chip removes its keyword; the focus goes to the next. */
  gtk_widget_grab_focus (chip);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Delete, 0));
  g_assert_cmpuint (g_strv_length ((char **)kiku_article_get_keywords (article)), ==, 2);
  g_assert_cmpstr (kiku_article_get_keywords (article)[0], ==, "働き方");
  g_assert_true (GTK_IS_FLOW_BOX_CHILD (focus (window)));
  g_assert_true (focus (window) == kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_GRID_CELL,
                                                              "働き方"));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_not_in_list (gpointer node)
{
  return kiku_node_get_list (node) == NULL;
}

/* Alt+↓ moves the point: its row goes with it, the same widget with the
 * caret where it was; at the ends the point stays and the buttons say so.
 */
static void
test_move_keeps_row (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *points = kiku_article_get_key_points (article);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  KikuPoint *moved = kiku_list_get (points, 0);
  guint n = kiku_list_get_length (points);
  g_autofree char *last_name = g_strdup_printf ("Key point %u", n);
  GtkWidget *view, *row, *other, *up;

  view = find_text (window, "Key point 1");
  row = gtk_widget_get_ancestor (view, GTK_TYPE_LIST_BOX_ROW);
  other = find_text (window, "Key point 2");
  up = kiku_test_find_accessible (row, GTK_ACCESSIBLE_ROLE_BUTTON, "Move Up (Alt+↑)");
  g_assert_nonnull (up);
  g_assert_false (gtk_widget_get_sensitive (up));

  /* A change elsewhere in the list leaves the caret where it is. */
  put_caret (view, 2);
  {
    g_autoptr(KikuPoint) point = kiku_point_new ();
    g_autoptr(KikuNode) removed = NULL;

    kiku_list_append (points, point);
    g_assert_true (focus (window) == view);
    removed = kiku_list_remove (points, n);
    g_assert_true (focus (window) == view);
    g_assert_cmpint (caret_of (view), ==, 2);
  }

  /* At the top, Alt+↑ does nothing, and goes no further. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_true (kiku_list_get (points, 0) == moved);

  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (kiku_list_get (points, 1) == moved);
  g_assert_true (find_text (window, "Key point 2") == view);
  g_assert_true (gtk_widget_get_ancestor (view, GTK_TYPE_LIST_BOX_ROW) == row);
  g_assert_true (find_text (window, "Key point 1") == other);
  g_assert_true (focus (window) == view);
  g_assert_cmpint (caret_of (view), ==, 2);
  g_assert_true (gtk_widget_get_sensitive (up));

  /* To the end, where Down is off. */
  while (kiku_list_get (points, n - 1) != (gpointer)moved)
    g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (find_text (window, last_name) == view);
  g_assert_false (gtk_widget_get_sensitive (kiku_test_find_accessible (row, GTK_ACCESSIBLE_ROLE_BUTTON,
                                                                      "Move Down (Alt+↓)")));
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (kiku_list_get (points, n - 1) == moved);
  g_assert_true (focus (window) == view);

  /* The buttons work on the row that moved: Remove takes its point. */
  gtk_widget_activate (kiku_test_find_accessible (row, GTK_ACCESSIBLE_ROLE_BUTTON, "Remove"));
  kiku_test_wait_for (is_not_in_list, moved, "the point removed");
  g_assert_cmpuint (kiku_list_get_length (points), ==, n - 1);
  g_assert_false (kiku_list_find (points, KIKU_NODE (moved), NULL));

  /* Undo brings it back, then puts it back in its place. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_true (kiku_list_get (points, n - 1) == moved);
  view = find_text (window, last_name);
  while (kiku_history_can_undo (kiku_document_get_history (document)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_true (kiku_list_get (points, 0) == moved);
  /* The row that came back is the one that moves back. */
  g_assert_true (find_text (window, "Key point 1") == view);
  {
    g_autofree char *shown = text_of (view);

    g_assert_cmpstr (shown, ==, kiku_point_get_text (moved));
  }

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A point dragged by its handle onto another point's row goes there, as
 * one step; the drag carries the point itself.
 */
static void
test_drag_point (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *points = kiku_article_get_key_points (article);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *undone = NULL;
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  KikuPoint *dragged = kiku_list_get (points, 0);
  GtkWidget *row = gtk_widget_get_ancestor (find_text (window, "Key point 3"), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *handle = kiku_test_find_accessible (gtk_widget_get_ancestor (find_text (window, "Key point 1"),
                                                                          GTK_TYPE_LIST_BOX_ROW),
                                                 GTK_ACCESSIBLE_ROLE_IMG, "Drag to Move");
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  GtkEventController *source = NULL, *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_assert_nonnull (handle);
  controllers = gtk_widget_observe_controllers (handle);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = controller;
    }
  g_clear_object (&controllers);
  controllers = gtk_widget_observe_controllers (row);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = controller;
    }
  g_assert_nonnull (source);
  g_assert_nonnull (target);

  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, KIKU_TYPE_POINT);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_true (g_value_get_object (&value) == dragged);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);

  g_assert_true (dropped);
  g_assert_true (kiku_list_get (points, 2) == dragged);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/fields/wrap-and-grow", test_wrap_and_grow);
  g_test_add_func ("/kiku/fields/enter-adds-point", test_enter_adds_point);
  g_test_add_func ("/kiku/fields/new-point-in-view", test_new_point_in_view);
  g_test_add_func ("/kiku/fields/backspace-removes-empty", test_backspace_removes_empty);
  g_test_add_func ("/kiku/fields/typing-undo", test_typing_undo);
  g_test_add_func ("/kiku/fields/one-tab-stop", test_one_tab_stop);
  g_test_add_func ("/kiku/fields/move-keeps-row", test_move_keeps_row);
  g_test_add_func ("/kiku/fields/drag-point", test_drag_point);

  return kiku_test_run_gui ();
}
