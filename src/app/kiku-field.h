/* kiku-field.h: widgets that edit one property of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kiku.h"
#include "kiku-link-report.h"

G_BEGIN_DECLS

/* Where the fields report themselves, so that problems can be shown at them
 * and jumped to.
 */
typedef void (*KikuFieldRegister) (gpointer    owner,
                                   KikuNode   *node,
                                   const char *property,
                                   GtkWidget  *widget);

typedef struct
{
  gpointer          owner;
  KikuFieldRegister register_field;
  GSettings        *settings;
  KikuHistory      *history;
  char            **personas;      /* the site's personas for comments, or NULL */
  KikuLinkReport   *links;         /* what the last link check found */
} KikuFieldContext;

char      *kiku_field_context_dup_persona (KikuFieldContext *context);

GtkWidget *kiku_field_entry_row  (KikuFieldContext *context,
                                  KikuNode         *node,
                                  const char       *property,
                                  const char       *title,
                                  int               limit);
GtkWidget *kiku_field_text_view  (KikuFieldContext *context,
                                  KikuNode         *node,
                                  const char       *property,
                                  const char       *title,
                                  int               limit);
GtkWidget *kiku_field_points     (KikuFieldContext *context,
                                  KikuList         *points,
                                  const char       *title);
GtkWidget *kiku_field_keywords   (KikuFieldContext *context,
                                  KikuArticle      *article);
void       kiku_field_bind_editable (GtkEditable   *editable,
                                     KikuNode      *node,
                                     const char    *property);
GtkWidget *kiku_field_count_label (KikuNode   *node,
                                   const char *property,
                                   int         limit);
GtkWidget *kiku_field_get_focus_target (GtkWidget *widget);
void       kiku_field_fit_text_view (GtkTextView *view,
                                     int          minimum);
GtkWidget *kiku_field_tool_button (const char *icon,
                                   const char *tooltip);

G_END_DECLS
