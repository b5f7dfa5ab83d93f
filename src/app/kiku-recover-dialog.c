/* kiku-recover-dialog.c: offers back the work a crash left in drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-recover-dialog.h"

/* Each draft is listed with its headline, file and time. "Recover" gives
 * each back through ::recover-draft; "Discard" deletes them; "Later"
 * leaves them for the next start.
 */
struct _KikuRecoverDialog
{
  AdwMessageDialog  parent_instance;

  GPtrArray        *drafts;
  char             *drafts_dir;
};

G_DEFINE_FINAL_TYPE (KikuRecoverDialog, kiku_recover_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_DRAFTS,
  PROP_DRAFTS_DIR,
  N_PROPS
};

enum {
  RECOVER_DRAFT,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
on_response (KikuRecoverDialog *self,
             const char        *response)
{
  for (guint i = 0; i < self->drafts->len; i++)
    {
      KikuDraft *draft = g_ptr_array_index (self->drafts, i);

      if (g_str_equal (response, "recover"))
        g_signal_emit (self, signals [RECOVER_DRAFT], 0, draft);
      else if (g_str_equal (response, "discard"))
        kiku_draft_delete (draft, self->drafts_dir);
    }
}

static void
kiku_recover_dialog_constructed (GObject *object)
{
  KikuRecoverDialog *self = KIKU_RECOVER_DIALOG (object);
  g_autoptr(GString) body = NULL;

  G_OBJECT_CLASS (kiku_recover_dialog_parent_class)->constructed (object);

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Kiku stopped before this article was saved:",
                                    "Kiku stopped before these articles were saved:",
                                    self->drafts->len));
  g_string_append_c (body, '\n');

  for (guint i = 0; i < self->drafts->len; i++)
    {
      KikuDraft *draft = g_ptr_array_index (self->drafts, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (kiku_draft_get_saved (draft));
      g_autofree char *when = g_date_time_format (local, "%x %X");
      g_autofree char *file = kiku_draft_get_file (draft) ? g_file_get_basename (kiku_draft_get_file (draft)) : NULL;

      /* Translators: "• Headline (article.kiku), saved 2025/11/25 20:31:07": the
       * article's headline, its file, and when its draft was last kept
       */
      g_string_append_printf (body, _("\n• %s (%s), saved %s"),
                              kiku_draft_get_title (draft) ? kiku_draft_get_title (draft) : _("Untitled Article"),
                              /* Translators: in place of the file of an article
                               * that was never saved to a file
                               */
                              file ? file : _("never saved"),
                              when);
    }

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body->str);
}

static void
kiku_recover_dialog_finalize (GObject *object)
{
  KikuRecoverDialog *self = KIKU_RECOVER_DIALOG (object);

  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_free (self->drafts_dir);

  G_OBJECT_CLASS (kiku_recover_dialog_parent_class)->finalize (object);
}

static void
kiku_recover_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KikuRecoverDialog *self = KIKU_RECOVER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DRAFTS:
      self->drafts = g_value_dup_boxed (value);
      break;

    case PROP_DRAFTS_DIR:
      self->drafts_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_recover_dialog_class_init (KikuRecoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_recover_dialog_constructed;
  object_class->finalize = kiku_recover_dialog_finalize;
  object_class->set_property = kiku_recover_dialog_set_property;

  /* (element-type KikuDraft) */
  properties [PROP_DRAFTS] =
    g_param_spec_boxed ("drafts", NULL, NULL, G_TYPE_PTR_ARRAY,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DRAFTS_DIR] =
    g_param_spec_string ("drafts-dir", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KikuRecoverDialog::recover-draft:
   * @draft: a draft to open again
   */
  signals [RECOVER_DRAFT] =
    g_signal_new ("recover-draft",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  KIKU_TYPE_DRAFT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-recover-dialog.ui");
}

static void
kiku_recover_dialog_init (KikuRecoverDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

/**
 * kiku_recover_dialog_new:
 * @drafts: (element-type KikuDraft): the drafts to offer, at least one
 */
KikuRecoverDialog *
kiku_recover_dialog_new (GtkWindow  *parent,
                         GPtrArray  *drafts,
                         const char *drafts_dir)
{
  g_return_val_if_fail (drafts != NULL && drafts->len > 0, NULL);
  g_return_val_if_fail (drafts_dir != NULL, NULL);

  return g_object_new (KIKU_TYPE_RECOVER_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "drafts", drafts,
                       "drafts-dir", drafts_dir,
                       NULL);
}
