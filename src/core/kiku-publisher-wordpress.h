/* kiku-publisher-wordpress.h: publishing to a WordPress site, through its REST API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-publisher.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISHER_WORDPRESS (kiku_publisher_wordpress_get_type ())
G_DECLARE_FINAL_TYPE (KikuPublisherWordpress, kiku_publisher_wordpress, KIKU, PUBLISHER_WORDPRESS, GObject)

G_END_DECLS
