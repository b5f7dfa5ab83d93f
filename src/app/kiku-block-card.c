/* kiku-block-card.c: the card that edits one block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-block-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-block-card.h"
#include "kiku-comment-card.h"
#include "kiku-image-card.h"
#include "kiku-paragraph-card.h"
#include "kiku-source-card.h"

/* A card: a "+" to put a block in above it, a header with the block's name,
 * a handle to drag it by and its commands (add below, move, convert,
 * delete), then the fields of its kind, which each kind's type adds. Alt+↑
 * and Alt+↓ anywhere in it move the block; Alt+Enter puts a paragraph below
 * it, Shift+Alt+Enter above it.
 */

typedef struct
{
  KikuBlock        *block;
  KikuFieldContext *context;

  GtkWidget        *insert_button;
  GtkWidget        *add_below_button;
  GtkWidget        *frame;
  GtkWidget        *handle;
  GtkWidget        *title;
  GtkWidget        *convert_button;
  GtkWidget        *body;
} KikuBlockCardPrivate;

static void kiku_block_card_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (KikuBlockCard, kiku_block_card, GTK_TYPE_BOX,
                         G_ADD_PRIVATE (KikuBlockCard)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, kiku_block_card_buildable_init))

enum {
  PROP_0,
  PROP_BLOCK,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];
static GtkBuildableIface *parent_buildable;

static KikuList *
block_list (KikuBlockCard *self,
            guint         *position)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);
  KikuList *list = kiku_node_get_list (KIKU_NODE (priv->block));

  if (list == NULL || !kiku_list_find (list, KIKU_NODE (priv->block), position))
    return NULL;

  return list;
}

static void
move_block (KikuBlockCard *self,
            int            delta)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  kiku_node_move_by (KIKU_NODE (priv->block), delta);
}

static void
insert_block (KikuBlockCard *self,
              const char    *kind,
              guint          offset)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);
  g_autoptr(KikuBlock) block = kiku_block_new_for_kind (kind);

  g_return_if_fail (block != NULL);
  kiku_node_insert_beside (KIKU_NODE (priv->block), KIKU_NODE (block), offset > 0);
}

static void
on_move_up (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  move_block (KIKU_BLOCK_CARD (widget), -1);
}

static void
on_move_down (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  move_block (KIKU_BLOCK_CARD (widget), 1);
}

static void
on_delete (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (KIKU_BLOCK_CARD (widget));

  kiku_node_remove (KIKU_NODE (priv->block));
}

static void
on_add (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (KIKU_BLOCK_CARD (widget));

  /* The menu closes before the card it belongs to moves on. */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (priv->insert_button));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (priv->add_below_button));
  insert_block (KIKU_BLOCK_CARD (widget), g_variant_get_string (parameter, NULL),
                g_str_equal (action_name, "card.add-below") ? 1 : 0);
}

/* A paragraph becomes a comment and back, keeping its text: one step. */
static void
on_convert (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KikuBlockCard *self = KIKU_BLOCK_CARD (widget);
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);
  g_autoptr(KikuBlock) block = g_object_ref (priv->block);
  KikuHistory *history = priv->context->history;
  g_autoptr(KikuBlock) replacement = NULL;
  g_autoptr(KikuNode) removed = NULL;
  guint position = 0;
  KikuList *list = block_list (self, &position);

  if (list == NULL)
    return;

  if (KIKU_IS_PARAGRAPH (block))
    {
      g_autofree char *persona = kiku_field_context_dup_persona (priv->context);

      replacement = KIKU_BLOCK (kiku_comment_new ());
      kiku_comment_set_text (KIKU_COMMENT (replacement), kiku_paragraph_get_text (KIKU_PARAGRAPH (block)));
      kiku_comment_set_persona (KIKU_COMMENT (replacement), persona);
    }
  else if (KIKU_IS_COMMENT (block))
    {
      replacement = KIKU_BLOCK (kiku_paragraph_new ());
      kiku_paragraph_set_text (KIKU_PARAGRAPH (replacement), kiku_comment_get_text (KIKU_COMMENT (block)));
    }
  else
    return;

  /* Removing the block takes this card away: nothing of it is used after. */
  if (history != NULL)
    kiku_history_begin_group (history);
  removed = kiku_list_remove (list, position);
  kiku_list_insert (list, position, replacement);
  if (history != NULL)
    kiku_history_end_group (history);
}

/* Choosing an image file ------------------------------------------------- */

typedef struct
{
  KikuNode *node;
  char     *property;
  char     *path;
} ImageChoice;

static void
image_choice_free (gpointer data)
{
  ImageChoice *choice = data;

  g_clear_object (&choice->node);
  g_free (choice->property);
  g_free (choice->path);
  g_free (choice);
}

static void
on_choice_remembered (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ImageChoice *choice = user_data;

  /* Set even when it is no image: the problems list says what is wrong. */
  kiku_article_choose_image_finish (KIKU_ARTICLE (object), result, NULL);
  g_object_set (choice->node, choice->property, choice->path, NULL);
  image_choice_free (choice);
}

static void
on_image_chosen (GtkNativeDialog *dialog,
                 int              response,
                 ImageChoice     *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      KikuArticle *article = kiku_node_get_article (choice->node);

      /* Saving the article makes the path relative to its file. A file
       * chosen here may lie outside the article's folder: the article
       * remembers the choice first.
       */
      if (path != NULL && article != NULL)
        {
          ImageChoice *chosen = g_new0 (ImageChoice, 1);

          chosen->node = g_object_ref (choice->node);
          chosen->property = g_strdup (choice->property);
          chosen->path = g_steal_pointer (&path);
          kiku_article_choose_image_async (article, file, NULL, on_choice_remembered, chosen);
        }
      else if (path != NULL)
        {
          g_object_set (choice->node, choice->property, path, NULL);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_choose_image (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (KIKU_BLOCK_CARD (widget));
  GtkNative *native = gtk_widget_get_native (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  ImageChoice *choice = g_new0 (ImageChoice, 1);

  choice->node = g_object_ref (KIKU_NODE (priv->block));
  choice->property = g_variant_dup_string (parameter, NULL);

  dialog = gtk_file_chooser_native_new (_("Choose an Image"), GTK_WINDOW (native),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* The choice goes with the dialog, which may outlive the card. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_image_chosen), choice,
                         (GClosureNotify)(void (*) (void))image_choice_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Keys --------------------------------------------------------------------- */

/* In a list of points, Alt+↑ and Alt+↓ are the point's. */
static gboolean
in_points (GtkWidget *card)
{
  GtkRoot *root = gtk_widget_get_root (card);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != card; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "kiku-points"))
      return TRUE;

  return FALSE;
}

/* The key is the card's even at an end, where the move does nothing: a
 * source view would otherwise move its lines instead.
 */
static gboolean
on_move_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  if (in_points (widget))
    return FALSE;

  move_block (KIKU_BLOCK_CARD (widget), GPOINTER_TO_INT (data));
  return TRUE;
}

static gboolean
on_insert_shortcut (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   data)
{
  insert_block (KIKU_BLOCK_CARD (widget), "paragraph", GPOINTER_TO_UINT (data));
  return TRUE;
}

static GtkShortcutTrigger *
enter_trigger (GdkModifierType modifiers)
{
  return gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, modifiers),
                                      gtk_keyval_trigger_new (GDK_KEY_KP_Enter, modifiers));
}

static void
add_shortcuts (KikuBlockCard *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (keys);

  /* Before a source view, which has its own use for these keys. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                      gtk_callback_action_new (on_move_shortcut, GINT_TO_POINTER (-1), NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                      gtk_callback_action_new (on_move_shortcut, GINT_TO_POINTER (1), NULL)));
  /* Alt+Enter: a paragraph below; with Shift, above. (Ctrl+Enter publishes.) */
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (enter_trigger (GDK_ALT_MASK),
                      gtk_callback_action_new (on_insert_shortcut, GUINT_TO_POINTER (1), NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (enter_trigger (GDK_ALT_MASK | GDK_SHIFT_MASK),
                      gtk_callback_action_new (on_insert_shortcut, GUINT_TO_POINTER (0), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* Dragging ------------------------------------------------------------------- */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 KikuBlockCard *self)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  return gdk_content_provider_new_typed (KIKU_TYPE_BLOCK, priv->block);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         KikuBlockCard *self)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);
  KikuNode *dropped = g_value_get_object (value);
  KikuList *from = kiku_node_get_list (dropped);
  KikuList *to = kiku_node_get_list (KIKU_NODE (priv->block));
  guint from_position = 0, to_position = 0;

  if (from == NULL || to == NULL || dropped == KIKU_NODE (priv->block) ||
      !kiku_list_find (from, dropped, &from_position) ||
      !kiku_list_find (to, KIKU_NODE (priv->block), &to_position))
    return FALSE;

  kiku_history_move_item (priv->context->history, from, from_position, to, to_position);

  return TRUE;
}

/* GtkBuildable: the children a kind's template adds go into the body. */
static void
kiku_block_card_add_child (GtkBuildable *buildable,
                           GtkBuilder   *builder,
                           GObject      *child,
                           const char   *type)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (KIKU_BLOCK_CARD (buildable));

  if (priv->body != NULL && GTK_IS_WIDGET (child))
    gtk_box_append (GTK_BOX (priv->body), GTK_WIDGET (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
kiku_block_card_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = kiku_block_card_add_child;
}

/* GObject -------------------------------------------------------------------- */

static void
kiku_block_card_constructed (GObject *object)
{
  KikuBlockCard *self = KIKU_BLOCK_CARD (object);
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  G_OBJECT_CLASS (kiku_block_card_parent_class)->constructed (object);

  g_assert (KIKU_IS_BLOCK (priv->block));
  g_assert (priv->context != NULL);

  if (KIKU_IS_PARAGRAPH (priv->block) || KIKU_IS_COMMENT (priv->block))
    {
      const char *tooltip = KIKU_IS_PARAGRAPH (priv->block) ? _("Make a Persona Comment")
                                                            : _("Make a Paragraph");

      gtk_widget_set_tooltip_text (priv->convert_button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (priv->convert_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_set_visible (priv->convert_button, TRUE);
    }

  kiku_block_card_set_ends (self, FALSE, FALSE);
}

static void
kiku_block_card_dispose (GObject *object)
{
  KikuBlockCard *self = KIKU_BLOCK_CARD (object);
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  /* No gtk_widget_dispose_template() here: GTK 4.8 looks the template's
   * children up under the instance's own type (the kind's card), so for
   * this parent class it finds none and asserts. GtkBox lets go of the
   * children; the template's references on them go at finalize.
   */
  priv->body = NULL;
  g_clear_object (&priv->block);

  G_OBJECT_CLASS (kiku_block_card_parent_class)->dispose (object);
}

static void
kiku_block_card_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KikuBlockCard *self = KIKU_BLOCK_CARD (object);
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_BLOCK:
      g_value_set_object (value, priv->block);
      break;

    case PROP_CONTEXT:
      g_value_set_pointer (value, priv->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_block_card_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KikuBlockCard *self = KIKU_BLOCK_CARD (object);
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_BLOCK:
      priv->block = g_value_dup_object (value);
      break;

    case PROP_CONTEXT:
      priv->context = g_value_get_pointer (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_block_card_class_init (KikuBlockCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_block_card_constructed;
  object_class->dispose = kiku_block_card_dispose;
  object_class->get_property = kiku_block_card_get_property;
  object_class->set_property = kiku_block_card_set_property;

  /* The block the card edits. */
  properties [PROP_BLOCK] =
    g_param_spec_object ("block", NULL, NULL,
                         KIKU_TYPE_BLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Where its fields report themselves: the form's, which outlives it. */
  properties [PROP_CONTEXT] =
    g_param_spec_pointer ("context", NULL, NULL,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-block-card.ui");
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, insert_button);
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, add_below_button);
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, frame);
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, handle);
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, title);
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, convert_button);
  gtk_widget_class_bind_template_child_private (widget_class, KikuBlockCard, body);

  gtk_widget_class_install_action (widget_class, "card.move-up", NULL, on_move_up);
  gtk_widget_class_install_action (widget_class, "card.move-down", NULL, on_move_down);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, on_delete);
  gtk_widget_class_install_action (widget_class, "card.convert", NULL, on_convert);
  gtk_widget_class_install_action (widget_class, "card.add-below", "s", on_add);
  gtk_widget_class_install_action (widget_class, "card.add-above", "s", on_add);
  gtk_widget_class_install_action (widget_class, "card.choose-image", "s", on_choose_image);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "kiku-block-card");
}

static void
kiku_block_card_init (KikuBlockCard *self)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (KIKU_TYPE_BLOCK, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_cursor_from_name (priv->handle, "grab");
  add_shortcuts (self);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (priv->handle, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/**
 * kiku_block_card_new:
 * @context: where the fields report themselves; it must outlive the card
 *
 * Returns: (transfer floating): the card of @block's kind
 */
GtkWidget *
kiku_block_card_new (KikuFieldContext *context,
                     KikuBlock        *block)
{
  GType type;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (KIKU_IS_BLOCK (block), NULL);

  if (KIKU_IS_PARAGRAPH (block))
    type = KIKU_TYPE_PARAGRAPH_CARD;
  else if (KIKU_IS_SOURCE (block))
    type = KIKU_TYPE_SOURCE_CARD;
  else if (KIKU_IS_COMMENT (block))
    type = KIKU_TYPE_COMMENT_CARD;
  else if (KIKU_IS_IMAGE (block))
    type = KIKU_TYPE_IMAGE_CARD;
  else
    g_return_val_if_reached (NULL);

  return g_object_new (type, "block", block, "context", context, NULL);
}

/**
 * kiku_block_card_get_block:
 *
 * Returns: (transfer none): the block the card edits
 */
KikuBlock *
kiku_block_card_get_block (KikuBlockCard *self)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_BLOCK_CARD (self), NULL);

  return priv->block;
}

KikuFieldContext *
kiku_block_card_get_context (KikuBlockCard *self)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_BLOCK_CARD (self), NULL);

  return priv->context;
}

/**
 * kiku_block_card_set_ends:
 *
 * Says whether the card's block is the first or the last of its section:
 * there it cannot move further, and its commands say so. The card's name
 * ("Source box 3") follows its place too.
 */
void
kiku_block_card_set_ends (KikuBlockCard *self,
                          gboolean       first,
                          gboolean       last)
{
  KikuBlockCardPrivate *priv = kiku_block_card_get_instance_private (self);
  g_autofree char *name = NULL;

  g_return_if_fail (KIKU_IS_BLOCK_CARD (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.move-up", !first);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.move-down", !last);

  name = kiku_node_dup_item_name (KIKU_NODE (priv->block));
  if (g_strcmp0 (name, gtk_label_get_text (GTK_LABEL (priv->title))) != 0)
    {
      gtk_label_set_text (GTK_LABEL (priv->title), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/**
 * kiku_block_card_add_image_chooser:
 * @row: an entry row of the card that takes a file or a web address
 *
 * Gives @row a button that picks an image file for @property.
 */
void
kiku_block_card_add_image_chooser (KikuBlockCard *self,
                                   GtkWidget     *row,
                                   const char    *property,
                                   const char    *title)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Choose a File for “%s”"), title);

  g_return_if_fail (KIKU_IS_BLOCK_CARD (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.choose-image");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", property);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
}
