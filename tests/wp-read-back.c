/* wp-read-back.c: a post body as the block editor saves it reads back as
 * the article it was rendered from
 *
 *   wp-read-back render ARTICLE.kiku BODY.html   the post body, its image
 *                                                references as the article
 *                                                names them
 *   wp-read-back compare ARTICLE.kiku SAVED.html
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiku.h"

static char *
comparable (KikuArticle *article)
{
  g_autofree char *json = kiku_article_serialize (article, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;

  return json_to_string (json_parser_get_root (parser), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  const char *parts[] = { NULL, NULL };

  if (argc != 4 || (!g_str_equal (argv[1], "render") && !g_str_equal (argv[1], "compare")))
    {
      g_printerr ("usage: wp-read-back render|compare ARTICLE.kiku BODY.html\n");
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!(article = kiku_article_new_from_file (file, NULL, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[1], "render"))
    {
      g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
      g_autofree char *body = kiku_renderer_render_fragment (renderer, article);

      if (!g_file_set_contents (argv[3], body, -1, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (!g_file_get_contents (argv[3], &saved, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  parts[0] = saved;
  if (!(back = kiku_post_reader_read (parts, &error)))
    {
      g_printerr ("FAIL: %s as the block editor saves it does not read back: %s\n", argv[2], error->message);
      return 1;
    }

  expected = comparable (article);
  actual = comparable (back);
  if (g_strcmp0 (expected, actual) != 0)
    {
      g_printerr ("FAIL: %s as the block editor saves it reads back as another article:\n%s\ninstead of\n%s\n",
                  argv[2], actual, expected);
      return 1;
    }

  g_print ("ok: %s as the block editor saves it reads back the same\n", argv[2]);
  return 0;
}
