/* kiku-error.c: telling the user that something could not be done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-error"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-error.h"

/**
 * kiku_show_message:
 * @parent: (nullable): the window the message is about
 * @heading: what could not be done, in title case ("Could Not Save “notes”")
 * @body: why, and what the user can do about it
 *
 * Shows a message with one Close button, over @parent; nothing waits for
 * the answer.
 *
 * Returns: (transfer none): the dialog, presented
 */
GtkWidget *
kiku_show_message (GtkWindow  *parent,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * kiku_show_error:
 * @parent: (nullable): the window the error is about
 * @heading: what could not be done, in title case
 * @error: why: its message is the body
 *
 * Shows @error as kiku_show_message() does; an error that says the user
 * cancelled (%G_IO_ERROR_CANCELLED) shows nothing, since the user knows.
 *
 * Returns: (transfer none) (nullable): the dialog, presented, or %NULL for
 *   a cancelled operation
 */
GtkWidget *
kiku_show_error (GtkWindow    *parent,
                 const char   *heading,
                 const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  return kiku_show_message (parent, heading, error->message);
}
