/* bench-cite.c: how long filling a source box from its page takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a source box from pages of the test news site (tests/data/cite,
 * served by build-aux/services): the whole of it, from asking for the
 * page to the box filled and its image copied beside the article. Prints
 * the median of 10 fills from the server, then of 10 from the cache with
 * the site gone from the network (a server in this program that is shut
 * down after the first fill).
 *
 * Usage: bench-cite
 * The site comes from KIKU_BENCH_CITE_URL; without it, only the cache
 * figures are printed.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>

#include "bench-util.h"
#include "kiku-test-files.h"

#define ROUNDS 10

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* One fill: the time it took, in ms, or a negative number on failure. */
static double
fill_once (KikuCiter  *citer,
           const char *url,
           const char *folder,
           gboolean   *from_cache)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autofree char *path = g_build_filename (folder, "bench.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  double start;

  kiku_list_append (kiku_section_get_blocks (section), source);
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_list_append (kiku_article_get_pages (article), page);
  kiku_article_set_file (article, file);
  kiku_source_set_url (source, url);

  start = bench_now_ms ();
  kiku_citer_cite_async (citer, url, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!(citation = kiku_citer_cite_finish (citer, result, &error)))
    {
      g_printerr ("bench-cite: %s: %s\n", url, error->message);
      return -1;
    }
  kiku_article_fill_source (article, source, citation, &error);
  if (error != NULL || kiku_source_get_title (source) == NULL)
    {
      g_printerr ("bench-cite: %s: not filled\n", url);
      return -1;
    }
  *from_cache = kiku_citation_get_from_cache (citation);

  return bench_now_ms () - start;
}

static gboolean
measure (KikuCiter  *citer,
         const char *url,
         const char *folder,
         gboolean    expect_cache,
         double     *median)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < ROUNDS; i++)
    {
      gboolean from_cache = FALSE;
      double ms = fill_once (citer, url, folder, &from_cache);

      if (ms < 0 || from_cache != expect_cache)
        return FALSE;
      g_array_append_val (times, ms);
    }
  *median = bench_median (times);

  return TRUE;
}

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "tests", "data", "cite", name, NULL);
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;

  return g_bytes_new_take (data, length);
}

static void
serve (SoupServer        *server,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *name = g_path_get_basename (path);

  bytes = read_fixture (name);
  g_free ((char *)name);
  if (bytes == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, g_str_has_suffix (path, ".png") ? "image/png" : "text/html",
                                    SOUP_MEMORY_COPY, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

int
main (int   argc,
      char *argv[])
{
  const char *site = g_getenv ("KIKU_BENCH_CITE_URL");
  const char *pages[] = { "jsonld.html", "sjis.html" };
  g_autofree char *cache = g_dir_make_tmp ("kiku-bench-cite-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("kiku-bench-article-XXXXXX", NULL);
  g_autoptr(GFile) cache_file = g_file_new_for_path (cache);
  g_autoptr(KikuCiter) citer = kiku_citer_new (cache_file);
  int status = 0;

  setlocale (LC_ALL, "");

  printf ("Filling a source box from its page (median of %d; JSON-LD page with a PNG, Shift_JIS page with none)\n",
          ROUNDS);

  if (site == NULL)
    printf ("  from the server: skipped (KIKU_BENCH_CITE_URL is not set)\n");
  else
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *url = g_strconcat (site, pages[i], NULL);
        double median;

        if (!measure (citer, url, folder, FALSE, &median))
          status = 1;
        else
          printf ("  from the server, %-12s %7.2f ms\n", pages[i], median);
      }

  {
    g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
    g_autoptr(GError) error = NULL;
    GSList *uris;
    g_autofree char *base = NULL;

    soup_server_add_handler (server, NULL, serve, NULL, NULL);
    if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
      {
        g_printerr ("bench-cite: %s\n", error->message);
        return 1;
      }
    uris = soup_server_get_uris (server);
    base = g_uri_to_string (uris->data);
    g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *url = g_strconcat (base, "cite/", pages[i], NULL);
        gboolean from_cache = FALSE;

        if (fill_once (citer, url, folder, &from_cache) < 0)
          status = 1;
      }
    soup_server_disconnect (server);

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *url = g_strconcat (base, "cite/", pages[i], NULL);
        double median;

        if (!measure (citer, url, folder, TRUE, &median))
          status = 1;
        else
          printf ("  from the cache,  %-12s %7.2f ms\n", pages[i], median);
      }
  }

  kiku_test_remove_tree (cache);
  kiku_test_remove_tree (folder);

  return status;
}
