/* kiku-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-types.h"

G_BEGIN_DECLS

#define KIKU_TYPE_NODE (kiku_node_get_type ())

G_DECLARE_DERIVABLE_TYPE (KikuNode, kiku_node, KIKU, NODE, GObject)

struct _KikuNodeClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer _reserved[8];
};

guint64      kiku_node_get_id      (KikuNode *self);
char        *kiku_node_dup_dom_id  (KikuNode *self);
KikuNode    *kiku_node_get_parent  (KikuNode *self);
KikuList    *kiku_node_get_list    (KikuNode *self);
KikuArticle *kiku_node_get_article (KikuNode *self);
char        *kiku_node_dup_path    (KikuNode *self);

G_END_DECLS
