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

void          kiku_test_init_gui          (int                *argc,
                                           char             ***argv);
const char   *kiku_test_get_data_home     (void);
int           kiku_test_run_gui           (void);
KikuWindow   *kiku_test_show_window       (KikuDocument       *document,
                                           int                 width,
                                           int                 height);
void          kiku_test_settle            (void);

GtkEventController *kiku_test_find_controller (GtkWidget      *widget,
                                               GType           type);
gboolean      kiku_test_press_key         (GtkWidget          *widget,
                                           guint               keyval,
                                           GdkModifierType     state);
gboolean      kiku_test_press_shortcut    (GtkWidget          *widget,
                                           guint               keyval,
                                           GdkModifierType     state);
gboolean      kiku_test_press             (GtkWidget          *window,
                                           guint               keyval,
                                           GdkModifierType     state);
GtkWidget    *kiku_test_find_button       (GtkWidget          *root,
                                           const char         *name);
GtkWidget    *kiku_test_find_card         (GtkWidget          *root,
                                           gpointer            node);
gboolean      kiku_test_is_in_view        (gpointer            widget);
void          kiku_test_wait_for_focus_in (gpointer            window,
                                           GtkWidget          *inside,
                                           const char         *what);
void          kiku_test_type_text         (GtkWidget          *window,
                                           const char         *text);

G_END_DECLS
