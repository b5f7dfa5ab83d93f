/* kiku-image.c: an image with a caption and a credit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-image"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-image.h"

enum {
  PROP_0,
  PROP_SRC,
  PROP_CAPTION,
  PROP_CREDIT,
  PROP_ALT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

struct _KikuImage
{
  KikuBlock parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_ALT + 1];
};

G_DEFINE_FINAL_TYPE (KikuImage, kiku_image, KIKU_TYPE_BLOCK)

static void
kiku_image_finalize (GObject *object)
{
  KikuImage *self = (KikuImage *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_image_parent_class)->finalize (object);
}

static void
kiku_image_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KikuImage *self = KIKU_IMAGE (object);

  switch (prop_id)
    {
    case PROP_SRC:
    case PROP_CAPTION:
    case PROP_CREDIT:
    case PROP_ALT:
      g_value_set_string (value, self->strings[prop_id]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_image_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KikuImage *self = KIKU_IMAGE (object);

  switch (prop_id)
    {
    case PROP_SRC:
    case PROP_CAPTION:
    case PROP_CREDIT:
    case PROP_ALT:
      _kiku_node_set_string (KIKU_NODE (self), &self->strings[prop_id],
                             g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_image_class_init (KikuImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KikuBlockClass *block_class = KIKU_BLOCK_CLASS (klass);

  object_class->finalize = kiku_image_finalize;
  object_class->get_property = kiku_image_get_property;
  object_class->set_property = kiku_image_set_property;

  block_class->kind = "image";

  /* The image: a path relative to the article file, or a URL. */
  properties [PROP_SRC] =
    g_param_spec_string ("src", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The caption. */
  properties [PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The credit line. */
  properties [PROP_CREDIT] =
    g_param_spec_string ("credit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The alternative text. */
  properties [PROP_ALT] =
    g_param_spec_string ("alt", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_image_init (KikuImage *self)
{
}

KikuImage *
kiku_image_new (void)
{
  return g_object_new (KIKU_TYPE_IMAGE, NULL);
}

/**
 * kiku_image_get_src:
 *
 * Returns: (nullable): the image: a path relative to the article file, or a URL
 */
const char *
kiku_image_get_src (KikuImage *self)
{
  g_return_val_if_fail (KIKU_IS_IMAGE (self), NULL);

  return self->strings[PROP_SRC];
}

void
kiku_image_set_src (KikuImage *self,
                  const char *src)
{
  g_return_if_fail (KIKU_IS_IMAGE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_SRC],
                         src, properties [PROP_SRC]);
}

/**
 * kiku_image_get_caption:
 *
 * Returns: (nullable): the caption
 */
const char *
kiku_image_get_caption (KikuImage *self)
{
  g_return_val_if_fail (KIKU_IS_IMAGE (self), NULL);

  return self->strings[PROP_CAPTION];
}

void
kiku_image_set_caption (KikuImage *self,
                      const char *caption)
{
  g_return_if_fail (KIKU_IS_IMAGE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_CAPTION],
                         caption, properties [PROP_CAPTION]);
}

/**
 * kiku_image_get_credit:
 *
 * Returns: (nullable): the credit line
 */
const char *
kiku_image_get_credit (KikuImage *self)
{
  g_return_val_if_fail (KIKU_IS_IMAGE (self), NULL);

  return self->strings[PROP_CREDIT];
}

void
kiku_image_set_credit (KikuImage *self,
                     const char *credit)
{
  g_return_if_fail (KIKU_IS_IMAGE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_CREDIT],
                         credit, properties [PROP_CREDIT]);
}

/**
 * kiku_image_get_alt:
 *
 * Returns: (nullable): the alternative text
 */
const char *
kiku_image_get_alt (KikuImage *self)
{
  g_return_val_if_fail (KIKU_IS_IMAGE (self), NULL);

  return self->strings[PROP_ALT];
}

void
kiku_image_set_alt (KikuImage *self,
                  const char *alt)
{
  g_return_if_fail (KIKU_IS_IMAGE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_ALT],
                         alt, properties [PROP_ALT]);
}
