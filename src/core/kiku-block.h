/* kiku-block.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-node.h"

G_BEGIN_DECLS

#define KIKU_TYPE_BLOCK (kiku_block_get_type ())

G_DECLARE_DERIVABLE_TYPE (KikuBlock, kiku_block, KIKU, BLOCK, KikuNode)

struct _KikuBlockClass
{
  KikuNodeClass parent_class;

  /* The block's "type" in the file format: "paragraph", "source", ... */
  const char *kind;

  /*< private >*/
  gpointer _reserved[8];
};

const char *kiku_block_get_kind      (KikuBlock  *self);
GType       kiku_block_type_for_kind (const char *kind);
KikuBlock  *kiku_block_new_for_kind  (const char *kind);

G_END_DECLS
