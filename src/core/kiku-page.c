/* kiku-page.c: one page of an article: its sections and the teaser of the next page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-page"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-page.h"
#include "kiku-section.h"

enum {
  PROP_0,
  PROP_TEASER,
  PROP_SECTIONS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

struct _KikuPage
{
  KikuNode parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_TEASER + 1];
  KikuList *sections;
};

G_DEFINE_FINAL_TYPE (KikuPage, kiku_page, KIKU_TYPE_NODE)

static void
kiku_page_dispose (GObject *object)
{
  KikuPage *self = (KikuPage *)object;

  if (self->sections != NULL)
    _kiku_list_disown (self->sections);
  g_clear_object (&self->sections);

  G_OBJECT_CLASS (kiku_page_parent_class)->dispose (object);
}

static void
kiku_page_finalize (GObject *object)
{
  KikuPage *self = (KikuPage *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_page_parent_class)->finalize (object);
}

static void
kiku_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KikuPage *self = KIKU_PAGE (object);

  switch (prop_id)
    {
    case PROP_TEASER:
      g_value_set_string (value, self->strings[prop_id]);
      break;

    case PROP_SECTIONS:
      g_value_set_object (value, self->sections);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  KikuPage *self = KIKU_PAGE (object);

  switch (prop_id)
    {
    case PROP_TEASER:
      _kiku_node_set_string (KIKU_NODE (self), &self->strings[prop_id],
                             g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_page_class_init (KikuPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_page_dispose;
  object_class->finalize = kiku_page_finalize;
  object_class->get_property = kiku_page_get_property;
  object_class->set_property = kiku_page_set_property;

  /* The teaser of the next page, shown after "read the next page". */
  properties [PROP_TEASER] =
    g_param_spec_string ("teaser", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The sections of the page: a list of KikuSection. */
  properties [PROP_SECTIONS] =
    g_param_spec_object ("sections", NULL, NULL,
                         KIKU_TYPE_LIST,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_page_init (KikuPage *self)
{
  self->sections = _kiku_list_new (KIKU_NODE (self), "sections", KIKU_TYPE_SECTION);
}

KikuPage *
kiku_page_new (void)
{
  return g_object_new (KIKU_TYPE_PAGE, NULL);
}

/**
 * kiku_page_get_teaser:
 *
 * Returns: (nullable): the teaser of the next page, shown after "read the next page"
 */
const char *
kiku_page_get_teaser (KikuPage *self)
{
  g_return_val_if_fail (KIKU_IS_PAGE (self), NULL);

  return self->strings[PROP_TEASER];
}

void
kiku_page_set_teaser (KikuPage *self,
                    const char *teaser)
{
  g_return_if_fail (KIKU_IS_PAGE (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_TEASER],
                         teaser, properties [PROP_TEASER]);
}

/**
 * kiku_page_get_sections:
 *
 * Returns: (transfer none): the sections of the page, a list of KikuSection
 */
KikuList *
kiku_page_get_sections (KikuPage *self)
{
  g_return_val_if_fail (KIKU_IS_PAGE (self), NULL);

  return self->sections;
}
