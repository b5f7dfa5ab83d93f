/* test-cite-ui.c: filling a source box from its page, pasting addresses
 * and checking links, as a writer meets them in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "kiku-test-gui.h"
#include "kiku-window.h"

/* The pages come from a server in this process, on 127.0.0.1: a page with
 * Open Graph, its picture, a page that is gone, one that moved to another
 * host ("localhost"), and one that is fine.
 */

static char *data_home;
static SoupServer *server;
static guint port;

static const char og_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
  "<title>Library Opens at Night | Example Times</title>"
  "<meta property=\"og:title\" content=\"Library Opens at Night\">"
  "<meta property=\"og:site_name\" content=\"Example Times\">"
  "<meta property=\"article:published_time\" content=\"2026-11-20T09:00:00+09:00\">"
  "<meta property=\"og:image\" content=\"/photo.png\">"
  "</head><body><p>The library opens at night.</p></body></html>";

static const char plain_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fine</title></head>"
  "<body>Fine.</body></html>";

static GBytes *
photo (void)
{
  static GBytes *png;

  if (png == NULL)
    {
      guchar pixels[4 * 4 * 4];
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      for (guint i = 0; i < sizeof pixels; i++)
        pixels[i] = (i * 37) & 0xff;
      data = g_bytes_new (pixels, sizeof pixels);
      texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, data, 16);
      png = gdk_texture_save_to_png_bytes (texture);
    }

  return png;
}

static SoupServerMessage *slow;   /* the answer held back */

static void
on_slow_finished (SoupServerMessage *message)
{
  slow = NULL;
}

static void
serve (SoupServer        *unused,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           data)
{
  if (g_str_equal (path, "/og") || g_str_equal (path, "/og-2") || g_str_equal (path, "/og-3"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        og_page, strlen (og_page));
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* An answer that takes as long as the test wants. */
      slow = message;
      g_signal_connect (message, "finished", G_CALLBACK (on_slow_finished), NULL);
      soup_server_message_pause (message);
    }
  else if (g_str_equal (path, "/photo.png"))
    {
      gsize size;
      const char *bytes = g_bytes_get_data (photo (), &size);

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY, bytes, size);
    }
  else if (g_str_equal (path, "/moved"))
    {
      g_autofree char *location = g_strdup_printf ("http://localhost:%u/new-home", port);

      soup_server_message_set_redirect (message, 301, location);
    }
  else if (g_str_equal (path, "/fine") || g_str_equal (path, "/new-home"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        plain_page, strlen (plain_page));
    }
  else
    {
      soup_server_message_set_status (message, g_str_equal (path, "/withdrawn") ? 410 : 404, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, "gone", 4);
    }
}

static char *
page_url (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
}

/* An article saved in a folder of its own (a fill puts the image into its
 * images folder), with one section holding @blocks.
 */
static KikuDocument *
document_with (KikuBlock *first,
               ...)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autofree char *folder = g_build_filename (data_home, "article-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  KikuSection *section;
  va_list args;

  g_assert_nonnull (g_mkdtemp (folder));
  path = g_build_filename (folder, "article.kiku", NULL);
  file = g_file_new_for_path (path);
  kiku_article_set_file (article, file);
  kiku_article_set_title (article, "Night at the library");

  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  va_start (args, first);
  for (KikuBlock *block = first; block != NULL; block = va_arg (args, KikuBlock *))
    {
      kiku_list_append (kiku_section_get_blocks (section), block);
      g_object_unref (block);
    }
  va_end (args);

  return kiku_document_new (article, kiku_application_get_drafts_dir ());
}

static KikuBlock *
source_at (const char *path,
           const char *title)
{
  KikuSource *source = kiku_source_new ();

  if (path != NULL)
    {
      g_autofree char *url = page_url (path);

      kiku_source_set_url (source, url);
    }
  kiku_source_set_title (source, title);

  return KIKU_BLOCK (source);
}

static KikuSection *
first_section (KikuDocument *document)
{
  KikuArticle *article = kiku_document_get_article (document);

  return kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
}

static KikuList *
blocks_of (KikuDocument *document)
{
  return kiku_section_get_blocks (first_section (document));
}

static void
close_window (KikuWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

static GtkWidget *
card_named (KikuWindow *window,
            const char *name)
{
  GtkWidget *section = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_GROUP, "Section 1");
  GtkWidget *card;

  g_assert_nonnull (section);
  card = kiku_test_find_accessible (section, GTK_ACCESSIBLE_ROLE_GROUP, name);
  g_assert_nonnull (card);

  return card;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  kiku_test_run_pending ();
}

/* A status line in the card, by what it says. */
static gboolean
is_status_saying (GtkWidget     *widget,
                  gconstpointer  data)
{
  const char *prefix = data;

  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_STATUS) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

typedef struct
{
  GtkWidget  *card;
  const char *prefix;
} StatusWait;

static gboolean
status_shown (gpointer data)
{
  StatusWait *wait = data;

  return kiku_test_find_widget (wait->card, is_status_saying, wait->prefix) != NULL;
}

static const char *
wait_for_status (GtkWidget  *card,
                 const char *prefix)
{
  StatusWait wait = { card, prefix };

  kiku_test_wait_for (status_shown, &wait, prefix);

  return gtk_label_get_text (GTK_LABEL (kiku_test_find_widget (card, is_status_saying, prefix)));
}

static gboolean
any_status (GtkWidget *card)
{
  return kiku_test_find_widget (card, is_status_saying, "") != NULL;
}

static GtkWidget *
field_named (GtkWidget  *card,
             const char *name)
{
  GtkWidget *row = kiku_test_find_accessible (card, GTK_ACCESSIBLE_ROLE_TEXT_BOX, name);

  g_assert_nonnull (row);

  return row;
}

static const char *
text_of (GtkWidget *card,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field_named (card, name)));
}

static void
undo (KikuWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kiku_test_run_pending ();
}

/* Fill from Page fills the empty fields only, says what it filled and
 * from where, and one undo takes the whole fill back.
 */
static void
test_fill (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/og", "My own title"), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Source box 1");
  g_autofree char *url = page_url ("/og");
  g_autofree char *image = NULL;
  const char *said;

  click (kiku_test_find_button (card, "Fill from Page"));
  said = wait_for_status (card, "Filled");

  /* What the writer typed stays. */
  g_assert_cmpstr (text_of (card, "Title"), ==, "My own title");
  g_assert_cmpstr (text_of (card, "URL"), ==, url);
  g_assert_cmpstr (text_of (card, "Publisher Label"), ==, "Example Times");
  g_assert_cmpstr (text_of (card, "Published (YYYY-MM-DD)"), ==, "2026-11-20");
  image = g_strdup (text_of (card, "Image"));
  g_assert_true (g_str_has_prefix (image, "images/"));

  /* Where each came from, the title not among them. */
  g_assert_nonnull (strstr (said, "publisher label"));
  g_assert_nonnull (strstr (said, "date"));
  g_assert_nonnull (strstr (said, "image"));
  g_assert_nonnull (strstr (said, "Open Graph"));
  g_assert_null (strstr (said, "title"));

  /* One step back: every filled field empty again, the rest as it was. */
  undo (window);
  g_assert_cmpstr (text_of (card, "Publisher Label"), ==, "");
  g_assert_cmpstr (text_of (card, "Published (YYYY-MM-DD)"), ==, "");
  g_assert_cmpstr (text_of (card, "Image"), ==, "");
  g_assert_cmpstr (text_of (card, "Title"), ==, "My own title");
  g_assert_cmpstr (text_of (card, "URL"), ==, url);
  /* The edit put the old news away. */
  g_assert_false (any_status (card));

  close_window (window);
}

/* Ctrl+Shift+L in the box is Fill from Page too; the label goes with the
 * next edit of the box, and its close button takes it away.
 */
static void
test_fill_keys_and_dismiss (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/og-2", NULL), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Source box 1");
  GtkWidget *url = field_named (card, "URL");

  gtk_widget_grab_focus (url);
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  wait_for_status (card, "Filled");
  g_assert_cmpstr (text_of (card, "Title"), ==, "Library Opens at Night");

  click (kiku_test_find_button (card, "Dismiss"));
  g_assert_false (any_status (card));

  close_window (window);
}

/* A page that is not there says so in the card, and nothing changes. */
static void
test_fill_error (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/missing", "Kept"), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Source box 1");
  GtkWidget *label;

  click (kiku_test_find_button (card, "Fill from Page"));
  /* Whatever it says, it is not "Reading" any more, and it is an error. */
  while (TRUE)
    {
      label = kiku_test_find_widget (card, is_status_saying, "");
      if (label != NULL && !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "Reading"))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  g_assert_cmpstr (text_of (card, "Title"), ==, "Kept");
  g_assert_cmpstr (text_of (card, "Publisher Label"), ==, "");
  g_assert_false (kiku_history_can_undo (kiku_document_get_history (document)));

  close_window (window);
}

/* An article never saved has no folder for the image: the text fields
 * fill, and the card says what the image needs.
 */
static void
test_fill_unsaved (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/og", NULL), NULL);
  KikuWindow *window;
  GtkWidget *card;
  const char *said;

  kiku_article_set_file (kiku_document_get_article (document), NULL);
  window = kiku_test_show_window (document, 0, 0);
  card = card_named (window, "Source box 1");

  click (kiku_test_find_button (card, "Fill from Page"));
  said = wait_for_status (card, "Filled");
  g_assert_cmpstr (text_of (card, "Publisher Label"), ==, "Example Times");
  g_assert_cmpstr (text_of (card, "Image"), ==, "");
  g_assert_nonnull (strstr (said, "Save"));

  close_window (window);
}

/* Reading a slow page shows in the card and does not hold the writer up;
 * Stop Reading ends it and nothing is filled.
 */
static void
test_fill_stop (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/slow", NULL), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Source box 1");
  GtkWidget *title = field_named (card, "Title");
  GtkWidget *stop;

  click (kiku_test_find_button (card, "Fill from Page"));
  wait_for_status (card, "Reading");
  while (slow == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The form takes typing meanwhile. */
  gtk_editable_set_text (GTK_EDITABLE (title), "Typed while reading");
  g_assert_cmpstr (kiku_source_get_title (kiku_list_get (blocks_of (document), 0)), ==, "Typed while reading");
  g_assert_false (gtk_widget_is_sensitive (kiku_test_find_button (card, "Fill from Page")));

  stop = kiku_test_find_button (card, "Stop Reading");
  click (stop);
  g_assert_false (any_status (card));
  g_assert_false (gtk_widget_get_mapped (stop));
  g_assert_true (gtk_widget_is_sensitive (kiku_test_find_button (card, "Fill from Page")));

  /* The page answers after all: too late to change anything. */
  if (slow != NULL)
    {
      soup_server_message_set_status (slow, 200, NULL);
      soup_server_message_set_response (slow, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        og_page, strlen (og_page));
      soup_server_message_unpause (slow);
    }
  kiku_test_pause_ms (300);
  g_assert_cmpstr (text_of (card, "Title"), ==, "Typed while reading");
  g_assert_cmpstr (text_of (card, "Publisher Label"), ==, "");
  g_assert_false (any_status (card));

  close_window (window);
}

/* The URL changed while its page was read: the page read is not the one
 * the box cites any more, and nothing of it lands in the box.
 */
static void
test_fill_url_changed (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/slow", NULL), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Source box 1");

  click (kiku_test_find_button (card, "Fill from Page"));
  wait_for_status (card, "Reading");
  while (slow == NULL)
    g_main_context_iteration (NULL, TRUE);

  gtk_editable_set_text (GTK_EDITABLE (field_named (card, "URL")), "https://example.net/other");
  wait_for_status (card, "Stopped reading the page");
  g_assert_true (gtk_widget_is_sensitive (kiku_test_find_button (card, "Fill from Page")));

  if (slow != NULL)
    {
      soup_server_message_set_status (slow, 200, NULL);
      soup_server_message_set_response (slow, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        og_page, strlen (og_page));
      soup_server_message_unpause (slow);
    }
  kiku_test_pause_ms (300);
  g_assert_cmpstr (text_of (card, "Title"), ==, "");
  g_assert_cmpstr (text_of (card, "Publisher Label"), ==, "");
  g_assert_cmpstr (text_of (card, "URL"), ==, "https://example.net/other");

  close_window (window);
}

static void
paste (GtkWidget  *field,
       const char *text)
{
  GtkWidget *target = field;

  if (GTK_IS_EDITABLE (field) && gtk_editable_get_delegate (GTK_EDITABLE (field)) != NULL)
    target = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field)));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (target), text);
  gtk_widget_grab_focus (target);
  g_assert_true (gtk_widget_activate_action (target, "clipboard.paste", NULL));
}

typedef struct
{
  GtkWidget  *card;
  const char *field;
  const char *text;
} FieldWait;

static gboolean
field_says (gpointer data)
{
  FieldWait *wait = data;

  return g_strcmp0 (text_of (wait->card, wait->field), wait->text) == 0;
}

/* An address pasted into a new, empty source box goes into its URL (not
 * the title, which had the focus) and the box fills without asking.
 */
static void
test_paste_into_empty_box (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at (NULL, NULL), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Source box 1");
  g_autofree char *url = page_url ("/og-3");
  FieldWait wait = { card, "Publisher Label", "Example Times" };

  paste (field_named (card, "Title"), url);
  kiku_test_wait_for (field_says, &wait, "the fill after the paste");
  g_assert_cmpstr (text_of (card, "URL"), ==, url);
  g_assert_cmpstr (text_of (card, "Title"), ==, "Library Opens at Night");

  /* Text that is no address is pasted as it is. */
  {
    GtkWidget *credit = field_named (card, "Image Credit");
    FieldWait pasted = { card, "Image Credit", "Photo by a reader" };

    if (text_of (card, "Image Credit")[0] == '\0')
      {
        paste (credit, "Photo by a reader");
        kiku_test_wait_for (field_says, &pasted, "the plain paste");
      }
  }

  close_window (window);
}

static gboolean
has_source_first (gpointer data)
{
  KikuList *blocks = data;

  return kiku_list_get_length (blocks) > 0 && KIKU_IS_SOURCE (kiku_list_get (blocks, 0));
}

static gboolean
is_add_source_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  return gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON) &&
         (kiku_test_has_accessible_name (widget, "_Add Source Box") ||
          kiku_test_has_accessible_name (widget, "Add Source Box"));
}

static gboolean
has_two_blocks (gpointer data)
{
  return kiku_list_get_length (data) == 2;
}

static gboolean
offer_shown (gpointer data)
{
  return kiku_test_find_widget (data, is_add_source_button, NULL) != NULL;
}

/* @url pasted alone into @text, the field of @node's "text": the paste
 * goes in as usual, a source box is offered, and the offer is taken.
 */
static void
paste_and_take_offer (KikuWindow *window,
                      GtkWidget  *text,
                      gpointer    node,
                      const char *url)
{
  g_assert_nonnull (text);
  paste (text, url);
  kiku_test_wait_for (offer_shown, window, "the offer of a source box");
  for (;;)
    {
      g_autofree char *pasted = NULL;

      g_object_get (node, "text", &pasted, NULL);
      if (g_strcmp0 (pasted, url) == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  click (kiku_test_find_widget (GTK_WIDGET (window), is_add_source_button, NULL));
}

/* An address pasted alone into an empty paragraph goes in as pasted, and a
 * source box for it is offered; taken, the box replaces the paragraph that
 * held only the address, fills, and has the focus.
 */
static void
test_paste_to_create (void)
{
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  g_autoptr(KikuDocument) document = document_with (g_object_ref (KIKU_BLOCK (paragraph)), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Paragraph 1");
  GtkWidget *text = kiku_test_find_accessible (card, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Paragraph");
  g_autofree char *url = page_url ("/og");
  KikuSource *source;
  GtkWidget *source_card;

  paste_and_take_offer (window, text, paragraph, url);
  kiku_test_wait_for (has_source_first, blocks_of (document), "the new source box");
  g_assert_cmpuint (kiku_list_get_length (blocks_of (document)), ==, 1);
  source = kiku_list_get (blocks_of (document), 0);
  g_assert_cmpstr (kiku_source_get_url (source), ==, url);

  source_card = card_named (window, "Source box 1");
  wait_for_status (source_card, "Filled");
  g_assert_cmpstr (kiku_source_get_publisher (source), ==, "Example Times");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, source_card));
  }

  close_window (window);
}

/* The same in a persona's comment: the paste goes in, a source box is
 * offered, and taken it goes after the comment, which stays.
 */
static void
test_paste_to_create_from_comment (void)
{
  g_autoptr(KikuComment) comment = kiku_comment_new ();
  g_autoptr(KikuDocument) document = document_with (g_object_ref (KIKU_BLOCK (comment)), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *card = card_named (window, "Persona comment 1");
  GtkWidget *text = kiku_test_find_accessible (card, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Comment");
  g_autofree char *url = page_url ("/og");
  KikuSource *source;

  paste_and_take_offer (window, text, comment, url);
  kiku_test_wait_for (has_two_blocks, blocks_of (document), "the new source box");
  g_assert_true (kiku_list_get (blocks_of (document), 0) == (gpointer)comment);
  source = kiku_list_get (blocks_of (document), 1);
  g_assert_true (KIKU_IS_SOURCE (source));
  g_assert_cmpstr (kiku_source_get_url (source), ==, url);
  wait_for_status (card_named (window, "Source box 1"), "Filled");
  g_assert_cmpstr (kiku_source_get_publisher (source), ==, "Example Times");

  close_window (window);
}

/* The same from the section's own fields: the box goes first in it. */
static void
test_paste_to_create_in_section (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/fine", "Other"), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *section = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_GROUP, "Section 1");
  GtkWidget *question = kiku_test_find_accessible (section, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Question");
  g_autofree char *url = page_url ("/og");
  KikuList *blocks = blocks_of (document);

  g_assert_nonnull (question);
  paste (question, url);
  kiku_test_wait_for (offer_shown, window, "the offer of a source box");
  while (g_strcmp0 (kiku_section_get_question (first_section (document)), url) != 0)
    g_main_context_iteration (NULL, TRUE);
  click (kiku_test_find_widget (GTK_WIDGET (window), is_add_source_button, NULL));

  g_assert_cmpuint (kiku_list_get_length (blocks), ==, 2);
  g_assert_cmpstr (kiku_source_get_url (kiku_list_get (blocks, 0)), ==, url);
  /* The address was the field's whole text: it went into the box. */
  g_assert_null (kiku_section_get_question (first_section (document)));
  wait_for_status (card_named (window, "Source box 1"), "Filled");

  close_window (window);
}


static gboolean
is_problem_at (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) == 0;
}

static GtkWidget *
problem_at (KikuWindow *window,
            const char *location)
{
  return kiku_test_find_widget (GTK_WIDGET (window), is_problem_at, location);
}

static gboolean
link_problems_shown (gpointer data)
{
  return problem_at (data, "Page 1 › Section 1 › Source box 2 › URL") != NULL &&
         problem_at (data, "Page 1 › Section 1 › Source box 3 › URL") != NULL;
}

static gboolean
is_visible_label_with (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_error_shown (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';
}

/* Check Links: a page gone and a move to another site are problems on
 * their source boxes, in the list and on the cards; Update URL takes the
 * new address, one step to undo. The box that works has nothing.
 */
static void
test_link_check (void)
{
  KikuSource *dead = KIKU_SOURCE (source_at (NULL, "Dead"));
  g_autoptr(KikuDocument) document = NULL;

  /* A name that never resolves (RFC 2606). */
  kiku_source_set_url (dead, "http://kiku-dead-host.invalid/story");
  document = document_with (source_at ("/fine", "Fine"),
                            source_at ("/gone", "Gone"),
                            source_at ("/moved", "Moved"),
                            KIKU_BLOCK (dead),
                            NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  g_autofree char *moved_url = page_url ("/moved");
  g_autofree char *new_url = g_strdup_printf ("http://localhost:%u/new-home", port);
  GtkWidget *gone_row, *moved_card, *update;

  /* Ctrl+Shift+K, as the shortcuts window lists it. */
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  kiku_test_wait_for (link_problems_shown, window, "the link problems");
  g_assert_nonnull (problem_at (window, "Page 1 › Section 1 › Source box 4 › URL"));
  g_assert_nonnull (kiku_test_find_widget (card_named (window, "Source box 4"), is_error_shown, NULL));
  g_assert_null (kiku_test_find_widget (card_named (window, "Source box 1"), is_error_shown, NULL));

  g_assert_null (problem_at (window, "Page 1 › Section 1 › Source box 1 › URL"));
  gone_row = problem_at (window, "Page 1 › Section 1 › Source box 2 › URL");
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gone_row)), "404"));

  /* On the cards too. */
  g_assert_nonnull (kiku_test_find_widget (card_named (window, "Source box 2"), is_visible_label_with, "404"));
  /* A page that is gone has no new address to offer. */
  g_assert_false (gtk_widget_get_mapped (kiku_test_find_button (card_named (window, "Source box 2"), "Update URL")));
  moved_card = card_named (window, "Source box 3");
  update = kiku_test_find_button (moved_card, "Update URL");
  g_assert_nonnull (update);
  g_assert_true (gtk_widget_get_mapped (update));

  click (update);
  g_assert_cmpstr (text_of (moved_card, "URL"), ==, new_url);
  kiku_test_run_pending ();
  g_assert_false (gtk_widget_get_mapped (update));

  undo (window);
  g_assert_cmpstr (text_of (moved_card, "URL"), ==, moved_url);
  g_assert_true (gtk_widget_get_mapped (update));

  close_window (window);
}

/* Publish checks the links first and then asks where to publish. */
static gboolean
publish_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != data && gtk_window_get_transient_for (toplevel) == data &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return TRUE;
    }

  return FALSE;
}

/* The Publish dialog the window shows. */
static AdwMessageDialog *
publish_dialog_of (KikuWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_check_before_publish (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/withdrawn", "Withdrawn"), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  kiku_test_wait_for (publish_dialog_shown, window, "the Publish dialog after the check");
  g_assert_nonnull (problem_at (window, "Page 1 › Section 1 › Source box 1 › URL"));
  /* The dialog counts the broken link with the article's other problems. */
  dialog = publish_dialog_of (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "still to fix"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "410"));
  g_assert_nonnull (kiku_test_find_widget (card_named (window, "Source box 1"), is_visible_label_with, "410"));

  close_window (window);
}

/* Publish waits for the check, and Skip Link Check goes on at once. */
static void
test_skip_check (void)
{
  g_autoptr(KikuDocument) document = document_with (source_at ("/slow", "Slow"), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);
  GtkWidget *skip;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  while (slow == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (publish_dialog_shown (window));

  skip = kiku_test_find_button (GTK_WIDGET (window), "_Skip Link Check");
  g_assert_nonnull (skip);
  click (skip);
  kiku_test_wait_for (publish_dialog_shown, window, "the Publish dialog after skipping");
  g_assert_nonnull (kiku_test_find_button (GTK_WIDGET (window), "_Publish"));
  g_assert_null (problem_at (window, "Page 1 › Section 1 › Source box 1 › URL"));

  if (slow != NULL)
    {
      soup_server_message_set_status (slow, 200, NULL);
      soup_server_message_unpause (slow);
    }
  close_window (window);
}

/* With the preference off, Publish asks where at once and checks nothing. */
static void
test_no_check_before_publish (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(KikuDocument) document = document_with (source_at ("/withdrawn", "Withdrawn"), NULL);
  KikuWindow *window = kiku_test_show_window (document, 0, 0);

  g_settings_set_boolean (settings, "check-links-before-publish", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  g_assert_true (publish_dialog_shown (window));
  kiku_test_pause_ms (300);
  g_assert_null (problem_at (window, "Page 1 › Section 1 › Source box 1 › URL"));
  g_settings_reset (settings, "check-links-before-publish");

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *cache = g_dir_make_tmp ("kiku-cache-XXXXXX", NULL);
  int status;

  /* The citation cache of this test's own, before anything asks where. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  kiku_test_init_gui (&argc, &argv);
  data_home = g_strdup (kiku_test_get_data_home ());

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("cannot serve the pages: %s", error->message);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  g_test_add_func ("/kiku/cite-ui/fill", test_fill);
  g_test_add_func ("/kiku/cite-ui/fill-keys-and-dismiss", test_fill_keys_and_dismiss);
  g_test_add_func ("/kiku/cite-ui/fill-error", test_fill_error);
  g_test_add_func ("/kiku/cite-ui/fill-stop", test_fill_stop);
  g_test_add_func ("/kiku/cite-ui/fill-url-changed", test_fill_url_changed);
  g_test_add_func ("/kiku/cite-ui/fill-unsaved", test_fill_unsaved);
  g_test_add_func ("/kiku/cite-ui/paste-into-empty-box", test_paste_into_empty_box);
  g_test_add_func ("/kiku/cite-ui/paste-to-create", test_paste_to_create);
  g_test_add_func ("/kiku/cite-ui/paste-to-create-in-section", test_paste_to_create_in_section);
  g_test_add_func ("/kiku/cite-ui/paste-to-create-from-comment", test_paste_to_create_from_comment);
  g_test_add_func ("/kiku/cite-ui/link-check", test_link_check);
  g_test_add_func ("/kiku/cite-ui/check-before-publish", test_check_before_publish);
  g_test_add_func ("/kiku/cite-ui/skip-check", test_skip_check);
  g_test_add_func ("/kiku/cite-ui/no-check-before-publish", test_no_check_before_publish);

  status = kiku_test_run_gui ();
  g_clear_object (&server);
  kiku_test_remove_tree (cache);
  g_clear_pointer (&data_home, g_free);

  return status;
}
