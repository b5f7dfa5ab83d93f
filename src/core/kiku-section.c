/* kiku-section.c: a section of a page: heading, question and answer, and its blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-section"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-block.h"
#include "kiku-section.h"

enum {
  PROP_0,
  PROP_HEADING,
  PROP_QUESTION,
  PROP_ANSWER,
  PROP_BLOCKS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

struct _KikuSection
{
  KikuNode parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_ANSWER + 1];
  KikuList *blocks;
};

G_DEFINE_FINAL_TYPE (KikuSection, kiku_section, KIKU_TYPE_NODE)

static void
kiku_section_dispose (GObject *object)
{
  KikuSection *self = (KikuSection *)object;

  if (self->blocks != NULL)
    _kiku_list_disown (self->blocks);
  g_clear_object (&self->blocks);

  G_OBJECT_CLASS (kiku_section_parent_class)->dispose (object);
}

static void
kiku_section_finalize (GObject *object)
{
  KikuSection *self = (KikuSection *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_section_parent_class)->finalize (object);
}

static void
kiku_section_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KikuSection *self = KIKU_SECTION (object);

  switch (prop_id)
    {
    case PROP_HEADING:
    case PROP_QUESTION:
    case PROP_ANSWER:
      g_value_set_string (value, self->strings[prop_id]);
      break;

    case PROP_BLOCKS:
      g_value_set_object (value, self->blocks);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_section_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KikuSection *self = KIKU_SECTION (object);

  switch (prop_id)
    {
    case PROP_HEADING:
    case PROP_QUESTION:
    case PROP_ANSWER:
      _kiku_node_set_string (KIKU_NODE (self), &self->strings[prop_id],
                             g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_section_class_init (KikuSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_section_dispose;
  object_class->finalize = kiku_section_finalize;
  object_class->get_property = kiku_section_get_property;
  object_class->set_property = kiku_section_set_property;

  /* The section heading. */
  properties [PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A question the section answers, ending with ? or ？. */
  properties [PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The one-line answer to the question. */
  properties [PROP_ANSWER] =
    g_param_spec_string ("answer", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The blocks of the section, in order: a list of KikuBlock. */
  properties [PROP_BLOCKS] =
    g_param_spec_object ("blocks", NULL, NULL,
                         KIKU_TYPE_LIST,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_section_init (KikuSection *self)
{
  self->blocks = _kiku_list_new (KIKU_NODE (self), "blocks", KIKU_TYPE_BLOCK);
}

KikuSection *
kiku_section_new (void)
{
  return g_object_new (KIKU_TYPE_SECTION, NULL);
}

/**
 * kiku_section_get_heading:
 *
 * Returns: (nullable): the section heading
 */
const char *
kiku_section_get_heading (KikuSection *self)
{
  g_return_val_if_fail (KIKU_IS_SECTION (self), NULL);

  return self->strings[PROP_HEADING];
}

void
kiku_section_set_heading (KikuSection *self,
                        const char *heading)
{
  g_return_if_fail (KIKU_IS_SECTION (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_HEADING],
                         heading, properties [PROP_HEADING]);
}

/**
 * kiku_section_get_question:
 *
 * Returns: (nullable): a question the section answers, ending with ? or ？
 */
const char *
kiku_section_get_question (KikuSection *self)
{
  g_return_val_if_fail (KIKU_IS_SECTION (self), NULL);

  return self->strings[PROP_QUESTION];
}

void
kiku_section_set_question (KikuSection *self,
                         const char *question)
{
  g_return_if_fail (KIKU_IS_SECTION (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_QUESTION],
                         question, properties [PROP_QUESTION]);
}

/**
 * kiku_section_get_answer:
 *
 * Returns: (nullable): the one-line answer to the question
 */
const char *
kiku_section_get_answer (KikuSection *self)
{
  g_return_val_if_fail (KIKU_IS_SECTION (self), NULL);

  return self->strings[PROP_ANSWER];
}

void
kiku_section_set_answer (KikuSection *self,
                       const char *answer)
{
  g_return_if_fail (KIKU_IS_SECTION (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_ANSWER],
                         answer, properties [PROP_ANSWER]);
}

/**
 * kiku_section_get_blocks:
 *
 * Returns: (transfer none): the blocks of the section, in order, a list of KikuBlock
 */
KikuList *
kiku_section_get_blocks (KikuSection *self)
{
  g_return_val_if_fail (KIKU_IS_SECTION (self), NULL);

  return self->blocks;
}
