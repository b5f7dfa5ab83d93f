/* kiku-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku-application.h"
#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_WINDOW (kiku_window_get_type ())

G_DECLARE_FINAL_TYPE (KikuWindow, kiku_window, KIKU, WINDOW, AdwApplicationWindow)

KikuWindow  *kiku_window_new         (KikuApplication *application,
                                      KikuArticle     *article);
KikuArticle *kiku_window_get_article (KikuWindow      *self);
void         kiku_window_set_article (KikuWindow      *self,
                                      KikuArticle     *article);
void         kiku_window_open_file   (KikuWindow      *self,
                                      GFile           *file);

G_END_DECLS
