/* kiku-point.c: one bullet: a key point of the article or a point of a source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-point"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-point.h"

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

struct _KikuPoint
{
  KikuNode parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_TEXT + 1];
};

G_DEFINE_FINAL_TYPE (KikuPoint, kiku_point, KIKU_TYPE_NODE)

static void
kiku_point_finalize (GObject *object)
{
  KikuPoint *self = (KikuPoint *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_point_parent_class)->finalize (object);
}

static void
kiku_point_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KikuPoint *self = KIKU_POINT (object);

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
kiku_point_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KikuPoint *self = KIKU_POINT (object);

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
kiku_point_class_init (KikuPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiku_point_finalize;
  object_class->get_property = kiku_point_get_property;
  object_class->set_property = kiku_point_set_property;

  /* The text of the point. */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_point_init (KikuPoint *self)
{
}

KikuPoint *
kiku_point_new (void)
{
  return g_object_new (KIKU_TYPE_POINT, NULL);
}

/**
 * kiku_point_get_text:
 *
 * Returns: (nullable): the text of the point
 */
const char *
kiku_point_get_text (KikuPoint *self)
{
  g_return_val_if_fail (KIKU_IS_POINT (self), NULL);

  return self->strings[PROP_TEXT];
}

void
kiku_point_set_text (KikuPoint *self,
                   const char *text)
{
  g_return_if_fail (KIKU_IS_POINT (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_TEXT],
                         text, properties [PROP_TEXT]);
}
