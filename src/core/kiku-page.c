/* kiku-page.c: one page of an article: its sections and the teaser of the next page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-page"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-page.h"
#include "kiku-section.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuPage
{
  KikuNode parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuPage, kiku_page, KIKU_TYPE_NODE)

enum {
  PROP_0,
  PROP_TEASER,
  PROP_SECTIONS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_page_class_init (KikuPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /*
   * teaser: the teaser of the next page, shown after "read the next page"
   * sections: the sections of the page, a list of KikuSection
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_TEASER,
                              "teaser",
                              NULL);
  properties [PROP_SECTIONS] = _kiku_list_param_spec ("sections");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_page_init (KikuPage *self)
{
  _kiku_node_add_list (KIKU_NODE (self), properties [PROP_SECTIONS], KIKU_TYPE_SECTION);
}

KikuPage *
kiku_page_new (void)
{
  return g_object_new (KIKU_TYPE_PAGE, NULL);
}

KIKU_DEFINE_TEXT_ACCESSORS (KikuPage, kiku_page, KIKU_IS_PAGE, teaser, PROP_TEASER)

/**
 * kiku_page_get_sections:
 *
 * Returns: (transfer none): the sections of the page, a list of KikuSection
 */
KikuList *
kiku_page_get_sections (KikuPage *self)
{
  g_return_val_if_fail (KIKU_IS_PAGE (self), NULL);

  return _kiku_node_get_list (KIKU_NODE (self), properties [PROP_SECTIONS]);
}
