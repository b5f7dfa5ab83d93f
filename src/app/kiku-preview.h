/* kiku-preview.h: the live, offline preview of the real page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PREVIEW (kiku_preview_get_type ())

G_DECLARE_FINAL_TYPE (KikuPreview, kiku_preview, KIKU, PREVIEW, GtkWidget)

typedef enum
{
  KIKU_PREVIEW_DESKTOP,
  KIKU_PREVIEW_TABLET,
  KIKU_PREVIEW_PHONE,
} KikuPreviewWidth;

KikuPreview   *kiku_preview_new          (KikuDocument     *document);
WebKitWebView *kiku_preview_get_web_view (KikuPreview      *self);
gboolean       kiku_preview_is_loaded    (KikuPreview      *self);
void           kiku_preview_show_page    (KikuPreview      *self,
                                          guint             page);
void           kiku_preview_reveal       (KikuPreview      *self,
                                          KikuNode         *node,
                                          const char       *property);
void           kiku_preview_set_width    (KikuPreview      *self,
                                          KikuPreviewWidth  width);
void           kiku_preview_set_dark     (KikuPreview      *self,
                                          int               dark);

G_END_DECLS
