/* kiku-comment-card.c: the card that edits a persona comment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-comment-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-a11y.h"
#include "kiku-cite-paste.h"
#include "kiku-comment-card.h"

struct _KikuCommentCard
{
  KikuBlockCard  parent_instance;

  GtkWidget     *persona;
  GtkStringList *personas;
  GtkWidget     *text_slot;
};

G_DEFINE_FINAL_TYPE (KikuCommentCard, kiku_comment_card, KIKU_TYPE_BLOCK_CARD)

static void
on_persona_selected (KikuCommentCard *self,
                     GParamSpec      *pspec,
                     GtkDropDown     *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  KikuBlock *block = kiku_block_card_get_block (KIKU_BLOCK_CARD (self));

  if (item != NULL && block != NULL)
    kiku_comment_set_persona (KIKU_COMMENT (block), gtk_string_object_get_string (item));
}

static void
kiku_comment_card_constructed (GObject *object)
{
  KikuCommentCard *self = KIKU_COMMENT_CARD (object);
  KikuBlockCard *card = KIKU_BLOCK_CARD (object);
  KikuFieldContext *context;
  KikuComment *comment;
  g_autofree char *fallback = NULL;
  const char *current;
  GtkWidget *text;

  G_OBJECT_CLASS (kiku_comment_card_parent_class)->constructed (object);

  context = kiku_block_card_get_context (card);
  comment = KIKU_COMMENT (kiku_block_card_get_block (card));

  /* The personas the site has (or the default one), and the one the
   * comment already names.
   */
  fallback = kiku_field_context_dup_persona (context);
  current = kiku_comment_get_persona (comment);
  if (context->personas != NULL && context->personas[0] != NULL)
    for (guint i = 0; context->personas[i]; i++)
      gtk_string_list_append (self->personas, context->personas[i]);
  else
    gtk_string_list_append (self->personas, fallback);
  if (current != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->personas));
      guint found = n;

      for (guint i = 0; i < n; i++)
        if (g_str_equal (gtk_string_list_get_string (self->personas, i), current))
          found = i;
      if (found == n)
        gtk_string_list_append (self->personas, current);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->persona), found);
    }
  if (current == NULL)
    kiku_comment_set_persona (comment, fallback);
  g_signal_connect_object (self->persona, "notify::selected-item",
                           G_CALLBACK (on_persona_selected), self, G_CONNECT_SWAPPED);

  text = kiku_field_text_view (context, KIKU_NODE (comment), "text", _("Comment"), 0);
  /* A persona reacts to a page as often as a paragraph cites one: a web
   * address pasted on a line of its own offers a source box below.
   */
  kiku_cite_offer_on_paste (text);
  gtk_box_append (GTK_BOX (self->text_slot), text);
}

static void
kiku_comment_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_COMMENT_CARD);

  G_OBJECT_CLASS (kiku_comment_card_parent_class)->dispose (object);
}

static void
kiku_comment_card_class_init (KikuCommentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_comment_card_constructed;
  object_class->dispose = kiku_comment_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-comment-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuCommentCard, persona);
  gtk_widget_class_bind_template_child (widget_class, KikuCommentCard, personas);
  gtk_widget_class_bind_template_child (widget_class, KikuCommentCard, text_slot);
}

static void
kiku_comment_card_init (KikuCommentCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiku_a11y_name_drop_down (GTK_DROP_DOWN (self->persona), _("Persona"));
}
