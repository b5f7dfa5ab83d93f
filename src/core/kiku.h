/* kiku.h: the core library, with no GTK in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-article.h"
#include "kiku-block.h"
#include "kiku-cite.h"
#include "kiku-comment.h"
#include "kiku-enums.h"
#include "kiku-format.h"
#include "kiku-image.h"
#include "kiku-image-file.h"
#include "kiku-list.h"
#include "kiku-node.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-problem.h"
#include "kiku-section.h"
#include "kiku-source.h"
#include "kiku-types.h"
#include "kiku-renderer.h"
#include "kiku-import.h"
#include "kiku-file-util.h"
#include "kiku-history.h"
#include "kiku-counts.h"
#include "kiku-document.h"
#include "kiku-export.h"
#include "kiku-find.h"
#include "kiku-publish.h"
#include "kiku-publisher.h"
#include "kiku-post-reader.h"
#include "kiku-secret.h"
#include "kiku-site-posts.h"
