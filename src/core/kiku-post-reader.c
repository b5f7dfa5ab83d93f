/* kiku-post-reader.c: reading a published post back into an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-post-reader"

#include "config.h"


#include "kiku-post-reader.h"

/* Until the reader lands, opening a post says so. */
KikuArticle *
kiku_post_reader_read (const char * const  *parts,
                       GError             **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "Posts cannot be read back into articles yet");
  return NULL;
}
