/* kiku-html-private.h: HTML building blocks shared by the renderer's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KIKU_URL_LINK,       /* the target of a link the renderer makes (a source's) */
  KIKU_URL_TEXT_LINK,  /* the target of a link in CommonMark text */
  KIKU_URL_IMAGE,      /* the source of an image */
} KikuUrlUse;

void      _kiku_html_append_escaped (GString     *out,
                                     const char  *text);
void      _kiku_html_append_attr    (GString     *out,
                                     const char  *name,
                                     const char  *value);
gboolean  _kiku_url_is_allowed      (const char  *url,
                                     KikuUrlUse   use);
gboolean  _kiku_url_is_web          (const char  *url);
void      _kiku_markdown_append     (GString     *out,
                                     const char  *text,
                                     gboolean     inline_only);
gboolean  _kiku_markdown_is_plain   (const char  *text);
gboolean  _kiku_markdown_is_one_paragraph (const char *text);
void      _kiku_markdown_append_wp_blocks (GString    *out,
                                           const char *text);
char     *_kiku_markdown_to_text    (const char  *text);

G_END_DECLS
