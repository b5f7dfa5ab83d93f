/* kiku-problem.h: what a user should fix before publishing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-site.h"
#include "kiku-types.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PROBLEM (kiku_problem_get_type ())

GType            kiku_problem_get_type     (void) G_GNUC_CONST;
KikuProblem     *kiku_problem_new          (KikuProblemKind    kind,
                                            KikuNode          *node,
                                            const char        *property,
                                            const char        *message);
KikuProblem     *kiku_problem_copy         (const KikuProblem *self);
void             kiku_problem_free         (KikuProblem       *self);
KikuProblemKind  kiku_problem_get_kind     (const KikuProblem *self);
const char      *kiku_problem_get_path     (const KikuProblem *self);
const char      *kiku_problem_get_message  (const KikuProblem *self);
KikuNode        *kiku_problem_get_node     (const KikuProblem *self);
const char      *kiku_problem_get_property (const KikuProblem *self);
char            *kiku_problem_dup_location (const KikuProblem *self);

char            *kiku_node_dup_item_name   (KikuNode          *node);
char            *kiku_node_dup_location    (KikuNode          *node,
                                            const char        *property);

/**
 * KikuImageCheck:
 * @reference: a local image as the article names it
 *
 * Says whether @article may use the file @reference names as an image, as
 * kiku_article_check_image() does; a caller that must not block may answer
 * from what it already knows, and %TRUE for what it does not know yet.
 *
 * Returns: %TRUE, or %FALSE with @error set in %KIKU_IMAGE_ERROR saying why
 */
typedef gboolean (*KikuImageCheck) (KikuArticle  *article,
                                    const char   *reference,
                                    GError      **error,
                                    gpointer      user_data);

GPtrArray       *kiku_article_validate     (KikuArticle       *article);
GPtrArray       *kiku_article_validate_with (KikuArticle      *article,
                                            KikuImageCheck    check_image,
                                            gpointer          user_data);
GPtrArray       *kiku_article_validate_for_site (KikuArticle  *article,
                                                 KikuSite     *site,
                                                 KikuImageCheck check_image,
                                                 gpointer      user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuProblem, kiku_problem_free)

G_END_DECLS
