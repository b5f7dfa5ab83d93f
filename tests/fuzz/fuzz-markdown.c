/* fuzz-markdown.c: a paragraph → HTML, and its plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kiku.h"
#include "kiku-html-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *plain = NULL;

  /* Text in the model is UTF-8, as the reader and the editor make it. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  _kiku_markdown_append (block, text, FALSE);
  _kiku_markdown_append (line, text, TRUE);
  plain = _kiku_markdown_to_text (text);

  /* Raw HTML never passes, and no image goes to a script. */
  if (strstr (block->str, "<script") || strstr (line->str, "<script") ||
      strstr (block->str, "src=\"javascript:") || strstr (line->str, "src=\"javascript:"))
    abort ();

  return 0;
}
