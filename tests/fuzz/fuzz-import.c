/* fuzz-import.c: import → save → reload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kiku.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  if (!(article = kiku_import_text ((const char *)data, size, NULL, &error)))
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  text = kiku_article_serialize (article, NULL, NULL);
  if (!(again = kiku_article_new_from_data (text, strlen (text), NULL, &error)))
    {
      g_printerr ("an imported article does not open once saved: %s\n", error->message);
      abort ();
    }
  text_again = kiku_article_serialize (again, NULL, NULL);
  if (strcmp (text, text_again) != 0)
    {
      g_printerr ("a second save changed the file\n");
      abort ();
    }

  return 0;
}
