/* kiku-tool.c: the command line, on the core library alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-tool"

#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "kiku.h"

/* Exit statuses: a problem with the input, or with the command line. */
enum {
  EXIT_INPUT = 1,
  EXIT_USAGE = 2,
};

static int
fail (const char *file,
      const char *message)
{
  if (file != NULL)
    g_printerr ("kiku-tool: %s: %s\n", file, message);
  else
    g_printerr ("kiku-tool: %s\n", message);

  return EXIT_INPUT;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("kiku-tool: %s\n", message);
  g_printerr (_("Try “%s --help” for more."), g_get_prgname ());
  g_printerr ("\n");

  return EXIT_USAGE;
}

/* Parses a subcommand's options; FALSE with *status set when it is done. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }

  return TRUE;
}

static KikuArticle *
load_article (const char  *path,
              int         *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  KikuArticle *article;

  if (!(article = kiku_article_new_from_file (file, NULL, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        *status = fail (path, _("No such file"));
      else
        *status = fail (path, error->message);
    }

  return article;
}

static gboolean
write_output (const char *path,
              const char *text,
              int        *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  if (!kiku_write_file_atomic (file, text, strlen (text), NULL, &error))
    {
      *status = fail (NULL, error->message);
      return FALSE;
    }

  return TRUE;
}

/* import ----------------------------------------------------------------- */

static int
command_import (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.txt -o OUTPUT.kiku"));
  g_autofree char *output = NULL;
  g_autofree char *persona = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;
  int status = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the article to FILE"), N_("FILE") },
    { "persona", 0, 0, G_OPTION_ARG_STRING, &persona, N_("Give persona comments to the persona ID"), N_("ID") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Read plain text laid out like a digest page (- for standard input) and save it as an article."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("import takes one INPUT"));
  if (output == NULL)
    return usage_error (context, _("import needs -o OUTPUT.kiku"));

  if (g_str_equal (argv[1], "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) buffer = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (buffer, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
        return fail (_("standard input"), error->message);
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (buffer));
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (buffer));
    }
  else if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      return fail (argv[1], error->message);
    }

  if (!(article = kiku_import_text (text ? text : "", length, persona, &error)))
    return fail (g_str_equal (argv[1], "-") ? _("standard input") : argv[1], error->message);

  file = g_file_new_for_commandline_arg (output);
  if (!kiku_article_save (article, file, NULL, &error))
    return fail (NULL, error->message);

  return 0;
}

/* render ----------------------------------------------------------------- */

typedef struct
{
  char *output_dir;
} ImageTarget;

/* Pages are written somewhere else than the article: point its relative
 * image paths at the same files from there.
 */
static char *
image_for_output (KikuArticle *article,
                  const char  *reference,
                  gpointer     user_data)
{
  ImageTarget *target = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (g_uri_peek_scheme (reference) != NULL)
    return g_strdup (reference);

  if (!(file = kiku_article_resolve_path (article, reference)) || !(path = g_file_get_path (file)))
    return g_strdup (reference);

  /* A file the article may not use as an image is a box, as in the preview. */
  if (!kiku_article_check_image (article, reference, NULL, NULL))
    return NULL;

  return kiku_relative_path (target->output_dir, path);
}

static int
command_render (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.kiku -o OUT"));
  g_autofree char *output = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuRenderer) renderer = NULL;
  g_autofree char *absolute = NULL;
  ImageTarget target = { NULL };
  gboolean fragment = FALSE;
  int page = 0;
  int status = 0;
  guint n_pages;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to OUT: a file, or a folder for an article of several pages"), N_("OUT") },
    { "fragment", 0, 0, G_OPTION_ARG_NONE, &fragment, N_("Write the post body a CMS holds, pages joined by <!--nextpage-->"), NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Write only page N, from 1"), N_("N") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Render an article as the site's HTML: one standalone page per article page (index.html, page-2.html, …), or the post body with --fragment."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("render takes one INPUT"));
  if (output == NULL)
    return usage_error (context, _("render needs -o OUT"));
  if (fragment && page != 0)
    return usage_error (context, _("--fragment and --page cannot go together"));
  if (page < 0)
    return usage_error (context, _("--page counts from 1"));

  if (!(article = load_article (argv[1], &status)))
    return status;

  n_pages = kiku_list_get_length (kiku_article_get_pages (article));
  if (page > 0 && (guint)page > n_pages)
    {
      g_autofree char *message = g_strdup_printf (_("--page %d: the article has %u pages"), page, n_pages);
      return usage_error (context, message);
    }

  renderer = kiku_renderer_new ();
  absolute = g_canonicalize_filename (output, NULL);

  if (fragment || page > 0 || n_pages <= 1)
    {
      g_autofree char *html = NULL;

      target.output_dir = g_path_get_dirname (absolute);
      kiku_renderer_set_image_func (renderer, image_for_output, &target, NULL);

      if (fragment)
        html = kiku_renderer_render_fragment (renderer, article);
      else
        html = kiku_renderer_render_page (renderer, article, page > 0 ? page - 1 : 0);

      write_output (output, html, &status);
    }
  else
    {
      if (g_mkdir_with_parents (absolute, 0777) != 0)
        {
          int saved_errno = errno;
          g_autofree char *message = g_strdup_printf (_("Could not make the folder: %s"), g_strerror (saved_errno));
          g_free (target.output_dir);
          return fail (output, message);
        }

      target.output_dir = g_strdup (absolute);
      kiku_renderer_set_image_func (renderer, image_for_output, &target, NULL);

      for (guint i = 0; i < n_pages && status == 0; i++)
        {
          g_autofree char *name = kiku_renderer_dup_page_name (renderer, i);
          g_autofree char *path = g_build_filename (output, name, NULL);
          g_autofree char *html = kiku_renderer_render_page (renderer, article, i);

          write_output (path, html, &status);
        }
    }

  g_free (target.output_dir);

  return status;
}

/* validate --------------------------------------------------------------- */

static int
command_validate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.kiku"));
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int status = 0;

  g_option_context_set_summary (context, _("List what should be fixed before the article is published, one a line: where it is in the form, what is wrong, and the field’s path in the file in brackets. Exits with 1 when there is anything."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("validate takes one INPUT"));

  if (!(article = load_article (argv[1], &status)))
    return status;

  problems = kiku_article_validate (article);
  for (guint i = 0; i < problems->len; i++)
    {
      KikuProblem *problem = g_ptr_array_index (problems, i);

      g_autofree char *location = kiku_problem_dup_location (problem);

      g_print ("%s: %s [%s]\n", location, kiku_problem_get_message (problem),
               kiku_problem_get_path (problem));
    }

  return problems->len > 0 ? EXIT_INPUT : 0;
}

/* sites ------------------------------------------------------------------ */

static int
command_sites (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("list | add NAME | remove NAME"));
  g_autofree char *kind_text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *language = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) personas = NULL;
  const char *dir = kiku_get_config_dir ();
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("With add: wordpress, webdav or folder"), N_("KIND") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("With add: the site’s address, or the folder"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("With add: the user name on the site"), N_("USER") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("With add: the language the site’s articles are in"), N_("CODE") },
    { "label", 0, 0, G_OPTION_ARG_STRING_ARRAY, &labels, N_("With add: a theme label; keywords naming one become categories (repeat for more)"), N_("LABEL") },
    { "persona", 0, 0, G_OPTION_ARG_STRING_ARRAY, &personas, N_("With add: a byline the site’s editors write under (repeat for more)"), N_("NAME") },
    { NULL }
  };

  g_option_context_set_summary (context, _("List, add or remove the sites articles are published to. "
                                           "Passwords are kept in the keyring, never in a file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return usage_error (context, _("sites needs list, add or remove"));

  if (!(sites = kiku_sites_load (dir, &error)))
    return fail (NULL, error->message);

  if (g_str_equal (argv[1], "list") && argc == 2)
    {
      for (guint i = 0; i < sites->len; i++)
        {
          KikuSite *site = g_ptr_array_index (sites, i);

          g_print ("%s\t%s\t%s%s%s\n", kiku_site_get_name (site),
                   kiku_site_kind_to_string (kiku_site_get_kind (site)),
                   kiku_site_get_location (site),
                   kiku_site_get_user (site) ? "\t" : "",
                   kiku_site_get_user (site) ? kiku_site_get_user (site) : "");
        }
      return 0;
    }

  if (g_str_equal (argv[1], "add") && argc == 3)
    {
      KikuSiteKind kind;
      KikuSite *site;

      if (!kiku_site_kind_from_string (kind_text, &kind))
        return usage_error (context, _("add needs --kind wordpress, webdav or folder"));
      if (url == NULL)
        return usage_error (context, _("add needs --url"));
      if (kiku_sites_find (sites, argv[2]) != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("There is a site called “%s” already"), argv[2]);
          return fail (NULL, message);
        }
      if (kind != KIKU_SITE_FOLDER && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
        return usage_error (context, _("--url must start with https:// or http://"));

      site = kiku_site_new (argv[2], kind, url);
      kiku_site_set_user (site, user);
      kiku_site_set_language (site, language);
      kiku_site_set_labels (site, (const char * const *)labels);
      kiku_site_set_personas (site, (const char * const *)personas);
      g_ptr_array_add (sites, site);
    }
  else if (g_str_equal (argv[1], "remove") && argc == 3)
    {
      KikuSite *site = kiku_sites_find (sites, argv[2]);

      if (site == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("There is no site called “%s”"), argv[2]);
          return fail (NULL, message);
        }
      g_ptr_array_remove (sites, site);
    }
  else
    {
      return usage_error (context, _("sites needs list, add NAME or remove NAME"));
    }

  if (!kiku_sites_save (sites, dir, &error))
    return fail (NULL, error->message);

  return 0;
}

/* publish ----------------------------------------------------------------- */

typedef struct
{
  char     *url;
  GError   *error;
  gboolean  done;
} Publishing;

static void
on_published (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Publishing *publishing = user_data;

  publishing->url = kiku_publish_finish (KIKU_ARTICLE (object), result, &publishing->error);
  publishing->done = TRUE;
}

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%3d%% %s\033[K", (int)(fraction * 100), message ? message : "");
}

static int
command_publish (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.kiku --site NAME"));
  g_autofree char *site_name = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  const char *dir = kiku_get_config_dir ();
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  Publishing publishing = { 0 };
  KikuPublishOptions options = { 0 };
  gboolean force = FALSE;
  KikuSite *site;
  int status = 0;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name, N_("Publish to the site called NAME"), N_("NAME") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Overwrite what was changed on the site, or make anew a post deleted there"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("draft, publish or future (draft by default)"), N_("STATUS") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("With future: when, in ISO 8601"), N_("DATE") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE instead of the keyring"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Publish an article to a site. A second publish updates what the first made. "
                                           "What was published is recorded in the article file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("publish takes one INPUT"));
  if (site_name == NULL)
    return usage_error (context, _("publish needs --site NAME (kiku-tool sites list shows them)"));
  if (status_text != NULL && !g_str_equal (status_text, "draft") && !g_str_equal (status_text, "publish") &&
      !g_str_equal (status_text, "future"))
    return usage_error (context, _("--status is draft, publish or future"));
  if ((date != NULL) != (status_text != NULL && g_str_equal (status_text, "future")))
    return usage_error (context, _("--status future goes with --date, and --date with --status future"));
  if (date != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (date, NULL);

      if (when == NULL)
        return usage_error (context, _("--date must be an ISO 8601 date and time, such as 2026-12-01T09:00:00+09:00"));
    }

  if (!(sites = kiku_sites_load (dir, &error)))
    return fail (NULL, error->message);
  if (!(site = kiku_sites_find (sites, site_name)))
    {
      g_autofree char *message = g_strdup_printf (_("There is no site called “%s” (kiku-tool sites list shows them)"), site_name);
      return fail (NULL, message);
    }

  if (!(article = load_article (argv[1], &status)))
    return status;

  if (password_file != NULL)
    {
      if (!g_file_get_contents (password_file, &password, NULL, &error))
        return fail (password_file, error->message);
      g_strchomp (password);
    }
  else if (kiku_site_get_kind (site) != KIKU_SITE_FOLDER && kiku_site_get_user (site) != NULL)
    {
      password = kiku_secret_lookup (kiku_site_get_name (site), kiku_site_get_user (site), &error);
      if (password == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("No password for “%s”: %s"), site_name,
                                                      error ? error->message : _("none is kept in the keyring; give --password-file"));
          return fail (NULL, message);
        }
    }

  options.status = status_text;
  options.date = date;
  options.overwrite = force;
  kiku_publish_async (article, site, password, &options, NULL, on_progress, NULL, on_published, &publishing);
  /* The job keeps its own copy, which it clears when done; clear this one now. */
  if (password != NULL)
    memset (password, 0, strlen (password));
  while (!publishing.done)
    g_main_context_iteration (NULL, TRUE);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");

  /* The record of what got there is kept, whatever happened. */
  if (!kiku_article_save (article, kiku_article_get_file (article), NULL, &error))
    {
      g_clear_error (&publishing.error);
      g_free (publishing.url);
      return fail (argv[1], error->message);
    }

  if (publishing.error != NULL)
    {
      g_autofree char *message = NULL;
      int result;

      if (g_error_matches (publishing.error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT) ||
          g_error_matches (publishing.error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE))
        message = g_strdup_printf (_("%s (--force publishes anyway)"), publishing.error->message);
      else
        message = g_strdup (publishing.error->message);
      result = fail (site_name, message);
      g_error_free (publishing.error);
      return result;
    }

  g_print ("%s\n", publishing.url);
  g_free (publishing.url);

  return 0;
}

/* Waiting for the core's worker threads ------------------------------ */

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Waits for an operation the core runs in its worker threads. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* Listing a site's articles and opening one ------------------------------- */

/* The site called @site_name and its password (from @password_file, else
 * the keyring), or NULL with *status set.
 */
static KikuSite *
find_site_with_password (const char  *site_name,
                         const char  *password_file,
                         char       **password,
                         GPtrArray  **sites,
                         int         *status)
{
  g_autoptr(GError) error = NULL;
  KikuSite *site;

  *status = EXIT_INPUT;
  if (!(*sites = kiku_sites_load (kiku_get_config_dir (), &error)))
    return fail (NULL, error->message), NULL;
  if (!(site = kiku_sites_find (*sites, site_name)))
    {
      g_autofree char *message = g_strdup_printf (_("There is no site called “%s” (kiku-tool sites list shows them)"), site_name);
      return fail (NULL, message), NULL;
    }

  if (password_file != NULL)
    {
      if (!g_file_get_contents (password_file, password, NULL, &error))
        return fail (password_file, error->message), NULL;
      g_strchomp (*password);
    }
  else if (kiku_site_get_kind (site) != KIKU_SITE_FOLDER && kiku_site_get_user (site) != NULL)
    {
      *password = kiku_secret_lookup (kiku_site_get_name (site), kiku_site_get_user (site), &error);
      if (*password == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("No password for “%s”: %s"), site_name,
                                                      error ? error->message : _("none is kept in the keyring; give --password-file"));
          return fail (NULL, message), NULL;
        }
    }

  *status = 0;
  return site;
}

static void
clear_password (char *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

static int
command_posts (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("--site NAME"));
  g_autofree char *site_name = NULL;
  g_autofree char *search = NULL;
  g_autofree char *password_file = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  gboolean all = FALSE;
  KikuSite *site;
  int status = 0;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name, N_("List the articles of the site called NAME"), N_("NAME") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only those that hold TEXT"), N_("TEXT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every page of the list, not only the newest"), NULL },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE instead of the keyring"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("List a site’s articles, newest first: one a line, its id, status, date, "
                                           "last change, “kiku” when Kiku made it, and its title."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("posts takes no INPUT"));
  if (site_name == NULL)
    return usage_error (context, _("posts needs --site NAME (kiku-tool sites list shows them)"));

  if (!(site = find_site_with_password (site_name, password_file, &password, &sites, &status)))
    return status;

  for (guint page = 0;; page++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) posts = NULL;
      gboolean more = FALSE;

      kiku_site_list_posts_async (site, password, search, page, NULL, on_async_done, &result);
      posts = kiku_site_list_posts_finish (site, wait_for (&result), &more, &error);
      if (posts == NULL)
        {
          clear_password (password);
          return fail (site_name, error->message);
        }

      for (guint i = 0; i < posts->len; i++)
        {
          KikuSitePost *post = g_ptr_array_index (posts, i);
          GDateTime *date = kiku_site_post_get_date (post);
          GDateTime *modified = kiku_site_post_get_modified (post);
          g_autofree char *date_text = date ? g_date_time_format_iso8601 (date) : g_strdup ("-");
          g_autofree char *modified_text = modified ? g_date_time_format_iso8601 (modified) : g_strdup ("-");

          g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", kiku_site_post_get_id (post),
                   kiku_site_post_get_status (post) ?: "", date_text, modified_text,
                   kiku_site_post_get_kiku_made (post) ? "kiku" : "-",
                   kiku_site_post_get_title (post) ?: "");
        }

      if (!more || !all)
        break;
    }

  clear_password (password);

  return 0;
}

static int
command_pull (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("--site NAME ID -o FILE.kiku"));
  g_autofree char *site_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *password_file = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *password = NULL;
  KikuSite *site;
  int status = 0;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name, N_("Open an article of the site called NAME"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the article to FILE; its images go beside it"), N_("FILE") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE instead of the keyring"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Open an article of a site (its ID as “kiku-tool posts” lists it) as an "
                                           "article file, with its images. Publishing that file updates the same post."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("pull takes one ID"));
  if (site_name == NULL)
    return usage_error (context, _("pull needs --site NAME (kiku-tool sites list shows them)"));
  if (output == NULL)
    return usage_error (context, _("pull needs -o FILE.kiku"));

  if (!(site = find_site_with_password (site_name, password_file, &password, &sites, &status)))
    return status;

  file = g_file_new_for_commandline_arg (output);
  kiku_site_open_post_async (site, password, argv[1], file, NULL, on_async_done, &result);
  article = kiku_site_open_post_finish (site, wait_for (&result), &error);
  clear_password (password);
  if (article == NULL)
    return fail (site_name, error->message);

  return 0;
}

/* cite and check-links ---------------------------------------------------- */

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static int
command_cite (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KikuCitation) citation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  int status = 0;

  g_option_context_set_summary (context, _("Fetch the page at URL and print a source box filled from it, as JSON with the field names of a .kiku file. With no network, a page fetched before is read from the cache."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("cite takes one URL"));

  kiku_citer_cite_async (kiku_citer_get_default (), argv[1], NULL, on_async_done, &result);
  if (!(citation = kiku_citer_cite_finish (kiku_citer_get_default (), wait_for (&result), &error)))
    return fail (argv[1], error->message);

  json_builder_begin_object (builder);
  add_member (builder, "type", "source");
  add_member (builder, "title", kiku_citation_get_title (citation));
  add_member (builder, "url", kiku_citation_get_url (citation));
  add_member (builder, "publisher", kiku_citation_get_publisher (citation));
  add_member (builder, "published", kiku_citation_get_date (citation));
  /* A source box's image may be a URL: the file beside an article comes
   * when the box is filled in the editor. */
  add_member (builder, "image", kiku_citation_get_image_url (citation));
  add_member (builder, "image_credit", kiku_citation_get_image_credit (citation));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);

  if (kiku_citation_get_from_cache (citation))
    g_printerr ("kiku-tool: %s: %s\n", argv[1], _("the page could not be reached: this is what it said when it was last fetched"));
  if (kiku_citation_get_image_problem (citation) != NULL)
    g_printerr ("kiku-tool: %s: %s\n", argv[1], kiku_citation_get_image_problem (citation));

  return 0;
}

static KikuWalk
collect_source (KikuNode *node,
                guint     depth,
                gpointer  user_data)
{
  if (KIKU_IS_SOURCE (node))
    g_ptr_array_add (user_data, node);

  return KIKU_WALK_CONTINUE;
}

static const char *
link_state_words (KikuLinkState state)
{
  switch (state)
    {
    case KIKU_LINK_OK: return _("working");
    case KIKU_LINK_GONE: return _("gone");
    case KIKU_LINK_DEAD_HOST: return _("site unreachable");
    case KIKU_LINK_REDIRECTED_AWAY: return _("moved to another site");
    case KIKU_LINK_FAILED:
    default: return _("check failed");
    }
}

static int
command_check_links (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.kiku"));
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean broken = FALSE;
  guint next = 0;
  int status = 0;

  g_option_context_set_summary (context, _("Check the URL of every source box: one line for each, the URL and what became of it. Exits with 1 when a page is gone, its site cannot be reached, or it moved to another site."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("check-links takes one INPUT"));

  if (!(article = load_article (argv[1], &status)))
    return status;

  kiku_node_walk (KIKU_NODE (article), collect_source, sources);
  for (guint i = 0; i < sources->len; i++)
    {
      const char *url = kiku_source_get_url (g_ptr_array_index (sources, i));

      if (url != NULL && *url != '\0')
        g_ptr_array_add (urls, (gpointer)url);
    }
  g_ptr_array_add (urls, NULL);

  kiku_citer_check_links_async (kiku_citer_get_default (), (const char * const *)urls->pdata,
                                NULL, on_async_done, &result);
  if (!(results = kiku_citer_check_links_finish (kiku_citer_get_default (), wait_for (&result), &error)))
    return fail (argv[1], error->message);

  for (guint i = 0; i < sources->len; i++)
    {
      KikuNode *source = g_ptr_array_index (sources, i);
      const char *url = kiku_source_get_url (KIKU_SOURCE (source));
      g_autofree char *location = kiku_node_dup_location (source, NULL);
      KikuLinkResult *link;

      if (url == NULL || *url == '\0')
        {
          /* Not a broken link: validate tells of a box with no URL. */
          g_print ("-\t%s\t%s\n", _("no URL"), location);
          continue;
        }

      link = g_ptr_array_index (results, next++);
      if (kiku_link_result_is_broken (link))
        broken = TRUE;
      g_print ("%s\t%s\t%s: %s\n", url, link_state_words (kiku_link_result_get_state (link)),
                 location, kiku_link_result_get_message (link));
    }

  return broken ? EXIT_INPUT : 0;
}

/* main ------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", command_import, N_("Make an article from plain text") },
  { "render", command_render, N_("Render an article as HTML") },
  { "validate", command_validate, N_("List what to fix before publishing") },
  { "publish", command_publish, N_("Publish an article to a site") },
  { "sites", command_sites, N_("List, add or remove sites") },
  { "cite", command_cite, N_("Print a source box filled from a web page") },
  { "check-links", command_check_links, N_("Check the URL of every source box") },
  { "posts", command_posts, N_("List a site’s articles") },
  { "pull", command_pull, N_("Open an article of a site as an article file") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: kiku-tool COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“kiku-tool COMMAND --help” tells more of each."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Run from the build folder, the translations are there. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KIKU_LOCALEDIR") ? g_getenv ("KIKU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("kiku-tool %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("kiku-tool %s", commands[i].name);

          g_set_prgname (prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("kiku-tool: “%s” is not a command"), argv[1]);
  g_printerr ("\n");
  print_usage (stderr);

  return EXIT_USAGE;
}
