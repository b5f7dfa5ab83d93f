/* test-dialogs.c: the publish, password, sites and preferences dialogs,
 * in a real display, found as a screen reader finds them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "kiku-password-dialog.h"
#include "kiku-preferences-window.h"
#include "kiku-publish-dialog.h"
#include "kiku-test-gui.h"

/* What a widget under @root is, for a test that cannot find what it wants. */
static void
dump_accessible (GtkWidget *root,
                 guint      depth)
{
  if (!gtk_widget_get_visible (root))
    return;

  g_test_message ("%*s%s, role %d%s", depth * 2, "", G_OBJECT_TYPE_NAME (root),
                  gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)),
                  GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root)) : "");
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    dump_accessible (child, depth + 1);
}

/* The widget a screen reader would find by @role and @name; the test fails
 * without it.
 */
static GtkWidget *
need (GtkWidget         *root,
      GtkAccessibleRole  role,
      const char        *name)
{
  GtkWidget *widget = kiku_test_find_accessible (root, role, name);

  if (widget == NULL)
    {
      dump_accessible (root, 0);
      g_error ("no widget of role %d called “%s”", role, name);
    }

  return widget;
}

/* A control labelled with a mnemonic ("_Publish"). GTK 4.8 gives a button
 * both its label as written, underline included, and a relation to the
 * label it shows ("Publish"); either is taken.
 */
static GtkWidget *
need_mnemonic (GtkWidget         *root,
               GtkAccessibleRole  role,
               const char        *label)
{
  g_autoptr(GString) shown = g_string_new (label);
  GtkWidget *widget = kiku_test_find_accessible (root, role, label);

  g_string_replace (shown, "_", "", 0);

  return widget ? widget : need (root, role, shown->str);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = need_mnemonic (root, GTK_ACCESSIBLE_ROLE_BUTTON, label);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (need (root, GTK_ACCESSIBLE_ROLE_TEXT_BOX, name)), text);
}

static const char *
get_text (GtkWidget  *root,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (need (root, GTK_ACCESSIBLE_ROLE_TEXT_BOX, name)));
}

typedef struct
{
  GtkWindow  *window;
  const char *heading;
} DialogWanted;

static AdwMessageDialog *
find_dialog_headed (GtkWindow  *window,
                    const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == window &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0)
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
has_dialog_headed (gpointer data)
{
  DialogWanted *wanted = data;

  return find_dialog_headed (wanted->window, wanted->heading) != NULL;
}

static AdwMessageDialog *
wait_for_dialog (KikuWindow *window,
                 const char *heading)
{
  DialogWanted wanted = { GTK_WINDOW (window), heading };

  kiku_test_wait_for (has_dialog_headed, &wanted, heading);

  return find_dialog_headed (GTK_WINDOW (window), heading);
}

/* Click a dialog's response button, as a person would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *name)
{
  click (GTK_WIDGET (dialog), name);
}

static GtkWindow *
find_toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (toplevel), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
has_toplevel_titled (gpointer data)
{
  return find_toplevel_titled (data) != NULL;
}

/* Preferences ------------------------------------------------------------- */

/* The preferences are the app's settings, each control called what it
 * shows.
 */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);
  KikuPreferencesWindow *preferences;
  GtkWidget *root;
  GtkWidget *spin, *persona, *site;

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites,
                                      "{\"sites\": [{\"name\": \"Blog\", \"kind\": \"wordpress\", "
                                      "\"location\": \"https://example.com/\"}]}", -1, NULL));
  preferences = kiku_preferences_window_new (settings);
  root = GTK_WIDGET (preferences);

  gtk_window_present (GTK_WINDOW (preferences));
  kiku_test_wait_for (kiku_test_is_mapped, preferences, "the preferences");

  spin = need (root, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Autosave Delay");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 7);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 7);

  persona = need (root, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Default Persona");
  gtk_editable_set_text (GTK_EDITABLE (persona), "Night Desk");
  g_assert_cmpstr (g_settings_get_string (settings, "default-persona"), ==, "Night Desk");

  set_text (root, "Default Author", "Night Desk Editors");
  g_assert_cmpstr (g_settings_get_string (settings, "default-author"), ==, "Night Desk Editors");
  site = need (root, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Default Site");
  /* None, then the sites: Local folder and Blog. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (site), 2);
  g_assert_cmpstr (g_settings_get_string (settings, "default-site"), ==, "Blog");
  adw_combo_row_set_selected (ADW_COMBO_ROW (site), 0);
  g_assert_cmpstr (g_settings_get_string (settings, "default-site"), ==, "");

  need (root, GTK_ACCESSIBLE_ROLE_WIDGET, "Editor Font");
  need (root, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Language");

  g_settings_reset (settings, "autosave-delay");
  g_settings_reset (settings, "default-persona");
  g_settings_reset (settings, "default-author");
  g_settings_reset (settings, "default-site");
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_unlink (sites);
}

static gboolean
is_marked_wrong (GtkWidget     *widget,
                 gconstpointer  data)
{
  return gtk_widget_is_visible (widget) && gtk_widget_has_css_class (widget, "error");
}

static gboolean
is_visible_label_saying (GtkWidget     *widget,
                         gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
has_problem_shown (gpointer window)
{
  return kiku_test_find_widget (window, is_visible_label_saying, "1 Problem") != NULL;
}

static gboolean
is_visible_label_with (GtkWidget     *widget,
                       gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
has_problems_shown (gpointer window)
{
  return kiku_test_find_widget (window, is_visible_label_saying, "3 Problems") != NULL;
}

/* File › New takes the default author and the default site's language;
 * the blank article is not "Saved", and shows no problem until a field is
 * edited, or the writer asks to publish.
 */
static void
test_new_article_defaults (void)
{
  g_autoptr(KikuApplication) application = kiku_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);
  KikuWindow *window = NULL;
  GtkWidget *author, *headline;
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites,
                                      "{\"sites\": [{\"name\": \"Blog\", \"kind\": \"wordpress\", "
                                      "\"location\": \"https://example.com/\", \"language\": \"en\", "
                                      "\"personas\": [\"Night Desk\", \"Morning Desk\"]}]}",
                                      -1, NULL));
  g_settings_set_string (settings, "default-author", "山田花子");
  g_settings_set_string (settings, "default-site", "Blog");
  g_settings_set_string (settings, "default-language", "ja");

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (application), "new", NULL);
  for (GList *w = gtk_application_get_windows (GTK_APPLICATION (application)); w; w = w->next)
    if (KIKU_IS_WINDOW (w->data))
      window = w->data;
  g_assert_nonnull (window);
  kiku_test_wait_for (kiku_test_is_mapped, window, "the new window");
  kiku_test_run_pending ();

  author = need (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Author");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (author)), ==, "山田花子");
  g_assert_cmpstr (kiku_article_get_language (kiku_document_get_article (kiku_window_get_document (window))), ==, "en");

  /* Never written: not "Saved", and nothing red. */
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_visible_label_saying, "Not Saved"));
  g_assert_null (kiku_test_find_widget (GTK_WIDGET (window), is_visible_label_saying, "Saved"));
  g_assert_null (kiku_test_find_widget (GTK_WIDGET (window), is_marked_wrong, NULL));
  g_assert_null (kiku_test_find_widget (GTK_WIDGET (window), is_visible_label_with, "Problem"));

  /* A headline typed and taken back again is a problem now. */
  headline = need (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  gtk_editable_set_text (GTK_EDITABLE (headline), "仮");
  gtk_editable_set_text (GTK_EDITABLE (headline), "");
  kiku_test_wait_for (has_problem_shown, window, "the headline's problem");
  g_assert_true (gtk_widget_has_css_class (headline, "error"));

  /* Publish shows them all: the headline, and the section with no heading
   * and nothing in it.
   */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL);
  dialog = wait_for_dialog (window, "Publish");
  kiku_test_wait_for (has_problems_shown, window, "every problem");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A comment takes the site's first persona, and may take its others. */
  {
    g_autoptr(KikuComment) comment = kiku_comment_new ();
    KikuArticle *article = kiku_document_get_article (kiku_window_get_document (window));
    KikuPage *page = kiku_list_get (kiku_article_get_pages (article), 0);
    KikuSection *section = kiku_list_get (kiku_page_get_sections (page), 0);
    GtkWidget *persona;
    GListModel *offered;

    kiku_list_append (kiku_section_get_blocks (section), comment);
    kiku_test_run_pending ();
    g_assert_cmpstr (kiku_comment_get_persona (comment), ==, "Night Desk");
    persona = need (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Persona");
    offered = gtk_drop_down_get_model (GTK_DROP_DOWN (persona));
    g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (offered), 1), ==, "Morning Desk");
  }

  kiku_document_discard_draft (kiku_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "default-author");
  g_settings_reset (settings, "default-site");
  g_settings_reset (settings, "default-language");
  g_unlink (sites);
}

/* Publishing --------------------------------------------------------------- */

static gboolean
has_publish_record (gpointer data)
{
  KikuArticle *article = data;
  g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (article, "Test folder");

  return record != NULL;
}

/* The article in the file on disk, as a new reader would find it. */
static KikuArticle *
article_on_disk (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KikuArticle *article = kiku_article_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return article;
}

static gboolean
file_has_record (gpointer data)
{
  g_autoptr(KikuArticle) article = article_on_disk (data);

  return has_publish_record (article);
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
has_open_toast (gpointer window)
{
  return kiku_test_find_widget (GTK_WIDGET (window), is_action_button, "win.show-uri") != NULL;
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
has_record_toast (gpointer window)
{
  return kiku_test_find_widget (GTK_WIDGET (window), is_label_saying, "not yet in the file") != NULL;
}

/* The sample and its images, copied into @dir as sample.kiku: publishing
 * writes its record into the article's file.
 */
static void
copy_sample (const char *sample,
             const char *dir)
{
  g_autofree char *images = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images", NULL);
  g_autofree char *copy = g_build_filename (dir, "sample.kiku", NULL);
  g_autofree char *command = g_strdup_printf ("cp '%s' '%s' && cp -r '%s' '%s'", sample, copy, images, dir);

  g_assert_cmpint (system (command), ==, 0);
}

typedef struct
{
  char *dir;
  char *site_dir;
  char *config;
  char *copy;
} Folder;

/* A folder site called "Test folder" and a copy of the sample to publish. */
static void
folder_setup (Folder *folder)
{
  g_autofree char *sites = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sample = kiku_test_sample_path ();

  folder->dir = g_dir_make_tmp ("kiku-publish-XXXXXX", NULL);
  folder->site_dir = g_build_filename (folder->dir, "site", NULL);
  folder->config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  folder->copy = g_build_filename (folder->dir, "sample.kiku", NULL);
  sites = g_build_filename (folder->config, "sites.json", NULL);
  json = g_strdup_printf ("{\"sites\": [{\"name\": \"Test folder\", \"kind\": \"folder\", \"location\": \"%s\"}]}",
                          folder->site_dir);

  g_assert_cmpint (g_mkdir_with_parents (folder->config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites, json, -1, NULL));
  copy_sample (sample, folder->dir);
}

static void
folder_teardown (Folder *folder)
{
  kiku_test_remove_tree (folder->dir);
  kiku_test_remove_tree (folder->config);
  g_free (folder->dir);
  g_free (folder->site_dir);
  g_free (folder->config);
  g_free (folder->copy);
}

/* Choose "Test folder" in the Publish dialog, and publish. */
static void
publish_to_test_folder (KikuWindow *window)
{
  AdwMessageDialog *dialog;
  GtkWidget *site;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL);
  dialog = wait_for_dialog (window, "Publish");

  /* Local folder comes first; ours is after it. */
  site = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site");
  need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Status");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (site), 1);
  respond (dialog, "_Publish");
}

/* Publish from the window to a folder site, nothing unsaved: the dialog,
 * the pages on disk, the record in the article's file, and the window
 * still clean.
 */
static void
test_publish (void)
{
  Folder folder;
  g_autofree char *index = NULL;
  g_autoptr(KikuDocument) document = NULL;
  KikuWindow *window;

  folder_setup (&folder);
  index = g_build_filename (folder.site_dir, "night-libraries", "index.html", NULL);
  document = kiku_test_load_document (folder.copy);
  window = kiku_test_show_window (document, 0, 0);

  publish_to_test_folder (window);
  kiku_test_wait_for (has_publish_record, kiku_document_get_article (document), "the publish");
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  /* A toast says so, with a button that opens the page. */
  kiku_test_wait_for (has_open_toast, window, "the toast");
  {
    GtkWidget *open = kiku_test_find_widget (GTK_WIDGET (window), is_action_button, "win.show-uri");
    g_autofree char *target = NULL;
    GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));

    g_assert_true (kiku_test_has_accessible_name (open, "_Open") || kiku_test_has_accessible_name (open, "Open"));
    g_assert_nonnull (value);
    target = g_variant_dup_string (value, NULL);
    g_assert_true (g_str_has_prefix (target, "file://"));
    g_assert_true (g_str_has_suffix (target, "night-libraries/index.html"));
  }
  kiku_test_wait_for (file_has_record, folder.copy, "the record written into the file");
  g_assert_false (kiku_document_get_modified (document));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_false (kiku_history_can_undo (kiku_document_get_history (document)));

  gtk_window_destroy (GTK_WINDOW (window));
  folder_teardown (&folder);
}

/* Publish with an edit not yet saved: the file on disk gets the record and
 * not the edit, the window still has the edit unsaved, and undoing it is
 * the one step there is to undo.
 */
static void
test_publish_keeps_unsaved_edits (void)
{
  Folder folder;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(KikuArticle) on_disk = NULL;
  g_autofree char *title_before = NULL;
  KikuArticle *article;
  KikuHistory *history;
  KikuWindow *window;

  folder_setup (&folder);
  document = kiku_test_load_document (folder.copy);
  article = kiku_document_get_article (document);
  history = kiku_document_get_history (document);
  title_before = g_strdup (kiku_article_get_title (article));
  window = kiku_test_show_window (document, 0, 0);

  kiku_article_set_title (article, "見出しの書きかけ");
  kiku_test_run_pending ();
  g_assert_true (kiku_document_get_modified (document));

  publish_to_test_folder (window);
  kiku_test_wait_for (has_publish_record, article, "the publish");
  kiku_test_wait_for (file_has_record, folder.copy, "the record written into the file");

  /* The file has the record, and the headline it had. */
  on_disk = article_on_disk (folder.copy);
  g_assert_cmpstr (kiku_article_get_title (on_disk), ==, title_before);

  /* The window keeps the edit, unsaved. */
  g_assert_cmpstr (get_text (GTK_WIDGET (window), "Headline"), ==, "見出しの書きかけ");
  g_assert_true (kiku_document_get_modified (document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  /* The record is no step in the history: one undo takes the edit back,
   * and the record stays.
   */
  g_assert_true (kiku_history_can_undo (history));
  kiku_history_undo (history);
  g_assert_cmpstr (kiku_article_get_title (article), ==, title_before);
  g_assert_false (kiku_history_can_undo (history));
  g_assert_true (has_publish_record (article));
  g_assert_false (kiku_document_get_modified (document));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
  folder_teardown (&folder);
}

/* An article never saved keeps its record for its first save; one whose
 * file went away keeps it too, and the writer is told.
 */
static void
test_publish_without_file (void)
{
  Folder folder;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(KikuDocument) unsaved = NULL;
  g_autoptr(KikuArticle) fresh = kiku_article_new ();
  KikuWindow *window;

  folder_setup (&folder);

  /* Never saved. */
  kiku_article_set_title (fresh, "まだ保存していない記事");
  kiku_article_set_slug (fresh, "never-saved");
  kiku_article_set_author (fresh, "菊ダイジェスト編集部");
  unsaved = kiku_document_new (fresh, kiku_application_get_drafts_dir ());
  window = kiku_test_show_window (unsaved, 0, 0);
  publish_to_test_folder (window);
  kiku_test_wait_for (has_publish_record, fresh, "the publish");
  g_assert_true (kiku_document_get_modified (unsaved));
  {
    g_autofree char *text = kiku_article_serialize (fresh, NULL, NULL);
    g_assert_nonnull (strstr (text, "\"Test folder\""));
  }
  kiku_document_discard_draft (unsaved);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The file is gone from under the window. */
  document = kiku_test_load_document (folder.copy);
  window = kiku_test_show_window (document, 0, 0);
  g_assert_cmpint (g_unlink (folder.copy), ==, 0);
  publish_to_test_folder (window);
  kiku_test_wait_for (has_record_toast, window, "the toast saying the record waits");
  g_assert_true (has_publish_record (kiku_document_get_article (document)));
  g_assert_true (kiku_document_get_modified (document));
  g_assert_false (g_file_test (folder.copy, G_FILE_TEST_EXISTS));

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
  folder_teardown (&folder);
}

/* Answer the password question that publishing asks. */
static void
answer_password (KikuWindow *window,
                 const char *password)
{
  AdwMessageDialog *dialog = wait_for_dialog (window, "Password");
  GtkWidget *remember;

  set_text (GTK_WIDGET (dialog), "Password", password);
  /* Nothing remembered: each publish asks again. */
  remember = kiku_test_find_accessible (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_CHECKBOX, "_Remember in the keyring");
  if (remember == NULL)
    remember = need_mnemonic (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_CHECKBOX, "_Remember until Kiku quits");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remember), FALSE);
  respond (dialog, "_Publish");
}

/* Publish from the Publish dialog, and answer the password question. */
static void
publish_with_password (KikuWindow *window,
                       const char *password)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL);
  dialog = wait_for_dialog (window, "Publish");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site")), 1);
  respond (dialog, "_Publish");

  answer_password (window, password);
}

typedef struct
{
  KikuArticle *article;
  char        *previous;
} RecordWanted;

static char *
dav_record_text (KikuArticle *article)
{
  g_autoptr(KikuPublishRecord) record = kiku_article_dup_publish_record (article, "Test DAV");

  return record ? kiku_publish_record_to_string (record) : NULL;
}

/* The record for "Test DAV" exists and differs from the one before. */
static gboolean
has_new_dav_record (gpointer data)
{
  RecordWanted *wanted = data;
  g_autofree char *text = dav_record_text (wanted->article);

  return text != NULL && g_strcmp0 (text, wanted->previous) != 0 && strstr (text, "\"time\"") != NULL;
}

/* Publishing to a real WebDAV server from the window: the password is
 * asked for, a page someone changed on the server brings the overwrite
 * question, and overwriting puts ours back.
 */
static void
test_publish_conflict (void)
{
  const char *url = g_getenv ("KIKU_TEST_WEBDAV_URL");
  const char *root = g_getenv ("KIKU_TEST_WEBDAV_ROOT");
  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);
  g_autofree char *sample = kiku_test_sample_path ();
  g_autofree char *slug = g_strdup_printf ("gui-conflict-%u", g_random_int ());
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *page = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KikuDocument) document = NULL;
  AdwMessageDialog *dialog;
  RecordWanted wanted = { NULL, NULL };
  KikuWindow *window;

  if (url == NULL || root == NULL)
    {
      kiku_test_lacking ("WebDAV server");
      return;
    }

  json = g_strdup_printf ("{\"sites\": [{\"name\": \"Test DAV\", \"kind\": \"webdav\", "
                          "\"location\": \"%s\", \"user\": \"%s\"}]}",
                          url, g_getenv ("KIKU_TEST_WEBDAV_USER"));
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites, json, -1, NULL));
  page = g_build_filename (root, slug, "index.html", NULL);

  /* A copy, since the record is saved into the article's file. */
  dir = g_dir_make_tmp ("kiku-conflict-XXXXXX", NULL);
  copy = g_build_filename (dir, "sample.kiku", NULL);
  copy_sample (sample, dir);
  document = kiku_test_load_document (copy);
  wanted.article = kiku_document_get_article (document);
  kiku_article_set_slug (wanted.article, slug);
  window = kiku_test_show_window (document, 0, 0);

  publish_with_password (window, g_getenv ("KIKU_TEST_WEBDAV_PASSWORD"));
  kiku_test_wait_for (has_new_dav_record, &wanted, "the first publish");
  g_assert_true (g_file_get_contents (page, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "夜の図書館"));
  g_clear_pointer (&text, g_free);

  /* Someone changes the page on the server. */
  g_assert_true (g_file_set_contents (page, "<p>Changed on the site by someone else</p>", -1, NULL));

  kiku_article_set_title (wanted.article, "夜の図書館、二度目の公開");
  wanted.previous = dav_record_text (wanted.article);
  publish_with_password (window, g_getenv ("KIKU_TEST_WEBDAV_PASSWORD"));
  dialog = wait_for_dialog (window, "Overwrite the Changes on the Site?");
  /* The refused try noted what it attempted in the record: what follows
   * must wait for the record of the overwriting publish.
   */
  g_free (wanted.previous);
  wanted.previous = dav_record_text (wanted.article);

  /* Asked, nothing overwritten yet. */
  g_assert_true (g_file_get_contents (page, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "<p>Changed on the site by someone else</p>");
  g_clear_pointer (&text, g_free);

  respond (dialog, "_Overwrite");
  answer_password (window, g_getenv ("KIKU_TEST_WEBDAV_PASSWORD"));

  kiku_test_wait_for (has_new_dav_record, &wanted, "the overwriting publish");
  g_assert_true (g_file_get_contents (page, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "二度目の公開"));

  g_free (wanted.previous);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (sites);
  kiku_test_remove_tree (dir);
}

/* A server that takes every request and never answers. */
static void
stall (SoupServer        *server,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  GPtrArray *held = user_data;

  soup_server_message_pause (message);
  g_ptr_array_add (held, g_object_ref (message));
}

static gboolean
is_progress_bar (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_PROGRESS_BAR (widget);
}

typedef struct
{
  KikuWindow *window;
  GPtrArray  *held;
} Publishing;

/* Publishing shows in the header and the server has a request. */
static gboolean
is_publishing (gpointer data)
{
  Publishing *state = data;
  GtkWidget *progress = kiku_test_find_widget (GTK_WIDGET (state->window), is_progress_bar, NULL);

  return state->held->len > 0 && gtk_widget_get_visible (progress) &&
         kiku_test_find_widget (GTK_WIDGET (state->window), kiku_test_is_button_labelled, "_Cancel Publishing") != NULL;
}

static gboolean
is_not_publishing (gpointer data)
{
  Publishing *state = data;
  GtkWidget *progress = kiku_test_find_widget (GTK_WIDGET (state->window), is_progress_bar, NULL);

  return !gtk_widget_get_visible (progress) &&
         kiku_test_find_widget (GTK_WIDGET (state->window), kiku_test_is_button_labelled, "_Publish") != NULL;
}

/* With validation problems the dialog lists them and offers a draft only;
 * while publishing, the header shows progress and its button stops it.
 */
static void
test_publish_problems_and_cancel (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);
  g_autofree char *sample = kiku_test_sample_path ();
  g_autofree char *dir = g_dir_make_tmp ("kiku-cancel-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "sample.kiku", NULL);
  g_autofree char *json = NULL;
  g_autofree char *base = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(KikuPublishRecord) record = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *status;
  GSList *uris;
  Publishing state;

  soup_server_add_handler (server, NULL, stall, held, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  json = g_strdup_printf ("{\"sites\": [{\"name\": \"Stalled\", \"kind\": \"webdav\", \"location\": \"%sdav/\"}]}", base);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites, json, -1, NULL));
  copy_sample (sample, dir);

  document = kiku_test_load_document (copy);
  kiku_article_set_title (kiku_document_get_article (document), "");
  state.window = kiku_test_show_window (document, 0, 0);
  state.held = held;

  gtk_widget_activate_action (GTK_WIDGET (state.window), "win.publish", NULL);
  dialog = wait_for_dialog (state.window, "Publish");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 problem is still to fix"));
  status = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Status");
  g_assert_false (gtk_widget_get_sensitive (status));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site")), 1);
  /* A WebDAV site keeps no drafts: the dialog says so, and still lets it go. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "This site has no drafts"));
  respond (dialog, "Publish _Anyway");

  kiku_test_wait_for (is_publishing, &state, "publishing under way");

  /* The header's button stops it, and nothing is recorded. */
  click (GTK_WIDGET (state.window), "_Cancel Publishing");
  kiku_test_wait_for (is_not_publishing, &state, "publishing stopped");
  record = kiku_article_dup_publish_record (kiku_document_get_article (document), "Stalled");
  g_assert_null (record);

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (state.window));
  soup_server_disconnect (server);
  g_unlink (sites);
  kiku_test_remove_tree (dir);
}

typedef struct
{
  guint     count;
  char     *password;
  gboolean  remember;
} PasswordChosen;

static void
on_password_chosen (KikuPasswordDialog *dialog,
                    const char         *password,
                    gboolean            remember,
                    PasswordChosen     *chosen)
{
  chosen->count++;
  g_free (chosen->password);
  chosen->password = g_strdup (password);
  chosen->remember = remember;
}

/* Enter in the password field sends the password, once. */
static void
test_password_enter (void)
{
  g_autoptr(KikuSite) site = kiku_site_new ("Server", KIKU_SITE_WEBDAV, "https://example.com/dav/");
  KikuPasswordDialog *dialog;
  PasswordChosen chosen = { 0 };
  GtkWidget *entry, *text;

  kiku_site_set_user (site, "writer");
  dialog = kiku_password_dialog_new (NULL, site);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "password-chosen", G_CALLBACK (on_password_chosen), &chosen);
  gtk_window_present (GTK_WINDOW (dialog));
  kiku_test_wait_for (kiku_test_is_mapped, dialog, "the Password dialog");

  entry = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Password");
  gtk_editable_set_text (GTK_EDITABLE (entry), "s3cret word");
  /* What the Enter key does in the field. */
  text = gtk_widget_get_first_child (entry);
  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
  kiku_test_run_pending ();

  g_assert_cmpuint (chosen.count, ==, 1);
  g_assert_cmpstr (chosen.password, ==, "s3cret word");
  g_assert_true (chosen.remember);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  g_free (chosen.password);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static const char *
authorization_of (GPtrArray *held,
                  guint      index)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (g_ptr_array_index (held, index));

  return soup_message_headers_get_one (headers, "Authorization");
}

/* Without a keyring (no Secret Service on the bus), the password dialog
 * says so and offers to remember the password until Kiku quits; the next
 * publish uses it without asking.
 */
static void
test_password_without_keyring (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);
  g_autofree char *sample = kiku_test_sample_path ();
  g_autofree char *dir = g_dir_make_tmp ("kiku-keyring-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "sample.kiku", NULL);
  g_autofree char *json = NULL;
  g_autofree char *base = NULL;
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *credentials = g_base64_encode ((const guchar *)"writer:s3cret word", strlen ("writer:s3cret word"));
  g_autoptr(KikuDocument) document = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *remember, *entry, *explanation;
  GSList *uris;
  Publishing state;

  found = kiku_secret_lookup ("Keyless", "writer", &keyring_error);
  if (keyring_error == NULL)
    {
      g_test_skip ("a keyring answers on this session bus");
      return;
    }

  soup_server_add_handler (server, NULL, stall, held, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  json = g_strdup_printf ("{\"sites\": [{\"name\": \"Keyless\", \"kind\": \"webdav\", "
                          "\"location\": \"%sdav/\", \"user\": \"writer\"}]}", base);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites, json, -1, NULL));
  copy_sample (sample, dir);

  document = kiku_test_load_document (copy);
  state.window = kiku_test_show_window (document, 0, 0);
  state.held = held;

  gtk_widget_activate_action (GTK_WIDGET (state.window), "win.publish", NULL);
  dialog = wait_for_dialog (state.window, "Publish");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site")), 1);
  respond (dialog, "_Publish");

  /* The dialog the writer is in says what is missing, and what it offers. */
  dialog = wait_for_dialog (state.window, "Password");
  explanation = kiku_test_find_widget (GTK_WIDGET (dialog), is_label_saying, "cannot be kept in the keyring");
  g_assert_nonnull (explanation);
  g_assert_true (gtk_widget_is_visible (explanation));
  g_assert_null (kiku_test_find_accessible (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                            "_Remember in the keyring"));
  remember = need_mnemonic (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_CHECKBOX, "_Remember until Kiku quits");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (remember)));
  entry = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Password");
  gtk_editable_set_text (GTK_EDITABLE (entry), "s3cret word");
  g_signal_emit_by_name (gtk_widget_get_first_child (entry), "activate");

  /* The password goes to the site, and no toast hides behind anything. */
  kiku_test_wait_for (is_publishing, &state, "publishing with the password");
  expected = g_strdup_printf ("Basic %s", credentials);
  g_assert_cmpstr (authorization_of (held, 0), ==, expected);
  click (GTK_WIDGET (state.window), "_Cancel Publishing");
  kiku_test_wait_for (is_not_publishing, &state, "publishing stopped");
  g_ptr_array_set_size (held, 0);

  /* Next time, nothing is asked. */
  gtk_widget_activate_action (GTK_WIDGET (state.window), "win.publish", NULL);
  dialog = wait_for_dialog (state.window, "Publish");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site")), 1);
  respond (dialog, "_Publish");
  kiku_test_wait_for (is_publishing, &state, "publishing with the remembered password");
  g_assert_null (find_dialog_headed (GTK_WINDOW (state.window), "Password"));
  g_assert_cmpstr (authorization_of (held, 0), ==, expected);
  click (GTK_WIDGET (state.window), "_Cancel Publishing");
  kiku_test_wait_for (is_not_publishing, &state, "publishing stopped again");

  kiku_secret_forget_for_session ("Keyless");
  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (state.window));
  soup_server_disconnect (server);
  g_unlink (sites);
  kiku_test_remove_tree (dir);
}

/* A folder site offers no draft and no schedule; Sites… opens the Sites
 * window.
 */
static void
test_publish_schedule_date (void)
{
  Folder folder;
  g_autoptr(KikuDocument) document = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *status;
  GListModel *statuses;
  KikuWindow *window;

  folder_setup (&folder);
  document = kiku_test_load_document (folder.copy);
  window = kiku_test_show_window (document, 0, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL);
  dialog = wait_for_dialog (window, "Publish");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site")), 1);
  status = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Status");
  statuses = gtk_drop_down_get_model (GTK_DROP_DOWN (status));
  g_assert_cmpuint (g_list_model_get_n_items (statuses), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (statuses), 0), ==, "Published Now");
  g_assert_false (gtk_widget_is_visible (need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Hour")));

  /* Sites… leaves the dialog for the Sites window. */
  respond (dialog, "_Sites…");
  kiku_test_wait_for (has_toplevel_titled, (gpointer)"Sites", "the Sites window");
  gtk_window_destroy (find_toplevel_titled ("Sites"));
  gtk_window_destroy (GTK_WINDOW (window));
  folder_teardown (&folder);
}

typedef struct
{
  guint  count;
  char  *site;
  char  *status;
  char  *date;
} Chosen;

static void
on_publish_chosen (KikuPublishDialog *dialog,
                   KikuSite          *site,
                   const char        *status,
                   const char        *date,
                   Chosen            *chosen)
{
  chosen->count++;
  g_free (chosen->site);
  g_free (chosen->status);
  g_free (chosen->date);
  chosen->site = g_strdup (kiku_site_get_name (site));
  chosen->status = g_strdup (status);
  chosen->date = g_strdup (date);
}

static GListModel *
three_sites (void)
{
  GListStore *sites = g_list_store_new (KIKU_TYPE_SITE);
  g_autoptr(KikuSite) folder = kiku_site_new ("Notebook", KIKU_SITE_FOLDER, "/tmp/notebook");
  g_autoptr(KikuSite) webdav = kiku_site_new ("Server", KIKU_SITE_WEBDAV, "https://example.com/dav/");
  g_autoptr(KikuSite) wordpress = kiku_site_new ("Blog", KIKU_SITE_WORDPRESS, "https://example.com/");

  g_list_store_append (sites, folder);
  g_list_store_append (sites, webdav);
  g_list_store_append (sites, wordpress);

  return G_LIST_MODEL (sites);
}

static char *
status_names (GtkWidget *status)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (status));
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            gtk_string_list_get_string (GTK_STRING_LIST (model), i));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static KikuPublishDialog *
show_publish_dialog (KikuArticle *article,
                     GListModel  *sites,
                     Chosen      *chosen)
{
  KikuPublishDialog *dialog = kiku_publish_dialog_new (NULL, article, sites);

  g_signal_connect (dialog, "publish", G_CALLBACK (on_publish_chosen), chosen);
  gtk_window_present (GTK_WINDOW (dialog));
  kiku_test_wait_for (kiku_test_is_mapped, dialog, "the Publish dialog");

  return dialog;
}

/* Each kind of site offers the statuses it has. */
static void
test_publish_statuses_per_site (void)
{
  g_autofree char *sample = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (sample);
  g_autoptr(GListModel) sites = three_sites ();
  Chosen chosen = { 0 };
  KikuPublishDialog *dialog = show_publish_dialog (kiku_document_get_article (document), sites, &chosen);
  GtkWidget *site = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site");
  GtkWidget *status = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Status");
  g_autofree char *on_folder = NULL;
  g_autofree char *on_webdav = NULL;
  g_autofree char *on_wordpress = NULL;

  on_folder = status_names (status);
  g_assert_cmpstr (on_folder, ==, "Published Now");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (site), 1);
  on_webdav = status_names (status);
  g_assert_cmpstr (on_webdav, ==, "Published Now");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (site), 2);
  on_wordpress = status_names (status);
  g_assert_cmpstr (on_wordpress, ==, "Draft, Published Now, Scheduled");
  g_assert_true (gtk_widget_is_sensitive (status));

  /* A status the next site has stays chosen. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (site), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (site), 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==, 1);

  respond (ADW_MESSAGE_DIALOG (dialog), "_Publish");
  g_assert_cmpuint (chosen.count, ==, 1);
  g_assert_cmpstr (chosen.site, ==, "Blog");
  g_assert_cmpstr (chosen.status, ==, "publish");
  g_assert_null (chosen.date);

  g_free (chosen.site);
  g_free (chosen.status);
  kiku_document_discard_draft (document);
}

static GtkWidget *
find_calendar (GtkWidget *dialog)
{
  GtkWidget *date = need (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Date");
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (date));

  return need (GTK_WIDGET (popover), gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_popover_get_child (popover))),
               "Calendar");
}

/* The date is chosen on a calendar and the time in the user's zone, which
 * is shown; the publish request carries that moment with its offset. A
 * time already past keeps the dialog open with the date marked.
 */
static void
test_publish_schedule_picker (void)
{
  g_autofree char *sample = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (sample);
  g_autoptr(GListModel) sites = three_sites ();
  g_autofree char *tz = g_strdup (g_getenv ("TZ"));
  g_autoptr(GDateTime) past_day = NULL;
  g_autoptr(GDateTime) future_day = NULL;
  Chosen chosen = { 0 };
  KikuPublishDialog *dialog;
  GtkWidget *root, *date, *hour, *minute, *status, *publish, *calendar, *hint;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  dialog = show_publish_dialog (kiku_document_get_article (document), sites, &chosen);
  root = GTK_WIDGET (dialog);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (root, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site")), 2);
  status = need (root, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Status");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 2);

  date = need (root, GTK_ACCESSIBLE_ROLE_BUTTON, "Date");
  hour = need (root, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Hour");
  minute = need (root, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Minute");
  publish = need_mnemonic (root, GTK_ACCESSIBLE_ROLE_BUTTON, "_Publish");
  g_assert_true (gtk_widget_is_visible (date));
  g_assert_true (gtk_widget_is_visible (hour));
  /* The user's zone is shown beside the time. */
  g_assert_nonnull (kiku_test_find_widget (root, is_label_saying, "JST, Asia/Tokyo (UTC+09:00)"));
  /* Tomorrow at nine is the first offer, and can be scheduled. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (hour)), ==, 9);
  g_assert_true (gtk_widget_is_sensitive (publish));

  /* A day gone by: marked, said, and the dialog stays with its choices. */
  calendar = find_calendar (root);
  past_day = g_date_time_new_local (2020, 1, 15, 0, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), past_day);
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  hint = kiku_test_find_widget (root, is_label_saying, "This time has passed");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_false (gtk_widget_is_sensitive (publish));
  /* Enter, as in a field of the dialog, does not send it either. */
  gtk_widget_activate_default (hour);
  kiku_test_run_pending ();
  g_assert_true (gtk_widget_get_visible (root));
  g_assert_cmpuint (chosen.count, ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==, 2);

  /* A day to come, at 14:30 in Tokyo. */
  future_day = g_date_time_new_local (2030, 12, 1, 0, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), future_day);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hour), 14);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minute), 30);
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_is_sensitive (publish));
  respond (ADW_MESSAGE_DIALOG (dialog), "_Publish");

  g_assert_cmpuint (chosen.count, ==, 1);
  g_assert_cmpstr (chosen.status, ==, "future");
  g_assert_cmpstr (chosen.date, ==, "2030-12-01T14:30:00+09:00");

  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
  g_free (chosen.site);
  g_free (chosen.status);
  g_free (chosen.date);
  kiku_document_discard_draft (document);
}

/* Sites -------------------------------------------------------------------- */

static GtkWindow *
find_chooser (void)
{
  GtkWindow *window = find_toplevel_titled ("Choose the Site’s Folder");

  return window != NULL && GTK_IS_FILE_CHOOSER (window) ? window : NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
chooser_has_file (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL;
}

static KikuSite *
site_on_disk (GPtrArray  *sites,
              const char *config,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = kiku_sites_load (config, &error);
  KikuSite *site;

  g_assert_no_error (error);
  g_ptr_array_set_size (sites, 0);
  g_ptr_array_extend_and_steal (sites, g_steal_pointer (&loaded));
  site = kiku_sites_find (sites, name);

  return site;
}

/* Sites are added, edited (labels, personas, language) and removed in the
 * Sites window; the list on disk follows, and the rows of the other sites
 * are left as they are.
 */
static void
test_sites (void)
{
  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *dir = g_dir_make_tmp ("kiku-sites-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (config, "sites.json", NULL);
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sample = kiku_test_sample_path ();
  g_autoptr(GFile) chosen = NULL;
  GtkWidget *sites_window, *local_edit, *kind;
  GtkWindow *chooser;
  GLogLevelFlags fatal;
  KikuWindow *window;
  KikuSite *site;

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_unlink (path);

  document = kiku_test_load_document (sample);
  window = kiku_test_show_window (document, 0, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sites", NULL);
  kiku_test_wait_for (has_toplevel_titled, (gpointer)"Sites", "the Sites window");
  sites_window = GTK_WIDGET (find_toplevel_titled ("Sites"));
  local_edit = need (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Local folder”");
  kind = need (sites_window, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Kind");
  /* Every field is called what its row shows. */
  need (sites_window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "User");
  need (sites_window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Password");
  need (sites_window, GTK_ACCESSIBLE_ROLE_LIST, "Sites");
  need_mnemonic (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "_Test Connection");

  /* A WebDAV site with no scheme in its address is refused, in words. */
  set_text (sites_window, "Name", "Digest archive");
  set_text (sites_window, "Address or Folder", "example.com/dav/");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  click (sites_window, "_Add Site");
  g_assert_null (site_on_disk (sites, config, "Digest archive"));
  g_assert_nonnull (kiku_test_find_widget (sites_window, is_label_saying, "must start with https://"));

  /* Added with its address fixed: a row of its own, the others untouched. */
  set_text (sites_window, "Address or Folder", dir);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
  click (sites_window, "_Add Site");
  site = site_on_disk (sites, config, "Digest archive");
  g_assert_nonnull (site);
  g_assert_cmpint (kiku_site_get_kind (site), ==, KIKU_SITE_FOLDER);
  g_assert_cmpstr (get_text (sites_window, "Name"), ==, "");
  need (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Remove “Digest archive”");
  g_assert_true (need (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Local folder”") == local_edit);
  /* The built-in folder has no remove button. */
  g_assert_null (kiku_test_find_accessible (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Remove “Local folder”"));

  /* Edited: the form fills in, and saving replaces the site in place. */
  click (sites_window, "Edit “Digest archive”");
  g_assert_cmpstr (get_text (sites_window, "Name"), ==, "Digest archive");
  g_assert_cmpstr (get_text (sites_window, "Address or Folder"), ==, dir);
  set_text (sites_window, "Article Language", "ja");
  set_text (sites_window, "Theme Labels, Comma-Separated", " Culture, 地域 ,, Cities");
  set_text (sites_window, "Personas, Comma-Separated", "Night Desk");
  click (sites_window, "_Save Site");

  site = site_on_disk (sites, config, "Digest archive");
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_nonnull (site);
  g_assert_cmpstr (kiku_site_get_language (site), ==, "ja");
  g_assert_cmpuint (g_strv_length ((char **)kiku_site_get_labels (site)), ==, 3);
  g_assert_cmpstr (kiku_site_get_labels (site)[1], ==, "地域");
  g_assert_cmpstr (kiku_site_get_personas (site)[0], ==, "Night Desk");
  g_assert_true (need (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Local folder”") == local_edit);
  /* The form is back to adding. */
  need_mnemonic (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "_Add Site");

  /* Renamed: the row follows, in its place. */
  click (sites_window, "Edit “Digest archive”");
  set_text (sites_window, "Name", "Night archive");
  click (sites_window, "_Save Site");
  g_assert_null (site_on_disk (sites, config, "Digest archive"));
  g_assert_true (site_on_disk (sites, config, "Night archive") == g_ptr_array_index (sites, 1));
  need (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Night archive”");
  g_assert_null (kiku_test_find_accessible (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Digest archive”"));

  /* The built-in folder can be edited but keeps its name. */
  click (sites_window, "Edit “Local folder”");
  g_assert_false (gtk_widget_get_sensitive (need (sites_window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Name")));
  click (sites_window, "_Cancel");
  g_assert_true (gtk_widget_get_sensitive (need (sites_window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Name")));

  /* A folder chosen with the file chooser fills the address and makes the
   * site a folder one.
   */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 0);
  /* In a Flatpak sandbox with no portal running (the Flatpak build's), GTK
   * warns that the file chooser portal is too old and uses its own
   * chooser: the sandbox's lack. There, and only there, warnings are not
   * fatal while the chooser opens.
   */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_always_fatal (g_getenv ("FLATPAK_ID") ? fatal & ~G_LOG_LEVEL_WARNING : fatal);
  click (sites_window, "Choose a Folder");
  g_log_set_always_fatal (fatal);
  kiku_test_wait_for (has_chooser, NULL, "the folder chooser");
  chooser = find_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  chosen = g_file_new_for_path (dir);
  /* With nothing selected, a folder chooser answers the folder it shows. */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), chosen, NULL));
  kiku_test_wait_for (chooser_has_file, chooser, "the chooser to show the folder");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpstr (get_text (sites_window, "Address or Folder"), ==, dir);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, 2);
  set_text (sites_window, "Address or Folder", "");

  /* Removed. */
  click (sites_window, "Remove “Night archive”");
  g_assert_null (site_on_disk (sites, config, "Night archive"));
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_null (kiku_test_find_accessible (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Night archive”"));
  g_assert_true (need (sites_window, GTK_ACCESSIBLE_ROLE_BUTTON, "Edit “Local folder”") == local_edit);

  gtk_window_destroy (GTK_WINDOW (sites_window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/dialogs/preferences", test_preferences);
  g_test_add_func ("/kiku/dialogs/new-article-defaults", test_new_article_defaults);
  g_test_add_func ("/kiku/dialogs/publish", test_publish);
  g_test_add_func ("/kiku/dialogs/publish/keeps-unsaved-edits", test_publish_keeps_unsaved_edits);
  g_test_add_func ("/kiku/dialogs/publish/without-file", test_publish_without_file);
  g_test_add_func ("/kiku/dialogs/publish/schedule-date", test_publish_schedule_date);
  g_test_add_func ("/kiku/dialogs/publish/statuses-per-site", test_publish_statuses_per_site);
  g_test_add_func ("/kiku/dialogs/publish/schedule-picker", test_publish_schedule_picker);
  g_test_add_func ("/kiku/dialogs/publish/problems-and-cancel", test_publish_problems_and_cancel);
  g_test_add_func ("/kiku/dialogs/publish/conflict", test_publish_conflict);
  g_test_add_func ("/kiku/dialogs/password/enter", test_password_enter);
  g_test_add_func ("/kiku/dialogs/password/without-keyring", test_password_without_keyring);
  g_test_add_func ("/kiku/dialogs/sites", test_sites);

  return kiku_test_run_gui ();
}
