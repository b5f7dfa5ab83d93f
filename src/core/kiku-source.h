/* kiku-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-block.h"

G_BEGIN_DECLS

#define KIKU_TYPE_SOURCE (kiku_source_get_type ())

G_DECLARE_FINAL_TYPE (KikuSource, kiku_source, KIKU, SOURCE, KikuBlock)

KikuSource *kiku_source_new              (void);
const char *kiku_source_get_title        (KikuSource *self);
void        kiku_source_set_title        (KikuSource *self,
                                          const char *title);
const char *kiku_source_get_url          (KikuSource *self);
void        kiku_source_set_url          (KikuSource *self,
                                          const char *url);
const char *kiku_source_get_publisher    (KikuSource *self);
void        kiku_source_set_publisher    (KikuSource *self,
                                          const char *publisher);
const char *kiku_source_get_published    (KikuSource *self);
void        kiku_source_set_published    (KikuSource *self,
                                          const char *published);
const char *kiku_source_get_image        (KikuSource *self);
void        kiku_source_set_image        (KikuSource *self,
                                          const char *image);
const char *kiku_source_get_image_credit (KikuSource *self);
void        kiku_source_set_image_credit (KikuSource *self,
                                          const char *image_credit);
KikuList   *kiku_source_get_points       (KikuSource *self);

G_END_DECLS
