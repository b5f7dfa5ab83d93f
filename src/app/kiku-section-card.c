/* kiku-section-card.c: the card that edits one section and its blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-section-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-block-card.h"
#include "kiku-cite-paste.h"
#include "kiku-editor-private.h"
#include "kiku-section-card.h"

/* A section: its title ("Section 2") and commands, its heading, question
 * and answer, then the cards of its blocks, which follow the section's list
 * of blocks by its deltas, and the Add Block menu for the end.
 */

struct _KikuSectionCard
{
  GtkBox        parent_instance;

  KikuSection  *section;
  KikuEditor   *editor;     /* an ancestor: it outlives the card */
  KikuCardList *blocks;

  GtkWidget    *title;
  GtkWidget    *fields;
  GtkWidget    *blocks_box;
  GtkWidget    *add_block_button;
};

G_DEFINE_FINAL_TYPE (KikuSectionCard, kiku_section_card, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SECTION,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
move_section (KikuSectionCard *self,
              int              delta)
{
  kiku_node_move_by (KIKU_NODE (self->section), delta);
}

static void
insert_section (KikuSectionCard *self,
                guint            offset)
{
  g_autoptr(KikuSection) section = kiku_section_new ();

  kiku_node_insert_beside (KIKU_NODE (self->section), KIKU_NODE (section), offset > 0);
}

static void
on_move_up (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  move_section (KIKU_SECTION_CARD (widget), -1);
}

static void
on_move_down (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  move_section (KIKU_SECTION_CARD (widget), 1);
}

static void
on_add_after (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  insert_section (KIKU_SECTION_CARD (widget), 1);
}

static void
on_delete (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  kiku_node_remove (KIKU_NODE (KIKU_SECTION_CARD (widget)->section));
}

static void
on_add_block (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KikuSectionCard *self = KIKU_SECTION_CARD (widget);
  g_autoptr(KikuBlock) block = kiku_block_new_for_kind (g_variant_get_string (parameter, NULL));

  g_return_if_fail (block != NULL);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->add_block_button));
  kiku_list_append (kiku_section_get_blocks (self->section), block);
}

/* In the section's own fields: Alt+↑ and Alt+↓ move it, Alt+Enter puts a
 * new section below it and Shift+Alt+Enter above it.
 */
static gboolean
on_fields_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               KikuSectionCard       *self)
{
  if (!(state & GDK_ALT_MASK) || (state & GDK_CONTROL_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      move_section (self, keyval == GDK_KEY_Up ? -1 : 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      insert_section (self, (state & GDK_SHIFT_MASK) ? 0 : 1);
      return TRUE;

    default:
      return FALSE;
    }
}

static GtkWidget *
create_block_card (gpointer data,
                   gpointer item)
{
  KikuSectionCard *self = data;

  return kiku_block_card_new (_kiku_editor_get_context (self->editor), item);
}

static void
block_placed (gpointer   data,
              GtkWidget *card,
              guint      index,
              guint      n_items)
{
  kiku_block_card_set_ends (KIKU_BLOCK_CARD (card), index == 0, index + 1 == n_items);
}

static void
kiku_section_card_constructed (GObject *object)
{
  KikuSectionCard *self = KIKU_SECTION_CARD (object);
  KikuFieldContext *context;
  KikuNode *node = KIKU_NODE (self->section);
  const struct { const char *property; const char *title; } entries[] = {
    { "heading", N_("Heading") },
    { "question", N_("Question") },
    { "answer", N_("Answer") },
  };

  G_OBJECT_CLASS (kiku_section_card_parent_class)->constructed (object);

  g_assert (KIKU_IS_SECTION (self->section));
  g_assert (KIKU_IS_EDITOR (self->editor));

  context = _kiku_editor_get_context (self->editor);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkWidget *row = kiku_field_entry_row (context, node, entries[i].property, _(entries[i].title), 0);

      /* A web address pasted here offers a source box at the section's top. */
      kiku_cite_offer_on_paste (row);
      gtk_list_box_append (GTK_LIST_BOX (self->fields), row);
    }

  /* For as long as the card lives. */
  self->blocks = _kiku_card_list_new (self->editor, kiku_section_get_blocks (self->section),
                                      self->blocks_box, NULL, create_block_card, block_placed, self);
}

static void
kiku_section_card_dispose (GObject *object)
{
  KikuSectionCard *self = KIKU_SECTION_CARD (object);

  g_clear_pointer (&self->blocks, _kiku_card_list_free);
  /* Dispose may run again when a reference outlived the first run. */
  if (self->fields != NULL)
    gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_SECTION_CARD);
  g_clear_object (&self->section);
  self->editor = NULL;

  G_OBJECT_CLASS (kiku_section_card_parent_class)->dispose (object);
}

static void
kiku_section_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KikuSectionCard *self = KIKU_SECTION_CARD (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;

    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_section_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KikuSectionCard *self = KIKU_SECTION_CARD (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      self->section = g_value_dup_object (value);
      break;

    case PROP_EDITOR:
      self->editor = g_value_get_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_section_card_class_init (KikuSectionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_section_card_constructed;
  object_class->dispose = kiku_section_card_dispose;
  object_class->get_property = kiku_section_card_get_property;
  object_class->set_property = kiku_section_card_set_property;

  /* The section the card edits. */
  properties [PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL,
                         KIKU_TYPE_SECTION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The form the card is in, which keeps the writer's place. */
  properties [PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         KIKU_TYPE_EDITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-section-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuSectionCard, title);
  gtk_widget_class_bind_template_child (widget_class, KikuSectionCard, fields);
  gtk_widget_class_bind_template_child (widget_class, KikuSectionCard, blocks_box);
  gtk_widget_class_bind_template_child (widget_class, KikuSectionCard, add_block_button);

  gtk_widget_class_install_action (widget_class, "section.move-up", NULL, on_move_up);
  gtk_widget_class_install_action (widget_class, "section.move-down", NULL, on_move_down);
  gtk_widget_class_install_action (widget_class, "section.add-after", NULL, on_add_after);
  gtk_widget_class_install_action (widget_class, "section.delete", NULL, on_delete);
  gtk_widget_class_install_action (widget_class, "section.add-block", "s", on_add_block);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "kiku-section-card");
}

static void
kiku_section_card_init (KikuSectionCard *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_fields_key), self);
  gtk_widget_add_controller (self->fields, keys);
}

/**
 * kiku_section_card_new:
 * @editor: the form the card goes in
 *
 * Returns: (transfer floating): the card for @section
 */
GtkWidget *
kiku_section_card_new (KikuEditor  *editor,
                       KikuSection *section)
{
  g_return_val_if_fail (KIKU_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (KIKU_IS_SECTION (section), NULL);

  return g_object_new (KIKU_TYPE_SECTION_CARD, "editor", editor, "section", section, NULL);
}

/**
 * kiku_section_card_get_section:
 *
 * Returns: (transfer none): the section the card edits
 */
KikuSection *
kiku_section_card_get_section (KikuSectionCard *self)
{
  g_return_val_if_fail (KIKU_IS_SECTION_CARD (self), NULL);

  return self->section;
}

/**
 * kiku_section_card_set_place:
 *
 * Says where the section is among the @n_items of its page: its title
 * ("Section 2") says so, and it cannot move past the ends.
 */
void
kiku_section_card_set_place (KikuSectionCard *self,
                             guint            index,
                             guint            n_items)
{
  g_autofree char *title = NULL;

  g_return_if_fail (KIKU_IS_SECTION_CARD (self));

  /* Translators: a section of a page, counted from 1 */
  title = g_strdup_printf (_("Section %u"), index + 1);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "section.move-up", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "section.move-down", index + 1 < n_items);
}
