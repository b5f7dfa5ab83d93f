/* kiku-paragraph.c: a paragraph of CommonMark text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-paragraph"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-paragraph.h"

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

struct _KikuParagraph
{
  KikuBlock parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_TEXT + 1];
};

G_DEFINE_FINAL_TYPE (KikuParagraph, kiku_paragraph, KIKU_TYPE_BLOCK)

static void
kiku_paragraph_finalize (GObject *object)
{
  KikuParagraph *self = (KikuParagraph *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_paragraph_parent_class)->finalize (object);
}

static void
kiku_paragraph_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KikuParagraph *self = KIKU_PARAGRAPH (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->strings[prop_id]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_paragraph_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KikuParagraph *self = KIKU_PARAGRAPH (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      _kiku_node_set_string (KIKU_NODE (self), &self->strings[prop_id],
                             g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_paragraph_class_init (KikuParagraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KikuBlockClass *block_class = KIKU_BLOCK_CLASS (klass);

  object_class->finalize = kiku_paragraph_finalize;
  object_class->get_property = kiku_paragraph_get_property;
  object_class->set_property = kiku_paragraph_set_property;

  block_class->kind = "paragraph";

  /* CommonMark text with inline markup. */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_paragraph_init (KikuParagraph *self)
{
}

KikuParagraph *
kiku_paragraph_new (void)
{
  return g_object_new (KIKU_TYPE_PARAGRAPH, NULL);
}

/**
 * kiku_paragraph_get_text:
 *
 * Returns: (nullable): CommonMark text with inline markup
 */
const char *
kiku_paragraph_get_text (KikuParagraph *self)
{
  g_return_val_if_fail (KIKU_IS_PARAGRAPH (self), NULL);

  return self->strings[PROP_TEXT];
}

void
kiku_paragraph_set_text (KikuParagraph *self,
                       const char *text)
{
  g_return_if_fail (KIKU_IS_PARAGRAPH (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_TEXT],
                         text, properties [PROP_TEXT]);
}
