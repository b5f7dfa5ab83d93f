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

/**
 * KikuWalk:
 * @KIKU_WALK_CONTINUE: go on, into the lists of the node too
 * @KIKU_WALK_SKIP: go on, but not into the lists of the node
 * @KIKU_WALK_STOP: stop at the node
 *
 * What a #KikuNodeFunc tells kiku_node_walk() to do next.
 */
typedef enum
{
  KIKU_WALK_CONTINUE,
  KIKU_WALK_SKIP,
  KIKU_WALK_STOP,
} KikuWalk;

/**
 * KikuNodeFunc:
 * @node: the node reached
 * @depth: how far below the node the walk started from @node is: 0 for
 *   that node itself, 1 for the items of its lists, and so on
 * @user_data: what was given to kiku_node_walk()
 *
 * Returns: what the walk does next
 */
typedef KikuWalk (*KikuNodeFunc) (KikuNode *node,
                                  guint     depth,
                                  gpointer  user_data);

guint64      kiku_node_get_id      (KikuNode     *self);
char        *kiku_node_dup_dom_id  (KikuNode     *self,
                                    const char   *property);
KikuNode    *kiku_node_get_parent  (KikuNode     *self);
KikuList    *kiku_node_get_list    (KikuNode     *self);
KikuArticle *kiku_node_get_article (KikuNode     *self);
char        *kiku_node_dup_path    (KikuNode     *self);
gboolean     kiku_node_find_page   (KikuNode     *self,
                                    guint        *position);
gboolean     kiku_node_move_by     (KikuNode     *self,
                                    int           delta);
gboolean     kiku_node_insert_beside (KikuNode   *self,
                                    KikuNode     *sibling,
                                    gboolean      after);
gboolean     kiku_node_remove      (KikuNode     *self);
KikuNode    *kiku_node_walk        (KikuNode     *self,
                                    KikuNodeFunc  func,
                                    gpointer      user_data);
KikuNode    *kiku_node_find        (KikuNode     *self,
                                    guint64       id);
KikuNode    *kiku_node_find_dom_id (KikuNode     *self,
                                    const char   *dom_id,
                                    char        **property);

G_END_DECLS
