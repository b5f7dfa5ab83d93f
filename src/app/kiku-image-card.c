/* kiku-image-card.c: the card that edits an image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-image-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-image-card.h"

struct _KikuImageCard
{
  KikuBlockCard  parent_instance;

  GtkWidget     *fields;
};

G_DEFINE_FINAL_TYPE (KikuImageCard, kiku_image_card, KIKU_TYPE_BLOCK_CARD)

static void
kiku_image_card_constructed (GObject *object)
{
  KikuImageCard *self = KIKU_IMAGE_CARD (object);
  KikuBlockCard *card = KIKU_BLOCK_CARD (object);
  KikuFieldContext *context;
  KikuNode *node;
  GtkWidget *src;
  const struct { const char *property; const char *title; } entries[] = {
    { "caption", N_("Caption") },
    { "credit", N_("Credit") },
    { "alt", N_("Alternative Text") },
  };

  G_OBJECT_CLASS (kiku_image_card_parent_class)->constructed (object);

  context = kiku_block_card_get_context (card);
  node = KIKU_NODE (kiku_block_card_get_block (card));

  src = kiku_field_entry_row (context, node, "src", _("File or Web Address"), 0);
  kiku_block_card_add_image_chooser (card, src, "src", _("File or Web Address"));
  gtk_list_box_append (GTK_LIST_BOX (self->fields), src);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_list_box_append (GTK_LIST_BOX (self->fields),
                         kiku_field_entry_row (context, node, entries[i].property, _(entries[i].title), 0));
}

static void
kiku_image_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_IMAGE_CARD);

  G_OBJECT_CLASS (kiku_image_card_parent_class)->dispose (object);
}

static void
kiku_image_card_class_init (KikuImageCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_image_card_constructed;
  object_class->dispose = kiku_image_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-image-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuImageCard, fields);
}

static void
kiku_image_card_init (KikuImageCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
