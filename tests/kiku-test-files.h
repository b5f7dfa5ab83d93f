/* kiku-test-files.h: folders the tests make and remove, and what they lack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kiku_test_remove_tree (const char *path);
void kiku_test_lacking     (const char *what);

G_END_DECLS
