/* test-tool.c: the kiku-tool command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiku.h"
#include "kiku-test-files.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The tool's config folder, for the tests of sites. */
static char *config_home;

/* Runs kiku-tool with the arguments, NULL-terminated, and @input on its
 * standard input.
 */
static void
run_tool (Run        *run,
          const char *input,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("KIKU_TOOL"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_nonnull (g_ptr_array_index (argv, 0));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (config_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  run->status = g_subprocess_get_exit_status (process);
}

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
}

static char *
make_temp_dir (void)
{
  char *dir = g_dir_make_tmp ("kiku-tool-XXXXXX", NULL);

  g_assert_nonnull (dir);

  return dir;
}

static void
test_usage (void)
{
  const char *commands[] = { "import", "render", "validate", "publish", "sites", "posts", "pull" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_tool (&run, NULL, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, commands[i]));
    }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "validate"));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "publish-everything", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“publish-everything” is not a command"));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "render", "--no-such-option", "x.kiku", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "import", "x.txt", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "-o OUTPUT.kiku"));
  }
}

static void
test_validate (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *bad = g_build_filename (dir, "bad.kiku", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.kiku", NULL);

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "validate", sample, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }

  g_assert_true (g_file_set_contents (bad,
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"\", \"pages\": [{\"sections\": "
    "[{\"blocks\": [{\"type\": \"source\", \"url\": \"ftp://example.com\"}]}]}]}", -1, NULL));

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "validate", bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==,
                     "Headline: The headline is empty [title]\n"
                     "Page 1 › Section 1 › Heading: The section has no heading "
                     "[pages[0].sections[0].heading]\n"
                     "Page 1 › Section 1 › Source box 1 › URL: “ftp://example.com” is not a web "
                     "address starting with http:// or https:// [pages[0].sections[0].blocks[0].url]\n");
  }

  g_assert_true (g_file_set_contents (broken, "{\n  \"format\": \"kiku-article\",\n  \"version\": 1,,\n}", -1, NULL));

  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("kiku-tool: %s: Line 3, column 16: ", broken);

    run_tool (&run, NULL, "validate", broken, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, expected));
    /* One line. */
    g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "validate", "/nonexistent.kiku", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "kiku-tool: /nonexistent.kiku: No such file\n");
  }

  kiku_test_remove_tree (dir);
}

static void
test_import (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "import-sections.txt", NULL);
  g_autofree char *from_file = g_build_filename (dir, "file.kiku", NULL);
  g_autofree char *from_stdin = g_build_filename (dir, "stdin.kiku", NULL);
  g_autofree char *bad_text = g_build_filename (dir, "latin1.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (g_file_get_contents (fixture, &text, NULL, NULL));

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "import", fixture, "-o", from_file, "--persona", "naniwa", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, text, "import", "-", "-o", from_stdin, "--persona", "naniwa", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  g_assert_true (g_file_get_contents (from_file, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (from_stdin, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "\"title\" : \"商店街の空き店舗、学生が運営するカフェに(商店街、空き店舗、大学)\""));

  g_assert_true (g_file_set_contents (bad_text, "caf\xe9\n", -1, NULL));

  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("kiku-tool: %s: Line 1: the text is not valid UTF-8", bad_text);

    run_tool (&run, NULL, "import", bad_text, "-o", from_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, expected));
  }

  kiku_test_remove_tree (dir);
}

static void
test_render (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *second = g_build_filename (site, "page-2.html", NULL);
  g_autofree char *fragment = g_build_filename (dir, "fragment.html", NULL);
  g_autofree char *page2 = g_build_filename (dir, "page2.html", NULL);
  g_autofree char *text = NULL;
  g_autofree char *image_path = NULL;
  g_autofree char *image = NULL;

  /* Several pages: a folder. */
  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "render", sample, "-o", site, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (index, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (text, "href=\"page-2.html\""));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));

  /* The pages are elsewhere than the article: its images still load. */
  {
    const char *src = strstr (text, "<img src=\"");
    const char *end;
    g_autofree char *relative = NULL;

    g_assert_nonnull (src);
    src += strlen ("<img src=\"");
    end = strchr (src, '"');
    relative = g_strndup (src, end - src);
    image_path = g_build_filename (site, relative, NULL);
    g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));
    image = g_path_get_basename (image_path);
    g_assert_cmpstr (image, ==, "reading-room.png");
  }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *html = NULL;

    run_tool (&run, NULL, "render", sample, "-o", fragment, "--fragment", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (fragment, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "<!--nextpage-->"));
    g_assert_null (strstr (html, "<!DOCTYPE"));
  }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *html = NULL;

    run_tool (&run, NULL, "render", sample, "-o", page2, "--page", "2", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (page2, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "<span aria-current=\"page\">2</span>"));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "render", sample, "-o", page2, "--page", "7", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "the article has 2 pages"));
  }

  kiku_test_remove_tree (dir);
}

static void
test_sites_and_publish (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "site", NULL);
  g_autofree char *article = g_build_filename (dir, "sample.kiku", NULL);
  g_autofree char *sample = sample_path ();
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *index = NULL;
  g_autofree char *password_file = g_build_filename (dir, "password", NULL);

  config_home = g_build_filename (dir, "config", NULL);

  /* The article is copied with its images, as a user's would be. */
  {
    g_autofree char *images = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "images", NULL);
    g_autofree char *command = g_strdup_printf ("cp '%s' '%s' && cp -r '%s' '%s'", sample, article, images, dir);

    g_assert_cmpint (system (command), ==, 0);
  }

  /* A slug of its own: another run may have published to the same server. */
  {
    g_autofree char *contents = NULL;
    g_autoptr(GString) edited = NULL;
    g_autofree char *slug = g_strdup_printf ("\"slug\" : \"night-libraries-%u\"", g_random_int ());

    g_assert_true (g_file_get_contents (article, &contents, NULL, NULL));
    edited = g_string_new (contents);
    g_assert_cmpuint (g_string_replace (edited, "\"slug\" : \"night-libraries\"", slug, 1), ==, 1);
    g_assert_true (g_file_set_contents (article, edited->str, -1, NULL));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "sites", "list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Local folder\tfolder\t"));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "sites", "add", "mine", "--kind", "folder", "--url", target,
              "--language", "ja", "--label", "Culture", "--label", "地域", "--persona", "Night Desk", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  /* Everything given is kept, and the list names no password. */
  {
    g_autofree char *sites_file = g_build_filename (config_home, "kiku", "sites.json", NULL);
    g_autofree char *sites_text = NULL;

    g_assert_true (g_file_get_contents (sites_file, &sites_text, NULL, NULL));
    g_assert_nonnull (strstr (sites_text, "\"地域\""));
    g_assert_nonnull (strstr (sites_text, "\"Night Desk\""));
    g_assert_nonnull (strstr (sites_text, "\"language\" : \"ja\""));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "sites", "add", "bad", "--kind", "gopher", "--url", "x", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* Publishing prints the address, and records it in the article file. */
  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "publish", article, "--site", "mine", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, "/index.html\n"));
    index = g_filename_from_uri (g_strchomp (run.out), NULL, NULL);
  }
  g_assert_true (g_str_has_prefix (index, target));
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (article, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"published_to\""));
  g_assert_nonnull (strstr (saved, "\"mine\""));

  /* The site lists it, Kiku's, and gives it back as an article file. */
  {
    g_autofree char *folder = g_path_get_dirname (index);
    g_autofree char *slug = g_path_get_basename (folder);
    g_autofree char *pulled = g_build_filename (dir, "pulled", "article.kiku", NULL);
    g_autofree char *pulled_text = NULL;
    g_autofree char *line_start = NULL;
    g_auto(Run) posts = { 0 };
    g_auto(Run) none = { 0 };
    g_auto(Run) pull = { 0 };
    g_auto(Run) no_output = { 0 };

    run_tool (&posts, NULL, "posts", "--site", "mine", NULL);
    g_assert_cmpint (posts.status, ==, 0);
    line_start = g_strconcat (slug, "\tpublish\t", NULL);
    g_assert_true (g_str_has_prefix (posts.out, line_start));
    g_assert_nonnull (strstr (posts.out, "\tkiku\t夜の図書館"));

    run_tool (&none, NULL, "posts", "--site", "mine", "--search", "no-article-says-this", NULL);
    g_assert_cmpint (none.status, ==, 0);
    g_assert_cmpstr (none.out, ==, "");

    run_tool (&pull, NULL, "pull", "--site", "mine", slug, "-o", pulled, NULL);
    if (pull.status != 0)
      g_error ("pull failed: %s", pull.err);
    g_assert_true (g_file_get_contents (pulled, &pulled_text, NULL, NULL));
    g_assert_nonnull (strstr (pulled_text, "\"title\" : \"夜の図書館"));
    g_assert_nonnull (strstr (pulled_text, "\"mine\""));

    run_tool (&no_output, NULL, "pull", "--site", "mine", slug, NULL);
    g_assert_cmpint (no_output.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "publish", article, "--site", "nowhere", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "There is no site called “nowhere”"));
  }

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "publish", article, "--site", "mine", "--status", "future", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* WebDAV, with the password from a file. */
  if (g_getenv ("KIKU_TEST_WEBDAV_URL") != NULL)
    {
      g_auto(Run) add = { 0 };
      g_auto(Run) run = { 0 };
      g_auto(Run) refused = { 0 };

      g_assert_true (g_file_set_contents (password_file, g_getenv ("KIKU_TEST_WEBDAV_PASSWORD"), -1, NULL));
      run_tool (&add, NULL, "sites", "add", "dav", "--kind", "webdav",
                "--url", g_getenv ("KIKU_TEST_WEBDAV_URL"), "--user", g_getenv ("KIKU_TEST_WEBDAV_USER"), NULL);
      g_assert_cmpint (add.status, ==, 0);

      run_tool (&run, NULL, "publish", article, "--site", "dav", "--password-file", password_file, NULL);
      if (run.status != 0)
        g_error ("publish failed: %s", run.err);
      g_assert_true (g_str_has_prefix (run.out, g_getenv ("KIKU_TEST_WEBDAV_URL")));

      g_assert_true (g_file_set_contents (password_file, "wrong", -1, NULL));
      run_tool (&refused, NULL, "publish", article, "--site", "dav", "--password-file", password_file, NULL);
      g_assert_cmpint (refused.status, ==, 1);
      g_assert_nonnull (strstr (refused.err, "kiku-tool: dav: The site answered 401"));
    }

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) list = { 0 };

    run_tool (&run, NULL, "sites", "remove", "mine", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_tool (&list, NULL, "sites", "list", NULL);
    g_assert_null (strstr (list.out, "mine\t"));
  }

  g_clear_pointer (&config_home, g_free);
  kiku_test_remove_tree (dir);
}

/* A crafted article's images: render shows a box for what it may not use,
 * never a path to it or a script; validate names each.
 */
static void
test_hostile_article (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *article = g_build_filename (dir, "crafted.kiku", NULL);
  g_autofree char *page = g_build_filename (dir, "page.html", NULL);
  g_autofree char *html = NULL;
  static const char crafted[] =
    "{\"format\": \"kiku-article\", \"version\": 1, \"title\": \"t\", \"slug\": \"..\", \"pages\": ["
    "{\"sections\": [{\"heading\": \"h\", \"blocks\": ["
    "{\"type\": \"image\", \"src\": \"/etc/passwd\"},"
    "{\"type\": \"image\", \"src\": \"../../../../../../../../etc/passwd\"},"
    "{\"type\": \"image\", \"src\": \"javascript:alert(1)\"},"
    "{\"type\": \"source\", \"title\": \"s\", \"url\": \"https://example.com/\", \"image\": \"file:///etc/shadow\"}"
    "]}]}]}";

  g_assert_true (g_file_set_contents (article, crafted, -1, NULL));

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "render", article, "-o", page, "--page", "1", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
  g_assert_null (strstr (html, "passwd\""));
  g_assert_null (strstr (html, "src=\"javascript:"));
  g_assert_null (strstr (html, "src=\"file:"));
  g_assert_null (strstr (html, "<img"));

  {
    g_auto(Run) run = { 0 };

    run_tool (&run, NULL, "validate", article, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out ? run.out : "", "slug"));
    g_assert_nonnull (strstr (run.out ? run.out : "", "blocks[0].src"));
    g_assert_nonnull (strstr (run.out ? run.out : "", "blocks[1].src"));
    g_assert_nonnull (strstr (run.out ? run.out : "", "blocks[2].src"));
    g_assert_nonnull (strstr (run.out ? run.out : "", "blocks[3].image"));
    /* In the writer's words too: the third image, the first source box. */
    g_assert_nonnull (strstr (run.out ? run.out : "", "Page 1 › Section 1 › Image 3 › File or Web Address: "));
    g_assert_nonnull (strstr (run.out ? run.out : "", "Page 1 › Section 1 › Source box 1 › Image: "));
  }

  kiku_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/tool/usage", test_usage);
  g_test_add_func ("/kiku/tool/validate", test_validate);
  g_test_add_func ("/kiku/tool/import", test_import);
  g_test_add_func ("/kiku/tool/render", test_render);
  g_test_add_func ("/kiku/tool/hostile-article", test_hostile_article);
  g_test_add_func ("/kiku/tool/sites-and-publish", test_sites_and_publish);

  return g_test_run ();
}
