/* test-preview.c: the live preview, in a real WebKit view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "kiku-field.h"
#include "kiku-test-gui.h"
#include "kiku-window.h"

static gboolean
is_loaded (gpointer preview)
{
  return kiku_preview_is_loaded (preview);
}

typedef struct
{
  char     *result;
  gboolean  done;
} Js;

static void
on_js (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  Js *js = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  g_assert_no_error (error);
  js->result = jsc_value_to_string (value);
  js->done = TRUE;
}

static gboolean
js_done (gpointer data)
{
  return ((Js *)data)->done;
}

/* Runs @script in the page and returns its value as a string. */
static char *
run_js (KikuPreview *preview,
        const char  *script)
{
  Js js = { 0 };

  webkit_web_view_evaluate_javascript (kiku_preview_get_web_view (preview), script, -1,
                                       NULL, NULL, NULL, on_js, &js);
  kiku_test_wait_for (js_done, &js, script);

  return js.result;
}

static KikuWindow *
show (KikuDocument *document)
{
  KikuWindow *window = kiku_window_new (NULL, document);

  gtk_window_present (GTK_WINDOW (window));
  kiku_test_wait_for (is_loaded, kiku_window_get_preview (window), "the preview to load");

  return window;
}

static void
on_patched (KikuPreview *preview,
            gboolean    *patched)
{
  *patched = TRUE;
}

static void
wait_for_patch (KikuPreview *preview,
                gboolean    *patched)
{
  kiku_test_wait_for (kiku_test_is_true, patched, "the patch");
  *patched = FALSE;
}

static void
test_shows_title (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = show (document);
  KikuPreview *preview = kiku_window_get_preview (window);
  g_autofree char *h1 = run_js (preview, "document.querySelector('h1.p-name').textContent");
  g_autofree char *title = run_js (preview, "document.title");

  g_assert_cmpstr (h1, ==, kiku_article_get_title (kiku_document_get_article (document)));
  g_assert_true (g_str_has_prefix (title, h1));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing patches the page: the page is not loaded again. */
static void
test_patch_without_reload (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = show (document);
  KikuPreview *preview = kiku_window_get_preview (window);
  KikuEditor *editor = kiku_window_get_editor (window);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuParagraph *paragraph = kiku_list_get (kiku_section_get_blocks (section), 0);
  g_autoptr(KikuComment) comment = kiku_comment_new ();
  g_autofree char *marker = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *paragraph_html = NULL;
  g_autofree char *count = NULL;
  g_autofree char *script = NULL;
  GtkWidget *headline;
  GtkTextBuffer *buffer;
  gboolean patched = FALSE;

  g_signal_connect (preview, "patched", G_CALLBACK (on_patched), &patched);
  marker = run_js (preview, "window.kikuMarker = 'still here'; window.scrollTo(0, 300); window.scrollY");

  headline = kiku_editor_find_field (editor, KIKU_NODE (article), "title");
  gtk_editable_set_text (GTK_EDITABLE (headline), "プレビューに出る見出し");
  wait_for_patch (preview, &patched);

  seen = run_js (preview, "document.querySelector('h1.p-name').textContent + '|' + "
                          "document.querySelector('.eyecatch-title').textContent + '|' + "
                          "window.kikuMarker + '|' + window.scrollY + '|' + document.title");
  g_assert_true (g_str_has_prefix (seen, "プレビューに出る見出し|プレビューに出る見出し|still here|"));
  g_assert_nonnull (strstr (seen, marker));

  /* A paragraph typed into. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (kiku_field_get_focus_target (
    kiku_editor_find_field (editor, KIKU_NODE (paragraph), "text"))));
  gtk_text_buffer_set_text (buffer, "**太字**の段落", -1);
  wait_for_patch (preview, &patched);
  script = g_strdup_printf ("document.querySelector('[data-kiku-id=\"k%" G_GUINT64_FORMAT "\"]').innerHTML + '|' + window.kikuMarker",
                            kiku_node_get_id (KIKU_NODE (paragraph)));
  paragraph_html = run_js (preview, script);
  g_assert_cmpstr (paragraph_html, ==, "<p><strong>太字</strong>の段落</p>|still here");

  /* A block added: its section is patched. */
  kiku_comment_set_text (comment, "追加したコメントやで");
  kiku_list_append (kiku_section_get_blocks (section), comment);
  wait_for_patch (preview, &patched);
  count = run_js (preview, "document.querySelectorAll('.persona-comment').length + '|' + "
                           "document.body.textContent.includes('追加したコメントやで') + '|' + window.kikuMarker");
  g_assert_cmpstr (count, ==, "3|true|still here");

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An edit made while the preview is hidden is on the page when it is
 * shown again.
 */
static void
test_patch_while_hidden (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = show (document);
  KikuPreview *preview = kiku_window_get_preview (window);
  GtkWidget *pane = gtk_widget_get_parent (GTK_WIDGET (preview));
  GtkWidget *headline = kiku_editor_find_field (kiku_window_get_editor (window), KIKU_NODE (article), "title");
  g_autofree char *shown = NULL;
  gboolean patched = FALSE;

  g_signal_connect (preview, "patched", G_CALLBACK (on_patched), &patched);

  gtk_widget_set_visible (pane, FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (preview)));
  gtk_editable_set_text (GTK_EDITABLE (headline), "隠れている間の見出し");
  wait_for_patch (preview, &patched);
  gtk_widget_set_visible (pane, TRUE);
  shown = run_js (preview, "document.querySelector('h1.p-name').textContent");
  g_assert_cmpstr (shown, ==, "隠れている間の見出し");

  kiku_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page's scrollbar takes its own room and stays: not WebKit's overlay
 * scrollbar, which fades in and out over a second of frames on every
 * scroll (and the preview scrolls to each element the writer is in).
 */
static void
test_scrollbar_stays (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = show (document);
  KikuPreview *preview = kiku_window_get_preview (window);
  g_autofree char *room = run_js (preview, "(document.documentElement.scrollHeight > window.innerHeight) + '|' + "
                                           "(window.innerWidth - document.documentElement.clientWidth)");

  g_assert_cmpstr (room, ==, "true|8");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A local server that counts whoever connects. */
static guint connections;

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  connections++;
  return FALSE;
}

static void
test_offline (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(KikuImage) image = kiku_image_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
  g_autoptr(KikuImage) local = kiku_image_new ();
  g_autofree char *base = NULL;
  g_autofree char *svg = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images", "bookmobile.png", NULL);
  g_autofree char *script = NULL;
  g_autofree char *placeholders = NULL;
  g_autofree char *local_width = NULL;
  KikuSection *section;
  KikuWindow *window;
  KikuPreview *preview;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), NULL);
  g_socket_service_start (service);
  connections = 0;
  base = g_strdup_printf ("http://127.0.0.1:%u", port);

  /* An article full of remote images and links, all to that server. */
  section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  kiku_article_set_title (article, "オフライン");
  {
    g_autofree char *url = g_strconcat (base, "/photo.png", NULL);
    g_autofree char *page = g_strconcat (base, "/article", NULL);
    g_autofree char *text = g_strdup_printf ("[link](%s/link) and ![inline](%s/inline.png)", base, base);

    kiku_image_set_src (image, url);
    kiku_image_set_credit (image, "撮影:テスト");
    kiku_source_set_image (source, url);
    kiku_source_set_url (source, page);
    kiku_source_set_title (source, "出典");
    kiku_paragraph_set_text (paragraph, text);
  }
  kiku_image_set_src (local, svg);
  kiku_list_append (kiku_section_get_blocks (section), image);
  kiku_list_append (kiku_section_get_blocks (section), source);
  kiku_list_append (kiku_section_get_blocks (section), paragraph);
  kiku_list_append (kiku_section_get_blocks (section), local);

  document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  window = show (document);
  preview = kiku_window_get_preview (window);

  /* Remote images are boxes with their credit. */
  placeholders = run_js (preview, "Array.from(document.querySelectorAll('.image-placeholder')).map(e => e.textContent).join('|')");
  g_assert_nonnull (strstr (placeholders, "撮影:テスト"));

  /* Even a script that tries is stopped by the content filter. */
  script = g_strdup_printf ("fetch('%s/fetch').catch(() => 0); (new Image()).src = '%s/image.png';"
                            "var x = new XMLHttpRequest(); try { x.open('GET', '%s/xhr'); x.send(); } catch (e) {} 1",
                            base, base, base);
  g_free (run_js (preview, script));
  kiku_test_pause_ms (1500);

  g_assert_cmpuint (connections, ==, 0);

  /* A local image comes through the article's own scheme. */
  local_width = run_js (preview, "(function () { var i = document.querySelector('img[src^=\"kiku-image:\"]');"
                                 " return i ? (i.complete && i.naturalWidth > 0) : 'no image'; })()");
  g_assert_cmpstr (local_width, ==, "true");

  g_socket_service_stop (service);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* No payload in any field runs a script, when loaded or patched. */
static void
test_xss (void)
{
  const char *payloads[] = {
    "<img src=x onerror=\"window.kikuPwned=1\">",
    "<script>window.kikuPwned=1</script>",
    "[x](javascript:window.kikuPwned=1)",
    "\"><svg onload=\"window.kikuPwned=1\">",
  };

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(KikuArticle) article = kiku_article_new_draft ();
      g_autoptr(KikuDocument) document = NULL;
      g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();
      g_autoptr(KikuSource) source = kiku_source_new ();
      g_autoptr(KikuComment) comment = kiku_comment_new ();
      g_autofree char *pwned = NULL;
      g_autofree char *after_patch = NULL;
      KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
      const char *keywords[] = { payloads[i], NULL };
      KikuWindow *window;
      KikuPreview *preview;
      gboolean patched = FALSE;

      kiku_article_set_title (article, payloads[i]);
      kiku_article_set_subtitle (article, payloads[i]);
      kiku_article_set_summary (article, payloads[i]);
      kiku_article_set_intro (article, payloads[i]);
      kiku_article_set_keywords (article, keywords);
      kiku_section_set_heading (section, payloads[i]);
      kiku_paragraph_set_text (paragraph, payloads[i]);
      kiku_source_set_title (source, payloads[i]);
      kiku_source_set_url (source, payloads[i]);
      kiku_comment_set_text (comment, payloads[i]);
      kiku_comment_set_persona (comment, payloads[i]);
      kiku_list_append (kiku_section_get_blocks (section), paragraph);
      kiku_list_append (kiku_section_get_blocks (section), source);
      kiku_list_append (kiku_section_get_blocks (section), comment);

      document = kiku_document_new (article, kiku_application_get_drafts_dir ());
      window = show (document);
      preview = kiku_window_get_preview (window);
      g_signal_connect (preview, "patched", G_CALLBACK (on_patched), &patched);

      pwned = run_js (preview, "typeof window.kikuPwned");
      g_assert_cmpstr (pwned, ==, "undefined");

      kiku_paragraph_set_text (paragraph, payloads[(i + 1) % G_N_ELEMENTS (payloads)]);
      kiku_article_set_title (article, payloads[(i + 2) % G_N_ELEMENTS (payloads)]);
      wait_for_patch (preview, &patched);
      after_patch = run_js (preview, "typeof window.kikuPwned");
      g_assert_cmpstr (after_patch, ==, "undefined");

      kiku_document_discard_draft (document);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

typedef struct
{
  KikuWindow *window;
  GtkWidget  *field;
} FocusWait;

static gboolean
focus_in_field (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && (focus == wait->field || gtk_widget_is_ancestor (focus, wait->field));
}

/* Clicking an element in the preview puts the focus in its field; focusing
 * a field marks its element.
 */
static void
test_click_and_cursor (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuArticle *article = kiku_document_get_article (document);
  KikuWindow *window = show (document);
  KikuPreview *preview = kiku_window_get_preview (window);
  KikuEditor *editor = kiku_window_get_editor (window);
  KikuSection *section = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
  KikuSource *source = kiku_list_get (kiku_section_get_blocks (section), 2);
  KikuParagraph *paragraph = kiku_list_get (kiku_section_get_blocks (section), 0);
  g_autofree char *click = NULL;
  g_autofree char *flashed = NULL;
  FocusWait wait = { window, NULL };

  g_assert_true (KIKU_IS_SOURCE (source));

  click = g_strdup_printf ("document.querySelector('[data-kiku-id=\"k%" G_GUINT64_FORMAT "\"] h3').click(); 1",
                           kiku_node_get_id (KIKU_NODE (source)));
  g_free (run_js (preview, click));
  {
    /* Any field of the source box will do: the first one takes the focus.
     * Its card is the first source box of the first section.
     */
    GtkWidget *section_card = kiku_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_GROUP,
                                                         "Section 1");

    g_assert_nonnull (section_card);
    wait.field = kiku_test_find_accessible (section_card, GTK_ACCESSIBLE_ROLE_GROUP, "Source box 1");
    g_assert_nonnull (wait.field);
  }
  kiku_test_wait_for (focus_in_field, &wait, "the focus in the source box");

  /* Focus the paragraph's field: its element is marked in the preview. */
  gtk_widget_grab_focus (kiku_field_get_focus_target (kiku_editor_find_field (editor, KIKU_NODE (paragraph), "text")));
  {
    g_autofree char *script = g_strdup_printf ("document.querySelector('[data-kiku-id=\"k%" G_GUINT64_FORMAT "\"]').classList.contains('kiku-flash')",
                                               kiku_node_get_id (KIKU_NODE (paragraph)));
    flashed = run_js (preview, script);
  }
  g_assert_cmpstr (flashed, ==, "true");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
width_is (gpointer data)
{
  void **args = data;
  g_autofree char *width = run_js (args[0], "String(window.innerWidth)");

  return g_strcmp0 (width, args[1]) == 0;
}

/* Phone width, and dark whatever the system says; a link stays out of the
 * pane.
 */
static void
test_widths_dark_links (void)
{
  g_autofree char *path = kiku_test_sample_path ();
  g_autoptr(KikuDocument) document = kiku_test_load_document (path);
  KikuWindow *window = show (document);
  KikuPreview *preview = kiku_window_get_preview (window);
  g_autofree char *background = NULL;
  g_autofree char *light = NULL;
  g_autofree char *location = NULL;
  void *args[2] = { preview, (gpointer)"375" };

  kiku_preview_set_width (preview, KIKU_PREVIEW_PHONE);
  kiku_test_wait_for (width_is, args, "the phone width");

  kiku_preview_set_dark (preview, 1);
  background = run_js (preview, "getComputedStyle(document.body).backgroundColor");
  g_assert_cmpstr (background, ==, "rgb(23, 24, 28)");
  kiku_preview_set_dark (preview, 0);
  light = run_js (preview, "getComputedStyle(document.body).backgroundColor");
  g_assert_cmpstr (light, ==, "rgb(246, 244, 239)");

  /* A click on a source's link does not take the pane away from the page. */
  g_free (run_js (preview, "document.querySelector('a.u-url').click(); 1"));
  g_usleep (200000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  location = run_js (preview, "location.href");
  g_assert_true (g_str_has_prefix (location, "kiku-preview:"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  kiku_test_require_display ();
  data_home = g_dir_make_tmp ("kiku-data-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add_func ("/kiku/preview/shows-title", test_shows_title);
  g_test_add_func ("/kiku/preview/patch-without-reload", test_patch_without_reload);
  g_test_add_func ("/kiku/preview/patch-while-hidden", test_patch_while_hidden);
  g_test_add_func ("/kiku/preview/scrollbar-stays", test_scrollbar_stays);
  g_test_add_func ("/kiku/preview/offline", test_offline);
  g_test_add_func ("/kiku/preview/xss", test_xss);
  g_test_add_func ("/kiku/preview/click-and-cursor", test_click_and_cursor);
  g_test_add_func ("/kiku/preview/widths-dark-links", test_widths_dark_links);

  status = g_test_run ();
  kiku_test_remove_tree (data_home);

  return status;
}
