/* kiku-window-actions.c: what the window does: files, undo, closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-error.h"
#include "kiku-window-private.h"

/* Saving ------------------------------------------------------------------- */

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  KikuDocument *document = KIKU_DOCUMENT (object);

  self->saving = FALSE;

  if (!kiku_document_save_finish (document, result, &error))
    {
      g_autofree char *name = kiku_document_dup_title (document);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      self->close_after_save = FALSE;
      _kiku_window_update_actions (self);
      g_object_notify (G_OBJECT (document), "modified");
      /* The draft still holds the work. */
      kiku_show_error (GTK_WINDOW (self), heading, error);
      return;
    }

  kiku_window_add_recent (kiku_document_get_file (document), kiku_document_get_article (document));

  _kiku_window_update_actions (self);
  g_object_notify (G_OBJECT (document), "modified");

  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_to (KikuWindow *self,
         GFile      *file)
{
  self->saving = TRUE;
  _kiku_window_update_actions (self);
  kiku_document_save_async (self->document, file, self->cancellable, on_saved, g_object_ref (self));
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     KikuWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      save_to (self, file);
    }
  else
    {
      self->close_after_save = FALSE;
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static GtkFileFilter *
article_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Kiku Articles"));
  gtk_file_filter_add_pattern (filter, "*.kiku");
  gtk_file_filter_add_mime_type (filter, "application/x-kiku");

  return filter;
}

void
_kiku_window_save (KikuWindow *self,
                   gboolean    save_as)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  KikuArticle *article;
  g_autofree char *name = NULL;

  if (self->document == NULL || self->saving)
    return;

  if (!save_as && kiku_document_get_file (self->document) != NULL)
    {
      save_to (self, NULL);
      return;
    }

  article = kiku_document_get_article (self->document);
  dialog = gtk_file_chooser_native_new (_("Save Article"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = article_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s.kiku", kiku_article_get_slug (article) ? kiku_article_get_slug (article)
                                     : kiku_article_get_title (article) ? kiku_article_get_title (article)
                                     : _("Untitled Article"));
  g_strdelimit (name, "/", '-');
  /* Save As starts where the article is: its images are beside it. */
  if (kiku_document_get_file (self->document) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (kiku_document_get_file (self->document));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _kiku_window_save (KIKU_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

/* Closing -------------------------------------------------------------------- */

static gboolean
destroy_window (gpointer data)
{
  gtk_window_destroy (data);

  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   KikuWindow       *self)
{
  if (g_str_equal (response, "discard"))
    {
      kiku_document_discard_draft (self->document);
      /* Once the dialog, which belongs to the window, has gone. */
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      _kiku_window_save (self, FALSE);
    }
}

/* Returns TRUE to keep the window open while the user decides. */
gboolean
_kiku_window_close_request (KikuWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->document == NULL)
    return FALSE;

  if (!kiku_document_get_modified (self->document))
    {
      kiku_document_discard_draft (self->document);
      return FALSE;
    }

  name = kiku_document_dup_title (self->document);
  body = g_strdup_printf (_("“%s” has unsaved changes. What is not saved is lost when the window closes."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Undo --------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  KikuHistory *history;

  if (self->document == NULL)
    return;

  history = kiku_document_get_history (self->document);
  if (g_str_equal (action_name, "win.undo"))
    kiku_history_undo (history);
  else
    kiku_history_redo (history);
}

/* Import, paste, export ----------------------------------------------------- */

/* @name is the file's name, or NULL for the clipboard. */
static void
open_imported (KikuWindow *self,
               const char *text,
               gsize       length,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autofree char *persona = g_settings_get_string (self->settings, "default-persona");
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  KikuWindow *window;

  if (!(article = kiku_import_text (text, length, persona, &error)))
    {
      g_autofree char *heading = name ? g_strdup_printf (_("Could Not Import “%s”"), name)
                                      : g_strdup (_("Could Not Import the Clipboard’s Text"));
      kiku_show_error (GTK_WINDOW (self), heading, error);
      return;
    }

  document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  kiku_document_mark_unsaved (document);

  if (kiku_window_is_empty (self))
    {
      gtk_window_destroy (GTK_WINDOW (self));
    }

  window = kiku_window_new (application ? KIKU_APPLICATION (application) : NULL, document);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_text_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), name);
      kiku_show_error (GTK_WINDOW (self), heading, error);
      return;
    }

  open_imported (self, contents, length, name);
}

/**
 * kiku_window_import_file:
 *
 * Makes a new article from a plain-text file laid out like a digest page,
 * in a window of its own (this one, when it is empty, gives way to it).
 */
void
kiku_window_import_file (KikuWindow *self,
                         GFile      *file)
{
  g_return_if_fail (KIKU_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, on_text_loaded, g_object_ref (self));
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    KikuWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_file_load_contents_async (file, self->cancellable, on_text_loaded, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Text"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Text Files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
say_nothing_to_paste (KikuWindow *self)
{
  kiku_show_message (GTK_WINDOW (self), _("Nothing to Paste"),
                     _("The clipboard holds no text. Copy the article’s text, then choose Paste as New Article again."));
}

static void
on_clipboard_text (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Whatever the clipboard held (nothing, an image, only spaces), the
   * writer hears that there was no text, not a format's name.
   */
  if (text == NULL || *g_strstrip (text) == '\0')
    {
      say_nothing_to_paste (self);
      return;
    }

  open_imported (self, text, strlen (text), NULL);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (!gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) &&
      !gdk_content_formats_contain_mime_type (formats, "text/plain") &&
      !gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    {
      say_nothing_to_paste (self);
      return;
    }

  gdk_clipboard_read_text_async (clipboard, self->cancellable, on_clipboard_text, g_object_ref (self));
}

typedef struct
{
  KikuWindow *window;
  GFile      *folder;
} Export;

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(KikuWindow) self = export->window;
  g_autoptr(GFile) folder = export->folder;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  g_free (export);
  if (!kiku_article_export_finish (result, &error))
    {
      kiku_show_error (GTK_WINDOW (self), _("Could Not Export the Pages"), error);
      return;
    }

  /* Where the pages are, and a way there. */
  where = g_file_get_parse_name (folder);
  uri = g_file_get_uri (folder);
  /* Translators: %s is the folder's path */
  title = g_strdup_printf (_("Exported to “%s”"), where);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open Folder"));
  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/**
 * kiku_window_export_to:
 *
 * Writes the article's pages as HTML into @folder, and says where when done.
 */
void
kiku_window_export_to (KikuWindow *self,
                       GFile      *folder)
{
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  Export *export;

  g_return_if_fail (KIKU_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (self->document != NULL);

  export = g_new0 (Export, 1);
  export->window = g_object_ref (self);
  export->folder = g_object_ref (folder);
  kiku_article_export_async (kiku_document_get_article (self->document), renderer, folder,
                             self->cancellable, on_exported, export);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    KikuWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      kiku_window_export_to (self, folder);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* Opens the address the action carries: a toast's folder or page. */
static void
show_uri_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export HTML to a Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* View --------------------------------------------------------------------- */

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_bin),
                          !gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)));
}

static void
sidebar_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);
  guint page;

  if (self->editor == NULL)
    return;

  page = kiku_editor_get_page (self->editor);
  if (g_str_equal (action_name, "win.next-page"))
    kiku_editor_show_page (self->editor, page + 1);
  else if (page > 0)
    kiku_editor_show_page (self->editor, page - 1);
}

static void
problems_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  if (gtk_widget_get_mapped (GTK_WIDGET (self->problems_button)))
    gtk_menu_button_popup (self->problems_button);
  else
    _kiku_window_focus_next_problem (self);
}

/* Find and replace in the whole article: the bar above the form. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  if (self->editor == NULL)
    return;

  if (g_str_equal (action_name, "win.find"))
    kiku_find_bar_open (self->find_bar, FALSE);
  else if (g_str_equal (action_name, "win.find-replace"))
    kiku_find_bar_open (self->find_bar, TRUE);
  else
    kiku_find_bar_next (self->find_bar, g_str_equal (action_name, "win.find-next"));
}

void
_kiku_window_update_actions (KikuWindow *self)
{
  KikuHistory *history = self->document ? kiku_document_get_history (self->document) : NULL;
  gboolean ready = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", history && kiku_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", history && kiku_history_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", ready && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", ready && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", ready);
}

void
_kiku_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.paste-article", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-uri", "s", show_uri_action);
  gtk_widget_class_install_action (widget_class, "win.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "win.sidebar", NULL, sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.problems", NULL, problems_action);
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
  gtk_widget_class_install_property_action (widget_class, "win.focus-mode", "focus-mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.preview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-page", NULL);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-replace", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.find-replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.focus-mode", NULL);
}

/* Ctrl+Z belongs to the article, before any text field sees it. */
void
_kiku_window_add_undo_shortcuts (KikuWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { const char *trigger; const char *action; } shortcuts[] = {
    { "<Control>z", "win.undo" },
    { "<Control><Shift>z", "win.redo" },
    { "<Control>y", "win.redo" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
