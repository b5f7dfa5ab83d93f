/* kiku-link-dialog.c: asks for the address a link goes to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-link-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiku.h"
#include "kiku-link-dialog.h"

/* The address is judged as the renderer judges it, so a link the writer
 * adds is never one the published page leaves out; the dialog stays open
 * and says why until the address is one it keeps.
 */

struct _KikuLinkDialog
{
  GtkWindow   parent_instance;

  GtkEntry   *entry;
  GtkLabel   *error_label;
};

G_DEFINE_FINAL_TYPE (KikuLinkDialog, kiku_link_dialog, GTK_TYPE_WINDOW)

enum {
  ADDRESS_CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_problem (KikuLinkDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_entry_changed (KikuLinkDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
on_add_clicked (KikuLinkDialog *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (address[0] == '\0')
    {
      show_problem (self, _("Type the address the link goes to."));
      return;
    }

  /* CommonMark has no way to write these in an address. */
  if (strpbrk (address, "<>\n\r") != NULL)
    {
      show_problem (self, _("An address cannot contain “<”, “>” or a line break."));
      return;
    }

  if (!kiku_renderer_link_is_allowed (address))
    {
      show_problem (self, _("The published page would leave this link out. A link can go to a web page "
                            "(http:// or https://), to a file of the article, to an email address "
                            "(mailto:) or to a phone number (tel:)."));
      return;
    }

  g_signal_emit (self, signals [ADDRESS_CHOSEN], 0, address);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
kiku_link_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_LINK_DIALOG);

  G_OBJECT_CLASS (kiku_link_dialog_parent_class)->dispose (object);
}

static void
kiku_link_dialog_class_init (KikuLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiku_link_dialog_dispose;

  /**
   * KikuLinkDialog::address-chosen:
   * @address: an address the renderer keeps, without spaces around it
   */
  signals [ADDRESS_CHOSEN] =
    g_signal_new ("address-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuLinkDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, KikuLinkDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kiku_link_dialog_init (KikuLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_link_dialog_new:
 * @parent: the window the link is added in
 *
 * Returns: (transfer full): a modal dialog asking for an address
 */
GtkWidget *
kiku_link_dialog_new (GtkWindow *parent)
{
  return g_object_new (KIKU_TYPE_LINK_DIALOG,
                       "transient-for", parent,
                       NULL);
}
