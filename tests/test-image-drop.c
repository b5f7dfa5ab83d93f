/* test-image-drop.c: images dropped on the form or pasted into it, as a
 * writer drops them from a file manager or pastes a screenshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "kiku-test-gui.h"
#include "kiku-window.h"

typedef struct
{
  char         *dir;        /* the article's folder: a copy of the sample's */
  char         *outside;    /* where dropped files come from */
  KikuDocument *document;
  KikuArticle  *article;
  KikuWindow   *window;
  GtkWidget    *editor;
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static char *
sample_image_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sample = kiku_test_sample_path ();
  g_autofree char *copy = NULL;
  g_autofree char *images = NULL;
  const char *const names[] = { "bookmobile.png", "reading-room.png" };

  fixture->dir = g_dir_make_tmp ("kiku-test-drop-XXXXXX", NULL);
  fixture->outside = g_dir_make_tmp ("kiku-test-dropped-XXXXXX", NULL);

  /* The sample and its images, in a folder of the test's own. */
  copy = g_build_filename (fixture->dir, "sample.kiku", NULL);
  copy_file (sample, copy);
  images = g_build_filename (fixture->dir, "images", NULL);
  g_mkdir (images, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = sample_image_path (names[i]);
      g_autofree char *to = g_build_filename (images, names[i], NULL);

      copy_file (from, to);
    }

  fixture->document = kiku_test_load_document (copy);
  fixture->article = kiku_document_get_article (fixture->document);
  fixture->window = kiku_window_new (NULL, fixture->document);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  kiku_test_wait_for (kiku_test_is_mapped, fixture->window, "the window");
  kiku_test_run_pending ();
  fixture->editor = GTK_WIDGET (kiku_window_get_editor (fixture->window));
  g_assert_nonnull (fixture->editor);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kiku_test_run_pending ();
  g_clear_object (&fixture->document);
  kiku_test_remove_tree (fixture->dir);
  kiku_test_remove_tree (fixture->outside);
  g_free (fixture->dir);
  g_free (fixture->outside);
}

/* A file in the file manager's folder, under @name, with @path's bytes. */
static GFile *
offered (Fixture    *fixture,
         const char *name,
         const char *path)
{
  g_autofree char *to = g_build_filename (fixture->outside, name, NULL);

  copy_file (path, to);

  return g_file_new_for_path (to);
}

static GFile *
offered_text (Fixture    *fixture,
              const char *name)
{
  g_autofree char *to = g_build_filename (fixture->outside, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (to, "Notes for the article, not a picture.\n", -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (to);
}

static KikuSection *
first_section (Fixture *fixture)
{
  KikuPage *page = kiku_list_get (kiku_article_get_pages (fixture->article), 0);

  return kiku_list_get (kiku_page_get_sections (page), 0);
}

typedef struct
{
  GtkWidget *editor;
  GtkWidget *card;
} InView;

static gboolean
is_in_view (gpointer data)
{
  InView *in_view = data;
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (in_view->card, in_view->editor, &bounds) &&
         bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (in_view->editor);
}

/* Brings @node's card into view, as the outline does, and returns it. */
static GtkWidget *
show_card (Fixture    *fixture,
           gpointer    node,
           const char *property)
{
  InView in_view = { fixture->editor, NULL };

  kiku_editor_focus_node (KIKU_EDITOR (fixture->editor), node, property);
  kiku_test_run_pending ();
  in_view.card = kiku_test_find_card (GTK_WIDGET (fixture->window), node);
  g_assert_nonnull (in_view.card);
  kiku_test_wait_for (is_in_view, &in_view, "the card in view");

  return in_view.card;
}

/* The point @fraction of the way down @card, in the form's coordinates. */
static graphene_point_t
point_in (Fixture   *fixture,
          GtkWidget *card,
          double     fraction)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (card, fixture->editor, &bounds));

  return GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width / 2,
                              bounds.origin.y + bounds.size.height * fraction);
}

static GtkDropTarget *
drop_target (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (fixture->editor);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* The form keeps its own reference. */
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Files dropped at @point, as a file manager hands them over. */
static gboolean
drop_files (Fixture          *fixture,
            graphene_point_t  point,
            GFile            *first,
            ...)
{
  GtkDropTarget *target = drop_target (fixture);
  g_autoptr(GSList) files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  const GType *types;
  gsize n_types;
  gboolean takes_files = FALSE;
  va_list args;

  g_assert_nonnull (target);
  types = gtk_drop_target_get_gtypes (target, &n_types);
  for (gsize i = 0; i < n_types; i++)
    takes_files |= types[i] == GDK_TYPE_FILE_LIST;
  g_assert_true (takes_files);

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    files = g_slist_append (files, file);
  va_end (args);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, (double)point.x, (double)point.y, &accepted);

  return accepted;
}

typedef struct
{
  KikuList *list;
  guint     length;
} Grown;

static gboolean
has_grown (gpointer data)
{
  Grown *grown = data;

  return kiku_list_get_length (grown->list) > grown->length;
}

static void
wait_for_blocks (KikuSection *section,
                 guint        length)
{
  Grown grown = { kiku_section_get_blocks (section), length - 1 };

  kiku_test_wait_for (has_grown, &grown, "the image block");
  g_assert_cmpuint (kiku_list_get_length (grown.list), ==, length);
}

static char *
reference_for (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);

  return g_strdup_printf ("images/%.32s.png", checksum);
}

/* The file the article names by @reference holds @path's bytes. */
static void
assert_copied (Fixture    *fixture,
               const char *reference,
               const char *path)
{
  g_autofree char *stored = g_build_filename (fixture->dir, reference, NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize a_length, b_length;

  g_assert_true (g_file_get_contents (stored, &a, &a_length, NULL));
  g_assert_true (g_file_get_contents (path, &b, &b_length, NULL));
  g_assert_cmpmem (a, a_length, b, b_length);
}

static guint
count_images (Fixture *fixture)
{
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);
  g_autoptr(GDir) dir = g_dir_open (images, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_LABEL) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Shown;

static gboolean
is_shown (gpointer data)
{
  Shown *shown = data;

  return kiku_test_find_widget (shown->root, is_label_saying, shown->text) != NULL;
}

/* The toast that tells the writer @text. */
static void
wait_for_message (Fixture    *fixture,
                  const char *text)
{
  Shown shown = { GTK_WIDGET (fixture->window), text };

  kiku_test_wait_for (is_shown, &shown, text);
}

/* Two photos dropped on the lower half of the first paragraph: they come
 * after it, in the order dropped, copied into images/, one undo step.
 */
static void
test_drop_between (Fixture       *fixture,
                   gconstpointer  data)
{
  KikuSection *section = first_section (fixture);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *paragraph = kiku_list_get (blocks, 0);
  KikuNode *next = kiku_list_get (blocks, 1);
  guint length = kiku_list_get_length (blocks);
  g_autofree char *photo_path = sample_image_path ("bookmobile.png");
  g_autofree char *other_path = sample_image_path ("reading-room.png");
  g_autofree char *photo_ref = reference_for (photo_path);
  g_autofree char *other_ref = reference_for (other_path);
  g_autoptr(GFile) photo = offered (fixture, "IMG_0001.png", photo_path);
  g_autoptr(GFile) other = offered (fixture, "Screenshot from 2026-11-29.png", other_path);
  KikuHistory *history = kiku_document_get_history (fixture->document);
  GtkWidget *card;
  KikuImage *first, *second;

  g_assert_true (KIKU_IS_PARAGRAPH (paragraph));
  card = show_card (fixture, paragraph, "text");

  g_assert_true (drop_files (fixture, point_in (fixture, card, 0.75), photo, other, NULL));
  wait_for_blocks (section, length + 2);

  first = kiku_list_get (blocks, 1);
  second = kiku_list_get (blocks, 2);
  g_assert_true (KIKU_IS_IMAGE (first));
  g_assert_true (KIKU_IS_IMAGE (second));
  g_assert_true (kiku_list_get (blocks, 0) == (gpointer)paragraph);
  g_assert_true (kiku_list_get (blocks, 3) == (gpointer)next);
  g_assert_cmpstr (kiku_image_get_src (first), ==, photo_ref);
  g_assert_cmpstr (kiku_image_get_src (second), ==, other_ref);
  assert_copied (fixture, photo_ref, photo_path);
  assert_copied (fixture, other_ref, other_path);

  /* The writer sees them as cards of the section. */
  kiku_test_run_pending ();
  g_assert_nonnull (kiku_test_find_card (GTK_WIDGET (fixture->window), first));
  g_assert_nonnull (kiku_test_find_card (GTK_WIDGET (fixture->window), second));

  /* One undo takes the whole drop back. */
  g_assert_true (kiku_history_can_undo (history));
  kiku_history_undo (history);
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, length);
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)next);
}

/* Dropped on the upper half of a paragraph: before it. The same photo
 * again is stored once.
 */
static void
test_drop_before (Fixture       *fixture,
                  gconstpointer  data)
{
  KikuSection *section = first_section (fixture);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *paragraph = kiku_list_get (blocks, 1);
  guint length = kiku_list_get_length (blocks);
  g_autofree char *photo_path = sample_image_path ("bookmobile.png");
  g_autofree char *photo_ref = reference_for (photo_path);
  g_autoptr(GFile) photo = offered (fixture, "photo.png", photo_path);
  g_autoptr(GFile) again = offered (fixture, "photo (copy).png", photo_path);
  guint images;
  GtkWidget *card;

  card = show_card (fixture, paragraph, "text");
  g_assert_true (drop_files (fixture, point_in (fixture, card, 0.25), photo, NULL));
  wait_for_blocks (section, length + 1);
  g_assert_true (KIKU_IS_IMAGE (kiku_list_get (blocks, 1)));
  g_assert_true (kiku_list_get (blocks, 2) == (gpointer)paragraph);
  images = count_images (fixture);

  card = show_card (fixture, paragraph, "text");
  g_assert_true (drop_files (fixture, point_in (fixture, card, 0.9), again, NULL));
  wait_for_blocks (section, length + 2);
  g_assert_true (kiku_list_get (blocks, 2) == (gpointer)paragraph);
  g_assert_cmpstr (kiku_image_get_src (kiku_list_get (blocks, 3)), ==, photo_ref);
  g_assert_cmpuint (count_images (fixture), ==, images);
}

typedef struct
{
  KikuSource *source;
  const char *image;
} SourceImage;

static gboolean
has_source_image (gpointer data)
{
  SourceImage *wanted = data;

  return g_strcmp0 (kiku_source_get_image (wanted->source), wanted->image) == 0;
}

/* Dropped on a source box: the source's image, not a block of its own. */
static void
test_drop_on_source (Fixture       *fixture,
                     gconstpointer  data)
{
  KikuSection *section = first_section (fixture);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuSource *source = NULL;
  guint length = kiku_list_get_length (blocks);
  g_autofree char *photo_path = sample_image_path ("reading-room.png");
  g_autofree char *photo_ref = reference_for (photo_path);
  g_autofree char *before = NULL;
  g_autoptr(GFile) photo = offered (fixture, "cover.png", photo_path);
  KikuHistory *history = kiku_document_get_history (fixture->document);
  SourceImage wanted;
  GtkWidget *card;

  for (guint i = 0; i < length && source == NULL; i++)
    if (KIKU_IS_SOURCE (kiku_list_get (blocks, i)))
      source = kiku_list_get (blocks, i);
  g_assert_nonnull (source);
  before = g_strdup (kiku_source_get_image (source));

  card = show_card (fixture, source, "title");
  g_assert_true (drop_files (fixture, point_in (fixture, card, 0.3), photo, NULL));
  wanted = (SourceImage) { source, photo_ref };
  kiku_test_wait_for (has_source_image, &wanted, "the source's image");

  g_assert_cmpuint (kiku_list_get_length (blocks), ==, length);
  assert_copied (fixture, photo_ref, photo_path);

  kiku_history_undo (history);
  g_assert_cmpstr (kiku_source_get_image (source), ==, before);
}

/* While files are dragged over the form, the card they would come before
 * is marked; the mark goes when the drag leaves.
 */
static void
test_drag_mark (Fixture       *fixture,
                gconstpointer  data)
{
  KikuList *blocks = kiku_section_get_blocks (first_section (fixture));
  KikuNode *paragraph = kiku_list_get (blocks, 0);
  GtkDropTarget *target = drop_target (fixture);
  GtkWidget *card, *next_card;
  graphene_point_t point;
  GdkDragAction action = 0;

  card = show_card (fixture, paragraph, "text");
  next_card = kiku_test_find_card (GTK_WIDGET (fixture->window), kiku_list_get (blocks, 1));
  g_assert_nonnull (next_card);

  point = point_in (fixture, card, 0.75);
  g_signal_emit_by_name (target, "motion", (double)point.x, (double)point.y, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_has_css_class (next_card, "image-drop-before"));
  g_assert_false (gtk_widget_has_css_class (card, "image-drop-before"));

  point = point_in (fixture, card, 0.25);
  g_signal_emit_by_name (target, "motion", (double)point.x, (double)point.y, &action);
  g_assert_true (gtk_widget_has_css_class (card, "image-drop-before"));
  g_assert_false (gtk_widget_has_css_class (next_card, "image-drop-before"));

  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_has_css_class (card, "image-drop-before"));
}

/* A text file is no image: a toast says so, and nothing changes, not even
 * for the image dropped with it.
 */
static void
test_drop_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  KikuSection *section = first_section (fixture);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *paragraph = kiku_list_get (blocks, 0);
  guint length = kiku_list_get_length (blocks);
  guint images = count_images (fixture);
  g_autofree char *photo_path = sample_image_path ("bookmobile.png");
  g_autoptr(GFile) photo = offered (fixture, "photo.png", photo_path);
  g_autoptr(GFile) notes = offered_text (fixture, "notes.txt");
  KikuHistory *history = kiku_document_get_history (fixture->document);
  guint position = kiku_history_get_position (history);
  GtkWidget *card;

  card = show_card (fixture, paragraph, "text");
  g_assert_true (drop_files (fixture, point_in (fixture, card, 0.75), photo, notes, NULL));
  wait_for_message (fixture, "“notes.txt” is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files "
                             "can be used");

  g_assert_cmpuint (kiku_list_get_length (blocks), ==, length);
  g_assert_cmpuint (count_images (fixture), ==, images);
  g_assert_cmpuint (kiku_history_get_position (history), ==, position);
  g_assert_false (kiku_history_is_modified (history));
}

/* A screenshot on the clipboard, pasted while a paragraph has the focus:
 * after that paragraph, saved as PNG.
 */
static void
test_paste_texture (Fixture       *fixture,
                    gconstpointer  data)
{
  KikuSection *section = first_section (fixture);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *paragraph = kiku_list_get (blocks, 1);
  guint length = kiku_list_get_length (blocks);
  g_autofree char *photo_path = sample_image_path ("reading-room.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (photo_path, &error);
  g_autoptr(GdkTexture) stored_texture = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *contents = NULL;
  KikuImage *image;
  gsize stored_length;

  g_assert_no_error (error);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (fixture->editor), texture);

  show_card (fixture, paragraph, "text");
  g_assert_true (gtk_widget_activate_action (fixture->editor, "image.paste", NULL));
  wait_for_blocks (section, length + 1);

  image = kiku_list_get (blocks, 2);
  g_assert_true (KIKU_IS_IMAGE (image));
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)paragraph);
  g_assert_true (g_regex_match_simple ("^images/[0-9a-f]{32}\\.png$", kiku_image_get_src (image), 0, 0));

  /* A PNG of the same picture. */
  stored = g_build_filename (fixture->dir, kiku_image_get_src (image), NULL);
  g_assert_true (g_file_get_contents (stored, &contents, &stored_length, NULL));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  stored_texture = gdk_texture_new_from_filename (stored, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (stored_texture), ==, gdk_texture_get_width (texture));
  g_assert_cmpint (gdk_texture_get_height (stored_texture), ==, gdk_texture_get_height (texture));
}

/* Ctrl+V as the form's capture-phase shortcuts take it, before the text
 * field that has the focus: whether it was taken.
 */
static gboolean
press_ctrl_v (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (fixture->editor);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, fixture->editor,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_not_reached ();
}

/* Ctrl+V in a paragraph's text: a picture (a screenshot, with no text) is
 * pasted after the paragraph; text on the clipboard is the field's to paste.
 */
static void
test_ctrl_v (Fixture       *fixture,
             gconstpointer  data)
{
  KikuSection *section = first_section (fixture);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *paragraph = kiku_list_get (blocks, 0);
  guint length = kiku_list_get_length (blocks);
  g_autofree char *photo_path = sample_image_path ("bookmobile.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (photo_path, &error);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (fixture->editor);
  GtkWidget *focus;

  g_assert_no_error (error);
  show_card (fixture, paragraph, "text");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));

  gdk_clipboard_set_text (clipboard, "just words");
  g_assert_false (press_ctrl_v (fixture));

  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (press_ctrl_v (fixture));
  wait_for_blocks (section, length + 1);
  g_assert_true (KIKU_IS_IMAGE (kiku_list_get (blocks, 1)));
  g_assert_true (kiku_list_get (blocks, 0) == (gpointer)paragraph);
}

/* With nothing but text on the clipboard, Paste Image says so. */
static void
test_paste_nothing (Fixture       *fixture,
                    gconstpointer  data)
{
  KikuList *blocks = kiku_section_get_blocks (first_section (fixture));
  guint length = kiku_list_get_length (blocks);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (fixture->editor), "just words");
  g_assert_true (gtk_widget_activate_action (fixture->editor, "image.paste", NULL));
  wait_for_message (fixture, "The clipboard holds no image to paste");
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, length);
}

/* A new article has no folder for its images yet. */
static void
test_unsaved (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  g_autoptr(KikuDocument) document = NULL;
  g_autofree char *photo_path = sample_image_path ("bookmobile.png");
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  Fixture fixture = { 0 };
  GtkWidget *card;

  kiku_list_append (kiku_section_get_blocks (section), paragraph);
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_list_append (kiku_article_get_pages (article), page);
  document = kiku_document_new (article, kiku_application_get_drafts_dir ());

  fixture.document = document;
  fixture.article = article;
  fixture.window = kiku_window_new (NULL, document);
  gtk_window_present (GTK_WINDOW (fixture.window));
  kiku_test_wait_for (kiku_test_is_mapped, fixture.window, "the window");
  kiku_test_run_pending ();
  fixture.editor = GTK_WIDGET (kiku_window_get_editor (fixture.window));

  card = show_card (&fixture, paragraph, "text");
  g_assert_true (drop_files (&fixture, point_in (&fixture, card, 0.5), photo, NULL));
  wait_for_message (&fixture, "Save the article first: its images are kept in the “images” folder beside it");
  g_assert_cmpuint (kiku_list_get_length (kiku_section_get_blocks (section)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  kiku_test_run_pending ();
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kiku/image-drop/between", test_drop_between);
  ADD ("/kiku/image-drop/before", test_drop_before);
  ADD ("/kiku/image-drop/on-source", test_drop_on_source);
  ADD ("/kiku/image-drop/drag-mark", test_drag_mark);
  ADD ("/kiku/image-drop/refused", test_drop_refused);
  ADD ("/kiku/image-drop/paste-texture", test_paste_texture);
  ADD ("/kiku/image-drop/paste-nothing", test_paste_nothing);
  ADD ("/kiku/image-drop/ctrl-v", test_ctrl_v);
  g_test_add_func ("/kiku/image-drop/unsaved", test_unsaved);

  return kiku_test_run_gui ();
}
