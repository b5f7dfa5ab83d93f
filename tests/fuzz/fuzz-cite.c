/* fuzz-cite.c: what Kiku reads from a cited page: its charset, its tags,
 * its JSON-LD, its dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kiku.h"
#include "kiku-cite-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gboolean
is_web_address (const char *url)
{
  return g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://");
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The first byte picks the charset the header would name. */
  static const char *header_charsets[] = { NULL, "utf-8", "Shift_JIS", "EUC-JP", "ISO-2022-JP", "bogus" };
  const char *header = size > 0 ? header_charsets[data[0] % G_N_ELEMENTS (header_charsets)] : NULL;
  g_autoptr(KikuPageMeta) meta = NULL;
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autofree char *date = NULL;
  g_autofree char *stripped = NULL;

  meta = _kiku_page_meta_parse ((const char *)data, size, header, "https://news.example/a/b.html");

  /* Everything kept is valid text on one line; addresses are web ones. */
  for (guint i = 0; i < KIKU_META_N_FIELDS; i++)
    {
      const char *value = meta->values[i];

      if (value == NULL)
        continue;
      if (!g_utf8_validate (value, -1, NULL) || strchr (value, '\n') != NULL || *value == '\0')
        abort ();
      if ((i == KIKU_META_IMAGE || i == KIKU_META_CANONICAL) && !is_web_address (value))
        abort ();
      if (meta->origins[i] == KIKU_META_NONE)
        abort ();
    }

  /* A date is the article's form or nothing. */
  date = _kiku_cite_normalize_date (text);
  if (date != NULL && (strlen (date) != 10 || date[4] != '-' || date[7] != '-'))
    abort ();

  if (g_utf8_validate (text, -1, NULL))
    {
      stripped = _kiku_cite_strip_site_name (text, "Site");
      if (stripped != NULL && strlen (stripped) > strlen (text))
        abort ();
    }

  return 0;
}
