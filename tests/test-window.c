/* test-window.c: the window as a writer meets it: title, counts, focus
 * mode, fullscreen, narrow screens, and what it says after an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include <gtksourceview/gtksource.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "kiku-test-gui.h"
#include "kiku-window.h"

static KikuApplication *shared_app;

/* One application for the process: only one can own its name on the bus. */
static KikuApplication *
the_application (void)
{
  if (shared_app == NULL)
    {
      g_autoptr(GError) error = NULL;

      shared_app = kiku_application_new ();
      g_application_set_flags (G_APPLICATION (shared_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
      g_application_register (G_APPLICATION (shared_app), NULL, &error);
      g_assert_no_error (error);
    }

  return shared_app;
}

static KikuWindow *
show_window (KikuDocument *document)
{
  return kiku_test_show_window (document, 1100, 700);
}

static GtkWidget *
find_named (KikuWindow        *window,
            GtkAccessibleRole  role,
            const char        *name)
{
  GtkWidget *widget = kiku_test_find_accessible (GTK_WIDGET (window), role, name);

  g_assert_nonnull (widget);

  return widget;
}

/* A click, as the button reports it. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_mapped_now (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_unmapped_now (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* The header and the window's title name the article by its headline. */
static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL;
}

static void
test_title_headline (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = show_window (document);
  g_autofree char *expected = g_strdup_printf ("%s — sample.kiku", kiku_article_get_title (article));
  GtkWidget *headline;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected);

  headline = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  gtk_editable_set_text (GTK_EDITABLE (headline), "Two windows apart");
  kiku_test_run_pending ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Two windows apart — sample.kiku");
  /* The header shows it, as the writer sees it. */
  kiku_test_settle ();
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_label_showing, "Two windows apart"));

  gtk_editable_set_text (GTK_EDITABLE (headline), "");
  kiku_test_run_pending ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Untitled Article — sample.kiku");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

static gboolean
is_subtitle_showing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), text) == 0;
}

/* The copy of an article opened from a site says so in its title, where
 * the writer's own file shows its name: the two windows are told apart.
 */
static void
test_title_site_copy (void)
{
  g_autofree char *sample = kiku_test_sample_path ();
  g_autoptr(KikuSite) site = kiku_site_new ("Night Desk", KIKU_SITE_FOLDER, "/srv/site");
  g_autoptr(GFile) copy = kiku_site_dup_pull_file (site, "night-libraries");
  g_autoptr(GFile) folder = g_file_get_parent (copy);
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (copy);
  g_autofree char *expected = NULL;
  g_autoptr(KikuDocument) document = NULL;
  gsize length;
  KikuWindow *window;

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  g_assert_true (g_file_make_directory_with_parents (folder, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  document = kiku_test_load_document (path);
  window = show_window (document);

  expected = g_strdup_printf ("%s — From “Night Desk”", kiku_article_get_title (kiku_document_get_article (document)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected);
  kiku_test_settle ();
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_subtitle_showing, "From “Night Desk” — Saved"));

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
  g_assert_true (g_file_delete (copy, NULL, NULL));
}

static gboolean
is_counts_label (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_LABEL) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Article:");
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelShows;

static gboolean
label_shows (gpointer data)
{
  LabelShows *shows = data;

  return strstr (gtk_label_get_text (shows->label), shows->text) != NULL;
}

/* The status line counts the article and the page as the writer types. */
static void
test_counts_follow_typing (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  KikuWindow *window = show_window (document);
  GtkWidget *label = kiku_test_find_widget (GTK_WIDGET (window), is_counts_label, NULL);
  GtkWidget *headline, *heading;
  LabelShows shows;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Article: 0 characters · 0 minutes to read   Page 1: 0 characters · 0 minutes to read");

  /* The headline counts for the article, not for the page. */
  headline = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  gtk_editable_set_text (GTK_EDITABLE (headline), "Three short words");
  shows = (LabelShows) { GTK_LABEL (label), "Article: 15 characters · 3 words · 1 minute to read   Page 1: 0 characters" };
  kiku_test_wait_for (label_shows, &shows, "the article's count");

  /* Japanese by characters: 500 a minute. */
  heading = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Heading");
  gtk_editable_set_text (GTK_EDITABLE (heading), "図書館");
  shows = (LabelShows) { GTK_LABEL (label), "Page 1: 3 characters · 1 minute to read" };
  kiku_test_wait_for (label_shows, &shows, "the page's count");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

static gboolean
is_fullscreen (gpointer window)
{
  return gtk_window_is_fullscreen (window);
}

static gboolean
is_not_fullscreen (gpointer window)
{
  return !gtk_window_is_fullscreen (window);
}

static gboolean
has_window_manager (gpointer data)
{
  GdkDisplay *display = gdk_display_get_default ();

  return GDK_IS_X11_DISPLAY (display) &&
         gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (display), "_NET_WM_STATE_FULLSCREEN");
}

/* On X11 a window manager makes a window fullscreen, and Xvfb has none:
 * for this test, Openbox manages the display. Returns NULL (the test
 * skipped) where there is no X11 display or no Openbox, unless the run
 * is strict outside the Flatpak's sandbox, which has no window manager.
 */
static GSubprocess *
start_window_manager (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *openbox = g_find_program_in_path ("openbox");
  GSubprocess *manager;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || openbox == NULL)
    {
      if (g_getenv ("KIKU_TEST_STRICT") != NULL && !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
        g_error ("no window manager to make a window fullscreen: install openbox");
      g_test_skip ("no X11 window manager to make a window fullscreen (Debian: openbox)");
      return NULL;
    }

  manager = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              openbox, "--sm-disable", NULL);
  g_assert_no_error (error);
  kiku_test_wait_for (has_window_manager, NULL, "the window manager");

  return manager;
}

static gboolean
has_no_window_manager (gpointer data)
{
  return !has_window_manager (data);
}

static void
stop_window_manager (GSubprocess *manager)
{
  g_subprocess_send_signal (manager, SIGTERM);
  g_assert_true (g_subprocess_wait (manager, NULL, NULL));
  kiku_test_wait_for (has_no_window_manager, NULL, "the window manager gone");
}

/* F11 makes the window fullscreen, and again brings it back. */
static void
test_fullscreen (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  g_autoptr(GSubprocess) manager = start_window_manager ();
  KikuWindow *window;

  if (manager == NULL)
    return;

  window = show_window (document);
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  kiku_test_wait_for (is_fullscreen, window, "fullscreen");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  kiku_test_wait_for (is_not_fullscreen, window, "the window back");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
  stop_window_manager (manager);
}

/* Focus mode hides the outline and the preview, and brings them back. */
static void
test_focus_mode (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = show_window (document);
  GtkWidget *outline = find_named (window, GTK_ACCESSIBLE_ROLE_LIST, "Outline");
  GtkWidget *preview = GTK_WIDGET (kiku_window_get_preview (window));
  GtkWidget *headline = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");

  kiku_test_wait_for (is_mapped_now, outline, "the outline");
  g_assert_true (gtk_widget_get_mapped (preview));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-mode", NULL));
  kiku_test_wait_for (is_unmapped_now, outline, "the outline hidden");
  kiku_test_wait_for (is_unmapped_now, preview, "the preview hidden");
  g_assert_true (gtk_widget_get_mapped (headline));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-mode", NULL));
  kiku_test_wait_for (is_mapped_now, outline, "the outline back");
  kiku_test_wait_for (is_mapped_now, preview, "the preview back");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

static gboolean
has_problems_button (gpointer window)
{
  GtkWidget *button = kiku_test_find_accessible (window, GTK_ACCESSIBLE_ROLE_BUTTON, "1 Problem");

  return button != NULL && gtk_widget_get_mapped (button);
}

static gboolean
popover_shown (gpointer popover)
{
  return gtk_widget_get_mapped (popover);
}

/* The header shows Save and the problems at a common width, a long
 * headline notwithstanding; F8 opens the problems from anywhere in the
 * window, the form included (where a paned would take the key).
 */
static void
test_header_problems (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window;
  GtkWidget *button, *headline;
  GtkPopover *popover;

  kiku_article_set_title (article, "A headline long enough to fill the whole header bar of the window twice over, or nearly");
  window = kiku_test_show_window (document, 1000, 700);
  kiku_article_set_published (article, "2026-13-45");
  kiku_test_wait_for (has_problems_button, window, "the Problems button in the header");
  g_assert_true (gtk_widget_get_mapped (kiku_test_find_button (GTK_WIDGET (window), "_Save")));

  headline = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  gtk_widget_grab_focus (headline);
  button = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "1 Problem");
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (kiku_test_press (GTK_WIDGET (window), GDK_KEY_F8, 0));
  kiku_test_wait_for (popover_shown, popover, "the problems");
  gtk_popover_popdown (popover);

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

/* At 360 px the window fits, the outline slides over the form and the
 * preview is a view of its own that its button switches to.
 */
static void
test_narrow (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = NULL;
  g_autofree char *layout = NULL;
  GtkWidget *content, *preview, *headline, *outline, *button;
  KikuWindow *window;
  int minimum;

  /* The window controls GNOME shows (a close button only), and the
   * minimize and maximize buttons other desktops add: 70 px more.
   */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:minimize,maximize,close", NULL);
  document = kiku_test_load_document (path);
  /* Published somewhere: the header has its Published button too. */
  {
    g_autoptr(JsonObject) details = json_object_new ();
    g_autoptr(KikuPublishRecord) record = NULL;

    json_object_set_string_member (details, "url", "https://example.com/night-libraries/");
    json_object_set_string_member (details, "time", "2026-11-20T09:00:00Z");
    record = kiku_publish_record_new ("Example", details);
    kiku_article_set_publish_record (kiku_document_get_article (document), record);
  }
  window = kiku_test_show_window (document, 360, 700);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  preview = GTK_WIDGET (kiku_window_get_preview (window));
  headline = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  outline = find_named (window, GTK_ACCESSIBLE_ROLE_LIST, "Outline");

  g_assert_nonnull (kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Published"));

  /* Nothing in the window asks for more than 360 px, and it gets 360. */
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  kiku_test_wait_for (is_unmapped_now, preview, "the preview as a view of its own");
  g_assert_cmpint (gtk_widget_get_width (content), ==, 360);
  g_assert_true (gtk_widget_get_mapped (headline));
  g_assert_cmpint (gtk_widget_get_width (headline), <=, 360);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  /* The outline slides in over the form. */
  kiku_test_wait_for (is_unmapped_now, outline, "the outline out of the way");
  click (find_named (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Outline"));
  kiku_test_wait_for (is_mapped_now, outline, "the outline over the form");
  g_assert_true (gtk_widget_get_mapped (headline));
  click (find_named (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Outline"));
  kiku_test_wait_for (is_unmapped_now, outline, "the outline away");

  /* The Preview button switches to the preview and back. */
  button = find_named (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Preview");
  g_assert_true (gtk_widget_get_mapped (button));
  click (button);
  kiku_test_wait_for (is_mapped_now, preview, "the preview");
  kiku_test_wait_for (is_unmapped_now, headline, "the form switched away");
  g_assert_cmpint (gtk_widget_get_width (preview), <=, 360);

  click (button);
  kiku_test_wait_for (is_mapped_now, headline, "the form again");
  kiku_test_wait_for (is_unmapped_now, preview, "the preview away");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", layout, NULL);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelSearch;

static gboolean
label_found (gpointer data)
{
  LabelSearch *search = data;

  return kiku_test_find_widget (search->root, is_label_with, search->text) != NULL;
}

/* Export says where it wrote, with a way to the folder. */
static void
test_export_says_where (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = show_window (document);
  g_autofree char *folder_path = g_dir_make_tmp ("kiku-export-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *said = g_strdup_printf ("Exported to “%s”", folder_path);
  g_autofree char *index = g_build_filename (folder_path, "index.html", NULL);
  LabelSearch search = { GTK_WIDGET (window), said };
  GtkWidget *open;

  kiku_window_export_to (window, folder);
  kiku_test_wait_for (label_found, &search, "the toast saying where");
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));
  open = find_named (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Open Folder");
  g_assert_true (gtk_widget_get_mapped (open));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.show-uri");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
  kiku_test_remove_tree (folder_path);
}

static AdwMessageDialog *
find_message (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;

  return NULL;
}

static gboolean
message_shown (gpointer heading)
{
  return find_message (heading) != NULL;
}

/* An empty clipboard is said plainly, not by a format's name. */
static void
test_paste_nothing (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  KikuWindow *window = show_window (document);
  AdwMessageDialog *message;

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-article", NULL));
  kiku_test_wait_for (message_shown, (gpointer)"Nothing to Paste", "the message");
  message = find_message ("Nothing to Paste");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message), "The clipboard holds no text."));
  g_assert_null (strstr (adw_message_dialog_get_body (message), "not supported"));
  gtk_window_destroy (GTK_WINDOW (message));

  /* Only spaces: nothing either. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "  \n ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-article", NULL));
  kiku_test_wait_for (message_shown, (gpointer)"Nothing to Paste", "the message");
  gtk_window_destroy (GTK_WINDOW (find_message ("Nothing to Paste")));

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

static gboolean
label_gone (gpointer data)
{
  return !label_found (data);
}

/* Delete Page asks nothing; the toast offers the page back until the next
 * change.
 */
static void
test_delete_page_undo (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuList *pages = kiku_article_get_pages (article);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *restored = NULL;
  KikuWindow *window = show_window (document);
  LabelSearch search = { GTK_WIDGET (window), "Page 1 deleted" };
  GtkWidget *toast_label, *undo, *headline;

  g_assert_cmpuint (kiku_list_get_length (pages), ==, 2);
  click (find_named (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Delete Page"));
  kiku_test_run_pending ();
  g_assert_cmpuint (kiku_list_get_length (pages), ==, 1);

  kiku_test_wait_for (label_found, &search, "the toast");
  toast_label = kiku_test_find_widget (GTK_WIDGET (window), is_label_with, "Page 1 deleted");
  /* The toast's own Undo, not the header's. */
  undo = kiku_test_find_accessible (gtk_widget_get_parent (gtk_widget_get_parent (toast_label)),
                                    GTK_ACCESSIBLE_ROLE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  kiku_test_run_pending ();
  g_assert_cmpuint (kiku_list_get_length (pages), ==, 2);
  restored = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (restored, ==, original);
  kiku_test_wait_for (label_gone, &search, "the toast gone");

  /* After another change the offer is gone: Undo would undo that. */
  click (find_named (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Delete Page"));
  kiku_test_wait_for (label_found, &search, "the toast");
  headline = find_named (window, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Headline");
  gtk_editable_set_text (GTK_EDITABLE (headline), "Something else");
  kiku_test_wait_for (label_gone, &search, "the toast gone after a change");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

static gboolean
has_one_draft (gpointer data)
{
  g_autoptr(GPtrArray) drafts = kiku_drafts_list (kiku_application_get_drafts_dir ());

  return drafts->len == 1;
}

/* The application's one article window; NULL while there are more. */
static KikuWindow *
only_window (KikuApplication *application)
{
  KikuWindow *found = NULL;

  for (GList *w = gtk_application_get_windows (GTK_APPLICATION (application)); w; w = w->next)
    if (KIKU_IS_WINDOW (w->data))
      {
        if (found != NULL)
          return NULL;
        found = w->data;
      }

  return found;
}

static gboolean
draft_shown (gpointer data)
{
  KikuWindow *window = only_window (data);
  KikuArticle *article = window ? kiku_window_get_article (window) : NULL;

  return article != NULL && g_strcmp0 (kiku_article_get_title (article), "Typed before the crash") == 0;
}

/* Recovering from the empty window a start opens leaves no empty window
 * behind: the draft takes its place.
 */
static void
test_recover_in_empty_window (void)
{
  KikuApplication *application = the_application ();
  g_autoptr(KikuArticle) empty_article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) empty = kiku_document_new (empty_article, kiku_application_get_drafts_dir ());
  KikuWindow *window, *recovered;
  AdwMessageDialog *dialog;

  /* Only a draft left by a crash: none of the other tests' work. */
  {
    g_autoptr(GPtrArray) left = kiku_drafts_list (kiku_application_get_drafts_dir ());

    for (guint i = 0; i < left->len; i++)
      kiku_draft_delete (g_ptr_array_index (left, i), kiku_application_get_drafts_dir ());
  }
  {
    g_autoptr(KikuArticle) article = kiku_article_new_draft ();
    g_autoptr(KikuDocument) document = kiku_document_new (article, kiku_application_get_drafts_dir ());

    kiku_document_set_autosave_delay (document, 1);
    kiku_article_set_title (article, "Typed before the crash");
    kiku_test_wait_for (has_one_draft, NULL, "the draft");
  }

  window = kiku_window_new (application, empty);
  gtk_window_present (GTK_WINDOW (window));
  kiku_test_wait_for (kiku_test_is_mapped, window, "the empty window");
  g_assert_true (kiku_window_is_empty (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);

  kiku_application_offer_recovery (application, GTK_WINDOW (window));
  kiku_test_wait_for (message_shown, (gpointer)"Recover Unsaved Work?", "the offer");
  dialog = find_message ("Recover Unsaved Work?");
  adw_message_dialog_response (dialog, "recover");
  gtk_window_destroy (GTK_WINDOW (dialog));

  kiku_test_wait_for (draft_shown, application, "the draft in the only window");
  g_assert_null (window);
  recovered = only_window (application);
  g_assert_nonnull (recovered);
  kiku_test_wait_for (kiku_test_is_mapped, recovered, "the recovered window to show");
  g_assert_true (kiku_document_get_modified (kiku_window_get_document (recovered)));

  kiku_document_discard_draft (kiku_window_get_document (recovered));
  gtk_window_destroy (GTK_WINDOW (recovered));
  kiku_test_run_pending ();
}

typedef struct
{
  KikuApplication *application;
  const char      *label;
} RecentSearch;

static gboolean
recent_listed (gpointer data)
{
  RecentSearch *search = data;
  GMenuModel *menu = kiku_application_get_recent_menu (search->application);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
          g_str_equal (label, search->label))
        return TRUE;
    }

  return FALSE;
}

/* A saved article is in the Recent menu by its headline and its folder. */
static void
test_recent_headline_folder (void)
{
  KikuApplication *application = the_application ();
  g_autofree char *sample = kiku_test_sample_path ();
  g_autofree char *dir = g_dir_make_tmp ("kiku-recent-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "night_library", NULL);
  g_autofree char *path = g_build_filename (folder, "sample.kiku", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autofree char *label = NULL;
  RecentSearch search;
  KikuWindow *window;
  gsize length;

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  document = kiku_test_load_document (path);
  window = kiku_window_new (application, document);
  gtk_window_present (GTK_WINDOW (window));
  kiku_test_wait_for (kiku_test_is_mapped, window, "the window");

  kiku_article_set_title (kiku_document_get_article (document), "Late_night reading");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));

  /* The underscores are doubled: a menu shows them, not a mnemonic. */
  label = g_strdup ("Late__night reading — night__library");
  search = (RecentSearch) { application, label };
  kiku_test_wait_for (recent_listed, &search, "the recent item");

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
  kiku_test_remove_tree (dir);
}

/* The inset shadows under @node as wide as @width or wider: each is a pass
 * of the renderer over that much of the window.
 */
static guint
count_wide_inset_shadows (GskRenderNode *node,
                          double         width)
{
  graphene_rect_t bounds;
  guint count = 0;

  if (node == NULL)
    return 0;

  switch ((int)gsk_render_node_get_node_type (node))
    {
    case GSK_INSET_SHADOW_NODE:
      gsk_render_node_get_bounds (node, &bounds);
      return bounds.size.width >= width ? 1 : 0;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count += count_wide_inset_shadows (gsk_container_node_get_child (node, i), width);
      return count;
    case GSK_TRANSFORM_NODE:
      return count_wide_inset_shadows (gsk_transform_node_get_child (node), width);
    case GSK_CLIP_NODE:
      return count_wide_inset_shadows (gsk_clip_node_get_child (node), width);
    case GSK_ROUNDED_CLIP_NODE:
      return count_wide_inset_shadows (gsk_rounded_clip_node_get_child (node), width);
    case GSK_OPACITY_NODE:
      return count_wide_inset_shadows (gsk_opacity_node_get_child (node), width);
    case GSK_DEBUG_NODE:
      return count_wide_inset_shadows (gsk_debug_node_get_child (node), width);
    default:
      return 0;
    }
}

/* Without a compositor the window draws its own frame: as a border, not as
 * Adwaita's three inset shadows over the whole window, which cost a
 * software rasteriser some 35 ms a frame (bench-editor). The application's
 * stylesheet does it.
 */
static void
test_solid_frame (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GtkBorder border;
  double width;

  the_application ();
  window = show_window (document);
  if (!gtk_widget_has_css_class (GTK_WIDGET (window), "solid-csd"))
    {
      g_test_skip ("The display has a compositor: the window's frame is its shadow");
      gtk_window_destroy (GTK_WINDOW (window));
      kiku_test_run_pending ();
      return;
    }

  width = gtk_widget_get_width (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (snapshot);

  g_assert_nonnull (node);
  g_assert_cmpuint (count_wide_inset_shadows (node, width / 2), ==, 0);

  /* The frame is still there, as wide as Adwaita's. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_border (gtk_widget_get_style_context (GTK_WIDGET (window)), &border);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpint (border.left, ==, 5);
  g_assert_cmpint (border.top, ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
  kiku_test_run_pending ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kiku_test_init_gui (&argc, &argv);

  g_test_add_func ("/kiku/window/title-headline", test_title_headline);
  g_test_add_func ("/kiku/window/title-site-copy", test_title_site_copy);
  g_test_add_func ("/kiku/window/counts-follow-typing", test_counts_follow_typing);
  g_test_add_func ("/kiku/window/fullscreen", test_fullscreen);
  g_test_add_func ("/kiku/window/focus-mode", test_focus_mode);
  g_test_add_func ("/kiku/window/export-says-where", test_export_says_where);
  g_test_add_func ("/kiku/window/paste-nothing", test_paste_nothing);
  g_test_add_func ("/kiku/window/delete-page-undo", test_delete_page_undo);
  g_test_add_func ("/kiku/window/recover-in-empty-window", test_recover_in_empty_window);
  g_test_add_func ("/kiku/window/recent-headline-folder", test_recent_headline_folder);
  g_test_add_func ("/kiku/window/narrow", test_narrow);
  g_test_add_func ("/kiku/window/header-problems", test_header_problems);
  g_test_add_func ("/kiku/window/solid-frame", test_solid_frame);

  status = kiku_test_run_gui ();
  g_clear_object (&shared_app);

  return status;
}
