/* test-posts-view.c: a site's articles in a window, one opened into the
 * empty window, and where it was published at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kiku-application.h"
#include "kiku-posts-window.h"
#include "kiku-publish-dialog.h"
#include "kiku-test-gui.h"

static char *data_home;

static GtkWidget *
need (GtkWidget         *root,
      GtkAccessibleRole  role,
      const char        *name)
{
  GtkWidget *widget = kiku_test_find_accessible (root, role, name);

  if (widget == NULL)
    g_error ("no widget of role %d called “%s”", role, name);

  return widget;
}

typedef struct
{
  GtkWidget        *root;
  GtkAccessibleRole role;
  const char       *name;
} Looking;

static gboolean
is_there (gpointer data)
{
  Looking *looking = data;

  return kiku_test_find_accessible (looking->root, looking->role, looking->name) != NULL;
}

static gboolean
is_gone (gpointer data)
{
  return !is_there (data);
}

static void
wait_for_widget (GtkWidget         *root,
                 GtkAccessibleRole  role,
                 const char        *name)
{
  Looking looking = { root, role, name };

  kiku_test_wait_for (is_there, &looking, name);
}

typedef struct
{
  GAsyncResult *result;
} Waiting;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiting *waiting = user_data;

  waiting->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Waiting *)data)->result != NULL;
}

/* A folder site in the sites file, the sample published to it, and a
 * page someone made by hand beside it.
 */
static char *
folder_site_with_sample (KikuArticle **published)
{
  g_autofree char *config = g_build_filename (data_home, "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);
  g_autofree char *site_dir = g_build_filename (data_home, "site", NULL);
  g_autofree char *hand_dir = g_build_filename (site_dir, "by-hand", NULL);
  g_autofree char *hand = g_build_filename (hand_dir, "index.html", NULL);
  g_autofree char *json = NULL;
  g_autofree char *sample = kiku_test_sample_path ();
  g_autofree char *copy_dir = g_build_filename (data_home, "articles", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "sample.kiku", NULL);
  g_autofree char *images = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images", NULL);
  g_autofree char *text = NULL;
  g_autoptr(KikuSite) site = kiku_site_new ("Here", KIKU_SITE_FOLDER, site_dir);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Waiting waiting = { NULL };
  KikuArticle *article;

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (hand_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (copy_dir, 0755), ==, 0);
  json = g_strdup_printf ("{\"sites\": [{\"name\": \"Here\", \"kind\": \"folder\", \"location\": \"%s\"}]}", site_dir);
  g_assert_true (g_file_set_contents (sites, json, -1, NULL));
  g_assert_true (g_file_set_contents (hand, "<html><head><title>Hand page</title></head><body></body></html>", -1, NULL));
  /* Made by hand an hour ago. */
  {
    g_autoptr(GFile) hand_file = g_file_new_for_path (hand);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) before = g_date_time_add_hours (now, -1);
    g_autoptr(GFileInfo) info = g_file_info_new ();

    g_file_info_set_modification_date_time (info, before);
    g_assert_true (g_file_set_attributes_from_info (hand_file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL));
  }

  /* The sample beside its images, as the writer has it. */
  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  {
    g_autofree char *target = g_build_filename (copy_dir, "images", NULL);
    const char *names[] = { "reading-room.png", "bookmobile.png" };

    g_assert_cmpint (g_mkdir_with_parents (target, 0755), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *from = g_build_filename (images, names[i], NULL);
        g_autofree char *to = g_build_filename (target, names[i], NULL);
        g_autofree char *bytes = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
        g_assert_true (g_file_set_contents (to, bytes, length, NULL));
      }
  }
  file = g_file_new_for_path (copy);
  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  kiku_publish_async (article, site, NULL, NULL, NULL, NULL, NULL, on_done, &waiting);
  kiku_test_wait_for (has_result, &waiting, "the publish");
  url = kiku_publish_finish (article, waiting.result, &error);
  g_object_unref (waiting.result);
  g_assert_no_error (error);
  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);

  *published = article;

  return g_steal_pointer (&site_dir);
}

static KikuPostsWindow *
find_posts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (KIKU_IS_POSTS_WINDOW (window))
        return KIKU_POSTS_WINDOW (window);
    }

  return NULL;
}

static gboolean
has_posts_window (gpointer data)
{
  return find_posts_window () != NULL;
}

typedef struct
{
  GtkApplication *application;
  const char     *title;
  KikuWindow     *found;
} FindWindow;

/* A window of the application holding the article called so. */
static gboolean
window_has_article (gpointer data)
{
  FindWindow *find = data;

  for (GList *w = gtk_application_get_windows (find->application); w; w = w->next)
    if (KIKU_IS_WINDOW (w->data) && kiku_window_get_document (w->data) != NULL &&
        g_strcmp0 (kiku_article_get_title (kiku_window_get_article (w->data)), find->title) == 0)
      {
        find->found = w->data;
        return TRUE;
      }

  return FALSE;
}

static gboolean
row_subtitle_has (gpointer data)
{
  const char **wanted = data;
  GtkWidget *row = (GtkWidget *)wanted[0];

  return strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), wanted[1]) != NULL;
}

/* Open from Site lists the site's articles, newest first, Kiku's marked;
 * the search narrows them; Open brings the chosen one into the empty
 * window; the Published button then shows where it is, unchanged here,
 * then changed after an edit, and the site asked says it is unchanged
 * there; the Publish dialog says which post it updates.
 */
static void
test_posts_view (void)
{
  g_autoptr(KikuApplication) application = kiku_application_new ();
  g_autoptr(KikuArticle) published = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site_dir = folder_site_with_sample (&published);
  const char *title = kiku_article_get_title (published);
  KikuWindow *window = NULL;
  KikuPostsWindow *posts;
  GtkWidget *row, *search, *open, *list, *status_button, *status_row;
  Looking hand = { NULL, GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Hand page" };

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (application), "new", NULL);
  for (GList *w = gtk_application_get_windows (GTK_APPLICATION (application)); w; w = w->next)
    if (KIKU_IS_WINDOW (w->data))
      window = w->data;
  g_assert_nonnull (window);
  kiku_test_wait_for (kiku_test_is_mapped, window, "the new window");

  /* The menu item and its action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.site-posts", NULL));
  kiku_test_wait_for (has_posts_window, NULL, "the site's articles");
  posts = find_posts_window ();
  kiku_test_wait_for (kiku_test_is_mapped, posts, "the site's articles shown");

  /* The site chosen by its name. */
  {
    GtkWidget *site = need (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site");
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (site));
    guint here = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Here"))
        here = i;
    g_assert_cmpuint (here, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (site), here);
  }
  search = need (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_SEARCH_BOX, "Search Articles");
  list = need (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST, "Articles");
  open = need (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_BUTTON, "_Open");
  g_assert_false (gtk_widget_is_sensitive (open));

  wait_for_widget (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, title);
  wait_for_widget (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Hand page");
  /* Newest first: the one just published, made with Kiku. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (kiku_test_has_accessible_name (row, title));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "made with Kiku"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "not made"));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "not made with Kiku"));

  /* Searching narrows the list. */
  gtk_editable_set_text (GTK_EDITABLE (search), "図書館");
  hand.root = GTK_WIDGET (posts);
  kiku_test_wait_for (is_gone, &hand, "the hand page left out");
  wait_for_widget (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, title);

  /* Chosen from the keyboard (Down from the search goes into the list)
   * and opened with Enter: in the empty window.
   */
  row = need (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, title);
  gtk_widget_grab_focus (search);
  g_assert_true (kiku_test_press_key (search, GDK_KEY_Down, 0));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (posts)) == row);
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) == GTK_LIST_BOX_ROW (row));
  g_assert_true (gtk_widget_is_sensitive (open));
  g_assert_true (gtk_widget_activate (row));
  {
    FindWindow find = { GTK_APPLICATION (application), title, NULL };
    guint n_windows = 0;

    kiku_test_wait_for (window_has_article, &find, "the article opened");
    /* In the empty window, not beside it. */
    for (GList *w = gtk_application_get_windows (GTK_APPLICATION (application)); w; w = w->next)
      n_windows += KIKU_IS_WINDOW (w->data);
    g_assert_cmpuint (n_windows, ==, 1);
    window = find.found;
  }
  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_pages (kiku_window_get_article (window))), ==,
                    kiku_list_get_length (kiku_article_get_pages (published)));
  gtk_window_destroy (GTK_WINDOW (posts));

  /* Where it is, at a glance. */
  status_button = need (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Published");
  kiku_test_wait_for (kiku_test_is_mapped, status_button, "the Published button");
  gtk_menu_button_popup (GTK_MENU_BUTTON (status_button));
  wait_for_widget (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Here");
  status_row = need (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Here");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), "unchanged here since then"));
  need (status_row, GTK_ACCESSIBLE_ROLE_BUTTON, "_Update from Site");

  /* Asked, the site says it did not change there. */
  g_signal_emit_by_name (need (status_row, GTK_ACCESSIBLE_ROLE_BUTTON, "_Check Site"), "clicked");
  {
    const char *wanted[] = { (const char *)status_row, "Unchanged on the site since then" };
    kiku_test_wait_for (row_subtitle_has, wanted, "the site's answer");
  }
  /* Asked again, the answer takes the place of the one before. */
  g_signal_emit_by_name (need (status_row, GTK_ACCESSIBLE_ROLE_BUTTON, "_Check Site"), "clicked");
  kiku_test_pause_ms (500);
  kiku_test_run_pending ();
  {
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row));
    const char *first = strstr (subtitle, "Unchanged on the site");

    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "Unchanged on the site"));
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (status_button));

  /* An edit here shows. */
  kiku_article_set_title (kiku_window_get_article (window), "夜の図書館、その後");
  gtk_menu_button_popup (GTK_MENU_BUTTON (status_button));
  wait_for_widget (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Here");
  status_row = need (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Here");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), "changed here since then"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), "unchanged here since then"));

  /* Update from Site: the site's version in a window beside this one,
   * its own file; this one keeps its edit.
   */
  g_signal_emit_by_name (need (status_row, GTK_ACCESSIBLE_ROLE_BUTTON, "_Update from Site"), "clicked");
  {
    FindWindow find = { GTK_APPLICATION (application), title, NULL };

    kiku_test_wait_for (window_has_article, &find, "the site's version");
    g_assert_true (find.found != window);
    g_assert_false (g_file_equal (kiku_document_get_file (kiku_window_get_document (find.found)),
                                  kiku_document_get_file (kiku_window_get_document (window))));
    g_assert_cmpstr (kiku_article_get_title (kiku_window_get_article (window)), ==, "夜の図書館、その後");
    gtk_window_destroy (GTK_WINDOW (find.found));
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (status_button));

  /* The Publish dialog says which post it updates. */
  {
    g_autoptr(KikuSiteStore) sites = kiku_site_store_new (kiku_get_config_dir ());
    KikuPublishDialog *dialog;
    g_autofree char *expected = NULL;

    g_assert_true (kiku_site_store_load (sites, NULL));
    dialog = kiku_publish_dialog_new (GTK_WINDOW (window), kiku_window_get_article (window), G_LIST_MODEL (sites));
    gtk_window_present (GTK_WINDOW (dialog));
    {
      GtkWidget *site = need (GTK_WIDGET (dialog), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Site");

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sites)); i++)
        {
          g_autoptr(KikuSite) one = g_list_model_get_item (G_LIST_MODEL (sites), i);

          if (g_str_equal (kiku_site_get_name (one), "Here"))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (site), i);
        }
    }
    expected = g_strdup_printf ("Updates the post published on Here at file://%s/night-libraries/index.html", site_dir);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), expected));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  kiku_document_discard_draft (kiku_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A site of 25 articles: the first 20, newest first, and the rest when
 * the list is scrolled to its end.
 */
static void
test_posts_view_more (void)
{
  g_autofree char *site_dir = g_build_filename (data_home, "many", NULL);
  g_autoptr(KikuSiteStore) sites = kiku_site_store_new (data_home);
  g_autoptr(KikuSite) site = kiku_site_new ("Many", KIKU_SITE_FOLDER, site_dir);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  KikuPostsWindow *posts;
  GtkWidget *list, *scroller;
  GtkAdjustment *adjustment;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%02u", i);
      g_autofree char *folder = g_build_filename (site_dir, name, NULL);
      g_autofree char *page = g_build_filename (folder, "index.html", NULL);
      g_autofree char *html = g_strdup_printf ("<html><head><title>Article %02u</title></head><body></body></html>", i);
      g_autoptr(GFile) file = g_file_new_for_path (page);
      g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -(int)i);
      g_autoptr(GFileInfo) info = g_file_info_new ();

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      g_assert_true (g_file_set_contents (page, html, -1, NULL));
      g_file_info_set_modification_date_time (info, when);
      g_assert_true (g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL));
    }
  kiku_site_store_add (sites, site);

  posts = kiku_posts_window_new (NULL, sites);
  gtk_window_present (GTK_WINDOW (posts));
  kiku_test_wait_for (kiku_test_is_mapped, posts, "the site's articles");
  wait_for_widget (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Article 00");
  wait_for_widget (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Article 19");
  kiku_test_run_pending ();
  g_assert_null (kiku_test_find_accessible (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Article 20"));

  /* Scrolled to the end, the rest come. */
  list = need (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST, "Articles");
  scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  wait_for_widget (GTK_WIDGET (posts), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Article 24");
  g_assert_cmpint (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 24) != NULL, ==, TRUE);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 25));

  gtk_window_destroy (GTK_WINDOW (posts));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kiku_test_require_display ();

  data_home = g_dir_make_tmp ("kiku-data-XXXXXX", NULL);
  g_setenv ("KIKU_TEST_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/kiku/posts-view/list-search-open-status", test_posts_view);
  g_test_add_func ("/kiku/posts-view/more-as-it-scrolls", test_posts_view_more);

  status = g_test_run ();
  kiku_test_remove_tree (data_home);

  return status;
}
