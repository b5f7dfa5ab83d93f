/* kiku-core-private.h: what only the library's own files may touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kiku-file-util.h"
#include "kiku-list.h"
#include "kiku-node.h"

G_BEGIN_DECLS

KikuList   *_kiku_list_new              (KikuNode     *owner,
                                         const char   *name,
                                         GType         item_type);
void        _kiku_list_disown           (KikuList     *self);

void        _kiku_node_set_list         (KikuNode     *self,
                                         KikuList     *list);
void        _kiku_node_changed          (KikuNode     *self,
                                         const char   *what);
gboolean    _kiku_node_set_string       (KikuNode     *self,
                                         char        **field,
                                         const char   *value,
                                         GParamSpec   *pspec);
JsonObject *_kiku_node_get_extra        (KikuNode     *self);
void        _kiku_node_set_extra        (KikuNode     *self,
                                         JsonObject   *extra);
void        _kiku_param_spec_set_non_content (GParamSpec *pspec);

void        _kiku_article_emit_changed  (KikuArticle  *self,
                                         KikuNode     *node,
                                         const char   *what);

JsonNode   *_kiku_json_parse            (const char   *data,
                                         gsize         length,
                                         GError      **error);
GDateTime  *_kiku_parse_date            (const char   *text,
                                         gboolean     *date_only);

G_END_DECLS
