/* kiku-test-files.h: folders the tests and benchmarks make and remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kiku_test_remove_tree (const char *path);

G_END_DECLS
