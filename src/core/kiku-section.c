/* kiku-section.c: a section of a page: heading, question and answer, and its blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-section"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-block.h"
#include "kiku-section.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuSection
{
  KikuNode parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuSection, kiku_section, KIKU_TYPE_NODE)

enum {
  PROP_0,
  PROP_HEADING,
  PROP_QUESTION,
  PROP_ANSWER,
  PROP_BLOCKS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_section_class_init (KikuSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /*
   * heading: the section heading
   * question: a question the section answers, ending with ? or ？
   * answer: the one-line answer to the question
   * blocks: the blocks of the section, in order, a list of KikuBlock
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_HEADING,
                              "heading", "question", "answer",
                              NULL);
  properties [PROP_BLOCKS] = _kiku_list_param_spec ("blocks");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_section_init (KikuSection *self)
{
  _kiku_node_add_list (KIKU_NODE (self), properties [PROP_BLOCKS], KIKU_TYPE_BLOCK);
}

KikuSection *
kiku_section_new (void)
{
  return g_object_new (KIKU_TYPE_SECTION, NULL);
}

KIKU_DEFINE_TEXT_ACCESSORS (KikuSection, kiku_section, KIKU_IS_SECTION, heading, PROP_HEADING)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSection, kiku_section, KIKU_IS_SECTION, question, PROP_QUESTION)
KIKU_DEFINE_TEXT_ACCESSORS (KikuSection, kiku_section, KIKU_IS_SECTION, answer, PROP_ANSWER)

/**
 * kiku_section_get_blocks:
 *
 * Returns: (transfer none): the blocks of the section, in order, a list of KikuBlock
 */
KikuList *
kiku_section_get_blocks (KikuSection *self)
{
  g_return_val_if_fail (KIKU_IS_SECTION (self), NULL);

  return _kiku_node_get_list (KIKU_NODE (self), properties [PROP_BLOCKS]);
}
