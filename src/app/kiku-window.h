/* kiku-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku-application.h"
#include "kiku-editor.h"
#include "kiku-preview.h"
#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_WINDOW (kiku_window_get_type ())

G_DECLARE_FINAL_TYPE (KikuWindow, kiku_window, KIKU, WINDOW, AdwApplicationWindow)

KikuWindow   *kiku_window_new          (KikuApplication *application,
                                        KikuDocument    *document);
KikuDocument *kiku_window_get_document (KikuWindow      *self);
KikuArticle  *kiku_window_get_article  (KikuWindow      *self);
KikuEditor   *kiku_window_get_editor   (KikuWindow      *self);
KikuPreview  *kiku_window_get_preview  (KikuWindow      *self);
void          kiku_window_set_document (KikuWindow      *self,
                                        KikuDocument    *document);
void          kiku_window_open_file    (KikuWindow      *self,
                                        GFile           *file);
gboolean      kiku_window_is_empty     (KikuWindow      *self);
void          kiku_window_add_recent   (GFile           *file,
                                        KikuArticle     *article);
void          kiku_window_export_to    (KikuWindow      *self,
                                        GFile           *folder);
void          kiku_window_import_file  (KikuWindow      *self,
                                        GFile           *file);

G_END_DECLS
