/* kiku-password-dialog.c: asks for the password of a site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-password-dialog.h"

/* Asked when the keyring has no password for a site. The password typed
 * comes back through ::password-chosen, with whether to keep it in the
 * keyring.
 */
struct _KikuPasswordDialog
{
  AdwMessageDialog  parent_instance;

  KikuSite         *site;

  GtkLabel         *keyring_problem;
  GtkPasswordEntry *entry;
  GtkCheckButton   *remember;
};

G_DEFINE_FINAL_TYPE (KikuPasswordDialog, kiku_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_SITE,
  N_PROPS
};

enum {
  PASSWORD_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
on_response (KikuPasswordDialog *self,
             const char         *response)
{
  if (g_str_equal (response, "publish"))
    g_signal_emit (self, signals [PASSWORD_CHOSEN], 0,
                   gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                   gtk_check_button_get_active (self->remember));
}

/* Enter in the entry answers as the Publish button would. */
static void
on_entry_activate (KikuPasswordDialog *self)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "publish"))
    return;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "publish");
  gtk_window_close (GTK_WINDOW (self));
}

static void
kiku_password_dialog_constructed (GObject *object)
{
  KikuPasswordDialog *self = KIKU_PASSWORD_DIALOG (object);
  g_autofree char *body = NULL;

  G_OBJECT_CLASS (kiku_password_dialog_parent_class)->constructed (object);

  body = g_strdup_printf (_("The password of %s on %s. For WordPress, an application "
                            "password from the user’s profile on the site."),
                          kiku_site_get_user (self->site), kiku_site_get_name (self->site));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

static void
kiku_password_dialog_dispose (GObject *object)
{
  KikuPasswordDialog *self = KIKU_PASSWORD_DIALOG (object);

  g_clear_object (&self->site);

  G_OBJECT_CLASS (kiku_password_dialog_parent_class)->dispose (object);
}

static void
kiku_password_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KikuPasswordDialog *self = KIKU_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SITE:
      g_value_set_object (value, self->site);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_password_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KikuPasswordDialog *self = KIKU_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SITE:
      self->site = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_password_dialog_class_init (KikuPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_password_dialog_constructed;
  object_class->dispose = kiku_password_dialog_dispose;
  object_class->get_property = kiku_password_dialog_get_property;
  object_class->set_property = kiku_password_dialog_set_property;

  properties [PROP_SITE] =
    g_param_spec_object ("site", NULL, NULL, KIKU_TYPE_SITE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KikuPasswordDialog::password-chosen:
   * @password: what the user typed
   * @remember: whether to keep it: in the keyring, or where there is
   *   none (see kiku_password_dialog_set_keyring_error()) in memory until
   *   the application quits
   */
  signals [PASSWORD_CHOSEN] =
    g_signal_new ("password-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPasswordDialog, keyring_problem);
  gtk_widget_class_bind_template_child (widget_class, KikuPasswordDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, KikuPasswordDialog, remember);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
}

static void
kiku_password_dialog_init (KikuPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

KikuPasswordDialog *
kiku_password_dialog_new (GtkWindow *parent,
                          KikuSite  *site)
{
  g_return_val_if_fail (KIKU_IS_SITE (site), NULL);

  return g_object_new (KIKU_TYPE_PASSWORD_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "site", site,
                       NULL);
}

KikuSite *
kiku_password_dialog_get_site (KikuPasswordDialog *self)
{
  g_return_val_if_fail (KIKU_IS_PASSWORD_DIALOG (self), NULL);

  return self->site;
}

/**
 * kiku_password_dialog_set_keyring_error:
 * @error: why the keyring cannot be reached
 *
 * Says in the dialog that the password cannot be kept in the keyring, and
 * offers to keep it for this session only instead.
 */
void
kiku_password_dialog_set_keyring_error (KikuPasswordDialog *self,
                                        const GError       *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIKU_IS_PASSWORD_DIALOG (self));
  g_return_if_fail (error != NULL);

  /* Translators: %s says why the keyring (the Secret Service) cannot be reached */
  text = g_strdup_printf (_("The password cannot be kept in the keyring: %s. Kiku can remember it "
                            "until it quits, and ask again next time."), error->message);
  gtk_label_set_label (self->keyring_problem, text);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_problem), TRUE);
  gtk_check_button_set_label (self->remember, _("_Remember until Kiku quits"));
}
