/* kiku-image-drop.c: images dropped on the form or pasted into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-image-drop"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-block-card.h"
#include "kiku-error.h"
#include "kiku-image-drop.h"
#include "kiku-section-card.h"
#include "kiku-source-card.h"

/* Image files dropped from a file manager, or a picture or files pasted
 * with Ctrl+V (image.paste), are copied into the "images" folder beside the
 * article (kiku_article_import_images_async()) and become image blocks:
 * where they were dropped, between the cards nearest the pointer, or after
 * the block that holds the focus for a paste. Dropped on a source box, the
 * first becomes the source's image. Each drop or paste is one undo step;
 * what is not an image is refused in a toast and nothing changes.
 *
 * A file dropped in the Flatpak arrives through the document portal as a
 * path the sandbox may read, so reading it as a GFile is all it takes.
 */

struct _KikuImageDrop
{
  GObject       parent_instance;

  GtkWidget    *editor;     /* its controllers own this; cleared when it goes */
  KikuDocument *document;
  GCancellable *cancellable;

  /* The card that shows, while a drag is over the form, where a drop goes. */
  GtkWidget    *marked;
  const char   *mark;
};

G_DEFINE_FINAL_TYPE (KikuImageDrop, kiku_image_drop, G_TYPE_OBJECT)

/* Where the images go: into a source box, or into a list of blocks at a
 * position.
 */
typedef struct
{
  KikuImageDrop *self;
  KikuSource    *source;
  KikuList      *blocks;
  guint          position;

  /* The card to mark, and how: for a drag over the form only. */
  GtkWidget     *card;
  const char    *mark;
} Place;

static void
place_free (Place *place)
{
  g_clear_object (&place->self);
  g_clear_object (&place->source);
  g_clear_object (&place->blocks);
  g_free (place);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Place, place_free)

static Place *
place_new (KikuImageDrop *self,
           KikuSource    *source,
           KikuList      *blocks,
           guint          position)
{
  Place *place = g_new0 (Place, 1);

  place->self = g_object_ref (self);
  place->source = source ? g_object_ref (source) : NULL;
  place->blocks = blocks ? g_object_ref (blocks) : NULL;
  place->position = position;

  return place;
}

static void
tell (KikuImageDrop *self,
      const char    *message)
{
  GtkWidget *overlay;

  if (self->editor == NULL)
    return;

  if ((overlay = gtk_widget_get_ancestor (self->editor, ADW_TYPE_TOAST_OVERLAY)))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    kiku_show_message (GTK_WINDOW (gtk_widget_get_root (self->editor)), message, NULL);
}

/* Every widget of @type under @widget, not looking inside one found. */
static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      else
        collect (child, type, found);
    }
}

/* The top and bottom of @widget in the form's coordinates. */
static gboolean
extent (KikuImageDrop *self,
        GtkWidget     *widget,
        double        *top,
        double        *bottom)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, self->editor, &bounds))
    return FALSE;

  *top = bounds.origin.y;
  *bottom = bounds.origin.y + bounds.size.height;

  return TRUE;
}

/* Between the block cards of @card nearest @y: after each whose middle is
 * above it.
 */
static Place *
place_in_section (KikuImageDrop   *self,
                  KikuSectionCard *card,
                  double           y)
{
  KikuSection *section = kiku_section_card_get_section (card);
  KikuList *blocks = kiku_section_get_blocks (section);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkWidget *before = NULL, *after = NULL;
  guint position = 0;
  Place *place;

  collect (GTK_WIDGET (card), KIKU_TYPE_BLOCK_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    {
      KikuBlock *block = kiku_block_card_get_block (cards->pdata[i]);
      double top, bottom;
      guint at;

      if (extent (self, cards->pdata[i], &top, &bottom) && (top + bottom) / 2 < y &&
          kiku_list_find (blocks, KIKU_NODE (block), &at) && at + 1 > position)
        {
          position = at + 1;
          after = cards->pdata[i];
        }
    }

  /* The mark goes on the card the images will come before, else on the
   * one they will follow, else on the section.
   */
  for (guint i = 0; i < cards->len; i++)
    if (position < kiku_list_get_length (blocks) &&
        kiku_block_card_get_block (cards->pdata[i]) == kiku_list_get (blocks, position))
      before = cards->pdata[i];

  place = place_new (self, NULL, blocks, position);
  if (before != NULL)
    {
      place->card = before;
      place->mark = "image-drop-before";
    }
  else if (after != NULL)
    {
      place->card = after;
      place->mark = "image-drop-after";
    }
  else
    {
      place->card = GTK_WIDGET (card);
      place->mark = "image-drop-into";
    }

  return place;
}

static Place *
place_at (KikuImageDrop *self,
          double         x,
          double         y)
{
  GtkWidget *picked = gtk_widget_pick (self->editor, x, y, GTK_PICK_DEFAULT);
  g_autoptr(GPtrArray) sections = NULL;
  GtkWidget *card = NULL;
  double nearest = G_MAXDOUBLE;

  if (picked != NULL && (card = gtk_widget_get_ancestor (picked, KIKU_TYPE_SOURCE_CARD)))
    {
      Place *place = place_new (self, KIKU_SOURCE (kiku_block_card_get_block (KIKU_BLOCK_CARD (card))), NULL, 0);

      place->card = card;
      place->mark = "image-drop-into";
      return place;
    }

  if (picked != NULL && (card = gtk_widget_get_ancestor (picked, KIKU_TYPE_SECTION_CARD)))
    return place_in_section (self, KIKU_SECTION_CARD (card), y);

  /* Beside the sections, or between them: the nearest one. */
  sections = g_ptr_array_new ();
  collect (self->editor, KIKU_TYPE_SECTION_CARD, sections);
  card = NULL;
  for (guint i = 0; i < sections->len; i++)
    {
      double top, bottom, distance;

      if (!extent (self, sections->pdata[i], &top, &bottom))
        continue;
      distance = y < top ? top - y : y > bottom ? y - bottom : 0;
      if (distance < nearest)
        {
          nearest = distance;
          card = sections->pdata[i];
        }
    }

  return card ? place_in_section (self, KIKU_SECTION_CARD (card), y) : NULL;
}

/* After the block that holds the focus; else at the end of the section
 * that does, or of the last section shown.
 */
static Place *
place_at_focus (KikuImageDrop *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editor);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GPtrArray) sections = NULL;
  GtkWidget *card;

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->editor))
    {
      if ((card = gtk_widget_get_ancestor (focus, KIKU_TYPE_BLOCK_CARD)))
        {
          KikuBlock *block = kiku_block_card_get_block (KIKU_BLOCK_CARD (card));
          KikuList *blocks = kiku_node_get_list (KIKU_NODE (block));
          guint at;

          if (blocks != NULL && kiku_list_find (blocks, KIKU_NODE (block), &at))
            return place_new (self, NULL, blocks, at + 1);
        }

      if ((card = gtk_widget_get_ancestor (focus, KIKU_TYPE_SECTION_CARD)))
        {
          KikuList *blocks = kiku_section_get_blocks (kiku_section_card_get_section (KIKU_SECTION_CARD (card)));

          return place_new (self, NULL, blocks, kiku_list_get_length (blocks));
        }
    }

  sections = g_ptr_array_new ();
  collect (self->editor, KIKU_TYPE_SECTION_CARD, sections);
  if (sections->len > 0)
    {
      KikuSection *section = kiku_section_card_get_section (g_ptr_array_index (sections, sections->len - 1));
      KikuList *blocks = kiku_section_get_blocks (section);

      return place_new (self, NULL, blocks, kiku_list_get_length (blocks));
    }

  return NULL;
}

/* Whether @node is still part of the document's article. */
static gboolean
is_in_article (KikuImageDrop *self,
               KikuNode      *node)
{
  KikuArticle *article = kiku_document_get_article (self->document);

  for (; node != NULL; node = kiku_node_get_parent (node))
    if (node == KIKU_NODE (article))
      return TRUE;

  return FALSE;
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(Place) place = data;
  KikuImageDrop *self = place->self;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) references = NULL;
  KikuHistory *history;
  KikuList *blocks = place->blocks;
  guint position = place->position;
  guint first = 0;

  references = kiku_article_import_images_finish (KIKU_ARTICLE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->editor == NULL)
    return;
  if (references == NULL)
    {
      tell (self, error->message);
      return;
    }

  if (place->source != NULL)
    {
      if (!is_in_article (self, KIKU_NODE (place->source)) ||
          !(blocks = kiku_node_get_list (KIKU_NODE (place->source))) ||
          !kiku_list_find (blocks, KIKU_NODE (place->source), &position))
        return;
      position++;
    }
  else if (!is_in_article (self, kiku_list_get_owner (blocks)))
    return;

  history = kiku_document_get_history (self->document);
  kiku_history_begin_group (history);

  /* The source box takes the first; the others follow it as blocks. */
  if (place->source != NULL && references[0] != NULL)
    kiku_source_set_image (place->source, references[first++]);

  position = MIN (position, kiku_list_get_length (blocks));
  for (guint i = first; references[i] != NULL; i++)
    {
      g_autoptr(KikuImage) image = kiku_image_new ();

      kiku_image_set_src (image, references[i]);
      kiku_list_insert (blocks, position++, image);
    }

  kiku_history_end_group (history);
}

static void
import (KikuImageDrop *self,
        Place         *place,
        GPtrArray     *files,
        GBytes        *bytes)
{
  if (place == NULL)
    {
      tell (self, _("Add a section first: an image goes into a section"));
      return;
    }

  kiku_article_import_images_async (kiku_document_get_article (self->document), files, bytes,
                                    self->cancellable, on_imported, place);
}

static GPtrArray *
files_of (const GValue *value)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GdkFileList *list = g_value_get_boxed (value);
      g_autoptr(GSList) items = list ? gdk_file_list_get_files (list) : NULL;

      for (GSList *l = items; l != NULL; l = l->next)
        g_ptr_array_add (files, g_object_ref (l->data));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    {
      g_ptr_array_add (files, g_value_dup_object (value));
    }

  return files;
}

static void
unmark (KikuImageDrop *self)
{
  if (self->marked != NULL)
    gtk_widget_remove_css_class (self->marked, self->mark);
  g_clear_object (&self->marked);
}

static GdkDragAction
on_motion (GtkDropTarget *target,
           double         x,
           double         y,
           KikuImageDrop *self)
{
  g_autoptr(Place) place = self->editor ? place_at (self, x, y) : NULL;

  if (place == NULL || place->card != self->marked || g_strcmp0 (place->mark, self->mark) != 0)
    {
      unmark (self);
      if (place != NULL)
        {
          self->marked = g_object_ref (place->card);
          self->mark = place->mark;
          gtk_widget_add_css_class (self->marked, self->mark);
        }
    }

  return GDK_ACTION_COPY;
}

static void
on_leave (GtkDropTarget *target,
          KikuImageDrop *self)
{
  unmark (self);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         KikuImageDrop *self)
{
  g_autoptr(GPtrArray) files = files_of (value);
  g_autoptr(GBytes) bytes = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE) && g_value_get_object (value) != NULL)
    bytes = gdk_texture_save_to_png_bytes (g_value_get_object (value));

  unmark (self);
  if (files->len == 0 && bytes == NULL)
    return FALSE;

  import (self, place_at (self, x, y), files, bytes);

  return TRUE;
}

/* Pasting ---------------------------------------------------------------------- */

static GdkContentFormats *
clipboard_types (GtkWidget *widget)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (widget));

  return gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (formats));
}

static void
on_files_read (GObject      *clipboard,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(Place) place = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  KikuImageDrop *self;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (clipboard), result, &error);
  if (value == NULL || (files = files_of (value))->len == 0)
    {
      tell (place->self, _("The clipboard holds no image to paste"));
      return;
    }

  self = place->self;
  import (self, g_steal_pointer (&place), files, NULL);
}

static void
on_texture_read (GObject      *clipboard,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(Place) place = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  KikuImageDrop *self;

  if (!(texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (clipboard), result, &error)))
    {
      tell (place->self, _("The clipboard holds no image to paste"));
      return;
    }

  bytes = gdk_texture_save_to_png_bytes (texture);
  self = place->self;
  import (self, g_steal_pointer (&place), NULL, bytes);
}

static void
paste (KikuImageDrop *self)
{
  g_autoptr(GdkContentFormats) formats = NULL;
  GdkClipboard *clipboard;
  Place *place;

  if (self->editor == NULL)
    return;

  clipboard = gtk_widget_get_clipboard (self->editor);
  formats = clipboard_types (self->editor);

  if (!gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) &&
      !gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      tell (self, _("The clipboard holds no image to paste"));
      return;
    }

  if (!(place = place_at_focus (self)))
    {
      import (self, NULL, NULL, NULL);
      return;
    }

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_files_read, place);
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, on_texture_read, place);
}

static void
on_paste_action (GSimpleAction *action,
                 GVariant      *parameter,
                 KikuImageDrop *self)
{
  paste (self);
}

static gboolean
is_text_input (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget))
      return TRUE;

  return FALSE;
}

/* Ctrl+V pastes an image when the clipboard holds one, except in a text
 * field while it also holds text (a copied file's path, say): that text is
 * the field's to paste.
 */
static gboolean
on_paste_key (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  KikuImageDrop *self = data;
  g_autoptr(GdkContentFormats) formats = clipboard_types (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean has_image, has_text;

  has_image = gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
              gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
  has_text = gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);

  if (!has_image)
    return FALSE;
  if (root != NULL && is_text_input (gtk_root_get_focus (root)) &&
      (has_text || gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST)))
    return FALSE;

  paste (self);

  return TRUE;
}

static void
on_editor_gone (gpointer  data,
                GObject  *where_it_was)
{
  KikuImageDrop *self = data;

  self->editor = NULL;
  g_cancellable_cancel (self->cancellable);
}

static void
kiku_image_drop_dispose (GObject *object)
{
  KikuImageDrop *self = KIKU_IMAGE_DROP (object);

  g_cancellable_cancel (self->cancellable);
  unmark (self);
  if (self->editor != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->editor), on_editor_gone, self);
      self->editor = NULL;
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (kiku_image_drop_parent_class)->dispose (object);
}

static void
kiku_image_drop_class_init (KikuImageDropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_image_drop_dispose;
}

static void
kiku_image_drop_init (KikuImageDrop *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * kiku_image_drop_attach:
 * @editor: the form: images dropped on it or pasted into it go into
 *   @document's article
 *
 * Gives @editor a drop target for image files and pictures, the action
 * image.paste, and Ctrl+V for it, for as long as it lives.
 */
void
kiku_image_drop_attach (GtkWidget    *editor,
                        KikuDocument *document)
{
  g_autoptr(KikuImageDrop) self = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("paste", NULL);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };
  GtkDropTarget *target;
  GtkEventController *shortcuts;

  g_return_if_fail (GTK_IS_WIDGET (editor));
  g_return_if_fail (KIKU_IS_DOCUMENT (document));

  self = g_object_new (KIKU_TYPE_IMAGE_DROP, NULL);
  self->editor = editor;
  self->document = g_object_ref (document);
  g_object_weak_ref (G_OBJECT (editor), on_editor_gone, self);

  /* In the capture phase: a text field would take a dropped file's path
   * as text.
   */
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  g_signal_connect_data (target, "drop", G_CALLBACK (on_drop), g_object_ref (self),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  g_signal_connect_data (target, "motion", G_CALLBACK (on_motion), g_object_ref (self),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  g_signal_connect_data (target, "leave", G_CALLBACK (on_leave), g_object_ref (self),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_widget_add_controller (editor, GTK_EVENT_CONTROLLER (target));

  g_signal_connect_data (action, "activate", G_CALLBACK (on_paste_action), g_object_ref (self),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (editor, "image", G_ACTION_GROUP (group));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_paste_key, g_object_ref (self),
                                                                                   g_object_unref)));
  gtk_widget_add_controller (editor, shortcuts);
}
