/* test-locale.c: on a Japanese desktop the window speaks Japanese, and an
 * article keeps the labels of its own language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check-locale.sh runs this in a ja_JP.UTF-8 locale it makes for it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>

#include "kiku.h"
#include "kiku-test-gui.h"

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_window_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

typedef struct
{
  GtkWindow  *window;
  const char *heading;
} DialogWanted;

static AdwMessageDialog *
find_dialog (DialogWanted *wanted)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == wanted->window &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), wanted->heading) == 0)
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

static void
test_window_speaks_japanese (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = kiku_window_new (NULL, document);
  DialogWanted wanted = { GTK_WINDOW (window), "公開" };
  AdwMessageDialog *dialog;
  GtkWidget *title;

  g_autofree char *config = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "kiku", NULL);
  g_autofree char *sites = g_build_filename (config, "sites.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sites,
                                      "{\"sites\": [{\"name\": \"Blog\", \"kind\": \"wordpress\", "
                                      "\"location\": \"https://example.com/\"}]}", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  kiku_test_wait_for (kiku_test_is_mapped, window, "the window");
  kiku_test_run_pending ();

  /* The strings of po/ja.po, from the window's template and its code. */
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), kiku_test_is_button_labelled, "公開(_P)"));
  g_assert_null (kiku_test_find_widget (GTK_WIDGET (window), kiku_test_is_button_labelled, "_Publish"));

  /* The headline and a section's heading are not both 見出し. */
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_row_titled, "見出し"));
  g_assert_nonnull (kiku_test_find_widget (GTK_WIDGET (window), is_row_titled, "小見出し"));

  /* "Saved" under the title is the file's state, not the Sites window's news. */
  title = kiku_test_find_widget (GTK_WIDGET (window), is_window_title, NULL);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "sample.kiku — 保存済み");

  /* With a problem, the article can go to the site only as a draft, and
   * the button says so without saying 公開 (made public).
   */
  kiku_article_set_title (kiku_document_get_article (document), "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL);
  kiku_test_wait_for (has_dialog, &wanted, "the publish dialog");
  dialog = find_dialog (&wanted);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "見出しが空です"));
  /* The Local folder site keeps no drafts: there it is made public as it is. */
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "publish"), ==, "このまま公開(_A)");
  /* A WordPress site keeps drafts. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kiku_test_find_accessible (GTK_WIDGET (dialog),
                                                                        GTK_ACCESSIBLE_ROLE_COMBO_BOX,
                                                                        "サイト(E)")), 1);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "publish"), ==, "サイトに下書き保存(_D)");
  gtk_window_close (GTK_WINDOW (dialog));
  kiku_test_run_pending ();
  g_assert_null (find_dialog (&wanted));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (sites);
}

static void
test_article_keeps_its_language (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_file (file, NULL, &error);
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  g_autofree char *english = NULL;
  g_autofree char *japanese = NULL;

  g_assert_no_error (error);

  /* The UI of this process is Japanese... */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Publish"), ==, "公開(_P)");

  /* ...and an English article's page still says what English pages say. */
  kiku_article_set_language (article, "en");
  english = kiku_renderer_render_page (renderer, article, 0);
  g_assert_nonnull (strstr (english, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (english, "Read more ⇒"));
  g_assert_null (strstr (english, "さらに読む"));

  kiku_article_set_language (article, "ja");
  japanese = kiku_renderer_render_page (renderer, article, 0);
  g_assert_nonnull (strstr (japanese, "さらに読む ⇒"));
  g_assert_null (strstr (japanese, "Read more"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  const char *messages;
  int status;

  kiku_test_require_display ();
  data_home = g_dir_make_tmp ("kiku-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  /* gtk_test_init sets a locale of its own; this test is about the one
   * the desktop gives, as main.c takes it.
   */
  setlocale (LC_ALL, "");
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || !g_str_has_prefix (messages, "ja"))
    g_error ("not in a Japanese locale (%s): check-locale.sh runs this test", messages);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KIKU_LOCALEDIR") ? g_getenv ("KIKU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/kiku/locale/window-speaks-japanese", test_window_speaks_japanese);
  g_test_add_func ("/kiku/locale/article-keeps-its-language", test_article_keeps_its_language);

  status = g_test_run ();
  kiku_test_remove_tree (data_home);

  return status;
}
