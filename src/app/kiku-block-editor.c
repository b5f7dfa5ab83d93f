/* kiku-block-editor.c: the card that edits one block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-block-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-block-editor.h"

/* A card: a header with the block's kind, a handle to drag it by and its
 * commands (move, convert, delete), then the fields of its kind. Alt+↑ and
 * Alt+↓ anywhere in it move the block.
 */

typedef struct
{
  KikuFieldContext *context;
  KikuBlock        *block;
  GtkWidget        *up;
  GtkWidget        *down;
} Card;

static void
card_free (gpointer data)
{
  Card *card = data;

  g_object_unref (card->block);
  g_free (card);
}

static const char *
kind_title (KikuBlock *block)
{
  if (KIKU_IS_PARAGRAPH (block))
    return _("Paragraph");
  if (KIKU_IS_SOURCE (block))
    return _("Source Box");
  if (KIKU_IS_COMMENT (block))
    return _("Persona Comment");
  if (KIKU_IS_IMAGE (block))
    return _("Image");
  g_assert_not_reached ();
}

static void
move_block (Card *card,
            int   delta)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (card->block));
  guint position = 0;
  int target;

  if (list == NULL || !kiku_list_find (list, KIKU_NODE (card->block), &position))
    return;

  target = (int)position + delta;
  if (target < 0 || target >= (int)kiku_list_get_length (list))
    return;

  kiku_list_move (list, position, target);
}

static void
on_up (GtkButton *button,
       Card      *card)
{
  move_block (card, -1);
}

static void
on_down (GtkButton *button,
         Card      *card)
{
  move_block (card, 1);
}

static void
on_delete (GtkButton *button,
           Card      *card)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (card->block));
  guint position = 0;

  if (list != NULL && kiku_list_find (list, KIKU_NODE (card->block), &position))
    {
      g_autoptr(KikuNode) removed = kiku_list_remove (list, position);
    }
}

/* A paragraph becomes a comment and back, keeping its text: one step. */
static void
on_convert (GtkButton *button,
            Card      *card)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (card->block));
  g_autoptr(KikuBlock) replacement = NULL;
  g_autoptr(KikuNode) removed = NULL;
  guint position = 0;

  if (list == NULL || !kiku_list_find (list, KIKU_NODE (card->block), &position))
    return;

  if (KIKU_IS_PARAGRAPH (card->block))
    {
      g_autofree char *persona = card->context->settings
        ? g_settings_get_string (card->context->settings, "default-persona") : NULL;

      replacement = KIKU_BLOCK (kiku_comment_new ());
      kiku_comment_set_text (KIKU_COMMENT (replacement), kiku_paragraph_get_text (KIKU_PARAGRAPH (card->block)));
      kiku_comment_set_persona (KIKU_COMMENT (replacement), persona);
    }
  else
    {
      replacement = KIKU_BLOCK (kiku_paragraph_new ());
      kiku_paragraph_set_text (KIKU_PARAGRAPH (replacement), kiku_comment_get_text (KIKU_COMMENT (card->block)));
    }

  /* Removing the block destroys this card: nothing of it is used after. */
  {
    KikuHistory *history = card->context->history;

    if (history != NULL)
      kiku_history_begin_group (history);
    removed = kiku_list_remove (list, position);
    kiku_list_insert (list, position, replacement);
    if (history != NULL)
      kiku_history_end_group (history);
  }
}

/* A block of @kind put below this one. */
static void
add_below (Card       *card,
           const char *kind)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (card->block));
  g_autoptr(KikuBlock) block = NULL;
  guint position = 0;

  if (list == NULL || !kiku_list_find (list, KIKU_NODE (card->block), &position))
    return;

  block = kiku_block_new_for_kind (kind);
  kiku_list_insert (list, position + 1, block);
}

static void
on_add_below (GtkButton *button,
              Card      *card)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  add_below (card, g_object_get_data (G_OBJECT (button), "kiku-kind"));
}

static gboolean
on_add_below_shortcut (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   data)
{
  add_below (data, "paragraph");
  return TRUE;
}

/* A menu of the kinds of block, to put one below this one. */
static GtkWidget *
add_below_button (Card *card)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const struct { const char *kind; const char *label; } kinds[] = {
    { "paragraph", N_("_Paragraph") },
    { "source", N_("_Source Box") },
    { "comment", N_("Persona _Comment") },
    { "image", N_("_Image") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(kinds[i].label));

      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "kiku-kind", (gpointer)kinds[i].kind);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_below), card);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "list-add-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Add Block Below (Alt+Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Block Below"), -1);

  return menu_button;
}

/* Alt+↑ and Alt+↓ move the block from anywhere in its card, before a
 * source view takes the key; in a list of points they move the point.
 */
static gboolean
in_points (GtkWidget *card_widget)
{
  GtkRoot *root = gtk_widget_get_root (card_widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != card_widget; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "kiku-points"))
      return TRUE;

  return FALSE;
}

static gboolean
on_move_up_shortcut (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   data)
{
  if (in_points (widget))
    return FALSE;

  move_block (data, -1);
  return TRUE;
}

static gboolean
on_move_down_shortcut (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   data)
{
  if (in_points (widget))
    return FALSE;

  move_block (data, 1);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 Card          *card)
{
  return gdk_content_provider_new_typed (KIKU_TYPE_BLOCK, card->block);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Card          *card)
{
  KikuNode *dropped = g_value_get_object (value);
  KikuList *from = kiku_node_get_list (dropped);
  KikuList *to = kiku_node_get_list (KIKU_NODE (card->block));
  guint from_position = 0, to_position = 0;

  if (from == NULL || to == NULL || dropped == KIKU_NODE (card->block) ||
      !kiku_list_find (from, dropped, &from_position) ||
      !kiku_list_find (to, KIKU_NODE (card->block), &to_position))
    return FALSE;

  kiku_history_move_item (card->context->history, from, from_position, to, to_position);

  return TRUE;
}

static GtkWidget *
entries (KikuFieldContext *context,
         KikuNode         *node,
         ...)
{
  GtkWidget *list = gtk_list_box_new ();
  const char *property;
  va_list args;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  va_start (args, node);
  while ((property = va_arg (args, const char *)))
    {
      const char *title = va_arg (args, const char *);
      gtk_list_box_append (GTK_LIST_BOX (list), kiku_field_entry_row (context, node, property, title, 0));
    }
  va_end (args);

  return list;
}

typedef struct
{
  KikuNode *node;
  char     *property;
} ChooseImage;

static void
choose_image_free (gpointer data)
{
  ChooseImage *choose = data;

  g_object_unref (choose->node);
  g_free (choose->property);
  g_free (choose);
}

typedef struct
{
  KikuNode *node;
  char     *property;
  char     *path;
} ChosenImage;

static void
on_choice_remembered (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ChosenImage *chosen = user_data;

  /* Set even when it is no image: the problems list says what is wrong. */
  kiku_article_choose_image_finish (KIKU_ARTICLE (object), result, NULL);
  g_object_set (chosen->node, chosen->property, chosen->path, NULL);

  g_object_unref (chosen->node);
  g_free (chosen->property);
  g_free (chosen->path);
  g_free (chosen);
}

static void
on_image_chosen (GtkNativeDialog *dialog,
                 int              response,
                 ChooseImage     *choose)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      KikuArticle *article = kiku_node_get_article (choose->node);

      /* Saving the article makes the path relative to its file. A file
       * chosen here may lie outside the article's folder: the article
       * remembers the choice first.
       */
      if (path != NULL && article != NULL)
        {
          ChosenImage *chosen = g_new0 (ChosenImage, 1);

          chosen->node = g_object_ref (choose->node);
          chosen->property = g_strdup (choose->property);
          chosen->path = g_steal_pointer (&path);
          kiku_article_choose_image_async (article, file, NULL, on_choice_remembered, chosen);
        }
      else if (path != NULL)
        {
          g_object_set (choose->node, choose->property, path, NULL);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_choose_image (GtkButton   *button,
                 ChooseImage *choose)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (button));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose an Image"), GTK_WINDOW (native),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_image_chosen), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A file or web address, with a button to pick a file. */
static GtkWidget *
image_row (KikuFieldContext *context,
           KikuNode         *node,
           const char       *property,
           const char       *title)
{
  GtkWidget *row = kiku_field_entry_row (context, node, property, title, 0);
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");
  ChooseImage *choose = g_new0 (ChooseImage, 1);
  g_autofree char *tooltip = g_strdup_printf (_("Choose a File for “%s”"), title);

  choose->node = g_object_ref (node);
  choose->property = g_strdup (property);
  g_object_set_data_full (G_OBJECT (button), "kiku-choose", choose, choose_image_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_choose_image), choose);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  return row;
}

static void
on_persona_selected (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     KikuComment *comment)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item != NULL)
    kiku_comment_set_persona (comment, gtk_string_object_get_string (item));
}

/* The personas the site has; for now the default one and those the article
 * already uses.
 */
static GtkWidget *
persona_row (KikuFieldContext *context,
             KikuComment      *comment)
{
  GtkWidget *row = adw_action_row_new ();
  GtkStringList *personas = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  g_autofree char *fallback = context->settings
    ? g_settings_get_string (context->settings, "default-persona") : g_strdup ("naniwa");
  const char *current = kiku_comment_get_persona (comment);
  guint selected = 0;

  gtk_string_list_append (personas, fallback);
  if (current != NULL && !g_str_equal (current, fallback))
    {
      gtk_string_list_append (personas, current);
      selected = 1;
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (personas), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Persona"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Persona"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);

  if (current == NULL)
    kiku_comment_set_persona (comment, fallback);
  g_signal_connect_object (dropdown, "notify::selected-item", G_CALLBACK (on_persona_selected), comment, 0);

  {
    GtkWidget *list = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (list), row);
    return list;
  }
}

static void
append_body (GtkBox           *body,
             KikuFieldContext *context,
             KikuBlock        *block)
{
  KikuNode *node = KIKU_NODE (block);

  if (KIKU_IS_PARAGRAPH (block))
    {
      gtk_box_append (body, kiku_field_text_view (context, node, "text", _("Paragraph"), 0));
    }
  else if (KIKU_IS_SOURCE (block))
    {
      GtkWidget *list = entries (context, node,
                                 "title", _("Title"),
                                 "url", _("URL"),
                                 "publisher", _("Publisher Label"),
                                 "published", _("Published (YYYY-MM-DD)"),
                                 NULL);

      gtk_list_box_append (GTK_LIST_BOX (list), image_row (context, node, "image", _("Image")));
      gtk_list_box_append (GTK_LIST_BOX (list),
                           kiku_field_entry_row (context, node, "image-credit", _("Image Credit"), 0));
      gtk_box_append (body, list);
      gtk_box_append (body, kiku_field_points (context, kiku_source_get_points (KIKU_SOURCE (block)), _("Points")));
    }
  else if (KIKU_IS_COMMENT (block))
    {
      gtk_box_append (body, persona_row (context, KIKU_COMMENT (block)));
      gtk_box_append (body, kiku_field_text_view (context, node, "text", _("Comment"), 0));
    }
  else if (KIKU_IS_IMAGE (block))
    {
      GtkWidget *list = entries (context, node,
                                 "caption", _("Caption"),
                                 "credit", _("Credit"),
                                 "alt", _("Alternative Text"),
                                 NULL);

      gtk_list_box_prepend (GTK_LIST_BOX (list), image_row (context, node, "src", _("File or Web Address")));
      gtk_box_append (body, list);
    }
}

/**
 * kiku_block_editor_new:
 *
 * Returns: (transfer floating): the card for @block
 */
GtkWidget *
kiku_block_editor_new (KikuFieldContext *context,
                       KikuBlock        *block)
{
  GtkWidget *card_widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *title = gtk_label_new (kind_title (block));
  GtkWidget *up = kiku_field_tool_button ("go-up-symbolic", _("Move Block Up (Alt+↑)"));
  GtkWidget *down = kiku_field_tool_button ("go-down-symbolic", _("Move Block Down (Alt+↓)"));
  GtkWidget *remove = kiku_field_tool_button ("edit-delete-symbolic", _("Delete Block"));
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (KIKU_TYPE_BLOCK, GDK_ACTION_MOVE);
  Card *card = g_new0 (Card, 1);

  card->context = context;
  card->block = g_object_ref (block);
  card->up = up;
  card->down = down;
  g_object_set_data_full (G_OBJECT (card_widget), "kiku-card", card, card_free);
  g_object_set_data (G_OBJECT (card_widget), "kiku-node", block);

  gtk_widget_add_css_class (card_widget, "card");
  gtk_widget_add_css_class (card_widget, "kiku-block");
  gtk_widget_set_margin_top (card_widget, 4);
  gtk_widget_set_margin_bottom (card_widget, 4);

  gtk_widget_set_tooltip_text (handle, _("Drag to Move"));
  gtk_widget_set_cursor_from_name (handle, "grab");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_halign (title, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_start (header, 8);
  gtk_widget_set_margin_end (header, 8);
  gtk_widget_set_margin_top (header, 6);

  gtk_box_append (GTK_BOX (header), handle);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), add_below_button (card));
  gtk_box_append (GTK_BOX (header), up);
  gtk_box_append (GTK_BOX (header), down);

  if (KIKU_IS_PARAGRAPH (block) || KIKU_IS_COMMENT (block))
    {
      GtkWidget *convert = kiku_field_tool_button ("object-flip-horizontal-symbolic",
                                          KIKU_IS_PARAGRAPH (block) ? _("Make a Persona Comment")
                                                                    : _("Make a Paragraph"));
      g_signal_connect (convert, "clicked", G_CALLBACK (on_convert), card);
      gtk_box_append (GTK_BOX (header), convert);
    }

  gtk_box_append (GTK_BOX (header), remove);
  gtk_box_append (GTK_BOX (card_widget), header);

  {
    GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

    gtk_widget_set_margin_start (body, 12);
    gtk_widget_set_margin_end (body, 12);
    gtk_widget_set_margin_bottom (body, 12);
    append_body (GTK_BOX (body), context, block);
    gtk_box_append (GTK_BOX (card_widget), body);
  }

  g_signal_connect (up, "clicked", G_CALLBACK (on_up), card);
  g_signal_connect (down, "clicked", G_CALLBACK (on_down), card);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_delete), card);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_move_up_shortcut, card, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_move_down_shortcut, card, NULL)));
  /* Alt+Enter: a paragraph below. (Ctrl+Enter publishes.) */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_ALT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_ALT_MASK)),
                                                          gtk_callback_action_new (on_add_below_shortcut, card, NULL)));
  gtk_widget_add_controller (card_widget, keys);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), card);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), card);
  gtk_widget_add_controller (card_widget, GTK_EVENT_CONTROLLER (drop));

  return card_widget;
}

/**
 * kiku_block_editor_set_ends:
 *
 * Says whether the card's block is the first or the last of its section:
 * there it cannot move further, and its buttons say so.
 */
void
kiku_block_editor_set_ends (GtkWidget *card_widget,
                            gboolean   first,
                            gboolean   last)
{
  Card *card = g_object_get_data (G_OBJECT (card_widget), "kiku-card");

  g_return_if_fail (card != NULL);

  gtk_widget_set_sensitive (card->up, !first);
  gtk_widget_set_sensitive (card->down, !last);
}
