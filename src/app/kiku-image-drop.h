/* kiku-image-drop.h: images dropped on the form or pasted into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_IMAGE_DROP (kiku_image_drop_get_type ())

G_DECLARE_FINAL_TYPE (KikuImageDrop, kiku_image_drop, KIKU, IMAGE_DROP, GObject)

void kiku_image_drop_attach (GtkWidget    *editor,
                             KikuDocument *document);

G_END_DECLS
