/* kiku-publish-private.h: the publishers' readers of what servers and
 * files say, for the library and its fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GPtrArray  *_kiku_sites_from_data     (const char         *text,
                                       gsize               length,
                                       const char         *path,
                                       GError            **error);

JsonNode   *_kiku_wp_parse_reply      (const char         *data,
                                       gsize               length);
gboolean    _kiku_wp_reply_ends_early (const char         *data,
                                       gsize               length);
char       *_kiku_wp_error_message    (GBytes             *reply);
const char *_kiku_wp_string           (JsonNode           *node,
                                       const char         *member);
gint64      _kiku_wp_id               (JsonNode           *node);
JsonNode   *_kiku_wp_find_own         (JsonNode           *found,
                                       const char * const *hashes);
gint64      _kiku_wp_term_id          (JsonNode           *found,
                                       const char         *name);
char       *_kiku_wp_root_from_link   (const char         *link,
                                       gboolean           *query_style);
char       *_kiku_dav_etag            (const char         *header);

G_END_DECLS
