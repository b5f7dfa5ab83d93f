/* kiku-publish-record.c: what an article records of its publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-node.h"
#include "kiku-publish-record.h"
#include "kiku-publisher-private.h"

#include <string.h>

#define RECORDS "published_to"

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
 * kiku_article_dup_publish_record:
 *
 * Returns: (transfer full) (nullable): what the article's last publish to
 *   @site recorded
 */
JsonObject *
kiku_article_dup_publish_record (KikuArticle *article,
                                 const char  *site)
{
  JsonObject *extra = _kiku_node_get_extra (KIKU_NODE (article));
  JsonObject *records;
  JsonNode *record;

  if (extra == NULL || !json_object_has_member (extra, RECORDS) ||
      !(records = _kiku_publish_object_member (extra, RECORDS)) ||
      !(record = json_object_get_member (records, site)) || !JSON_NODE_HOLDS_OBJECT (record))
    return NULL;

  return _kiku_publish_record_copy (json_node_get_object (record));
}

/**
 * kiku_article_set_publish_record:
 *
 * Keeps @record in the article, saved with it, as what is on @site.
 */
void
kiku_article_set_publish_record (KikuArticle *article,
                                 const char  *site,
                                 JsonObject  *record)
{
  JsonObject *extra = _kiku_node_get_extra (KIKU_NODE (article));
  JsonObject *records;

  if (extra == NULL)
    {
      g_autoptr(JsonObject) created = json_object_new ();
      _kiku_node_set_extra (KIKU_NODE (article), created);
      extra = created;
    }

  if (_kiku_publish_object_member (extra, RECORDS) == NULL)
    json_object_set_object_member (extra, RECORDS, json_object_new ());

  records = json_object_get_object_member (extra, RECORDS);
  json_object_set_object_member (records, site, json_object_ref (record));

  /* Not an edit to undo, but the file must be saved to keep it. */
  _kiku_node_changed (KIKU_NODE (article), NULL);
}
