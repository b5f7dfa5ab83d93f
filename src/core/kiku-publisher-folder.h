/* kiku-publisher-folder.h: publishing to a folder on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-publisher.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISHER_FOLDER (kiku_publisher_folder_get_type ())
G_DECLARE_FINAL_TYPE (KikuPublisherFolder, kiku_publisher_folder, KIKU, PUBLISHER_FOLDER, GObject)

G_END_DECLS
