/* kiku-publish-dialog.h: where and how to publish an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_PUBLISH_DIALOG (kiku_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KikuPublishDialog, kiku_publish_dialog, KIKU, PUBLISH_DIALOG, AdwMessageDialog)

KikuPublishDialog *kiku_publish_dialog_new (GtkWindow   *parent,
                                            KikuArticle *article,
                                            GListModel  *sites);
void               kiku_publish_dialog_set_link_problems (KikuPublishDialog *self,
                                                          GPtrArray         *problems);

G_END_DECLS
