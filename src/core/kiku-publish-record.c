/* kiku-publish-record.c: what an article records of its publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <string.h>

#include "kiku-core-private.h"
#include "kiku-node.h"
#include "kiku-publish-record.h"
#include "kiku-publisher-private.h"

/* A record is what one site has of the article: its address, when and
 * what was sent, and each publisher's own details (the images it sent,
 * WebDAV's ETags, the WordPress post's id). It is written in the article's
 * file under "published_to", by site name, as the publisher built it, so
 * a file keeps every member it had. A record never changes once made: a
 * publish makes a new one.
 */
struct _KikuPublishRecord
{
  gatomicrefcount  ref_count;
  char            *site;
  JsonObject      *details;
};

G_DEFINE_BOXED_TYPE (KikuPublishRecord, kiku_publish_record,
                     kiku_publish_record_ref, kiku_publish_record_unref)

/* A deep copy: the worker thread builds on it while the article keeps its
 * own.
 */
JsonObject *
_kiku_publish_record_copy (JsonObject *record)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  g_autofree char *text = _kiku_json_write (node, 0);
  g_autoptr(JsonNode) copy = _kiku_json_parse (text, strlen (text), NULL);

  return copy != NULL && JSON_NODE_HOLDS_OBJECT (copy) ? json_node_dup_object (copy) : json_object_new ();
}

/* The object @member of a record being built, made when missing. */
JsonObject *
_kiku_publish_record_object (JsonObject *record,
                             const char *member)
{
  if (_kiku_publish_object_member (record, member) == NULL)
    json_object_set_object_member (record, member, json_object_new ());

  return json_object_get_object_member (record, member);
}

/**
 * kiku_publish_record_new:
 * @site: the name of the site
 * @details: (nullable): the record's members, as in the file; copied
 *
 * Returns: (transfer full): a record of what is on @site
 */
KikuPublishRecord *
kiku_publish_record_new (const char *site,
                         JsonObject *details)
{
  KikuPublishRecord *self;

  g_return_val_if_fail (site != NULL, NULL);

  self = g_new0 (KikuPublishRecord, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->site = g_strdup (site);
  self->details = details ? _kiku_publish_record_copy (details) : json_object_new ();
  json_object_seal (self->details);

  return self;
}

KikuPublishRecord *
kiku_publish_record_ref (KikuPublishRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kiku_publish_record_unref (KikuPublishRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->site);
  json_object_unref (self->details);
  g_free (self);
}

const char *
kiku_publish_record_get_site (KikuPublishRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->site;
}

/**
 * kiku_publish_record_get_url:
 *
 * Returns: (nullable): the address of the published article
 */
const char *
kiku_publish_record_get_url (KikuPublishRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _kiku_publish_string_member (self->details, "url");
}

/**
 * kiku_publish_record_get_hash:
 *
 * Returns: (nullable): a hash of what the last complete publish sent
 */
const char *
kiku_publish_record_get_hash (KikuPublishRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _kiku_publish_string_member (self->details, "hash");
}

/**
 * kiku_publish_record_dup_time:
 *
 * Returns: (transfer full) (nullable): when the last complete publish was
 */
GDateTime *
kiku_publish_record_dup_time (KikuPublishRecord *self)
{
  const char *time;

  g_return_val_if_fail (self != NULL, NULL);

  time = _kiku_publish_string_member (self->details, "time");

  return time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
}

/**
 * kiku_publish_record_get_remote_id:
 *
 * Returns: the site's own number for the article (a WordPress post's
 *   id), or 0 for a site that has none
 */
gint64
kiku_publish_record_get_remote_id (KikuPublishRecord *self)
{
  JsonNode *id;

  g_return_val_if_fail (self != NULL, 0);

  id = json_object_get_member (self->details, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (id);
}

/**
 * kiku_publish_record_get_status:
 *
 * Returns: (nullable): what the article is on the site ("draft",
 *   "publish", "future"), for a site that has such states
 */
const char *
kiku_publish_record_get_status (KikuPublishRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _kiku_publish_string_member (self->details, "status");
}

/**
 * kiku_publish_record_get_details:
 *
 * Returns: (transfer none): the record as the file has it, the publisher's
 *   own members included; sealed, not to be changed
 */
JsonObject *
kiku_publish_record_get_details (KikuPublishRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->details;
}

/**
 * kiku_publish_record_to_string:
 *
 * Returns: (transfer full): the record as JSON, as the file has it
 */
char *
kiku_publish_record_to_string (KikuPublishRecord *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), self->details);

  return _kiku_json_write (node, 0);
}

gboolean
kiku_publish_record_equal (KikuPublishRecord *a,
                           KikuPublishRecord *b)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  a_text = kiku_publish_record_to_string (a);
  b_text = kiku_publish_record_to_string (b);

  return g_str_equal (a->site, b->site) && g_str_equal (a_text, b_text);
}

/* The file's "published_to" ---------------------------------------------- */

#define RECORDS "published_to"

/* Moves a well-formed "published_to" out of the article's unknown members
 * into its records. One of another shape stays where it is, and goes back
 * into the file as it came.
 */
void
_kiku_publish_records_take_from_extra (KikuArticle *article)
{
  JsonObject *extra = _kiku_node_get_extra (KIKU_NODE (article));
  GPtrArray *records = _kiku_article_get_publish_records (article);
  g_autoptr(GList) sites = NULL;
  JsonObject *object;

  if (extra == NULL || !(object = _kiku_publish_object_member (extra, RECORDS)))
    return;

  sites = json_object_get_members (object);
  for (const GList *l = sites; l; l = l->next)
    if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, l->data)))
      return;

  for (const GList *l = sites; l; l = l->next)
    g_ptr_array_add (records, kiku_publish_record_new (l->data, json_object_get_object_member (object, l->data)));
  json_object_remove_member (extra, RECORDS);
}

/* The records as the file's "published_to", or NULL for none. */
JsonNode *
_kiku_publish_records_to_node (KikuArticle *article)
{
  GPtrArray *records = _kiku_article_get_publish_records (article);
  JsonObject *object;
  JsonNode *node;

  if (records->len == 0)
    return NULL;

  object = json_object_new ();
  for (guint i = 0; i < records->len; i++)
    {
      KikuPublishRecord *record = g_ptr_array_index (records, i);

      json_object_set_object_member (object, record->site, _kiku_publish_record_copy (record->details));
    }
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return node;
}

/**
 * kiku_article_dup_publish_record:
 *
 * Returns: (transfer full) (nullable): what the article's last publish to
 *   @site recorded
 */
KikuPublishRecord *
kiku_article_dup_publish_record (KikuArticle *article,
                                 const char  *site)
{
  GPtrArray *records;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (site != NULL, NULL);

  records = _kiku_article_get_publish_records (article);
  for (guint i = 0; i < records->len; i++)
    {
      KikuPublishRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (record->site, site))
        return kiku_publish_record_ref (record);
    }

  return NULL;
}

/**
 * kiku_article_set_publish_record:
 *
 * Keeps @record in the article, saved with it, as what is on its site,
 * in the place of the site's last record. It is no edit to the article:
 * its history does not see it, and #KikuArticle::publish-record-changed
 * rather than #KikuArticle::changed tells of it.
 */
void
kiku_article_set_publish_record (KikuArticle       *article,
                                 KikuPublishRecord *record)
{
  JsonObject *extra;
  GPtrArray *records;
  guint i;

  g_return_if_fail (KIKU_IS_ARTICLE (article));
  g_return_if_fail (record != NULL);

  /* A damaged "published_to" the file had gives way to the real one. */
  extra = _kiku_node_get_extra (KIKU_NODE (article));
  if (extra != NULL && json_object_has_member (extra, RECORDS))
    json_object_remove_member (extra, RECORDS);

  records = _kiku_article_get_publish_records (article);
  for (i = 0; i < records->len; i++)
    if (g_str_equal (((KikuPublishRecord *)g_ptr_array_index (records, i))->site, record->site))
      break;

  if (i < records->len)
    {
      kiku_publish_record_unref (g_ptr_array_index (records, i));
      g_ptr_array_index (records, i) = kiku_publish_record_ref (record);
    }
  else
    {
      g_ptr_array_add (records, kiku_publish_record_ref (record));
    }

  _kiku_article_emit_publish_record_changed (article, record->site);
}

/**
 * kiku_article_get_n_publish_records:
 *
 * Returns: how many sites @article has a record of a publish for
 */
guint
kiku_article_get_n_publish_records (KikuArticle *article)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), 0);

  return _kiku_article_get_publish_records (article)->len;
}
