/* kiku-publisher-webdav.h: publishing to a WebDAV server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-publisher.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISHER_WEBDAV (kiku_publisher_webdav_get_type ())
G_DECLARE_FINAL_TYPE (KikuPublisherWebdav, kiku_publisher_webdav, KIKU, PUBLISHER_WEBDAV, GObject)

G_END_DECLS
