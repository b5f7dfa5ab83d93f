/* kiku-outline-row.c: one row of the outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-outline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-outline-row.h"

/* A row names what it jumps to: the article's fields by their label,
 * pages and sections by their place and title. Assistive technologies hear
 * the place too ("Section 2: Opening hours"), which the row shows by its
 * indentation.
 */

struct _KikuOutlineRow
{
  GtkListBoxRow  parent_instance;

  KikuNode      *node;
  char          *property;
  char          *text;
  guint          depth;

  GtkWidget     *label;
};

G_DEFINE_FINAL_TYPE (KikuOutlineRow, kiku_outline_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_NODE,
  PROP_FIELD,
  PROP_LABEL,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_outline_row_constructed (GObject *object)
{
  KikuOutlineRow *self = KIKU_OUTLINE_ROW (object);
  g_autofree char *place = NULL;
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (kiku_outline_row_parent_class)->constructed (object);

  gtk_label_set_text (GTK_LABEL (self->label), self->text);
  gtk_widget_set_margin_start (self->label, 6 + 16 * self->depth);

  place = KIKU_IS_PAGE (self->node) || KIKU_IS_SECTION (self->node)
    ? kiku_node_dup_item_name (self->node) : NULL;
  if (place != NULL && g_strcmp0 (place, self->text) != 0)
    /* Translators: an outline row's name for screen readers, "Section 2: Opening hours" */
    name = g_strdup_printf (_("%s: %s"), place, self->text);
  else
    name = g_strdup (self->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
kiku_outline_row_dispose (GObject *object)
{
  KikuOutlineRow *self = KIKU_OUTLINE_ROW (object);

  /* The label is the row's child, which GtkListBoxRow lets go of itself:
   * gtk_widget_dispose_template() would take it away behind its back.
   */
  self->label = NULL;
  g_clear_object (&self->node);

  G_OBJECT_CLASS (kiku_outline_row_parent_class)->dispose (object);
}

static void
kiku_outline_row_finalize (GObject *object)
{
  KikuOutlineRow *self = KIKU_OUTLINE_ROW (object);

  g_free (self->property);
  g_free (self->text);

  G_OBJECT_CLASS (kiku_outline_row_parent_class)->finalize (object);
}

static void
kiku_outline_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KikuOutlineRow *self = KIKU_OUTLINE_ROW (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;

    case PROP_FIELD:
      g_value_set_string (value, self->property);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->text);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_outline_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KikuOutlineRow *self = KIKU_OUTLINE_ROW (object);

  switch (prop_id)
    {
    case PROP_NODE:
      self->node = g_value_dup_object (value);
      break;

    case PROP_FIELD:
      self->property = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->text = g_value_dup_string (value);
      break;

    case PROP_DEPTH:
      self->depth = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_outline_row_class_init (KikuOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_outline_row_constructed;
  object_class->dispose = kiku_outline_row_dispose;
  object_class->finalize = kiku_outline_row_finalize;
  object_class->get_property = kiku_outline_row_get_property;
  object_class->set_property = kiku_outline_row_set_property;

  /* What the row jumps to. */
  properties [PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL,
                         KIKU_TYPE_NODE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The property of the node whose field takes the focus, or none. */
  properties [PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* How far it is indented: 0 for a page, 1 for a section. */
  properties [PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, 8, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-outline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuOutlineRow, label);
}

static void
kiku_outline_row_init (KikuOutlineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_outline_row_new:
 * @property: (nullable): the property whose field takes the focus
 *
 * Returns: (transfer floating): a row that jumps to @node
 */
GtkWidget *
kiku_outline_row_new (KikuNode   *node,
                      const char *property,
                      const char *label,
                      guint       depth)
{
  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);

  return g_object_new (KIKU_TYPE_OUTLINE_ROW,
                       "node", node,
                       "field", property,
                       "label", label,
                       "depth", depth,
                       NULL);
}

KikuNode *
kiku_outline_row_get_node (KikuOutlineRow *self)
{
  g_return_val_if_fail (KIKU_IS_OUTLINE_ROW (self), NULL);

  return self->node;
}

const char *
kiku_outline_row_get_field (KikuOutlineRow *self)
{
  g_return_val_if_fail (KIKU_IS_OUTLINE_ROW (self), NULL);

  return self->property;
}
