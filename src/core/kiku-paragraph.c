/* kiku-paragraph.c: a paragraph of CommonMark text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-paragraph"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-paragraph.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuParagraph
{
  KikuBlock parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuParagraph, kiku_paragraph, KIKU_TYPE_BLOCK)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_paragraph_class_init (KikuParagraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  KIKU_BLOCK_CLASS (klass)->kind = "paragraph";

  /*
   * text: CommonMark text with inline markup
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_TEXT,
                              "text",
                              NULL);

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

KIKU_DEFINE_TEXT_ACCESSORS (KikuParagraph, kiku_paragraph, KIKU_IS_PARAGRAPH, text, PROP_TEXT)
