/* kiku-point.c: one bullet: a key point of the article or a point of a source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-point"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-point.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuPoint
{
  KikuNode parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuPoint, kiku_point, KIKU_TYPE_NODE)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_point_class_init (KikuPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /*
   * text: the text of the point
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_TEXT,
                              "text",
                              NULL);

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

KIKU_DEFINE_TEXT_ACCESSORS (KikuPoint, kiku_point, KIKU_IS_POINT, text, PROP_TEXT)
