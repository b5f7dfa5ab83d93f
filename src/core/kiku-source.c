/* kiku-source.c: a cited source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-source"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-point.h"
#include "kiku-source.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuSource
{
  KikuBlock parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuSource, kiku_source, KIKU_TYPE_BLOCK)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_URL,
  PROP_PUBLISHER,
  PROP_PUBLISHED,
  PROP_IMAGE,
  PROP_IMAGE_CREDIT,
  PROP_POINTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_source_class_init (KikuSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  KIKU_BLOCK_CLASS (klass)->kind = "source";

  /*
   * title: the title of the cited article
   * url: the address of the cited article
   * publisher: the publisher label shown before the credit
   * published: the date the source was published, as YYYY-MM-DD
   * image: an image of the source: a path relative to the article file, or a URL
   * image-credit: the credit line of the image
   * points: the points the box lists from the source, a list of KikuPoint
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_TITLE,
                              "title", "url", "publisher", "published", "image", "image-credit",
                              NULL);
  properties [PROP_POINTS] = _kiku_list_param_spec ("points");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_source_init (KikuSource *self)
{
  _kiku_node_add_list (KIKU_NODE (self), properties [PROP_POINTS], KIKU_TYPE_POINT);
}

KikuSource *
kiku_source_new (void)
{
  return g_object_new (KIKU_TYPE_SOURCE, NULL);
}

KIKU_DEFINE_TEXT_ACCESSORS (KikuSource, kiku_source, KIKU_IS_SOURCE, title, PROP_TITLE)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSource, kiku_source, KIKU_IS_SOURCE, url, PROP_URL)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSource, kiku_source, KIKU_IS_SOURCE, publisher, PROP_PUBLISHER)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSource, kiku_source, KIKU_IS_SOURCE, published, PROP_PUBLISHED)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSource, kiku_source, KIKU_IS_SOURCE, image, PROP_IMAGE)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSource, kiku_source, KIKU_IS_SOURCE, image_credit, PROP_IMAGE_CREDIT)

/**
 * kiku_source_get_points:
 *
 * Returns: (transfer none): the points the box lists from the source, a list of KikuPoint
 */
KikuList *
kiku_source_get_points (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return _kiku_node_get_list (KIKU_NODE (self), properties [PROP_POINTS]);
}
