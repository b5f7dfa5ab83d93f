/* kiku-posts-window.h: a site's articles, to open one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_POSTS_WINDOW (kiku_posts_window_get_type ())
G_DECLARE_FINAL_TYPE (KikuPostsWindow, kiku_posts_window, KIKU, POSTS_WINDOW, AdwWindow)

KikuPostsWindow *kiku_posts_window_new (GtkWindow     *parent,
                                        KikuSiteStore *sites);

G_END_DECLS
