/* test-spelling.c: misspelled words underlined, and the context menu's
 * suggestions, with Debian's American English dictionary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-spell-checker.h"
#include "kiku-test-gui.h"
#include "kiku-window.h"

static char *config_home;

/* A new article in @language whose first section holds a paragraph. */
static KikuDocument *
new_document (const char     *language,
              const char     *text,
              KikuParagraph **paragraph)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuPage *page = kiku_list_get (kiku_article_get_pages (article), 0);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (page), 0);
  g_autoptr(KikuParagraph) block = kiku_paragraph_new ();

  kiku_article_set_language (article, language);
  kiku_section_set_heading (section, "Heading");
  kiku_paragraph_set_text (block, text);
  kiku_list_append (kiku_section_get_blocks (section), block);
  *paragraph = block;

  return kiku_document_new (article, kiku_application_get_drafts_dir ());
}

static GtkWidget *
paragraph_view (KikuWindow *window)
{
  GtkWidget *view = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Paragraph");

  g_assert_nonnull (view);

  return view;
}

/* Whether the text view's text at @offset shows the wavy underline of a
 * misspelling.
 */
static gboolean
view_underlined_at (GtkWidget *view,
                    int        offset)
{
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      PangoUnderline underline;
      gboolean set;

      g_object_get (l->data, "underline", &underline, "underline-set", &set, NULL);
      if (set && underline == PANGO_UNDERLINE_ERROR)
        return TRUE;
    }

  return FALSE;
}

static gboolean entry_underlined_at (GtkWidget *row,
                                     int        offset);

/* Whether the text of a text view or an entry at @offset shows the wavy
 * underline of a misspelling.
 */
static gboolean
underlined_at (GtkWidget *widget,
               int        offset)
{
  return GTK_IS_TEXT_VIEW (widget) ? view_underlined_at (widget, offset) : entry_underlined_at (widget, offset);
}

static int
offset_of (GtkWidget  *widget,
           const char *word)
{
  g_autofree char *text = NULL;
  const char *found;

  if (GTK_IS_TEXT_VIEW (widget))
    g_object_get (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "text", &text, NULL);
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  found = strstr (text, word);
  g_assert_nonnull (found);

  return g_utf8_pointer_to_offset (text, found);
}

typedef struct
{
  GtkWidget  *view;
  const char *word;
  gboolean    wanted;
} Underline;

static gboolean
underline_is (gpointer data)
{
  Underline *u = data;

  return underlined_at (u->view, offset_of (u->view, u->word)) == u->wanted;
}

static void
wait_underline (GtkWidget  *view,
                const char *word,
                gboolean    wanted)
{
  Underline u = { view, word, wanted };

  kiku_test_wait_for (underline_is, &u, wanted ? "the word underlined" : "the underline gone");
}

static void
put_caret (GtkWidget *view,
           int        offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;

  gtk_widget_grab_focus (view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

/* The context menu's item labelled @label, as its action and target. */
static gboolean
find_menu_item (GMenuModel  *menu,
                const char  *label,
                char       **action,
                GVariant   **target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *its_label = NULL;

      if (section != NULL && find_menu_item (section, label, action, target))
        return TRUE;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &its_label) &&
          g_str_equal (its_label, label))
        {
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", action);
          *target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

static GtkText *text_of (GtkWidget *row);

/* The context menu of a text view or an entry. */
static GMenuModel *
extra_menu_of (GtkWidget *widget)
{
  return GTK_IS_TEXT_VIEW (widget) ? gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (widget))
                                   : gtk_text_get_extra_menu (text_of (widget));
}

typedef struct
{
  GtkWidget  *view;
  const char *label;
} MenuItem;

static gboolean
menu_has (gpointer data)
{
  MenuItem *m = data;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  return find_menu_item (extra_menu_of (m->view), m->label, &action, &target);
}

/* Chooses the item labelled @label from @view's context menu. */
static void
choose (GtkWidget  *view,
        const char *label)
{
  MenuItem m = { view, label };
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  kiku_test_wait_for (menu_has, &m, label);
  g_assert_true (find_menu_item (extra_menu_of (view), label, &action, &target));
  g_assert_cmpstr (action, ==, label[0] == 'A' ? "spell.add" : label[0] == 'I' ? "spell.ignore" : "spell.correct");
  g_assert_true (gtk_widget_activate_action_variant (view, action, target));
}

static gboolean
is_menu_item_labelled (GtkWidget     *widget,
                       gconstpointer  label)
{
  g_autofree char *text = NULL;

  if (!GTK_IS_WIDGET (widget) || !gtk_widget_get_mapped (widget) ||
      g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);

  return g_strcmp0 (text, label) == 0;
}

static gboolean
menu_item_shown (gpointer data)
{
  MenuItem *m = data;

  return kiku_test_find_widget (m->view, is_menu_item_labelled, m->label) != NULL;
}

/* Opens @view's context menu as the menu key does, and clicks @label. */
static void
choose_from_menu (KikuWindow *window,
                  GtkWidget  *view,
                  const char *label)
{
  MenuItem m = { view, label };
  GtkWidget *item;

  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_Menu, 0) ||
                 gtk_widget_activate_action (view, "menu.popup", NULL));
  kiku_test_wait_for (menu_item_shown, &m, label);
  item = kiku_test_find_widget (view, is_menu_item_labelled, label);
  g_signal_emit_by_name (item, "clicked");
}

static void
test_underline_and_suggest (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("en", "This sentense is fine.", &paragraph);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *view = paragraph_view (window);

  wait_underline (view, "sentense", TRUE);
  kiku_test_settle ();
  g_assert_false (underlined_at (view, offset_of (view, "This")));
  g_assert_false (underlined_at (view, offset_of (view, "fine")));

  /* The caret in the word, the menu offers the right spelling. */
  put_caret (view, offset_of (view, "sentense") + 3);
  choose (view, "sentence");
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "This sentence is fine.");
  kiku_test_settle ();
  g_assert_false (underlined_at (view, offset_of (view, "sentence")));

  /* The correction is one step to undo. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "This sentense is fine.");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "This sentence is fine.");

  /* A word typed wrong is underlined once typed. */
  put_caret (view, offset_of (view, "fine") + 4);
  for (const char *p = " and recieved"; *p; p++)
    {
      char c[2] = { *p, 0 };

      g_signal_emit_by_name (view, "insert-at-cursor", c);
    }
  wait_underline (view, "recieved", TRUE);
  g_assert_false (underlined_at (view, offset_of (view, "and")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Add to Dictionary takes the underline away, here and later, and writes
 * the word to the user's own word list.
 */
static void
test_add_to_dictionary (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("en", "Meet Kikuzawa today.", &paragraph);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *view = paragraph_view (window);
  g_autofree char *personal = NULL;
  g_autofree char *words = NULL;

  wait_underline (view, "Kikuzawa", TRUE);
  put_caret (view, offset_of (view, "Kikuzawa") + 2);
  choose (view, "Add to Dictionary");
  wait_underline (view, "Kikuzawa", FALSE);

  personal = g_build_filename (config_home, "enchant", "en_US.dic", NULL);
  g_assert_true (g_file_get_contents (personal, &words, NULL, NULL));
  g_assert_nonnull (strstr (words, "Kikuzawa"));

  /* Ignore is for this session's text. */
  kiku_paragraph_set_text (paragraph, "Meet Kikuzawa and Zorbleflux.");
  wait_underline (view, "Zorbleflux", TRUE);
  kiku_test_settle ();
  g_assert_false (underlined_at (view, offset_of (view, "Kikuzawa")));
  put_caret (view, offset_of (view, "Zorbleflux") + 1);
  choose (view, "Ignore");
  wait_underline (view, "Zorbleflux", FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Japanese is left alone: in a Japanese article nothing is checked, and
 * in an English one a run of kanji and kana is not either.
 */
static void
test_japanese_left_alone (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("ja", "日本語の文章 sentense です。", &paragraph);
  KikuWindow *window = kiku_test_show_window (document, 1000, 800);
  GtkWidget *view = paragraph_view (window);

  kiku_test_settle ();
  for (int i = 0; i < g_utf8_strlen (kiku_paragraph_get_text (paragraph), -1); i++)
    g_assert_false (underlined_at (view, i));

  /* The article turns English: the English word is checked, the Japanese
   * still not. */
  kiku_article_set_language (kiku_document_get_article (document), "en");
  wait_underline (view, "sentense", TRUE);
  kiku_test_settle ();
  g_assert_false (underlined_at (view, offset_of (view, "日本語")));
  g_assert_false (underlined_at (view, offset_of (view, "文章")));
  g_assert_false (underlined_at (view, offset_of (view, "です")));

  /* And back. */
  kiku_article_set_language (kiku_document_get_article (document), "ja");
  wait_underline (view, "sentense", FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One-line fields ------------------------------------------------------------ */

/* The GtkText that shows an entry row's text. */
static GtkText *
text_of (GtkWidget *row)
{
  GtkEditable *text = GTK_EDITABLE (row);

  while (gtk_editable_get_delegate (text) != NULL)
    text = gtk_editable_get_delegate (text);
  g_assert_true (GTK_IS_TEXT (text));

  return GTK_TEXT (text);
}

/* Whether the entry's text at @offset (in characters) is drawn with the
 * wavy underline of a misspelling.
 */
static gboolean
entry_underlined_at (GtkWidget *row,
                     int        offset)
{
  GtkText *text = text_of (row);
  const char *string = gtk_editable_get_text (GTK_EDITABLE (text));
  int index = g_utf8_offset_to_pointer (string, offset) - string;
  PangoAttrList *attributes = gtk_text_get_attributes (text);
  g_autoptr(PangoAttrIterator) iter = NULL;

  if (attributes == NULL)
    return FALSE;

  iter = pango_attr_list_get_iterator (attributes);
  do
    {
      int start, end;
      PangoAttribute *underline;

      pango_attr_iterator_range (iter, &start, &end);
      underline = pango_attr_iterator_get (iter, PANGO_ATTR_UNDERLINE);
      if (index >= start && index < end && underline != NULL &&
          ((PangoAttrInt *)underline)->value == PANGO_UNDERLINE_ERROR)
        return TRUE;
    }
  while (pango_attr_iterator_next (iter));

  return FALSE;
}

/* The headline, a section's heading and the other one-line fields of
 * prose are checked like the text areas; the slug and the other fields of
 * names and addresses are not.
 */
static void
test_one_line_fields (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("en", "Fine.", &paragraph);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window;
  GtkWidget *headline, *slug;

  kiku_article_set_title (article, "Libraries open thier doors at night");
  kiku_article_set_slug (article, "libraris-at-night");
  window = kiku_test_show_window (document, 1000, 800);
  headline = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  slug = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Slug");
  g_assert_nonnull (headline);
  g_assert_nonnull (slug);

  wait_underline (headline, "thier", TRUE);
  kiku_test_settle ();
  g_assert_false (underlined_at (headline, offset_of (headline, "Libraries")));
  g_assert_false (underlined_at (headline, offset_of (headline, "doors")));
  g_assert_false (underlined_at (slug, offset_of (slug, "libraris")));

  /* The caret in the word, the context menu offers the right spelling;
   * choosing it is one step to undo.
   */
  gtk_widget_grab_focus (headline);
  gtk_editable_set_position (GTK_EDITABLE (headline), offset_of (headline, "thier") + 2);
  choose (headline, "their");
  g_assert_cmpstr (kiku_article_get_title (article), ==, "Libraries open their doors at night");
  /* The menu gives the focus back, which selects the whole line: the
   * caret still ends after the word, nothing selected.
   */
  gtk_widget_grab_focus (headline);
  kiku_test_settle ();
  {
    int start, end;

    g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (headline), &start, &end));
    g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (headline)), ==, offset_of (headline, "their") + 5);
  }
  wait_underline (headline, "their", FALSE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "Libraries open thier doors at night");
  wait_underline (headline, "thier", TRUE);

  /* A right click on a word of a headline longer than its field, scrolled
   * to its end: the menu is about the word clicked.
   */
  kiku_article_set_title (article, "Libraries open thier doors at night, and the night buses run late to them, "
                                   "every day of the week in the whole of the city of Sapporo and beyond recieve them today");
  wait_underline (headline, "recieve", TRUE);
  gtk_editable_set_position (GTK_EDITABLE (headline), -1);
  kiku_test_settle ();
  {
    GtkText *text = text_of (headline);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (text), gtk_editable_get_text (GTK_EDITABLE (text)));
    const char *string = gtk_editable_get_text (GTK_EDITABLE (text));
    PangoRectangle where;
    GtkGesture *click = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (text));
    int scrolled = 0;

    g_object_get (text, "scroll-offset", &scrolled, NULL);
    g_assert_cmpint (scrolled, >, 0);
    pango_layout_index_to_pos (layout, strstr (string, "recieve") - string + 2, &where);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller) &&
            gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
          click = GTK_GESTURE (controller);
      }
    g_assert_nonnull (click);
    g_signal_emit_by_name (click, "pressed", 1, (double)(where.x / PANGO_SCALE - scrolled), 5.0);
    g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (headline)), >=, offset_of (headline, "recieve"));
    g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (headline)), <=, offset_of (headline, "recieve") + 7);
    choose (headline, "receive");
    g_assert_nonnull (strstr (kiku_article_get_title (article), "beyond receive them"));
  }

  /* Typed wrong: underlined once typed; a Japanese article is left alone. */
  kiku_article_set_title (article, "Libraries open thier doors and recieve");
  wait_underline (headline, "recieve", TRUE);
  wait_underline (headline, "thier", TRUE);
  kiku_article_set_language (article, "ja");
  wait_underline (headline, "recieve", FALSE);
  g_assert_false (underlined_at (headline, offset_of (headline, "thier")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Key points are checked too, and a correction there is one step. */
static void
test_key_points (void)
{
  KikuParagraph *paragraph;
  g_autoptr(KikuDocument) document = new_document ("en", "Fine.", &paragraph);
  KikuArticle *article = kiku_document_get_article (document);
  g_autoptr(KikuPoint) point = kiku_point_new ();
  KikuWindow *window;
  GtkWidget *view;

  kiku_point_set_text (point, "Three libaries stay open");
  kiku_list_append (kiku_article_get_key_points (article), point);
  window = kiku_test_show_window (document, 1000, 800);
  view = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Key point 1");
  g_assert_nonnull (view);

  wait_underline (view, "libaries", TRUE);
  kiku_test_settle ();
  g_assert_false (underlined_at (view, offset_of (view, "Three")));

  put_caret (view, offset_of (view, "libaries") + 3);
  choose_from_menu (window, view, "libraries");
  g_assert_cmpstr (kiku_point_get_text (point), ==, "Three libraries stay open");
  /* The menu closed, the writer goes on typing in the point. */
  kiku_test_settle ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == view);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (kiku_point_get_text (point), ==, "Three libaries stay open");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *enchant_dir = NULL;
  int status;

  kiku_test_require_display ();

  /* The user's own word list goes to a folder of this test's own. */
  config_home = g_dir_make_tmp ("kiku-spell-XXXXXX", NULL);
  enchant_dir = g_build_filename (config_home, "enchant", NULL);
  g_mkdir_with_parents (enchant_dir, 0700);
  g_setenv ("XDG_DATA_HOME", config_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("ENCHANT_CONFIG_DIR", enchant_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  if (kiku_spell_checker_get_for_language ("en") == NULL)
    {
      if (g_getenv ("KIKU_TEST_STRICT") != NULL)
        g_error ("No English dictionary for Enchant: install hunspell-en-us");
      g_print ("1..0 # SKIP No English dictionary for Enchant (Debian: hunspell-en-us)\n");
      kiku_test_remove_tree (config_home);
      return 0;
    }
  g_assert_cmpstr (kiku_spell_checker_get_dictionary (kiku_spell_checker_get_for_language ("en")), ==, "en_US");

  g_test_add_func ("/kiku/spelling/underline-and-suggest", test_underline_and_suggest);
  g_test_add_func ("/kiku/spelling/one-line-fields", test_one_line_fields);
  g_test_add_func ("/kiku/spelling/key-points", test_key_points);
  g_test_add_func ("/kiku/spelling/add-to-dictionary", test_add_to_dictionary);
  g_test_add_func ("/kiku/spelling/japanese-left-alone", test_japanese_left_alone);

  status = g_test_run ();
  kiku_test_remove_tree (config_home);

  return status;
}
