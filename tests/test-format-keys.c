/* test-format-keys.c: Ctrl+B, Ctrl+I and Ctrl+K in paragraphs and comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-test-gui.h"
#include "kiku-window.h"

/* A new article whose first section holds a paragraph with @text. */
static KikuDocument *
new_document (const char     *text,
              KikuParagraph **paragraph)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuPage *page = kiku_list_get (kiku_article_get_pages (article), 0);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (page), 0);
  g_autoptr(KikuParagraph) block = kiku_paragraph_new ();

  kiku_section_set_heading (section, "Heading");
  kiku_paragraph_set_text (block, text);
  kiku_list_append (kiku_section_get_blocks (section), block);
  *paragraph = block;

  return kiku_document_new (article, kiku_application_get_drafts_dir ());
}

static void
select_in (GtkWidget *view,
           int        from,
           int        to)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_widget_grab_focus (view);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, to);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static char *
selected_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
undo (KikuWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
}

/* Ctrl+B and Ctrl+I wrap the selection, and unwrap it when pressed again;
 * each is one step to undo.
 */
static void
test_emphasis (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("Hello brave world", &paragraph);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *view = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Paragraph");
  g_autofree char *selected = NULL;

  g_assert_nonnull (view);

  select_in (view, 6, 11);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_b, GDK_CONTROL_MASK));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Hello **brave** world");
  selected = selected_text (view);
  g_assert_cmpstr (selected, ==, "brave");

  /* Italic inside bold: both marks. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Hello ***brave*** world");

  /* Again, each comes off. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Hello **brave** world");
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_b, GDK_CONTROL_MASK));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Hello brave world");

  /* A selection that holds its marks is unwrapped too. */
  kiku_paragraph_set_text (paragraph, "Hello *brave* world");
  kiku_test_run_pending ();
  select_in (view, 6, 13);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Hello brave world");
  g_clear_pointer (&selected, g_free);
  selected = selected_text (view);
  g_assert_cmpstr (selected, ==, "brave");

  /* One undo takes back one key: both marks at once. */
  undo (window);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Hello *brave* world");

  /* With nothing selected the marks go around the caret. */
  kiku_paragraph_set_text (paragraph, "ab");
  kiku_test_run_pending ();
  select_in (view, 1, 1);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_b, GDK_CONTROL_MASK));
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "a****b");
  g_signal_emit_by_name (view, "insert-at-cursor", "x");
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "a**x**b");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keys only format CommonMark fields: in the headline Ctrl+B does
 * nothing to the text.
 */
static void
test_plain_fields_untouched (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("Text", &paragraph);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *lead = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Lead");

  g_assert_nonnull (lead);
  gtk_widget_grab_focus (lead);
  g_signal_emit_by_name (lead, "insert-at-cursor", "Lead text");
  select_in (lead, 0, 4);
  kiku_test_press (GTK_WIDGET (window), GDK_KEY_b, GDK_CONTROL_MASK);
  g_assert_cmpstr (kiku_article_get_summary (kiku_document_get_article (document)), ==, "Lead text");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window, other than @data, that asks for a link's address. */
static GtkWidget *
find_link_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != data && gtk_widget_get_mapped (toplevel) &&
          kiku_test_find_accessible (toplevel, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Link Address") != NULL)
        return toplevel;
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_link_dialog (data) != NULL;
}

static GtkWidget *
error_label_near (GtkWidget *entry)
{
  for (GtkWidget *w = gtk_widget_get_next_sibling (entry); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w))
      return w;

  return NULL;
}

/* Ctrl+K asks for the address, refuses one the renderer would drop, and
 * makes the selection a link in one step.
 */
static void
test_link (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("Read the manual now", &paragraph);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *view = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Paragraph");
  GtkWidget *dialog, *entry, *add, *message;

  select_in (view, 9, 15);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_k, GDK_CONTROL_MASK));
  kiku_test_wait_for (dialog_shown, window, "the link dialog");
  dialog = find_link_dialog (window);
  entry = kiku_test_find_accessible (dialog, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Link Address");
  add = kiku_test_find_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Add Link");
  g_assert_nonnull (add);

  /* A script is refused, with the reason, and the text stays as it was. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "javascript:alert(1)");
  g_signal_emit_by_name (add, "clicked");
  kiku_test_run_pending ();
  message = error_label_near (entry);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "leave this link out"));
  g_assert_true (find_link_dialog (window) == dialog);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Read the manual now");

  /* An address that leaves the site without a scheme, too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "//evil.example/x");
  g_signal_emit_by_name (add, "clicked");
  g_assert_true (gtk_widget_get_visible (message));

  gtk_editable_set_text (GTK_EDITABLE (entry), "  https://example.org/manual  ");
  g_assert_false (gtk_widget_get_visible (message));
  g_signal_emit_by_name (add, "clicked");
  kiku_test_run_pending ();
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==,
                   "Read the [manual](https://example.org/manual) now");
  g_assert_null (find_link_dialog (window));

  undo (window);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "Read the manual now");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/format-keys/emphasis", test_emphasis);
  g_test_add_func ("/kiku/format-keys/plain-fields-untouched", test_plain_fields_untouched);
  g_test_add_func ("/kiku/format-keys/link", test_link);

  return kiku_test_run_gui ();
}
