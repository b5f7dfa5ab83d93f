/* kiku-image.c: an image with a caption and a credit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-image"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-image.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuImage
{
  KikuBlock parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuImage, kiku_image, KIKU_TYPE_BLOCK)

enum {
  PROP_0,
  PROP_SRC,
  PROP_CAPTION,
  PROP_CREDIT,
  PROP_ALT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_image_class_init (KikuImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  KIKU_BLOCK_CLASS (klass)->kind = "image";

  /*
   * src: the image: a path relative to the article file, or a URL
   * caption: the caption
   * credit: the credit line
   * alt: the alternative text
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_SRC,
                              "src", "caption", "credit", "alt",
                              NULL);

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

KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, src, PROP_SRC)
KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, caption, PROP_CAPTION)
KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, credit, PROP_CREDIT)
KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, alt, PROP_ALT)
