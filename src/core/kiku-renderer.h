/* kiku-renderer.h: an article as the site's HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-article.h"

G_BEGIN_DECLS

#define KIKU_TYPE_RENDERER (kiku_renderer_get_type ())

/* The scheme the preview serves local images through: the one address an
 * image function may answer besides http, https, inline image data and
 * relative paths.
 */
#define KIKU_RENDERER_IMAGE_SCHEME "kiku-image"

G_DECLARE_FINAL_TYPE (KikuRenderer, kiku_renderer, KIKU, RENDERER, GObject)

/**
 * KikuImageFunc:
 * @article: the article being rendered
 * @reference: an image as the article names it: a relative path or a URL
 * @user_data: the data given with the function
 *
 * Says where the page finds an image.
 *
 * Returns: (transfer full) (nullable): the URL to put in the page, or %NULL
 *   to show a placeholder box instead of the image
 */
typedef char *(*KikuImageFunc) (KikuArticle *article,
                                const char  *reference,
                                gpointer     user_data);

KikuRenderer *kiku_renderer_new                (void);
void          kiku_renderer_set_site_name      (KikuRenderer   *self,
                                                const char     *site_name);
const char   *kiku_renderer_get_site_name      (KikuRenderer   *self);
void          kiku_renderer_set_label          (KikuRenderer   *self,
                                                const char     *key,
                                                const char     *text);
const char   *kiku_renderer_get_label          (KikuRenderer   *self,
                                                const char     *language,
                                                const char     *key);
void          kiku_renderer_add_persona        (KikuRenderer   *self,
                                                const char     *id,
                                                const char     *name,
                                                const char     *avatar);
void          kiku_renderer_set_image_func     (KikuRenderer   *self,
                                                KikuImageFunc   func,
                                                gpointer        user_data,
                                                GDestroyNotify  destroy);
char         *kiku_renderer_dup_page_name      (KikuRenderer   *self,
                                                guint           page);
char         *kiku_renderer_render_page        (KikuRenderer   *self,
                                                KikuArticle    *article,
                                                guint           page);
char         *kiku_renderer_render_fragment    (KikuRenderer   *self,
                                                KikuArticle    *article);
char         *kiku_renderer_render_node        (KikuRenderer   *self,
                                                KikuArticle    *article,
                                                KikuNode       *node);
char         *kiku_renderer_render_field       (KikuRenderer   *self,
                                                KikuArticle    *article,
                                                const char     *field);
const char   *kiku_renderer_get_stylesheet     (void);
gboolean      kiku_renderer_link_is_allowed    (const char     *address);

G_END_DECLS
