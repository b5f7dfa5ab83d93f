/* kiku-link-report.c: what the last link check found, for the cards to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-link-report"

#include "config.h"

#include "kiku-link-report.h"

/* The broken links the last check of each URL found, by URL. A source box
 * shows the result for the URL it has now: once the writer changes it (or
 * takes the new address a redirect offered), the problem is gone without
 * checking again.
 */

struct _KikuLinkReport
{
  GObject     parent_instance;

  GHashTable *broken;   /* URL → KikuLinkResult */
};

G_DEFINE_FINAL_TYPE (KikuLinkReport, kiku_link_report, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
kiku_link_report_finalize (GObject *object)
{
  KikuLinkReport *self = KIKU_LINK_REPORT (object);

  g_clear_pointer (&self->broken, g_hash_table_unref);

  G_OBJECT_CLASS (kiku_link_report_parent_class)->finalize (object);
}

static void
kiku_link_report_class_init (KikuLinkReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiku_link_report_finalize;

  /**
   * KikuLinkReport::changed:
   *
   * A check brought results: the cards look their URL up again.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kiku_link_report_init (KikuLinkReport *self)
{
  self->broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)kiku_link_result_free);
}

KikuLinkReport *
kiku_link_report_new (void)
{
  return g_object_new (KIKU_TYPE_LINK_REPORT, NULL);
}

/**
 * kiku_link_report_add_results:
 * @results: (element-type KikuLinkResult): what a check found
 *
 * Takes in a check's results: a URL found broken is remembered, one found
 * working is forgotten.
 */
void
kiku_link_report_add_results (KikuLinkReport *self,
                              GPtrArray      *results)
{
  g_return_if_fail (KIKU_IS_LINK_REPORT (self));
  g_return_if_fail (results != NULL);

  for (guint i = 0; i < results->len; i++)
    {
      const KikuLinkResult *result = g_ptr_array_index (results, i);
      const char *url = kiku_link_result_get_url (result);

      if (url == NULL)
        continue;
      if (kiku_link_result_is_broken (result))
        g_hash_table_insert (self->broken, g_strdup (url), kiku_link_result_copy (result));
      else
        g_hash_table_remove (self->broken, url);
    }

  g_signal_emit (self, signals [CHANGED], 0);
}

/**
 * kiku_link_report_lookup:
 *
 * Returns: (transfer none) (nullable): what is wrong with @url, or %NULL
 *   when it was not found broken
 */
const KikuLinkResult *
kiku_link_report_lookup (KikuLinkReport *self,
                         const char     *url)
{
  g_return_val_if_fail (KIKU_IS_LINK_REPORT (self), NULL);

  if (url == NULL || url[0] == '\0')
    return NULL;

  return g_hash_table_lookup (self->broken, url);
}
