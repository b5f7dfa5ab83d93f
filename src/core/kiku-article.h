/* kiku-article.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-node.h"

G_BEGIN_DECLS

#define KIKU_TYPE_ARTICLE (kiku_article_get_type ())

G_DECLARE_FINAL_TYPE (KikuArticle, kiku_article, KIKU, ARTICLE, KikuNode)

KikuArticle         *kiku_article_new           (void);
KikuArticle         *kiku_article_new_draft     (void);
const char          *kiku_article_get_title     (KikuArticle        *self);
void                 kiku_article_set_title     (KikuArticle        *self,
                                                 const char         *title);
const char          *kiku_article_get_subtitle  (KikuArticle        *self);
void                 kiku_article_set_subtitle  (KikuArticle        *self,
                                                 const char         *subtitle);
const char          *kiku_article_get_summary   (KikuArticle        *self);
void                 kiku_article_set_summary   (KikuArticle        *self,
                                                 const char         *summary);
const char * const  *kiku_article_get_keywords  (KikuArticle        *self);
void                 kiku_article_set_keywords  (KikuArticle        *self,
                                                 const char * const *keywords);
const char          *kiku_article_get_intro     (KikuArticle        *self);
void                 kiku_article_set_intro     (KikuArticle        *self,
                                                 const char         *intro);
const char          *kiku_article_get_author    (KikuArticle        *self);
void                 kiku_article_set_author    (KikuArticle        *self,
                                                 const char         *author);
const char          *kiku_article_get_slug      (KikuArticle        *self);
void                 kiku_article_set_slug      (KikuArticle        *self,
                                                 const char         *slug);
const char          *kiku_article_get_language  (KikuArticle        *self);
void                 kiku_article_set_language  (KikuArticle        *self,
                                                 const char         *language);
const char          *kiku_article_get_published (KikuArticle        *self);
void                 kiku_article_set_published (KikuArticle        *self,
                                                 const char         *published);
const char          *kiku_article_get_updated   (KikuArticle        *self);
void                 kiku_article_set_updated   (KikuArticle        *self,
                                                 const char         *updated);
KikuList            *kiku_article_get_key_points (KikuArticle       *self);
KikuList            *kiku_article_get_pages     (KikuArticle        *self);
GFile               *kiku_article_get_file      (KikuArticle        *self);
void                 kiku_article_set_file      (KikuArticle        *self,
                                                 GFile              *file);
GFile               *kiku_article_resolve_path  (KikuArticle        *self,
                                                 const char         *path);

G_END_DECLS
