/* kiku-a11y.c: what assistive technologies need beyond GTK's defaults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-a11y"

#include "config.h"

#include "kiku-a11y.h"

/**
 * kiku_a11y_name_drop_down:
 *
 * Names the button inside @drop_down that takes the focus @name, which
 * should be the name the drop-down has (its label, or the label that names
 * it). In GTK 4.8 the focus goes to that button, which a screen reader
 * would otherwise announce by its type name ("GtkToggleButton").
 */
void
kiku_a11y_name_drop_down (GtkDropDown *drop_down,
                          const char  *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (name != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
