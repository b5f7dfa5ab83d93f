/* test-history.c: undo, redo, and the document's drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "kiku.h"
#include "kiku-test-files.h"

static KikuArticle *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KikuArticle *article = kiku_article_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return article;
}

static KikuSection *
first_section (KikuArticle *article)
{
  return kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0)), 0);
}

/* Types @text after what the field holds, a character at a time. */
static void
type_into_title (KikuArticle *article,
                 const char  *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      g_autofree char *now = g_strconcat (kiku_article_get_title (article) ?: "", NULL);
      g_autofree char *next = g_strdup_printf ("%s%.*s", now, (int)(g_utf8_next_char (p) - p), p);

      kiku_article_set_title (article, next);
    }
}

static void
test_typing_merges_into_words (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);

  type_into_title (article, "hello world");
  g_assert_cmpstr (kiku_article_get_title (article), ==, "hello world");

  kiku_history_undo (history);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "hello ");
  kiku_history_undo (history);
  g_assert_null (kiku_article_get_title (article));
  g_assert_false (kiku_history_can_undo (history));

  kiku_history_redo (history);
  kiku_history_redo (history);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "hello world");
  g_assert_false (kiku_history_can_redo (history));

  /* Japanese punctuation ends a word too. */
  kiku_article_set_title (article, NULL);
  type_into_title (article, "夜の図書館、広がる");
  kiku_history_undo (history);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "夜の図書館、");
}

static void
test_fields_do_not_merge (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);
  const char *keywords[] = { "a", "b", NULL };

  kiku_article_set_title (article, "t");
  kiku_article_set_summary (article, "s");
  kiku_article_set_keywords (article, keywords);

  kiku_history_undo (history);
  g_assert_null (kiku_article_get_keywords (article));
  g_assert_cmpstr (kiku_article_get_summary (article), ==, "s");
  kiku_history_undo (history);
  g_assert_null (kiku_article_get_summary (article));
  g_assert_cmpstr (kiku_article_get_title (article), ==, "t");

  /* A break (the focus moved) ends the step even within one field. */
  kiku_history_redo (history);
  kiku_history_break (history);
  kiku_article_set_summary (article, "st");
  kiku_history_undo (history);
  g_assert_cmpstr (kiku_article_get_summary (article), ==, "s");
}

/* Add, move and delete blocks, edit inside a moved one, then undo it all:
 * the article is what it was, to the byte.
 */
static void
test_structure_undo (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *edited = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  KikuSection *section = first_section (article);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuSection *other = kiku_list_get (kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 1)), 0);
  g_autoptr(KikuParagraph) added = kiku_paragraph_new ();
  g_autoptr(KikuNode) removed = NULL;
  g_autoptr(KikuNode) carried = NULL;
  g_autoptr(KikuPage) page = kiku_page_new ();
  guint steps = 0;

  kiku_paragraph_set_text (added, "新しい段落");
  kiku_list_insert (blocks, 1, added);                       steps++;
  kiku_list_move (blocks, 1, 4);                             steps++;
  kiku_paragraph_set_text (added, "書き換えた段落");         steps++;
  removed = kiku_list_remove (blocks, 0);                    steps++;
  kiku_source_set_url (kiku_list_get (blocks, 1), "https://example.com/changed");  steps++;

  /* A block carried to a section of another page, as one step. */
  kiku_history_begin_group (history);
  carried = kiku_list_remove (blocks, 2);
  kiku_list_append (kiku_section_get_blocks (other), carried);
  kiku_history_end_group (history);                          steps++;

  kiku_list_append (kiku_article_get_pages (article), page); steps++;
  kiku_list_move (kiku_article_get_pages (article), 2, 0);   steps++;

  edited = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (edited, !=, original);

  for (guint i = 0; i < steps; i++)
    {
      g_assert_true (kiku_history_can_undo (history));
      kiku_history_undo (history);
    }
  g_assert_false (kiku_history_can_undo (history));

  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);

  for (guint i = 0; i < steps; i++)
    kiku_history_redo (history);

  redone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (redone, ==, edited);
}

static guint modified_notifications;

static void
on_modified (GObject    *object,
             GParamSpec *pspec,
             gpointer    data)
{
  modified_notifications++;
}

static void
test_modified (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);

  g_signal_connect (history, "notify::modified", G_CALLBACK (on_modified), NULL);
  modified_notifications = 0;

  g_assert_false (kiku_history_is_modified (history));
  kiku_article_set_title (article, "one");
  g_assert_true (kiku_history_is_modified (history));
  kiku_history_undo (history);
  g_assert_false (kiku_history_is_modified (history));
  kiku_history_redo (history);
  kiku_history_mark_saved (history);
  g_assert_false (kiku_history_is_modified (history));

  /* Typing after a save is a new step: undo goes back to the saved text. */
  kiku_article_set_title (article, "one two");
  g_assert_true (kiku_history_is_modified (history));
  kiku_history_undo (history);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "one");
  g_assert_false (kiku_history_is_modified (history));

  /* Undo past the save, then a new edit: the saved state is out of reach. */
  kiku_history_undo (history);
  kiku_article_set_title (article, "other");
  g_assert_true (kiku_history_is_modified (history));
  kiku_history_undo (history);
  g_assert_true (kiku_history_is_modified (history));

  g_assert_cmpuint (modified_notifications, >=, 6);
}

/* Documents and drafts ---------------------------------------------------- */

static char *
make_temp_dir (void)
{
  char *dir = g_dir_make_tmp ("kiku-history-XXXXXX", NULL);

  g_assert_nonnull (dir);

  return dir;
}

static void
on_draft_saved (KikuDocument *document,
                gboolean     *saved)
{
  *saved = TRUE;
}

static void
wait_for_draft (KikuDocument *document)
{
  gboolean saved = FALSE;
  gulong handler = g_signal_connect (document, "draft-saved", G_CALLBACK (on_draft_saved), &saved);

  while (!saved)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (document, handler);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kiku_document_save_finish (KIKU_DOCUMENT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_autosave_and_save (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = kiku_document_new (article, drafts);
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *title = NULL;
  gboolean done = FALSE;

  kiku_document_set_autosave_delay (document, 50);
  title = kiku_document_dup_title (document);
  g_assert_cmpstr (title, ==, "Untitled Article");
  g_assert_false (kiku_document_get_modified (document));

  kiku_article_set_title (article, "下書きの見出し");
  g_assert_true (kiku_document_get_modified (document));
  wait_for_draft (document);

  /* The draft is in the data folder; the user's file is not touched. */
  listed = kiku_drafts_list (drafts);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (kiku_draft_get_title (g_ptr_array_index (listed, 0)), ==, "下書きの見出し");
  g_assert_null (kiku_draft_get_file (g_ptr_array_index (listed, 0)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Saving removes the draft. */
  kiku_document_save_async (document, file, NULL, on_saved, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (kiku_document_get_modified (document));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = kiku_drafts_list (drafts);
  g_assert_cmpuint (listed->len, ==, 0);
  g_free (title);
  title = kiku_document_dup_title (document);
  g_assert_cmpstr (title, ==, "mine.kiku");

  kiku_test_remove_tree (dir);
}

/* The child edits, waits for its draft, and is killed: nothing it typed
 * before the draft was written is lost.
 */
static void
test_crash_subprocess (void)
{
  const char *drafts = g_getenv ("KIKU_TEST_DRAFTS");
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(KikuDocument) document = kiku_document_new (article, drafts);
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();

  kiku_document_set_autosave_delay (document, 50);
  kiku_article_set_title (article, "クラッシュ前に打った見出し");
  kiku_paragraph_set_text (paragraph, "消えてはいけない段落");
  kiku_list_insert (kiku_section_get_blocks (first_section (article)), 0, paragraph);
  wait_for_draft (document);

  raise (SIGKILL);
}

static void
test_crash_recovery (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) sample = load_sample ();
  KikuDraft *draft;
  KikuArticle *article;
  KikuParagraph *paragraph;

  g_setenv ("KIKU_TEST_DRAFTS", drafts, TRUE);
  g_test_trap_subprocess ("/kiku/document/crash-recovery/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  listed = kiku_drafts_list (drafts);
  g_assert_cmpuint (listed->len, ==, 1);
  draft = g_ptr_array_index (listed, 0);
  g_assert_cmpstr (kiku_draft_get_title (draft), ==, "クラッシュ前に打った見出し");
  g_assert_true (g_file_equal (kiku_draft_get_file (draft), kiku_article_get_file (sample)));
  g_assert_nonnull (kiku_draft_get_saved (draft));

  document = kiku_document_new_from_draft (draft, drafts, &error);
  g_assert_no_error (error);
  article = kiku_document_get_article (document);
  g_assert_cmpstr (kiku_article_get_title (article), ==, "クラッシュ前に打った見出し");
  paragraph = kiku_list_get (kiku_section_get_blocks (first_section (article)), 0);
  g_assert_cmpstr (kiku_paragraph_get_text (paragraph), ==, "消えてはいけない段落");

  /* Recovered work is unsaved work, and its images are where they were. */
  g_assert_true (kiku_document_get_modified (document));
  g_assert_true (g_file_equal (kiku_article_get_file (article), kiku_article_get_file (sample)));
  g_assert_cmpstr (kiku_document_get_draft_id (document), ==, kiku_draft_get_id (draft));

  /* Discarding it removes the draft for good. */
  kiku_document_discard_draft (document);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = kiku_drafts_list (drafts);
  g_assert_cmpuint (listed->len, ==, 0);

  kiku_test_remove_tree (dir);
}

static void
test_damaged_draft (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *broken = g_build_filename (dir, "broken.kiku-draft", NULL);
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GPtrArray) listed = NULL;

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"kiku-draft\", \"article\": ", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not a draft", -1, NULL));

  listed = kiku_drafts_list (dir);
  g_assert_cmpuint (listed->len, ==, 0);

  kiku_test_remove_tree (dir);
}

/* The draft holds the article one level down: an article nested as deep as
 * a file may be, with unusual numbers and characters, still comes back.
 */
static void
test_deep_draft (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GString) text = g_string_new ("{\"format\": \"kiku-article\", \"version\": 1, "
                                          "\"title\": \"a\\u001fb\", \"pages\": [], \"x\": ");
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(KikuDocument) recovered = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < KIKU_FORMAT_MAX_DEPTH; i++)
    g_string_append_c (text, '[');
  g_string_append (text, "1e999");
  for (guint i = 1; i < KIKU_FORMAT_MAX_DEPTH; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}");

  article = kiku_article_new_from_data (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  document = kiku_document_new (article, dir);
  kiku_document_set_autosave_delay (document, 10);
  kiku_article_set_subtitle (article, "edited");
  wait_for_draft (document);

  listed = kiku_drafts_list (dir);
  g_assert_cmpuint (listed->len, ==, 1);
  recovered = kiku_document_new_from_draft (g_ptr_array_index (listed, 0), dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiku_article_get_title (kiku_document_get_article (recovered)), ==, "a\x1f" "b");
  g_assert_cmpstr (kiku_article_get_subtitle (kiku_document_get_article (recovered)), ==, "edited");

  kiku_document_discard_draft (document);
  kiku_test_remove_tree (dir);
}

/* An item moved to another list, or within its own, is one step. */
static void
test_move_item (void)
{
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(KikuHistory) history = kiku_history_new (article);
  KikuList *sections = kiku_page_get_sections (kiku_list_get (kiku_article_get_pages (article), 0));
  KikuList *first = kiku_section_get_blocks (kiku_list_get (sections, 0));
  KikuList *second = kiku_section_get_blocks (kiku_list_get (sections, 1));
  g_autofree char *original = kiku_article_serialize (article, NULL, NULL);
  g_autofree char *undone = NULL;
  KikuBlock *moved = kiku_list_get (first, 0);
  guint first_length = kiku_list_get_length (first);
  guint second_length = kiku_list_get_length (second);

  kiku_history_move_item (history, first, 0, second, 1);
  g_assert_cmpuint (kiku_list_get_length (first), ==, first_length - 1);
  g_assert_cmpuint (kiku_list_get_length (second), ==, second_length + 1);
  g_assert_true (kiku_list_get (second, 1) == (gpointer)moved);
  g_assert_true (kiku_node_get_list (KIKU_NODE (moved)) == second);

  kiku_history_undo (history);
  undone = kiku_article_serialize (article, NULL, NULL);
  g_assert_cmpstr (undone, ==, original);
  g_assert_false (kiku_history_can_undo (history));

  /* Within one list, a place past the end is the end. */
  kiku_history_move_item (history, first, 0, first, G_MAXUINT);
  g_assert_true (kiku_list_get (first, first_length - 1) == (gpointer)moved);
  kiku_history_undo (history);
  g_assert_true (kiku_list_get (first, 0) == (gpointer)moved);

  /* Without a history it still moves. */
  kiku_history_move_item (NULL, second, 0, first, 0);
  g_assert_cmpuint (kiku_list_get_length (first), ==, first_length + 1);
}

static void
count_changes (KikuArticle *article,
               KikuNode    *node,
               const char  *what,
               guint       *changes)
{
  (*changes)++;
}

/* A publish record is kept with the article, but it is no edit: no step to
 * undo, no change to the history's saved state, and the article's
 * "changed" is not emitted for it. An article with no file counts as
 * unsaved until the record is saved with it.
 */
static void
test_publish_record_not_an_edit (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autoptr(KikuArticle) article = load_sample ();
  g_autoptr(KikuArticle) fresh = kiku_article_new_draft ();
  g_autoptr(KikuDocument) document = kiku_document_new (article, drafts);
  g_autoptr(KikuDocument) unsaved = kiku_document_new (fresh, drafts);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(KikuPublishRecord) record = NULL;
  g_autoptr(KikuPublishRecord) kept = NULL;
  KikuHistory *history = kiku_document_get_history (document);
  guint changes = 0;

  json_object_set_string_member (details, "url", "https://example.org/a/");
  record = kiku_publish_record_new ("site", details);
  g_signal_connect (article, "changed", G_CALLBACK (count_changes), &changes);

  kiku_article_set_publish_record (article, record);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_false (kiku_history_can_undo (history));
  g_assert_false (kiku_document_get_modified (document));
  kept = kiku_article_dup_publish_record (article, "site");
  g_assert_true (kiku_publish_record_equal (kept, record));

  /* An edit after it is undone alone; the record stays. */
  kiku_article_set_title (article, "見出し");
  kiku_history_undo (history);
  g_assert_false (kiku_history_can_undo (history));
  g_clear_pointer (&kept, kiku_publish_record_unref);
  kept = kiku_article_dup_publish_record (article, "site");
  g_assert_nonnull (kept);

  /* With no file, the record waits for the first save, in the draft. */
  g_assert_false (kiku_document_get_modified (unsaved));
  kiku_document_set_autosave_delay (unsaved, 20);
  kiku_article_set_publish_record (fresh, record);
  g_assert_true (kiku_document_get_modified (unsaved));
  g_assert_false (kiku_history_can_undo (kiku_document_get_history (unsaved)));
  wait_for_draft (unsaved);
  {
    g_autoptr(GPtrArray) listed = kiku_drafts_list (drafts);
    g_autoptr(KikuDocument) recovered = NULL;
    g_autoptr(KikuPublishRecord) in_draft = NULL;
    g_autoptr(GError) error = NULL;
    KikuDraft *draft = NULL;

    for (guint i = 0; i < listed->len; i++)
      if (g_str_equal (kiku_draft_get_id (g_ptr_array_index (listed, i)), kiku_document_get_draft_id (unsaved)))
        draft = g_ptr_array_index (listed, i);
    g_assert_nonnull (draft);
    recovered = kiku_document_new_from_draft (draft, drafts, &error);
    g_assert_no_error (error);
    in_draft = kiku_article_dup_publish_record (kiku_document_get_article (recovered), "site");
    g_assert_true (kiku_publish_record_equal (in_draft, record));
  }

  kiku_document_discard_draft (unsaved);
  kiku_test_remove_tree (dir);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Written;

static void
on_record_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Written *written = user_data;

  kiku_document_write_publish_record_finish (KIKU_DOCUMENT (object), result, &written->error);
  written->done = TRUE;
}

/* The record goes into the file as the file is on disk, the unsaved edit
 * left out of it and still unsaved; a file that is gone keeps nothing, and
 * the document counts as unsaved so that the record is not lost.
 */
static void
test_publish_record_written_into_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.kiku", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KikuArticle) sample = load_sample ();
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuArticle) on_disk = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(KikuPublishRecord) record = kiku_publish_record_new ("site", NULL);
  g_autoptr(KikuPublishRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Written written = { FALSE, NULL };

  g_assert_true (kiku_article_save (sample, file, NULL, &error));
  g_assert_no_error (error);
  article = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  title = g_strdup (kiku_article_get_title (article));
  document = kiku_document_new (article, drafts);

  kiku_article_set_title (article, "保存していない見出し");
  kiku_article_set_publish_record (article, record);
  kiku_document_write_publish_record_async (document, "site", NULL, on_record_written, &written);
  while (!written.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (written.error);

  on_disk = kiku_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  found = kiku_article_dup_publish_record (on_disk, "site");
  g_assert_nonnull (found);
  g_assert_cmpstr (kiku_article_get_title (on_disk), ==, title);
  g_assert_true (kiku_document_get_modified (document));
  kiku_history_undo (kiku_document_get_history (document));
  g_assert_false (kiku_history_can_undo (kiku_document_get_history (document)));
  g_assert_false (kiku_document_get_modified (document));

  /* The file gone: an error, and the record kept for the next save. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  written.done = FALSE;
  kiku_document_write_publish_record_async (document, "site", NULL, on_record_written, &written);
  while (!written.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (written.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&written.error);
  g_assert_true (kiku_document_get_modified (document));

  kiku_document_discard_draft (document);
  kiku_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/history/typing-merges-into-words", test_typing_merges_into_words);
  g_test_add_func ("/kiku/history/fields-do-not-merge", test_fields_do_not_merge);
  g_test_add_func ("/kiku/history/structure-undo", test_structure_undo);
  g_test_add_func ("/kiku/history/modified", test_modified);
  g_test_add_func ("/kiku/history/move-item", test_move_item);
  g_test_add_func ("/kiku/document/autosave-and-save", test_autosave_and_save);
  g_test_add_func ("/kiku/document/crash-recovery", test_crash_recovery);
  g_test_add_func ("/kiku/document/crash-recovery/subprocess", test_crash_subprocess);
  g_test_add_func ("/kiku/document/damaged-draft", test_damaged_draft);
  g_test_add_func ("/kiku/document/deep-draft", test_deep_draft);
  g_test_add_func ("/kiku/document/publish-record-not-an-edit", test_publish_record_not_an_edit);
  g_test_add_func ("/kiku/document/publish-record-written-into-file", test_publish_record_written_into_file);

  return g_test_run ();
}
