/* kiku-block.c: the base of the blocks a section is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-block"

#include "config.h"

#include "kiku-block.h"
#include "kiku-comment.h"
#include "kiku-image.h"
#include "kiku-paragraph.h"
#include "kiku-source.h"

G_DEFINE_ABSTRACT_TYPE (KikuBlock, kiku_block, KIKU_TYPE_NODE)

static void
kiku_block_class_init (KikuBlockClass *klass)
{
}

static void
kiku_block_init (KikuBlock *self)
{
}

/**
 * kiku_block_get_kind:
 *
 * Returns: the kind of block, as named in the file format
 */
const char *
kiku_block_get_kind (KikuBlock *self)
{
  g_return_val_if_fail (KIKU_IS_BLOCK (self), NULL);

  return KIKU_BLOCK_GET_CLASS (self)->kind;
}

/**
 * kiku_block_type_for_kind:
 *
 * Returns: the GType of the blocks of @kind, or %G_TYPE_INVALID when this
 *   version knows no such kind
 */
GType
kiku_block_type_for_kind (const char *kind)
{
  GType types[] = {
    KIKU_TYPE_PARAGRAPH,
    KIKU_TYPE_SOURCE,
    KIKU_TYPE_COMMENT,
    KIKU_TYPE_IMAGE,
  };

  g_return_val_if_fail (kind != NULL, G_TYPE_INVALID);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[i]);

      if (g_str_equal (KIKU_BLOCK_CLASS (klass)->kind, kind))
        return types[i];
    }

  return G_TYPE_INVALID;
}

/**
 * kiku_block_new_for_kind:
 *
 * Returns: (transfer full) (nullable): a new empty block of @kind
 */
KikuBlock *
kiku_block_new_for_kind (const char *kind)
{
  GType type = kiku_block_type_for_kind (kind);

  if (type == G_TYPE_INVALID)
    return NULL;

  return g_object_new (type, NULL);
}
