/* kiku-cite-paste.h: a web address pasted into the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"

G_BEGIN_DECLS

/* Whether a paste into @text is one to look at: asked as it begins. */
typedef gboolean (*KikuPasteWanted) (GtkWidget  *text,
                                     gpointer    data);
/* A paste that was a web address, and nothing else. */
typedef void     (*KikuPasteUrl)    (GtkWidget  *text,
                                     const char *url,
                                     gpointer    data);

char *kiku_cite_parse_url         (const char      *text);
void  kiku_cite_watch_paste       (GtkWidget       *text,
                                   gboolean         take_over,
                                   KikuPasteWanted  wanted,
                                   KikuPasteUrl     on_url,
                                   gpointer         data);
void  kiku_cite_offer_on_paste    (GtkWidget       *field);

G_END_DECLS
