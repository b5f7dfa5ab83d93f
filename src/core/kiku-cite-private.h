/* kiku-cite-private.h: the page metadata reader behind KikuCiter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a field's value was found, best first. */
typedef enum
{
  KIKU_META_NONE,
  KIKU_META_JSON_LD,
  KIKU_META_HIGHWIRE,
  KIKU_META_OPEN_GRAPH,
  KIKU_META_DUBLIN_CORE,
  KIKU_META_HTML,
} KikuMetaOrigin;

typedef enum
{
  KIKU_META_TITLE,
  KIKU_META_PUBLISHER,
  KIKU_META_DATE,
  KIKU_META_IMAGE,
  KIKU_META_CREDIT,
  KIKU_META_CANONICAL,
  KIKU_META_N_FIELDS,
} KikuMetaField;

typedef struct
{
  char           *values[KIKU_META_N_FIELDS];
  KikuMetaOrigin  origins[KIKU_META_N_FIELDS];
  char           *charset;    /* the one the page was read in */
} KikuPageMeta;

/* The largest part of a page that is read. */
#define KIKU_CITE_MAX_PAGE (2 * 1024 * 1024)

KikuPageMeta *_kiku_page_meta_parse      (const char   *data,
                                          gsize         length,
                                          const char   *header_charset,
                                          const char   *base_url);
void          _kiku_page_meta_free       (KikuPageMeta *meta);
char         *_kiku_page_decode          (const char   *data,
                                          gsize         length,
                                          const char   *header_charset,
                                          char        **charset_out);
char         *_kiku_cite_normalize_date  (const char   *text);
char         *_kiku_cite_strip_site_name (const char   *title,
                                          const char   *site_name);
const char   *_kiku_meta_origin_name     (KikuMetaOrigin origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuPageMeta, _kiku_page_meta_free)

G_END_DECLS
