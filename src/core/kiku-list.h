/* kiku-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-types.h"

G_BEGIN_DECLS

#define KIKU_TYPE_LIST (kiku_list_get_type ())

G_DECLARE_FINAL_TYPE (KikuList, kiku_list, KIKU, LIST, GObject)

KikuNode    *kiku_list_get_owner     (KikuList *self);
const char  *kiku_list_get_name      (KikuList *self);
GType        kiku_list_get_item_type (KikuList *self);
guint        kiku_list_get_length    (KikuList *self);
gpointer     kiku_list_get           (KikuList *self,
                                      guint     position);
gboolean     kiku_list_find          (KikuList *self,
                                      KikuNode *item,
                                      guint    *position);
void         kiku_list_insert        (KikuList *self,
                                      guint     position,
                                      gpointer  item);
void         kiku_list_append        (KikuList *self,
                                      gpointer  item);
gpointer     kiku_list_remove        (KikuList *self,
                                      guint     position);
void         kiku_list_move          (KikuList *self,
                                      guint     from,
                                      guint     to);
void         kiku_list_clear         (KikuList *self);

G_END_DECLS
