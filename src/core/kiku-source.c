/* kiku-source.c: a cited source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-source"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-point.h"
#include "kiku-source.h"

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

struct _KikuSource
{
  KikuBlock parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_IMAGE_CREDIT + 1];
  KikuList *points;
};

G_DEFINE_FINAL_TYPE (KikuSource, kiku_source, KIKU_TYPE_BLOCK)

static void
kiku_source_dispose (GObject *object)
{
  KikuSource *self = (KikuSource *)object;

  if (self->points != NULL)
    _kiku_list_disown (self->points);
  g_clear_object (&self->points);

  G_OBJECT_CLASS (kiku_source_parent_class)->dispose (object);
}

static void
kiku_source_finalize (GObject *object)
{
  KikuSource *self = (KikuSource *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_source_parent_class)->finalize (object);
}

static void
kiku_source_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KikuSource *self = KIKU_SOURCE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
    case PROP_URL:
    case PROP_PUBLISHER:
    case PROP_PUBLISHED:
    case PROP_IMAGE:
    case PROP_IMAGE_CREDIT:
      g_value_set_string (value, self->strings[prop_id]);
      break;

    case PROP_POINTS:
      g_value_set_object (value, self->points);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_source_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KikuSource *self = KIKU_SOURCE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
    case PROP_URL:
    case PROP_PUBLISHER:
    case PROP_PUBLISHED:
    case PROP_IMAGE:
    case PROP_IMAGE_CREDIT:
      _kiku_node_set_string (KIKU_NODE (self), &self->strings[prop_id],
                             g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_source_class_init (KikuSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KikuBlockClass *block_class = KIKU_BLOCK_CLASS (klass);

  object_class->dispose = kiku_source_dispose;
  object_class->finalize = kiku_source_finalize;
  object_class->get_property = kiku_source_get_property;
  object_class->set_property = kiku_source_set_property;

  block_class->kind = "source";

  /* The title of the cited article. */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The address of the cited article. */
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The publisher label shown before the credit. */
  properties [PROP_PUBLISHER] =
    g_param_spec_string ("publisher", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The date the source was published, as YYYY-MM-DD. */
  properties [PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An image of the source: a path relative to the article file, or a URL. */
  properties [PROP_IMAGE] =
    g_param_spec_string ("image", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The credit line of the image. */
  properties [PROP_IMAGE_CREDIT] =
    g_param_spec_string ("image-credit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The points the box lists from the source: a list of KikuPoint. */
  properties [PROP_POINTS] =
    g_param_spec_object ("points", NULL, NULL,
                         KIKU_TYPE_LIST,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_source_init (KikuSource *self)
{
  self->points = _kiku_list_new (KIKU_NODE (self), "points", KIKU_TYPE_POINT);
}

KikuSource *
kiku_source_new (void)
{
  return g_object_new (KIKU_TYPE_SOURCE, NULL);
}

/**
 * kiku_source_get_title:
 *
 * Returns: (nullable): the title of the cited article
 */
const char *
kiku_source_get_title (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->strings[PROP_TITLE];
}

void
kiku_source_set_title (KikuSource *self,
                     const char *title)
{
  g_return_if_fail (KIKU_IS_SOURCE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_TITLE],
                         title, properties [PROP_TITLE]);
}

/**
 * kiku_source_get_url:
 *
 * Returns: (nullable): the address of the cited article
 */
const char *
kiku_source_get_url (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->strings[PROP_URL];
}

void
kiku_source_set_url (KikuSource *self,
                   const char *url)
{
  g_return_if_fail (KIKU_IS_SOURCE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_URL],
                         url, properties [PROP_URL]);
}

/**
 * kiku_source_get_publisher:
 *
 * Returns: (nullable): the publisher label shown before the credit
 */
const char *
kiku_source_get_publisher (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->strings[PROP_PUBLISHER];
}

void
kiku_source_set_publisher (KikuSource *self,
                         const char *publisher)
{
  g_return_if_fail (KIKU_IS_SOURCE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_PUBLISHER],
                         publisher, properties [PROP_PUBLISHER]);
}

/**
 * kiku_source_get_published:
 *
 * Returns: (nullable): the date the source was published, as YYYY-MM-DD
 */
const char *
kiku_source_get_published (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->strings[PROP_PUBLISHED];
}

void
kiku_source_set_published (KikuSource *self,
                         const char *published)
{
  g_return_if_fail (KIKU_IS_SOURCE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_PUBLISHED],
                         published, properties [PROP_PUBLISHED]);
}

/**
 * kiku_source_get_image:
 *
 * Returns: (nullable): an image of the source: a path relative to the article file, or a URL
 */
const char *
kiku_source_get_image (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->strings[PROP_IMAGE];
}

void
kiku_source_set_image (KikuSource *self,
                     const char *image)
{
  g_return_if_fail (KIKU_IS_SOURCE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_IMAGE],
                         image, properties [PROP_IMAGE]);
}

/**
 * kiku_source_get_image_credit:
 *
 * Returns: (nullable): the credit line of the image
 */
const char *
kiku_source_get_image_credit (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->strings[PROP_IMAGE_CREDIT];
}

void
kiku_source_set_image_credit (KikuSource *self,
                            const char *image_credit)
{
  g_return_if_fail (KIKU_IS_SOURCE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_IMAGE_CREDIT],
                         image_credit, properties [PROP_IMAGE_CREDIT]);
}

/**
 * kiku_source_get_points:
 *
 * Returns: (transfer none): the points the box lists from the source, a list of KikuPoint
 */
KikuList *
kiku_source_get_points (KikuSource *self)
{
  g_return_val_if_fail (KIKU_IS_SOURCE (self), NULL);

  return self->points;
}
