/* kiku-comment.c: a comment by one of the site personas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-comment"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-comment.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuComment
{
  KikuBlock parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuComment, kiku_comment, KIKU_TYPE_BLOCK)

enum {
  PROP_0,
  PROP_PERSONA,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_comment_class_init (KikuCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  KIKU_BLOCK_CLASS (klass)->kind = "comment";

  /*
   * persona: the id of the site persona who speaks
   * text: what the persona says, as CommonMark
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_PERSONA,
                              "persona", "text",
                              NULL);

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

KIKU_DEFINE_TEXT_ACCESSORS (KikuComment, kiku_comment, KIKU_IS_COMMENT, persona, PROP_PERSONA)
KIKU_DEFINE_TEXT_ACCESSORS (KikuComment, kiku_comment, KIKU_IS_COMMENT, text, PROP_TEXT)
