/* kiku-comment.c: a comment by one of the site personas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-comment"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-comment.h"

enum {
  PROP_0,
  PROP_PERSONA,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

struct _KikuComment
{
  KikuBlock parent_instance;

  /* Indexed by the PROP_ of each text property. */
  char *strings[PROP_TEXT + 1];
};

G_DEFINE_FINAL_TYPE (KikuComment, kiku_comment, KIKU_TYPE_BLOCK)

static void
kiku_comment_finalize (GObject *object)
{
  KikuComment *self = (KikuComment *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kiku_comment_parent_class)->finalize (object);
}

static void
kiku_comment_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KikuComment *self = KIKU_COMMENT (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
    case PROP_TEXT:
      g_value_set_string (value, self->strings[prop_id]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_comment_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KikuComment *self = KIKU_COMMENT (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
    case PROP_TEXT:
      _kiku_node_set_string (KIKU_NODE (self), &self->strings[prop_id],
                             g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_comment_class_init (KikuCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KikuBlockClass *block_class = KIKU_BLOCK_CLASS (klass);

  object_class->finalize = kiku_comment_finalize;
  object_class->get_property = kiku_comment_get_property;
  object_class->set_property = kiku_comment_set_property;

  block_class->kind = "comment";

  /* The id of the site persona who speaks. */
  properties [PROP_PERSONA] =
    g_param_spec_string ("persona", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What the persona says. */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_comment_init (KikuComment *self)
{
}

KikuComment *
kiku_comment_new (void)
{
  return g_object_new (KIKU_TYPE_COMMENT, NULL);
}

/**
 * kiku_comment_get_persona:
 *
 * Returns: (nullable): the id of the site persona who speaks
 */
const char *
kiku_comment_get_persona (KikuComment *self)
{
  g_return_val_if_fail (KIKU_IS_COMMENT (self), NULL);

  return self->strings[PROP_PERSONA];
}

void
kiku_comment_set_persona (KikuComment *self,
                        const char *persona)
{
  g_return_if_fail (KIKU_IS_COMMENT (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_PERSONA],
                         persona, properties [PROP_PERSONA]);
}

/**
 * kiku_comment_get_text:
 *
 * Returns: (nullable): what the persona says
 */
const char *
kiku_comment_get_text (KikuComment *self)
{
  g_return_val_if_fail (KIKU_IS_COMMENT (self), NULL);

  return self->strings[PROP_TEXT];
}

void
kiku_comment_set_text (KikuComment *self,
                     const char *text)
{
  g_return_if_fail (KIKU_IS_COMMENT (self));

  _kiku_node_set_string (KIKU_NODE (self), &self->strings[PROP_TEXT],
                         text, properties [PROP_TEXT]);
}
