/* kiku-import.h: articles from plain text laid out like a digest page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-article.h"

G_BEGIN_DECLS

KikuArticle *kiku_import_text (const char  *text,
                               gssize       length,
                               const char  *persona,
                               GError     **error);

G_END_DECLS
