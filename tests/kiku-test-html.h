/* kiku-test-html.h: reading rendered HTML back in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kiku_test_html_to_text   (const char *html);
char *kiku_test_strip_spaces   (const char *text);
void  kiku_test_assert_in_order (const char *text,
                                 char      **lines);

G_END_DECLS
