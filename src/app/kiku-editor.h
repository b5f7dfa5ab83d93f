/* kiku-editor.h: the form that edits an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"
#include "kiku-link-report.h"

G_BEGIN_DECLS

#define KIKU_TYPE_EDITOR (kiku_editor_get_type ())

G_DECLARE_FINAL_TYPE (KikuEditor, kiku_editor, KIKU, EDITOR, GtkWidget)

KikuEditor *kiku_editor_new          (KikuDocument *document,
                                      GSettings    *settings);
guint       kiku_editor_get_page     (KikuEditor   *self);
void        kiku_editor_show_page    (KikuEditor   *self,
                                      guint         page);
gboolean    kiku_editor_focus_node   (KikuEditor   *self,
                                      KikuNode     *node,
                                      const char   *property);
void        kiku_editor_set_problems (KikuEditor   *self,
                                      GPtrArray    *problems);
GtkWidget  *kiku_editor_find_field   (KikuEditor   *self,
                                      KikuNode     *node,
                                      const char   *property);
gboolean    kiku_editor_field_at     (KikuEditor   *self,
                                      GtkWidget    *widget,
                                      KikuNode    **node,
                                      const char  **property);
KikuLinkReport *kiku_editor_get_link_report (KikuEditor *self);
void        kiku_editor_set_personas (KikuEditor         *self,
                                      const char * const *personas);

G_END_DECLS
