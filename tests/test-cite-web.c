/* test-cite-web.c: filling source boxes from, and checking links to, the
 * news pages of tests/data/cite served by Apache (build-aux/services)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kiku.h"
#include "kiku-test-files.h"

static char *cache_dir;

static const char *
site (void)
{
  const char *url = g_getenv ("KIKU_TEST_CITE_URL");

  if (url == NULL)
    kiku_test_lacking ("news site for the cite tests (KIKU_TEST_CITE_URL)");

  return url;
}

static char *
page (const char *name)
{
  return g_strconcat (site (), name, NULL);
}

static KikuCiter *
new_citer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiku-cite-XXXXXX", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);

  g_free (cache_dir);
  cache_dir = g_steal_pointer (&dir);

  return kiku_citer_new (file);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static KikuCitation *
cite (const char  *name,
      GError     **error)
{
  g_autoptr(KikuCiter) citer = new_citer ();
  g_autofree char *url = page (name);
  g_autoptr(GAsyncResult) result = NULL;
  KikuCitation *citation;

  kiku_citer_cite_async (citer, url, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  citation = kiku_citer_cite_finish (citer, result, error);
  kiku_test_remove_tree (cache_dir);

  return citation;
}

#define SKIP_WITHOUT_SITE() G_STMT_START { if (g_getenv ("KIKU_TEST_CITE_URL") == NULL) { site (); return; } } G_STMT_END

static void
test_json_ld (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  g_autofree char *image = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("jsonld.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Harbour bridge reopens after repairs");
  g_assert_cmpstr (kiku_citation_get_publisher (citation), ==, "The Coast Times");
  g_assert_cmpstr (kiku_citation_get_date (citation), ==, "2024-03-05");
  g_assert_cmpstr (kiku_citation_get_image_credit (citation), ==, "Photo: A. Tanaka");
  g_assert_cmpstr (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_TITLE), ==, "JSON-LD");
  g_assert_cmpstr (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_DATE), ==, "JSON-LD");
  image = page ("photo.png");
  g_assert_cmpstr (kiku_citation_get_image_url (citation), ==, image);
  g_assert_nonnull (kiku_citation_get_image (citation));
}

static void
test_open_graph (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("og.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Rice prices rise for a third month");
  g_assert_cmpstr (kiku_citation_get_publisher (citation), ==, "Farm Weekly");
  g_assert_cmpstr (kiku_citation_get_date (citation), ==, "2024-02-29");
  g_assert_cmpstr (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_PUBLISHER), ==, "Open Graph");
  g_assert_nonnull (kiku_citation_get_image (citation));
}

static void
test_highwire (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("citation.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Tidal patterns in the Seto Inland Sea");
  g_assert_cmpstr (kiku_citation_get_publisher (citation), ==, "Journal of Coastal Studies");
  g_assert_cmpstr (kiku_citation_get_date (citation), ==, "2023-11-07");
  g_assert_cmpstr (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_TITLE), ==, "Citation tags");
  g_assert_null (kiku_citation_get_image (citation));
}

/* Shift_JIS named only in the HTTP header; only <title> and <time>. */
static void
test_shift_jis (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("sjis.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "港の橋、修理を終えて再開");
  g_assert_cmpstr (kiku_citation_get_publisher (citation), ==, "海辺新聞");
  g_assert_cmpstr (kiku_citation_get_date (citation), ==, "2024-03-05");
  g_assert_cmpstr (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_TITLE), ==, "Page title and time");
}

/* EUC-JP named in the page's <meta>. */
static void
test_euc_jp (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("eucjp.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "米の値段、三か月続けて上がる");
  g_assert_cmpstr (kiku_citation_get_publisher (citation), ==, "農業週報");
  g_assert_cmpstr (kiku_citation_get_date (citation), ==, "2024-02-29");
}

static void
test_redirected_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  g_autofree char *final = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("first-hop.html", &error);
  g_assert_no_error (error);
  final = page ("jsonld.html");
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Harbour bridge reopens after repairs");
  /* The page's own address, where the redirects led. */
  g_assert_cmpstr (kiku_citation_get_url (citation), ==, final);
}

static void
test_redirect_loop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("loop.html", &error);
  g_assert_null (citation);
  g_assert_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "more than 5 times"));
}

/* A redirect to a javascript: address is never followed. */
static void
test_redirect_to_script (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("to-script.php", &error);
  g_assert_null (citation);
  g_assert_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_REDIRECTS);
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) gone_error = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  g_autoptr(KikuCitation) gone = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("not-here.html", &error);
  g_assert_null (citation);
  g_assert_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));

  gone = cite ("removed.html", &gone_error);
  g_assert_null (gone);
  g_assert_error (gone_error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_HTTP);
  g_assert_nonnull (strstr (gone_error->message, "410"));
}

/* Only the first 2 MiB are read: the head is, a tag 3 MiB in is not. */
static void
test_five_mebibytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  gint64 start = g_get_monotonic_time ();

  SKIP_WITHOUT_SITE ();
  citation = cite ("big.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "A page of five mebibytes");
  g_assert_null (kiku_citation_get_date (citation));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A site that takes 15 s is given up on after 10 s, with words saying so. */
static void
test_slow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 took;

  SKIP_WITHOUT_SITE ();
  citation = cite ("slow.php", &error);
  took = g_get_monotonic_time () - start;
  g_assert_null (citation);
  /* Never fetched before, so nothing in the cache either. */
  g_assert_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "did not answer within 10 seconds"));
  g_assert_cmpint (took, >=, 9 * G_USEC_PER_SEC);
  g_assert_cmpint (took, <, 14 * G_USEC_PER_SEC);
}

static void
test_javascript_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("js-image.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "A page with a script for an image");
  g_assert_null (kiku_citation_get_image (citation));
  g_assert_null (kiku_citation_get_image_url (citation));
}

static void
test_html_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("html-image.html", &error);
  g_assert_no_error (error);
  g_assert_null (kiku_citation_get_image (citation));
  g_assert_null (kiku_citation_get_image_credit (citation));
  g_assert_cmpstr (kiku_citation_get_image_problem (citation), ==,
                   "The page’s image is not an image, so it was not taken");
}

static void
test_large_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("big-image.html", &error);
  g_assert_no_error (error);
  g_assert_null (kiku_citation_get_image (citation));
  g_assert_nonnull (strstr (kiku_citation_get_image_problem (citation), "larger than 10 MiB"));
}

/* Markup in a title stays text, and is escaped where the article is shown. */
static void
test_script_in_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuPage) first = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autofree char *html = NULL;

  SKIP_WITHOUT_SITE ();
  citation = cite ("script-title.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Breaking: <script>alert('x')</script> in a title");
  g_assert_cmpstr (kiku_citation_get_publisher (citation), ==, "<b>Bold</b> News");

  kiku_list_append (kiku_section_get_blocks (section), source);
  kiku_list_append (kiku_page_get_sections (first), section);
  kiku_list_append (kiku_article_get_pages (article), first);
  kiku_article_fill_source (article, source, citation, &error);
  g_assert_no_error (error);
  {
    g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();

    html = kiku_renderer_render_node (renderer, article, KIKU_NODE (source));
  }
  g_assert_null (strstr (html, "<script>"));
  g_assert_null (strstr (html, "<b>Bold"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;"));
}

/* Link check ------------------------------------------------------------- */

static GPtrArray *
check (KikuCiter          *citer,
       const char * const *urls)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  kiku_citer_check_links_async (citer, urls, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = kiku_citer_check_links_finish (citer, result, &error);
  g_assert_no_error (error);

  return results;
}

static void
test_check_links (void)
{
  g_autoptr(KikuCiter) citer = NULL;
  g_autofree char *ok = NULL, *missing = NULL, *removed = NULL, *away = NULL, *hops = NULL;
  g_autofree char *head = NULL, *expected_away = NULL, *to_script = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) again = NULL;
  gint64 start;

  SKIP_WITHOUT_SITE ();
  citer = new_citer ();
  ok = page ("jsonld.html");
  missing = page ("not-here.html");
  removed = page ("removed.html");
  away = page ("moved-away.html");
  hops = page ("first-hop.html");
  head = page ("head-refused.php");
  to_script = page ("to-script.php");
  {
    g_autoptr(GUri) uri = g_uri_parse (site (), G_URI_FLAGS_NONE, NULL);

    expected_away = g_strdup_printf ("http://localhost:%d/cite/og.html", g_uri_get_port (uri));
  }

  {
    const char *urls[] = { ok, missing, removed, away, hops, head, "http://127.0.0.1:1/gone", "mailto:a@b.c", to_script, NULL };

    results = check (citer, urls);
    g_assert_cmpuint (results->len, ==, 9);
    for (guint i = 0; i < results->len; i++)
      g_assert_cmpstr (kiku_link_result_get_url (g_ptr_array_index (results, i)), ==, urls[i]);
  }

#define STATE(i) kiku_link_result_get_state (g_ptr_array_index (results, i))
  g_assert_cmpint (STATE (0), ==, KIKU_LINK_OK);
  g_assert_cmpint (STATE (1), ==, KIKU_LINK_GONE);
  g_assert_cmpuint (kiku_link_result_get_status (g_ptr_array_index (results, 1)), ==, 404);
  g_assert_cmpint (STATE (2), ==, KIKU_LINK_GONE);
  g_assert_cmpuint (kiku_link_result_get_status (g_ptr_array_index (results, 2)), ==, 410);
  g_assert_cmpint (STATE (3), ==, KIKU_LINK_REDIRECTED_AWAY);
  g_assert_cmpstr (kiku_link_result_get_new_url (g_ptr_array_index (results, 3)), ==, expected_away);
  /* Redirects within the site are no problem. */
  g_assert_cmpint (STATE (4), ==, KIKU_LINK_OK);
  /* A site that refuses HEAD is asked with GET. */
  g_assert_cmpint (STATE (5), ==, KIKU_LINK_OK);
  g_assert_cmpint (STATE (6), ==, KIKU_LINK_DEAD_HOST);
  g_assert_cmpint (STATE (7), ==, KIKU_LINK_FAILED);
  g_assert_cmpint (STATE (8), ==, KIKU_LINK_FAILED);
  g_assert_cmpstr (kiku_link_result_get_message (g_ptr_array_index (results, 8)), ==,
                   "The page is sent on to an address that is not a web page");
  g_assert_true (kiku_link_result_is_broken (g_ptr_array_index (results, 1)));
  g_assert_false (kiku_link_result_is_broken (g_ptr_array_index (results, 0)));
  g_assert_cmpstr (kiku_link_result_get_message (g_ptr_array_index (results, 2)), ==, "The page was removed (410)");
#undef STATE

  /* Asked again at once, the answers come from what was found. */
  {
    const char *urls[] = { ok, missing, away, NULL };

    start = g_get_monotonic_time ();
    again = check (citer, urls);
    g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
    g_assert_cmpint (kiku_link_result_get_state (g_ptr_array_index (again, 1)), ==, KIKU_LINK_GONE);
    g_assert_cmpint (kiku_link_result_get_state (g_ptr_array_index (again, 2)), ==, KIKU_LINK_REDIRECTED_AWAY);
  }
  kiku_test_remove_tree (cache_dir);
}

/* kiku-tool -------------------------------------------------------------- */

static GSubprocess *
run_tool (char       **out,
          char       **err,
          const char  *first,
          ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *tool;
  va_list ap;

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_dir, TRUE);
  g_ptr_array_add (args, (gpointer)g_getenv ("KIKU_TOOL"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  tool = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (tool, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return tool;
}

static void
test_tool_cite (void)
{
  g_autoptr(KikuCiter) citer = NULL;
  g_autofree char *url = NULL, *image = NULL, *out = NULL, *err = NULL;
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *box;

  SKIP_WITHOUT_SITE ();
  citer = new_citer ();
  url = page ("sjis.html");
  tool = run_tool (&out, &err, "cite", url, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (tool), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  box = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (box, "type"), ==, "source");
  g_assert_cmpstr (json_object_get_string_member (box, "title"), ==, "港の橋、修理を終えて再開");
  g_assert_cmpstr (json_object_get_string_member (box, "publisher"), ==, "海辺新聞");
  g_assert_cmpstr (json_object_get_string_member (box, "published"), ==, "2024-03-05");
  g_assert_cmpstr (json_object_get_string_member (box, "url"), ==, url);

  /* The JSON makes a source box a .kiku file reads. */
  {
    g_autofree char *doc = g_strdup_printf ("{\"format\":\"kiku-article\",\"version\":1,\"title\":\"t\",\"pages\":"
                                            "[{\"sections\":[{\"heading\":\"h\",\"blocks\":[%s]}]}]}", out);
    g_autofree char *path = g_build_filename (cache_dir, "box.kiku", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(KikuArticle) article = NULL;

    g_assert_true (g_file_set_contents (path, doc, -1, NULL));
    article = kiku_article_new_from_file (file, NULL, &error);
    g_assert_no_error (error);
  }
  kiku_test_remove_tree (cache_dir);
}

static void
test_tool_check_links (void)
{
  g_autoptr(KikuCiter) citer = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuPage) first = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autofree char *path = NULL, *good = NULL, *gone = NULL, *out = NULL, *err = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) tool = NULL;
  g_auto(GStrv) lines = NULL;
  const char *urls[2];

  SKIP_WITHOUT_SITE ();
  citer = new_citer ();
  good = page ("og.html");
  gone = page ("removed.html");
  urls[0] = good;
  urls[1] = gone;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KikuSource) source = kiku_source_new ();

      kiku_source_set_url (source, urls[i]);
      kiku_list_append (kiku_section_get_blocks (section), source);
    }
  kiku_list_append (kiku_page_get_sections (first), section);
  kiku_list_append (kiku_article_get_pages (article), first);
  path = g_build_filename (cache_dir, "links.kiku", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (kiku_article_save (article, file, NULL, &error));
  g_assert_no_error (error);

  tool = run_tool (&out, &err, "check-links", path, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (tool), ==, 1);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], good));
  g_assert_nonnull (strstr (lines[0], "\tworking\t"));
  g_assert_true (g_str_has_prefix (lines[1], gone));
  g_assert_nonnull (strstr (lines[1], "\tgone\t"));
  g_assert_nonnull (strstr (lines[1], "The page was removed (410)"));

  /* With the gone one mended, all is well. */
  {
    KikuSource *second = kiku_list_get (kiku_section_get_blocks (section), 1);
    g_autoptr(GSubprocess) again = NULL;
    g_autofree char *out2 = NULL, *err2 = NULL;

    kiku_source_set_url (second, good);
    g_assert_true (kiku_article_save (article, file, NULL, &error));
    again = run_tool (&out2, &err2, "check-links", path, NULL);
    g_assert_cmpint (g_subprocess_get_exit_status (again), ==, 0);
  }
  kiku_test_remove_tree (cache_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/cite/web/json-ld-only", test_json_ld);
  g_test_add_func ("/kiku/cite/web/open-graph-only", test_open_graph);
  g_test_add_func ("/kiku/cite/web/citation-tags-only", test_highwire);
  g_test_add_func ("/kiku/cite/web/shift-jis-title-and-time", test_shift_jis);
  g_test_add_func ("/kiku/cite/web/euc-jp", test_euc_jp);
  g_test_add_func ("/kiku/cite/web/redirected-twice", test_redirected_twice);
  g_test_add_func ("/kiku/cite/web/redirect-loop", test_redirect_loop);
  g_test_add_func ("/kiku/cite/web/redirect-to-script", test_redirect_to_script);
  g_test_add_func ("/kiku/cite/web/404-and-410", test_not_found);
  g_test_add_func ("/kiku/cite/web/five-mebibytes", test_five_mebibytes);
  g_test_add_func ("/kiku/cite/web/answers-after-15-s", test_slow);
  g_test_add_func ("/kiku/cite/web/javascript-image", test_javascript_image);
  g_test_add_func ("/kiku/cite/web/html-image", test_html_image);
  g_test_add_func ("/kiku/cite/web/image-over-10-mib", test_large_image);
  g_test_add_func ("/kiku/cite/web/script-in-title", test_script_in_title);
  g_test_add_func ("/kiku/cite/links/check", test_check_links);
  g_test_add_func ("/kiku/cite/tool/cite", test_tool_cite);
  g_test_add_func ("/kiku/cite/tool/check-links", test_tool_check_links);

  return g_test_run ();
}
