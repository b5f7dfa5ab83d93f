/* kiku-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block.h"

G_BEGIN_DECLS

#define KIKU_TYPE_IMAGE (kiku_image_get_type ())

G_DECLARE_FINAL_TYPE (KikuImage, kiku_image, KIKU, IMAGE, KikuBlock)

KikuImage * kiku_image_new         (void);
const char *kiku_image_get_src     (KikuImage *self);
void        kiku_image_set_src     (KikuImage  *self,
                                    const char *src);
const char *kiku_image_get_caption (KikuImage *self);
void        kiku_image_set_caption (KikuImage  *self,
                                    const char *caption);
const char *kiku_image_get_credit  (KikuImage *self);
void        kiku_image_set_credit  (KikuImage  *self,
                                    const char *credit);
const char *kiku_image_get_alt     (KikuImage *self);
void        kiku_image_set_alt     (KikuImage  *self,
                                    const char *alt);

G_END_DECLS
