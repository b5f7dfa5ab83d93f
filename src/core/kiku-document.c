/* kiku-document.c: an article being edited: its history, its file, its drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiku-core-private.h"
#include "kiku-document.h"
#include "kiku-format.h"
#include "kiku-publish-record.h"

/* Work is never lost: a few seconds after a change, the article is written
 * as a draft into the user's data folder, never over the user's file. A
 * save or a deliberate discard removes the draft; one still there when Kiku
 * starts was left by a crash, and is offered back.
 *
 * A draft is one JSON file: {"format": "kiku-draft", "version": 1, "file":
 * URI or null, "saved": ISO 8601, "article": the article as in a .kiku
 * file, its image paths relative to that file}.
 */

#define DRAFT_FORMAT  "kiku-draft"
#define DRAFT_SUFFIX  ".kiku-draft"
#define DEFAULT_DELAY 3000

struct _KikuDraft
{
  char      *id;
  char      *title;
  GFile     *file;
  GDateTime *saved;
};

struct _KikuDocument
{
  GObject       parent_instance;

  KikuArticle  *article;
  KikuHistory  *history;
  char         *drafts_dir;
  char         *draft_id;
  guint         autosave_delay;
  guint         autosave_source;
  GCancellable *drafting;       /* the draft being written, if any */
  gboolean      draft_written;
  /* Recovered or imported work differs from any file, with nothing undone. */
  gboolean      unsaved;
};

G_DEFINE_FINAL_TYPE (KikuDocument, kiku_document, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (KikuDraft, kiku_draft, kiku_draft_copy, kiku_draft_free)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_FILE,
  N_PROPS
};

enum {
  DRAFT_SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static char *
draft_path (const char *dir,
            const char *id)
{
  g_autofree char *name = g_strconcat (id, DRAFT_SUFFIX, NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
draft_text (KikuDocument *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved = g_date_time_format_iso8601 (now);
  GFile *file = kiku_article_get_file (self->article);

  json_object_set_string_member (object, "format", DRAFT_FORMAT);
  json_object_set_int_member (object, "version", 1);
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      json_object_set_string_member (object, "file", uri);
    }
  else
    {
      json_object_set_null_member (object, "file");
    }
  json_object_set_string_member (object, "saved", saved);
  json_object_set_member (object, "article", _kiku_article_to_node (self->article, file));

  root = json_node_init_object (json_node_alloc (), object);

  return _kiku_json_write (root, 0);
}

static void
draft_written (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KikuDocument) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not write the draft of “%s”: %s", self->draft_id, error->message);
      return;
    }

  self->draft_written = TRUE;
  g_signal_emit (self, signals [DRAFT_SAVED], 0);
}

static void
write_draft_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *const *job = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (job[0]);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (job[2], 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s", g_strerror (saved_errno));
      return;
    }

  if (kiku_write_file_atomic (file, job[1], strlen (job[1]), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
autosave (gpointer user_data)
{
  KikuDocument *self = user_data;
  g_autoptr(GTask) task = NULL;
  char **job;

  self->autosave_source = 0;

  /* Back where the file is: no draft is needed. */
  if (!kiku_document_get_modified (self))
    {
      kiku_document_discard_draft (self);
      return G_SOURCE_REMOVE;
    }

  /* The text is made now, in the main thread; the disk is written to in a
   * worker, so that typing never waits for it.
   */
  job = g_new0 (char *, 4);
  job[0] = draft_path (self->drafts_dir, self->draft_id);
  job[1] = draft_text (self);
  job[2] = g_strdup (self->drafts_dir);

  /* A draft still being written is out of date: this one replaces it. */
  if (self->drafting != NULL)
    g_cancellable_cancel (self->drafting);
  g_clear_object (&self->drafting);
  self->drafting = g_cancellable_new ();

  task = g_task_new (NULL, self->drafting, draft_written, g_object_ref (self));
  g_task_set_source_tag (task, autosave);
  g_task_set_task_data (task, job, (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, write_draft_thread);

  return G_SOURCE_REMOVE;
}

/* The draft is written at most the delay after the first change since the
 * last draft, however long the typing goes on.
 */
static void
on_article_changed (KikuDocument *self,
                    KikuNode     *node,
                    GParamSpec   *pspec,
                    KikuArticle  *article)
{
  if (self->autosave_source == 0)
    self->autosave_source = g_timeout_add (self->autosave_delay, autosave, self);
}

/* A new publish record is no edit, but it must not be lost: with no file
 * to write it into yet, it waits in the draft for the first save. Into a
 * file, kiku_document_write_publish_record_async() puts it; if the
 * document is modified anyway, the draft holds it too.
 */
static void
on_publish_record_changed (KikuDocument *self,
                           const char   *site,
                           KikuArticle  *article)
{
  if (kiku_article_get_file (article) == NULL)
    kiku_document_mark_unsaved (self);
  else if (kiku_document_get_modified (self))
    on_article_changed (self, KIKU_NODE (article), NULL, article);
}

static void
on_modified_changed (KikuDocument *self,
                     GParamSpec   *pspec,
                     KikuHistory  *history)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
}

static void
on_file_changed (KikuDocument *self,
                 GParamSpec   *pspec,
                 KikuArticle  *article)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

static void
kiku_document_dispose (GObject *object)
{
  KikuDocument *self = (KikuDocument *)object;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->drafting != NULL)
    g_cancellable_cancel (self->drafting);
  g_clear_object (&self->drafting);
  g_clear_object (&self->history);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (kiku_document_parent_class)->dispose (object);
}

static void
kiku_document_finalize (GObject *object)
{
  KikuDocument *self = (KikuDocument *)object;

  g_free (self->drafts_dir);
  g_free (self->draft_id);

  G_OBJECT_CLASS (kiku_document_parent_class)->finalize (object);
}

static void
kiku_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KikuDocument *self = KIKU_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, kiku_document_get_modified (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, kiku_document_get_file (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_document_class_init (KikuDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_document_dispose;
  object_class->finalize = kiku_document_finalize;
  object_class->get_property = kiku_document_get_property;

  /* Whether there is work the file does not hold. */
  properties [PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KikuDocument::draft-saved:
   *
   * The draft now holds the article as it was a moment ago.
   */
  signals [DRAFT_SAVED] =
    g_signal_new ("draft-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kiku_document_init (KikuDocument *self)
{
  self->autosave_delay = DEFAULT_DELAY;
}

static KikuDocument *
document_new (KikuArticle *article,
              const char  *drafts_dir,
              const char  *draft_id)
{
  KikuDocument *self = g_object_new (KIKU_TYPE_DOCUMENT, NULL);

  self->article = g_object_ref (article);
  self->history = kiku_history_new (article);
  self->drafts_dir = g_strdup (drafts_dir);
  self->draft_id = draft_id ? g_strdup (draft_id) : g_uuid_string_random ();

  g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "notify::file", G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "publish-record-changed", G_CALLBACK (on_publish_record_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::modified", G_CALLBACK (on_modified_changed), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * kiku_document_new:
 * @drafts_dir: the folder for drafts, in the user's data folder
 *
 * Returns: (transfer full): a document for @article as it is now, which
 *   counts as saved
 */
KikuDocument *
kiku_document_new (KikuArticle *article,
                   const char  *drafts_dir)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (drafts_dir != NULL, NULL);

  return document_new (article, drafts_dir, NULL);
}

/**
 * kiku_document_new_from_draft:
 *
 * Recovers the work a draft holds. It is unsaved work: the document is
 * modified until it is saved, and keeps the draft until then.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
KikuDocument *
kiku_document_new_from_draft (KikuDraft   *draft,
                              const char  *drafts_dir,
                              GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KikuArticle) article = NULL;
  JsonNode *article_node;
  KikuDocument *self;
  gsize length;

  g_return_val_if_fail (draft != NULL, NULL);

  path = draft_path (drafts_dir, draft->id);
  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;

  /* The article sits one level down in the draft: an article nested as deep
   * as a file may be must come back.
   */
  if (!g_utf8_validate (text, length, NULL) ||
      !(root = _kiku_json_parse_with_depth (text, length, KIKU_FORMAT_MAX_DEPTH + 1, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_INVALID_UTF8,
                     _("The draft is damaged"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !(article_node = json_object_get_member (json_node_get_object (root), "article")))
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
                   _("The draft holds no article"));
      return NULL;
    }

  if (!(article = _kiku_article_new_from_node (article_node, draft->file, error)))
    return NULL;

  self = document_new (article, drafts_dir, draft->id);
  self->unsaved = TRUE;
  self->draft_written = TRUE;

  return self;
}

/**
 * kiku_document_mark_unsaved:
 *
 * Makes the document count as modified, and draft it soon: for work that
 * exists in no file, such as an article imported from text.
 */
void
kiku_document_mark_unsaved (KikuDocument *self)
{
  g_return_if_fail (KIKU_IS_DOCUMENT (self));

  self->unsaved = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
  on_article_changed (self, KIKU_NODE (self->article), NULL, self->article);
}

KikuArticle *
kiku_document_get_article (KikuDocument *self)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), NULL);

  return self->article;
}

KikuHistory *
kiku_document_get_history (KikuDocument *self)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), NULL);

  return self->history;
}

/**
 * kiku_document_get_file:
 *
 * Returns: (transfer none) (nullable): where the article is saved
 */
GFile *
kiku_document_get_file (KikuDocument *self)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), NULL);

  return kiku_article_get_file (self->article);
}

gboolean
kiku_document_get_modified (KikuDocument *self)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), FALSE);

  return self->unsaved || kiku_history_is_modified (self->history);
}

/**
 * kiku_document_dup_title:
 *
 * Returns: (transfer full): the name to show for the document: its file's
 *   name, or "Untitled Article"
 */
char *
kiku_document_dup_title (KikuDocument *self)
{
  GFile *file;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), NULL);

  if (!(file = kiku_document_get_file (self)))
    return g_strdup (_("Untitled Article"));

  basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

const char *
kiku_document_get_draft_id (KikuDocument *self)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), NULL);

  return self->draft_id;
}

/**
 * kiku_document_set_autosave_delay:
 *
 * Sets how soon after a change the draft is written.
 */
void
kiku_document_set_autosave_delay (KikuDocument *self,
                                  guint         milliseconds)
{
  g_return_if_fail (KIKU_IS_DOCUMENT (self));

  self->autosave_delay = MAX (milliseconds, 10);
}

static void
saved (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KikuDocument *self = g_task_get_source_object (task);
  GError *error = NULL;

  /* A save into another folder rewrites relative image paths: the same
   * images, not an edit to undo.
   */
  kiku_history_begin_unrecorded (self->history);
  kiku_article_save_finish (KIKU_ARTICLE (object), result, &error);
  kiku_history_end_unrecorded (self->history);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* What was saved is the article as it was when the save began: an edit
   * made while the file was written is still unsaved.
   */
  self->unsaved = FALSE;
  kiku_history_mark_saved_at (self->history, GPOINTER_TO_UINT (g_task_get_task_data (task)));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);

  if (!kiku_document_get_modified (self))
    kiku_document_discard_draft (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * kiku_document_save_async:
 * @file: (nullable): where to save; %NULL for the document's own file
 *
 * Saves the article atomically. Once it is saved, the document is no longer
 * modified and its draft is removed. A failed save changes nothing.
 */
void
kiku_document_save_async (KikuDocument        *self,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KIKU_IS_DOCUMENT (self));
  g_return_if_fail (file != NULL || kiku_document_get_file (self) != NULL);

  if (file == NULL)
    file = kiku_document_get_file (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_document_save_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (kiku_history_get_position (self->history)), NULL);

  kiku_article_save_async (self->article, file, cancellable, saved, task);
}

gboolean
kiku_document_save_finish (KikuDocument  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kiku_document_discard_draft:
 *
 * Removes the draft: the user saved, or chose to discard the changes.
 */
void
kiku_document_discard_draft (KikuDocument *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KIKU_IS_DOCUMENT (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  /* A draft still being written must not land after this. */
  if (self->drafting != NULL)
    g_cancellable_cancel (self->drafting);
  g_clear_object (&self->drafting);

  path = draft_path (self->drafts_dir, self->draft_id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove the draft %s: %s", path, g_strerror (errno));
  self->draft_written = FALSE;
}

/* Publish records ----------------------------------------------------------- */

typedef struct
{
  KikuPublishRecord *record;
  GFile             *file;
  char              *etag;    /* the file's when it was read */
  char              *text;    /* the file with the record */
} RecordWrite;

static void
record_write_free (gpointer data)
{
  RecordWrite *write = data;

  kiku_publish_record_unref (write->record);
  g_object_unref (write->file);
  g_free (write->etag);
  g_free (write->text);
  g_free (write);
}

/* In a worker: the file is replaced atomically, as a save does, and only
 * if it is still the one that was read.
 */
static void
write_record_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RecordWrite *write = task_data;
  g_autoptr(GFileInfo) info = NULL;
  GError *error = NULL;

  info = g_file_query_info (write->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_strcmp0 (g_file_info_get_etag (info), write->etag) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                               _("the file was changed while the record was written"));
      return;
    }

  if (!kiku_write_file_atomic (write->file, write->text, strlen (write->text), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
record_written (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KikuDocument *self = KIKU_DOCUMENT (object);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The record is still in the article: kept in the draft. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kiku_document_mark_unsaved (self);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
record_file_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KikuDocument *self = g_task_get_source_object (task);
  RecordWrite *write = g_task_get_task_data (task);
  g_autoptr(KikuArticle) on_disk = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autofree char *contents = NULL;
  GError *error = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, &write->etag, &error) ||
      !(on_disk = kiku_article_new_from_data (contents, length, write->file, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kiku_document_mark_unsaved (self);
      g_task_return_error (task, error);
      return;
    }

  kiku_article_set_publish_record (on_disk, write->record);
  write->text = kiku_article_serialize (on_disk, NULL, NULL);

  worker = g_task_new (self, g_task_get_cancellable (task), record_written, g_object_ref (task));
  g_task_set_source_tag (worker, write_record_thread);
  g_task_set_task_data (worker, write, NULL);
  g_task_run_in_thread (worker, write_record_thread);
}

/**
 * kiku_document_write_publish_record_async:
 * @site: the site whose record to write
 *
 * Writes the article's record of @site into its file as the file is on
 * disk, leaving the rest of the file, and any unsaved work, as it is. The
 * document's modified state does not change. If the file cannot be read
 * or written, or changed while it was, the record stays in the article
 * and the document counts as modified, so the draft and the next save
 * keep it. A document with no file keeps the record for its first save.
 */
void
kiku_document_write_publish_record_async (KikuDocument        *self,
                                          const char          *site,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RecordWrite *write;
  KikuPublishRecord *record;
  GFile *file;

  g_return_if_fail (KIKU_IS_DOCUMENT (self));
  g_return_if_fail (site != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_document_write_publish_record_async);

  file = kiku_document_get_file (self);
  record = kiku_article_dup_publish_record (self->article, site);
  if (file == NULL || record == NULL)
    {
      g_clear_pointer (&record, kiku_publish_record_unref);
      g_task_return_boolean (task, TRUE);
      return;
    }

  write = g_new0 (RecordWrite, 1);
  write->record = record;
  write->file = g_object_ref (file);
  g_task_set_task_data (task, write, record_write_free);

  g_file_load_contents_async (file, cancellable, record_file_loaded, g_steal_pointer (&task));
}

gboolean
kiku_document_write_publish_record_finish (KikuDocument  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (KIKU_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Drafts ------------------------------------------------------------------ */

void
kiku_draft_free (KikuDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->id);
  g_free (draft->title);
  g_clear_object (&draft->file);
  g_clear_pointer (&draft->saved, g_date_time_unref);
  g_free (draft);
}

KikuDraft *
kiku_draft_copy (const KikuDraft *draft)
{
  KikuDraft *copy = g_new0 (KikuDraft, 1);

  copy->id = g_strdup (draft->id);
  copy->title = g_strdup (draft->title);
  copy->file = draft->file ? g_object_ref (draft->file) : NULL;
  copy->saved = draft->saved ? g_date_time_ref (draft->saved) : NULL;

  return copy;
}

const char *
kiku_draft_get_id (const KikuDraft *draft)
{
  return draft->id;
}

/**
 * kiku_draft_get_title:
 *
 * Returns: the headline of the article in the draft, or %NULL
 */
const char *
kiku_draft_get_title (const KikuDraft *draft)
{
  return draft->title;
}

/**
 * kiku_draft_get_file:
 *
 * Returns: (transfer none) (nullable): the file the work belongs to
 */
GFile *
kiku_draft_get_file (const KikuDraft *draft)
{
  return draft->file;
}

GDateTime *
kiku_draft_get_saved (const KikuDraft *draft)
{
  return draft->saved;
}

gboolean
kiku_draft_delete (const KikuDraft *draft,
                   const char      *drafts_dir)
{
  g_autofree char *path = draft_path (drafts_dir, draft->id);

  return g_unlink (path) == 0;
}

static gint
compare_drafts (gconstpointer a,
                gconstpointer b)
{
  const KikuDraft *x = *(const KikuDraft **)a;
  const KikuDraft *y = *(const KikuDraft **)b;

  return g_date_time_compare (y->saved, x->saved);
}

/**
 * kiku_drafts_list:
 *
 * Returns: (transfer container) (element-type KikuDraft): the drafts in
 *   @drafts_dir, newest first. A draft too damaged to read is left out.
 */
GPtrArray *
kiku_drafts_list (const char *drafts_dir)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_draft_free);
  g_autoptr(GDir) dir = g_dir_open (drafts_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object, *article;
      KikuDraft *draft;
      gsize length;

      if (!g_str_has_suffix (name, DRAFT_SUFFIX))
        continue;

      path = g_build_filename (drafts_dir, name, NULL);
      if (!g_file_get_contents (path, &text, &length, NULL) ||
          !g_utf8_validate (text, length, NULL) ||
          !(root = _kiku_json_parse_with_depth (text, length, KIKU_FORMAT_MAX_DEPTH + 1, NULL)) ||
          !JSON_NODE_HOLDS_OBJECT (root))
        continue;

      object = json_node_get_object (root);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), DRAFT_FORMAT) != 0 ||
          !json_object_has_member (object, "article") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "article")))
        continue;

      article = json_object_get_object_member (object, "article");
      draft = g_new0 (KikuDraft, 1);
      draft->id = g_strndup (name, strlen (name) - strlen (DRAFT_SUFFIX));
      draft->title = g_strdup (json_object_get_string_member_with_default (article, "title", NULL));
      if (draft->title != NULL && draft->title[0] == '\0')
        g_clear_pointer (&draft->title, g_free);
      if (json_object_get_string_member_with_default (object, "file", NULL) != NULL)
        draft->file = g_file_new_for_uri (json_object_get_string_member (object, "file"));
      draft->saved = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (object, "saved", ""), NULL);
      if (draft->saved == NULL)
        draft->saved = g_date_time_new_now_utc ();

      g_ptr_array_add (drafts, draft);
    }

  g_ptr_array_sort (drafts, compare_drafts);

  return drafts;
}
