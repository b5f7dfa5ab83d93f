/* kiku-source-card.c: the card that edits a source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-source-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-source-card.h"

struct _KikuSourceCard
{
  KikuBlockCard  parent_instance;

  GtkWidget     *fields;
};

G_DEFINE_FINAL_TYPE (KikuSourceCard, kiku_source_card, KIKU_TYPE_BLOCK_CARD)

static void
kiku_source_card_constructed (GObject *object)
{
  KikuSourceCard *self = KIKU_SOURCE_CARD (object);
  KikuBlockCard *card = KIKU_BLOCK_CARD (object);
  KikuFieldContext *context;
  KikuNode *node;
  GtkWidget *image;
  const struct { const char *property; const char *title; } entries[] = {
    { "title", N_("Title") },
    { "url", N_("URL") },
    { "publisher", N_("Publisher Label") },
    { "published", N_("Published (YYYY-MM-DD)") },
  };

  G_OBJECT_CLASS (kiku_source_card_parent_class)->constructed (object);

  context = kiku_block_card_get_context (card);
  node = KIKU_NODE (kiku_block_card_get_block (card));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_list_box_append (GTK_LIST_BOX (self->fields),
                         kiku_field_entry_row (context, node, entries[i].property, _(entries[i].title), 0));

  image = kiku_field_entry_row (context, node, "image", _("Image"), 0);
  kiku_block_card_add_image_chooser (card, image, "image", _("Image"));
  gtk_list_box_append (GTK_LIST_BOX (self->fields), image);
  gtk_list_box_append (GTK_LIST_BOX (self->fields),
                       kiku_field_entry_row (context, node, "image-credit", _("Image Credit"), 0));

  gtk_box_append (GTK_BOX (gtk_widget_get_parent (self->fields)),
                  kiku_field_points (context, kiku_source_get_points (KIKU_SOURCE (node)), _("Points")));
}

static void
kiku_source_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_SOURCE_CARD);

  G_OBJECT_CLASS (kiku_source_card_parent_class)->dispose (object);
}

static void
kiku_source_card_class_init (KikuSourceCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_source_card_constructed;
  object_class->dispose = kiku_source_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-source-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, fields);
}

static void
kiku_source_card_init (KikuSourceCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
