/* kiku-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-node.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PAGE (kiku_page_get_type ())

G_DECLARE_FINAL_TYPE (KikuPage, kiku_page, KIKU, PAGE, KikuNode)

KikuPage *  kiku_page_new          (void);
const char *kiku_page_get_teaser   (KikuPage *self);
void        kiku_page_set_teaser   (KikuPage   *self,
                                    const char *teaser);
KikuList   *kiku_page_get_sections (KikuPage *self);

G_END_DECLS
