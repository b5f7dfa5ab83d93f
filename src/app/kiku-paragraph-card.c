/* kiku-paragraph-card.c: the card that edits a paragraph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-paragraph-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-cite-paste.h"
#include "kiku-paragraph-card.h"

struct _KikuParagraphCard
{
  KikuBlockCard  parent_instance;

  GtkWidget     *text_slot;
};

G_DEFINE_FINAL_TYPE (KikuParagraphCard, kiku_paragraph_card, KIKU_TYPE_BLOCK_CARD)

static void
kiku_paragraph_card_constructed (GObject *object)
{
  KikuParagraphCard *self = KIKU_PARAGRAPH_CARD (object);
  KikuBlockCard *card = KIKU_BLOCK_CARD (object);
  GtkWidget *text;

  G_OBJECT_CLASS (kiku_paragraph_card_parent_class)->constructed (object);

  text = kiku_field_text_view (kiku_block_card_get_context (card),
                               KIKU_NODE (kiku_block_card_get_block (card)),
                               "text", _("Paragraph"), 0);
  /* A web address pasted on a line of its own offers a source box below. */
  kiku_cite_offer_on_paste (text);
  gtk_box_append (GTK_BOX (self->text_slot), text);
}

static void
kiku_paragraph_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_PARAGRAPH_CARD);

  G_OBJECT_CLASS (kiku_paragraph_card_parent_class)->dispose (object);
}

static void
kiku_paragraph_card_class_init (KikuParagraphCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_paragraph_card_constructed;
  object_class->dispose = kiku_paragraph_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-paragraph-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuParagraphCard, text_slot);
}

static void
kiku_paragraph_card_init (KikuParagraphCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
