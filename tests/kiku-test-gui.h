/* kiku-test-gui.h: what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-window.h"
#include "kiku-test-files.h"

G_BEGIN_DECLS

typedef gboolean (*KikuTestCheck)      (gpointer       data);
typedef gboolean (*KikuTestWidgetTest) (GtkWidget     *widget,
                                        gconstpointer  data);

void          kiku_test_wait_for          (KikuTestCheck       check,
                                           gpointer            data,
                                           const char         *what);
void          kiku_test_run_pending       (void);
gboolean      kiku_test_is_mapped         (gpointer            widget);
gboolean      kiku_test_is_button_labelled (GtkWidget         *widget,
                                            gconstpointer      label);
gboolean      kiku_test_is_true           (gpointer            data);
void          kiku_test_pause_ms          (guint               ms);
GtkWidget    *kiku_test_find_widget       (GtkWidget          *root,
                                           KikuTestWidgetTest  test,
                                           gconstpointer       data);
gboolean      kiku_test_has_accessible_name (GtkWidget        *widget,
                                             const char       *name);
GtkWidget    *kiku_test_find_accessible   (GtkWidget          *root,
                                           GtkAccessibleRole   role,
                                           const char         *name);
char         *kiku_test_sample_path       (void);
KikuDocument *kiku_test_load_document     (const char         *path);
void          kiku_test_require_display   (void);

G_END_DECLS
