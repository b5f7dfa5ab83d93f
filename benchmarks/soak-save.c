/* soak-save.c: kill -9 in the middle of saving a large article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   soak-save SAMPLE.kiku [KILLS]
 *
 * Makes two versions of a large article (100 × the sample, told apart by
 * their headline), writes the first to a file, then KILLS times starts a
 * child process that saves the two versions over that file in turn, as
 * fast as it can, and kills it with SIGKILL at a random moment. After each
 * kill the file must be exactly one of the two versions, byte for byte:
 * never empty, never a mix, never cut short. No temporary file may be left
 * beside it once the next save has run. Prints the counts, and exits 1 if
 * any file was neither version.
 */

#include <errno.h>
#include <string.h>
#include <utime.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"

static void
save_forever (KikuArticle *first,
              KikuArticle *second,
              GFile       *file)
{
  for (guint i = 0;; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!kiku_article_save (i % 2 ? second : first, file, NULL, &error))
        {
          g_printerr ("soak-save: the save failed: %s\n", error->message);
          _exit (2);
        }
    }
}

static guint
count_leftovers (const char *dir,
                 const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint count = 0;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    if (!g_str_equal (entry, name))
      count++;

  return count;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(KikuArticle) sample = NULL;
  g_autoptr(KikuArticle) first = NULL;
  g_autoptr(KikuArticle) second = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  gsize first_length, second_length;
  guint kills = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100;
  guint as_first = 0, as_second = 0, broken = 0, leftovers_max = 0;
  GRand *rand = g_rand_new ();

  if (argc < 2)
    {
      g_printerr ("usage: soak-save SAMPLE.kiku [KILLS]\n");
      return 2;
    }

  sample = bench_load_article (argv[0], argv[1]);
  first = bench_enlarge_article (sample, 100);
  second = bench_enlarge_article (sample, 100);
  kiku_article_set_title (first, "Version one");
  kiku_article_set_title (second, "Version two, a little longer than the first");

  dir = g_dir_make_tmp ("kiku-soak-save-XXXXXX", NULL);
  path = g_build_filename (dir, "large.kiku", NULL);
  file = g_file_new_for_path (path);
  first_text = kiku_article_serialize (first, file, &first_length);
  second_text = kiku_article_serialize (second, file, &second_length);
  if (!kiku_article_save (first, file, NULL, NULL))
    g_error ("soak-save: could not write %s", path);

  for (guint i = 0; i < kills; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;
      int status;
      pid_t child = fork ();

      if (child == 0)
        save_forever (first, second, file);
      g_assert (child > 0);

      /* Anywhere within a few saves: each takes some milliseconds. */
      g_usleep (g_rand_int_range (rand, 1000, 60000));
      kill (child, SIGKILL);
      while (waitpid (child, &status, 0) < 0 && errno == EINTR)
        ;
      if (WIFEXITED (status) && WEXITSTATUS (status) == 2)
        return 1;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        broken++;
      else if (length == first_length && memcmp (contents, first_text, length) == 0)
        as_first++;
      else if (length == second_length && memcmp (contents, second_text, length) == 0)
        as_second++;
      else
        broken++;

      leftovers_max = MAX (leftovers_max, count_leftovers (dir, "large.kiku"));
    }

  {
    /* A save made later (here: the leftovers made to look an hour old)
     * clears what the killed ones left.
     */
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    g_autoptr(GError) error = NULL;
    const char *entry;

    while ((entry = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *leftover = g_build_filename (dir, entry, NULL);
        struct utimbuf times;

        times.actime = times.modtime = time (NULL) - 3600;
        if (!g_str_equal (entry, "large.kiku"))
          utime (leftover, &times);
      }

    if (!kiku_article_save (first, file, NULL, &error))
      g_error ("soak-save: the last save failed: %s", error->message);
  }

  g_print ("Killed during saves of a %.1f MB article: %u times\n", first_length / 1e6, kills);
  g_print ("  file afterwards the first version:  %u\n", as_first);
  g_print ("  file afterwards the second version: %u\n", as_second);
  g_print ("  file neither (empty, cut short, mixed): %u\n", broken);
  g_print ("  temporary files left beside it at most: %u; after a later save: %u\n",
           leftovers_max, count_leftovers (dir, "large.kiku"));

  g_rand_free (rand);
  return broken == 0 ? 0 : 1;
}
