/* kiku-core-private.h: what only the library's own files may touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kiku-file-util.h"
#include "kiku-history.h"
#include "kiku-list.h"
#include "kiku-node.h"
#include "kiku-types.h"

G_BEGIN_DECLS

char       *_kiku_image_file_name       (GHashTable   *images,
                                         KikuArticle  *article,
                                         const char   *reference);

KikuList   *_kiku_list_new              (KikuNode     *owner,
                                         GParamSpec   *pspec,
                                         GType         item_type);
GPtrArray  *_kiku_list_dup_items        (KikuList     *self);
void        _kiku_list_set_items        (KikuList     *self,
                                         GPtrArray    *items);
void        _kiku_list_disown           (KikuList     *self);

void        _kiku_node_set_list         (KikuNode     *self,
                                         KikuList     *list);
void        _kiku_node_class_add_texts  (GObjectClass *klass,
                                         GParamSpec  **properties,
                                         guint         first_prop_id,
                                         const char   *first_name,
                                         ...) G_GNUC_NULL_TERMINATED;
GParamSpec *_kiku_list_param_spec       (const char   *name);
KikuList   *_kiku_node_add_list         (KikuNode     *self,
                                         GParamSpec   *pspec,
                                         GType         item_type);
KikuList   *_kiku_node_get_list         (KikuNode     *self,
                                         GParamSpec   *pspec);
const char *_kiku_node_get_text         (KikuNode     *self,
                                         guint         prop_id);
void        _kiku_node_set_text         (KikuNode     *self,
                                         guint         prop_id,
                                         const char   *value,
                                         GParamSpec   *pspec);
void        _kiku_node_changed          (KikuNode     *self,
                                         GParamSpec   *pspec);
JsonObject *_kiku_node_get_extra        (KikuNode     *self);
void        _kiku_node_set_extra        (KikuNode     *self,
                                         JsonObject   *extra);
void        _kiku_param_spec_set_non_content (GParamSpec *pspec);

void        _kiku_article_set_history   (KikuArticle  *self,
                                         KikuHistory  *history);
KikuHistory *_kiku_article_dup_history  (KikuArticle  *self);
void        _kiku_article_emit_changed  (KikuArticle  *self,
                                         KikuNode     *node,
                                         GParamSpec   *pspec);

const char *_kiku_format_key            (KikuNode     *node,
                                         const char   *property);
GPtrArray  *_kiku_article_get_publish_records (KikuArticle *self);
void        _kiku_article_emit_publish_record_changed (KikuArticle *self,
                                                       const char  *site);
void        _kiku_publish_records_take_from_extra (KikuArticle *article);
JsonNode   *_kiku_publish_records_to_node (KikuArticle *article);

void        _kiku_position_of           (const char   *data,
                                         const char   *at,
                                         guint        *line,
                                         guint        *column);
KikuArticle *_kiku_article_new_from_node (JsonNode    *root,
                                          GFile       *file,
                                          GError     **error);
JsonNode   *_kiku_article_to_node       (KikuArticle  *self,
                                         GFile        *destination);
JsonNode   *_kiku_json_parse            (const char   *data,
                                         gsize         length,
                                         GError      **error);
JsonNode   *_kiku_json_parse_with_depth (const char *data,
                                         gsize         length,
                                         guint         max_depth,
                                         GError      **error);
gboolean    _kiku_text_is_utf16         (const char   *data,
                                         gsize         length);
char       *_kiku_content_disposition   (const char   *filename);
char       *_kiku_json_write            (JsonNode     *root,
                                         guint         indent);
GDateTime  *_kiku_parse_date            (const char   *text,
                                         gboolean     *date_only);

/* The accessors of a node's text property, all alike: a getter returning
 * the text or NULL, and a setter that notifies only on a change.
 */
#define KIKU_DEFINE_TEXT_ACCESSORS(Type, type, TYPE_CHECK, field, PROP)            \
  const char *                                                                  \
  type##_get_##field (Type *self)                                               \
  {                                                                             \
    g_return_val_if_fail (TYPE_CHECK (self), NULL);                             \
    return _kiku_node_get_text (KIKU_NODE (self), PROP);                        \
  }                                                                             \
                                                                                \
  void                                                                          \
  type##_set_##field (Type       *self,                                         \
                      const char *value)                                        \
  {                                                                             \
    g_return_if_fail (TYPE_CHECK (self));                                       \
    _kiku_node_set_text (KIKU_NODE (self), PROP, value, properties[PROP]);      \
  }

G_END_DECLS
