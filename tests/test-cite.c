/* test-cite.c: reading what a page says about itself, filling a source box
 * from it, and the cache that fills it offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiku.h"
#include "kiku-cite-private.h"
#include "kiku-test-files.h"

static KikuPageMeta *
parse (const char *html)
{
  return _kiku_page_meta_parse (html, strlen (html), NULL, "https://news.example/a/story.html");
}

/* Metadata --------------------------------------------------------------- */

/* Where they disagree, JSON-LD wins over citation_*, over Open Graph, over
 * Dublin Core, over the page's own <title> and <time>. */
static void
test_order (void)
{
  static const char page[] =
    "<html><head><title>From the title | Site</title>"
    "<meta name='DC.title' content='From Dublin Core'>"
    "<meta name='DC.publisher' content='DC Publisher'>"
    "<meta name='DC.date' content='2020-01-04'>"
    "<meta property='og:title' content='From Open Graph'>"
    "<meta property='og:site_name' content='OG Site'>"
    "<meta property='og:image' content='/og.png'>"
    "<meta property='article:published_time' content='2020-01-03T10:00:00Z'>"
    "<meta name='citation_title' content='From citation tags'>"
    "<meta name='citation_publication_date' content='2020/01/02'>"
    "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":["
    "{\"@type\":\"WebSite\",\"name\":\"Not this\"},"
    "{\"@type\":\"NewsArticle\",\"headline\":\"From JSON-LD\",\"datePublished\":\"2020-01-01T08:00:00+09:00\","
    "\"publisher\":{\"@type\":\"Organization\",\"name\":\"LD Publisher\"},\"image\":[\"https://cdn.example/ld.jpg\"]}]}"
    "</script></head><body><time datetime='2020-01-05'>5 Jan</time></body></html>";
  g_autoptr(KikuPageMeta) meta = parse (page);

  g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "From JSON-LD");
  g_assert_cmpint (meta->origins[KIKU_META_TITLE], ==, KIKU_META_JSON_LD);
  g_assert_cmpstr (meta->values[KIKU_META_PUBLISHER], ==, "LD Publisher");
  g_assert_cmpstr (meta->values[KIKU_META_DATE], ==, "2020-01-01");
  g_assert_cmpstr (meta->values[KIKU_META_IMAGE], ==, "https://cdn.example/ld.jpg");
}

static void
test_order_without_json_ld (void)
{
  static const char page[] =
    "<html><head><title>From the title</title>"
    "<meta name='dc.title' content='From Dublin Core'>"
    "<meta name='DC.publisher' content='DC Publisher'>"
    "<meta property='og:title' content='From Open Graph'>"
    "<meta property='og:image' content='/og.png'>"
    "<meta property='article:published_time' content='2020-01-03T10:00:00Z'>"
    "<meta name='citation_title' content='From citation tags'>"
    "</head><body><time datetime='2020-01-05'>5 Jan</time></body></html>";
  g_autoptr(KikuPageMeta) meta = parse (page);

  g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "From citation tags");
  g_assert_cmpint (meta->origins[KIKU_META_TITLE], ==, KIKU_META_HIGHWIRE);
  /* No publisher in citation tags or Open Graph: Dublin Core's. */
  g_assert_cmpstr (meta->values[KIKU_META_PUBLISHER], ==, "DC Publisher");
  g_assert_cmpint (meta->origins[KIKU_META_PUBLISHER], ==, KIKU_META_DUBLIN_CORE);
  g_assert_cmpstr (meta->values[KIKU_META_DATE], ==, "2020-01-03");
  g_assert_cmpint (meta->origins[KIKU_META_DATE], ==, KIKU_META_OPEN_GRAPH);
  /* Relative to the page. */
  g_assert_cmpstr (meta->values[KIKU_META_IMAGE], ==, "https://news.example/og.png");
}

static void
test_title_and_time_only (void)
{
  g_autoptr(KikuPageMeta) meta = parse ("<html><head><title>\n  A quiet   day\n</title></head>"
                                        "<body><p>Posted <time datetime=\"2019-12-31T23:59:00-05:00\">"
                                        "New Year's Eve</time></p></body></html>");

  g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "A quiet day");
  g_assert_cmpint (meta->origins[KIKU_META_TITLE], ==, KIKU_META_HTML);
  /* The day where it was written, as its readers saw it. */
  g_assert_cmpstr (meta->values[KIKU_META_DATE], ==, "2019-12-31");
  g_assert_null (meta->values[KIKU_META_PUBLISHER]);
}

static void
test_site_suffix (void)
{
  g_autoptr(KikuPageMeta) named = parse ("<html><head><title>港の橋が再開 | 海辺新聞</title>"
                                         "<meta property='og:site_name' content='海辺新聞'></head></html>");
  g_autoptr(KikuPageMeta) other = parse ("<html><head><title>Cats | Dogs</title>"
                                         "<meta property='og:site_name' content='Birds'></head></html>");
  g_autofree char *wide = _kiku_cite_strip_site_name ("米の値段｜農業週報", "農業週報");
  g_autofree char *dash = _kiku_cite_strip_site_name ("Prices rise - Farm Weekly", "Farm Weekly");
  g_autofree char *whole = _kiku_cite_strip_site_name ("Farm Weekly", "Farm Weekly");

  g_assert_cmpstr (named->values[KIKU_META_TITLE], ==, "港の橋が再開");
  /* A suffix that is not the site's name stays. */
  g_assert_cmpstr (other->values[KIKU_META_TITLE], ==, "Cats | Dogs");
  g_assert_cmpstr (wide, ==, "米の値段");
  g_assert_cmpstr (dash, ==, "Prices rise");
  g_assert_cmpstr (whole, ==, "Farm Weekly");
}

static void
test_dates (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "2024-03-05", "2024-03-05" },
    { "2024-03-05T09:30:00+09:00", "2024-03-05" },
    { "2024-03-05 09:30", "2024-03-05" },
    { "2024/3/5", "2024-03-05" },
    { "2024.03.05", "2024-03-05" },
    { "2024年3月5日", "2024-03-05" },
    { "20240305", "2024-03-05" },
    { "2024-02-29", "2024-02-29" },
    { "2023-02-29", NULL },
    { "2024-13-01", NULL },
    { "March 5, 2024", NULL },
    { "", NULL },
    { "99999-01-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = _kiku_cite_normalize_date (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* The character set from the header, the byte order mark or <meta charset>. */
static void
test_charsets (void)
{
  static const char title[] = "港の橋が再開";
  const char *charsets[] = { "Shift_JIS", "EUC-JP", "ISO-2022-JP" };

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *utf8 = g_strdup_printf ("<html><head><meta charset=\"%s\"><title>%s</title></head></html>",
                                               charsets[i], title);
      g_autofree char *bytes = NULL;
      gsize length;
      g_autoptr(KikuPageMeta) by_tag = NULL;
      g_autoptr(KikuPageMeta) by_header = NULL;
      g_autofree char *plain = g_strdup_printf ("<html><head><title>%s</title></head></html>", title);
      g_autofree char *plain_bytes = NULL;
      gsize plain_length;

      bytes = g_convert (utf8, -1, charsets[i], "UTF-8", NULL, &length, NULL);
      g_assert_nonnull (bytes);
      by_tag = _kiku_page_meta_parse (bytes, length, NULL, NULL);
      g_assert_cmpstr (by_tag->values[KIKU_META_TITLE], ==, title);

      plain_bytes = g_convert (plain, -1, charsets[i], "UTF-8", NULL, &plain_length, NULL);
      by_header = _kiku_page_meta_parse (plain_bytes, plain_length, charsets[i], NULL);
      g_assert_cmpstr (by_header->values[KIKU_META_TITLE], ==, title);
    }

  /* The header wins over the tag. */
  {
    g_autofree char *bytes = g_convert ("<html><head><meta charset='utf-8'><title>港</title></head></html>",
                                        -1, "EUC-JP", "UTF-8", NULL, NULL, NULL);
    g_autoptr(KikuPageMeta) meta = _kiku_page_meta_parse (bytes, strlen (bytes), "EUC-JP", NULL);

    g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "港");
  }

  /* Any other charset iconv has, by its name. */
  {
    g_autofree char *bytes = g_convert ("<html><head><title>Новости</title></head></html>",
                                        -1, "KOI8-R", "UTF-8", NULL, NULL, NULL);
    g_autoptr(KikuPageMeta) meta = _kiku_page_meta_parse (bytes, strlen (bytes), "koi8-r", NULL);
    g_autoptr(KikuPageMeta) odd = _kiku_page_meta_parse ("<title>x</title>", 16, "UTF-8//IGNORE", NULL);

    g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "Новости");
    g_assert_cmpstr (odd->charset, ==, "UTF-8");
  }

  /* A byte order mark. */
  {
    static const char page[] = "\xef\xbb\xbf<html><head><title>Caf\xc3\xa9</title></head></html>";
    g_autoptr(KikuPageMeta) meta = _kiku_page_meta_parse (page, sizeof page - 1, NULL, NULL);

    g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "Café");
  }

  /* A bad byte costs one character, not the page. */
  {
    static const char page[] = "<html><head><meta charset='utf-8'><title>A\xff" "B</title></head></html>";
    g_autoptr(KikuPageMeta) meta = _kiku_page_meta_parse (page, sizeof page - 1, NULL, NULL);

    g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "AB");
  }
}

/* Nothing from the page is run or kept as markup. */
static void
test_hostile (void)
{
  g_autoptr(KikuPageMeta) meta = parse ("<html><head>"
                                        "<meta property='og:title' content='A &lt;script&gt;alert(1)&lt;/script&gt; title'>"
                                        "<meta property='og:image' content='javascript:alert(1)'>"
                                        "<link rel='canonical' href='data:text/html,hi'>"
                                        "</head><body><script>document.title='no'</script></body></html>");
  g_autoptr(GString) deep = g_string_new ("<html><head><script type='application/ld+json'>");
  g_autoptr(KikuPageMeta) deep_meta = NULL;
  g_autoptr(GString) nested = g_string_new ("<html><body>");
  g_autoptr(KikuPageMeta) nested_meta = NULL;

  g_assert_cmpstr (meta->values[KIKU_META_TITLE], ==, "A <script>alert(1)</script> title");
  g_assert_null (meta->values[KIKU_META_IMAGE]);
  g_assert_null (meta->values[KIKU_META_CANONICAL]);

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "[");
  g_string_append (deep, "</script></head></html>");
  deep_meta = parse (deep->str);
  g_assert_null (deep_meta->values[KIKU_META_TITLE]);

  for (guint i = 0; i < 50000; i++)
    g_string_append (nested, "<div>");
  g_string_append (nested, "<time datetime='2021-06-01'></time></body></html>");
  nested_meta = parse (nested->str);
  g_assert_null (nested_meta->values[KIKU_META_TITLE]);
}

/* Fetching, filling and the cache, from a server in this process --------- */

typedef struct
{
  SoupServer *server;
  char       *base;
  guint       requests;
  gboolean    mended;     /* /mended is there now */
  char       *cache;
  char       *folder;
  KikuCiter  *citer;
} Fixture;

static const char story[] =
  "<!DOCTYPE html><html><head><meta charset='utf-8'>"
  "<link rel='canonical' href='/news/story'>"
  "<meta property='og:title' content='Harbour bridge reopens'>"
  "<meta property='og:site_name' content='The Coast Times'>"
  "<meta property='og:image' content='/photo.png'>"
  "<meta property='article:published_time' content='2024-03-05T09:30:00+09:00'>"
  "</head><body></body></html>";

static GBytes *
photo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cite", "photo.png", NULL);
  char *data;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));

  return g_bytes_new_take (data, length);
}

static void
serve (SoupServer        *server,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->requests++;
  if (g_str_equal (path, "/photo.png"))
    {
      g_autoptr(GBytes) bytes = photo ();

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  else if (g_str_equal (path, "/huge.png"))
    {
      /* 11 MiB with no length given: sent in chunks. */
      SoupMessageBody *body = soup_server_message_get_response_body (message);
      g_autofree guint8 *data = g_malloc0 (11 * 1024 * 1024);

      memcpy (data, "\x89PNG\r\n\x1a\n", 8);
      soup_server_message_set_status (message, 200, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (message), SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (message), "image/png", NULL);
      soup_message_body_append (body, SOUP_MEMORY_COPY, data, 11 * 1024 * 1024);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/huge-image"))
    {
      static const char page[] = "<html><head><meta property='og:title' content='Huge'>"
                                 "<meta property='og:image' content='/huge.png'></head></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/elsewhere"))
    {
      static const char page[] = "<html><head><meta property='og:title' content='Syndicated'>"
                                 "<link rel='canonical' href='https://other.example/story'></head></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/mended"))
    soup_server_message_set_status (message, fixture->mended ? 200 : 404, NULL);
  else if (g_str_equal (path, "/story"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, story, strlen (story));
    }
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) cache = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, serve, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  fixture->cache = g_dir_make_tmp ("kiku-cite-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->folder = g_dir_make_tmp ("kiku-cite-article-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_file_new_for_path (fixture->cache);
  fixture->citer = kiku_citer_new (cache);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->citer);
  kiku_test_remove_tree (fixture->cache);
  kiku_test_remove_tree (fixture->folder);
  g_free (fixture->cache);
  g_free (fixture->folder);
  g_free (fixture->base);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static KikuCitation *
cite (Fixture     *fixture,
      const char  *url,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kiku_citer_cite_async (fixture->citer, url, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return kiku_citer_cite_finish (fixture->citer, result, error);
}

static char *
story_url (Fixture *fixture)
{
  return g_strconcat (fixture->base, "story", NULL);
}

static KikuArticle *
article_in_folder (Fixture     *fixture,
                   KikuSource **source)
{
  KikuArticle *article = kiku_article_new ();
  g_autofree char *path = g_build_filename (fixture->folder, "digest.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();

  *source = kiku_source_new ();
  kiku_list_append (kiku_section_get_blocks (section), *source);
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_list_append (kiku_article_get_pages (article), page);
  kiku_article_set_file (article, file);

  return article;
}

static void
test_fill_and_undo (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = story_url (fixture);
  g_autofree char *canonical = g_strconcat (fixture->base, "news/story", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = cite (fixture, url, &error);
  g_autoptr(KikuSource) source = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuHistory) history = NULL;
  g_autoptr(GBytes) expected = photo ();
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, expected);
  g_autoptr(GFile) image = NULL;
  g_autofree char *stored = NULL;
  gsize length;
  KikuCiteFields filled;

  g_assert_no_error (error);
  g_assert_false (kiku_citation_get_from_cache (citation));
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Harbour bridge reopens");
  g_assert_cmpstr (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_TITLE), ==, "Open Graph");
  g_assert_cmpstr (kiku_citation_get_url (citation), ==, canonical);
  {
    g_autofree char *title = NULL;
    gboolean from_cache = TRUE;

    g_object_get (citation, "title", &title, "from-cache", &from_cache, NULL);
    g_assert_cmpstr (title, ==, "Harbour bridge reopens");
    g_assert_false (from_cache);
  }

  article = article_in_folder (fixture, &source);
  history = kiku_history_new (article);
  kiku_source_set_url (source, url);
  /* What the writer typed stays. */
  kiku_source_set_publisher (source, "Coast Times (Osaka)");
  kiku_history_break (history);

  filled = kiku_article_fill_source (article, source, citation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (filled, ==, KIKU_CITE_FIELD_TITLE | KIKU_CITE_FIELD_DATE | KIKU_CITE_FIELD_IMAGE |
                               KIKU_CITE_FIELD_CREDIT | KIKU_CITE_FIELD_URL);
  g_assert_cmpstr (kiku_source_get_title (source), ==, "Harbour bridge reopens");
  g_assert_cmpstr (kiku_source_get_publisher (source), ==, "Coast Times (Osaka)");
  g_assert_cmpstr (kiku_source_get_published (source), ==, "2024-03-05");
  g_assert_cmpstr (kiku_source_get_image_credit (source), ==, "The Coast Times");
  g_assert_cmpstr (kiku_source_get_url (source), ==, canonical);

  /* The image is in the article's images folder, named by its content. */
  g_assert_true (g_str_has_prefix (kiku_source_get_image (source), "images/"));
  checksum[32] = '\0';
  g_assert_nonnull (strstr (kiku_source_get_image (source), checksum));
  image = kiku_article_resolve_path (article, kiku_source_get_image (source));
  g_assert_true (g_file_load_contents (image, NULL, &stored, &length, NULL, NULL));
  g_assert_cmpmem (stored, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  /* One undo takes the whole fill back. */
  kiku_history_undo (history);
  g_assert_null (kiku_source_get_title (source));
  g_assert_null (kiku_source_get_published (source));
  g_assert_null (kiku_source_get_image (source));
  g_assert_null (kiku_source_get_image_credit (source));
  g_assert_cmpstr (kiku_source_get_url (source), ==, url);
  g_assert_cmpstr (kiku_source_get_publisher (source), ==, "Coast Times (Osaka)");
  kiku_history_redo (history);
  g_assert_cmpstr (kiku_source_get_title (source), ==, "Harbour bridge reopens");

  /* Filled again, nothing is left to fill. */
  g_assert_cmpint (kiku_article_fill_source (article, source, citation, &error), ==, 0);
  g_assert_no_error (error);
}

/* An article never saved has no images folder: the rest is filled, and
 * the writer is told why the image is not. */
static void
test_fill_unsaved (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = story_url (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = cite (fixture, url, &error);
  g_autoptr(KikuArticle) article = kiku_article_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  KikuCiteFields filled;

  g_assert_no_error (error);
  filled = kiku_article_fill_source (article, source, citation, &error);
  g_assert_error (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_NO_FOLDER);
  g_assert_true (filled & KIKU_CITE_FIELD_TITLE);
  g_assert_false (filled & KIKU_CITE_FIELD_IMAGE);
  g_assert_null (kiku_source_get_image (source));
  g_assert_null (kiku_source_get_image_credit (source));
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *url = story_url (fixture);
  g_autofree char *unseen = g_strconcat (fixture->base, "never-asked", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) online = cite (fixture, url, &error);
  g_autoptr(KikuCitation) offline = NULL;
  g_autoptr(KikuCitation) nothing = NULL;
  g_autoptr(GBytes) expected = photo ();
  g_autofree char *stored = NULL;
  gsize length;

  g_assert_no_error (error);

  /* The site is gone from the network. */
  soup_server_disconnect (fixture->server);

  offline = cite (fixture, url, &error);
  g_assert_no_error (error);
  g_assert_true (kiku_citation_get_from_cache (offline));
  g_assert_cmpstr (kiku_citation_get_title (offline), ==, "Harbour bridge reopens");
  g_assert_cmpstr (kiku_citation_get_publisher (offline), ==, "The Coast Times");
  g_assert_cmpstr (kiku_citation_get_date (offline), ==, "2024-03-05");
  g_assert_cmpstr (kiku_citation_get_url (offline), ==, kiku_citation_get_url (online));
  g_assert_cmpstr (kiku_citation_get_origin (offline, KIKU_CITE_FIELD_TITLE), ==, "Open Graph");
  g_assert_nonnull (kiku_citation_get_image (offline));
  g_assert_true (g_file_load_contents (kiku_citation_get_image (offline), NULL, &stored, &length, NULL, NULL));
  g_assert_cmpmem (stored, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  nothing = cite (fixture, unseen, &error);
  g_assert_null (nothing);
  g_assert_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "never fetched before"));
  /* Why, in words, naming the site once. */
  g_assert_nonnull (strstr (error->message, "refused the connection"));
  g_assert_null (strstr (strstr (error->message, "127.0.0.1") + 1, "127.0.0.1"));
}

/* The cache keeps what the page said, never the page. */
static void
test_cache_keeps_metadata (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = story_url (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = cite (fixture, url, &error);
  g_autofree char *pages = g_build_filename (fixture->cache, "pages", NULL);
  g_autoptr(GDir) dir = g_dir_open (pages, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (pages, name, NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_null (strstr (text, "<meta"));
      g_assert_nonnull (strstr (text, "Harbour bridge reopens"));
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

/* A page cannot send the source box to another site by naming it its
 * canonical address. */
static void
test_canonical_elsewhere (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "elsewhere", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = cite (fixture, url, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Syndicated");
  g_assert_cmpstr (kiku_citation_get_url (citation), ==, url);
  g_assert_null (kiku_citation_get_origin (citation, KIKU_CITE_FIELD_URL));
}

/* An image over 10 MiB that gives no length is cut off and refused. */
static void
test_huge_image (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "huge-image", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = cite (fixture, url, &error);
  g_autofree char *images = g_build_filename (fixture->cache, "images", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (kiku_citation_get_title (citation), ==, "Huge");
  g_assert_null (kiku_citation_get_image (citation));
  g_assert_nonnull (strstr (kiku_citation_get_image_problem (citation), "larger than 10 MiB"));
  /* Nothing of it is kept. */
  if (g_file_test (images, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (images, 0, NULL);

      g_assert_null (g_dir_read_name (dir));
    }
}

static void
test_not_a_web_address (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *urls[] = { "file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KikuCitation) citation = cite (fixture, urls[i], &error);

      g_assert_null (citation);
      g_assert_error (error, KIKU_CITE_ERROR, KIKU_CITE_ERROR_URL);
    }
  g_assert_cmpuint (fixture->requests, ==, 0);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *url = story_url (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = NULL;

  g_cancellable_cancel (cancellable);
  kiku_citer_cite_async (fixture->citer, url, cancellable, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  citation = kiku_citer_cite_finish (fixture->citer, result, &error);
  g_assert_null (citation);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GPtrArray *
check_link (Fixture    *fixture,
            const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  const char *urls[] = { url, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  kiku_citer_check_links_async (fixture->citer, urls, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = kiku_citer_check_links_finish (fixture->citer, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);

  return results;
}

/* What a check found stands for a while; forgotten, the site is asked
 * again (a page mended meanwhile is found).
 */
static void
test_links_forgotten (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "mended", NULL);
  g_autoptr(GPtrArray) first = check_link (fixture, url);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  guint requests;

  g_assert_cmpint (kiku_link_result_get_state (g_ptr_array_index (first, 0)), ==, KIKU_LINK_GONE);

  fixture->mended = TRUE;
  requests = fixture->requests;
  again = check_link (fixture, url);
  g_assert_cmpint (kiku_link_result_get_state (g_ptr_array_index (again, 0)), ==, KIKU_LINK_GONE);
  g_assert_cmpuint (fixture->requests, ==, requests);

  kiku_citer_forget_links (fixture->citer);
  asked = check_link (fixture, url);
  g_assert_cmpint (kiku_link_result_get_state (g_ptr_array_index (asked, 0)), ==, KIKU_LINK_OK);
  g_assert_cmpuint (fixture->requests, >, requests);
}

/* kiku-tool cite with no network and a page never fetched says so. */
static void
test_tool_offline (void)
{
  g_autofree char *cache = g_dir_make_tmp ("kiku-cite-tool-XXXXXX", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* Port 1 on this machine: nobody answers. */
  tool = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KIKU_TOOL"), "cite",
                                      "http://127.0.0.1:1/news", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (tool, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (tool), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "never fetched before"));
  kiku_test_remove_tree (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/cite/metadata/order", test_order);
  g_test_add_func ("/kiku/cite/metadata/order-without-json-ld", test_order_without_json_ld);
  g_test_add_func ("/kiku/cite/metadata/title-and-time-only", test_title_and_time_only);
  g_test_add_func ("/kiku/cite/metadata/site-suffix", test_site_suffix);
  g_test_add_func ("/kiku/cite/metadata/dates", test_dates);
  g_test_add_func ("/kiku/cite/metadata/charsets", test_charsets);
  g_test_add_func ("/kiku/cite/metadata/hostile", test_hostile);
  g_test_add ("/kiku/cite/fill/and-undo", Fixture, NULL, fixture_set_up, test_fill_and_undo, fixture_tear_down);
  g_test_add ("/kiku/cite/fill/unsaved", Fixture, NULL, fixture_set_up, test_fill_unsaved, fixture_tear_down);
  g_test_add ("/kiku/cite/cache/offline", Fixture, NULL, fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/kiku/cite/cache/metadata-only", Fixture, NULL, fixture_set_up, test_cache_keeps_metadata, fixture_tear_down);
  g_test_add ("/kiku/cite/fetch/canonical-of-another-site", Fixture, NULL, fixture_set_up, test_canonical_elsewhere, fixture_tear_down);
  g_test_add ("/kiku/cite/fetch/huge-image-without-length", Fixture, NULL, fixture_set_up, test_huge_image, fixture_tear_down);
  g_test_add ("/kiku/cite/fetch/web-addresses-only", Fixture, NULL, fixture_set_up, test_not_a_web_address, fixture_tear_down);
  g_test_add ("/kiku/cite/fetch/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/kiku/cite/links/forgotten", Fixture, NULL, fixture_set_up, test_links_forgotten, fixture_tear_down);
  g_test_add_func ("/kiku/cite/tool/offline", test_tool_offline);

  return g_test_run ();
}
