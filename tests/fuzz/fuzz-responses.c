/* fuzz-responses.c: what Kiku reads from WordPress and WebDAV answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kiku.h"
#include "kiku-publish-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonNode) node = _kiku_wp_parse_reply ((const char *)data, size);
  g_autofree char *message = _kiku_wp_error_message (bytes);
  g_autofree char *header = g_strndup ((const char *)data, size);
  g_autofree char *root = NULL;
  g_autofree char *etag = NULL;
  gboolean query_style;

  /* A post, a list of posts or terms, an upload's answer, an error. */
  (void)_kiku_wp_id (node);
  (void)_kiku_wp_find_own (node, (const char *[]) { "0", NULL });
  (void)_kiku_wp_term_id (node, "Culture");
  (void)_kiku_wp_string (node, "link");
  (void)_kiku_wp_string (node, "modified_gmt");
  (void)_kiku_wp_string (node, "source_url");

  /* An answer cut short, or never JSON. */
  (void)_kiku_wp_reply_ends_early ((const char *)data, size);

  /* An error's message is text for the user. */
  if (message != NULL && !g_utf8_validate (message, -1, NULL))
    abort ();

  /* Headers: WordPress's Link, a WebDAV ETag. */
  root = _kiku_wp_root_from_link (header, &query_style);
  if (root != NULL && query_style && !g_str_has_suffix (root, "rest_route="))
    abort ();
  etag = _kiku_dav_etag (header);
  if (etag != NULL && g_str_has_prefix (header, "W/") && strlen (etag) + 2 != strlen (header))
    abort ();

  return 0;
}
