/* kiku-publisher.h: what publishes a job to one kind of site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-site.h"

G_BEGIN_DECLS

typedef struct _KikuPublishJob KikuPublishJob;

#define KIKU_TYPE_PUBLISHER (kiku_publisher_get_type ())
G_DECLARE_INTERFACE (KikuPublisher, kiku_publisher, KIKU, PUBLISHER, GObject)

/**
 * KikuPublisherInterface:
 * @publish: writes the job's pages and images to the site, building the
 *   job's record as it goes; called in a worker thread
 * @check: tries the site, changing nothing there, and says what it
 *   answered; called in a worker thread
 * @sends_one_post: whether the article goes as one post (its body rendered
 *   as a fragment, one step) rather than as page files
 *
 * One implementation for each #KikuSiteKind; kiku-publish.c makes the job
 * and runs it, the publisher only talks to the site.
 */
struct _KikuPublisherInterface
{
  GTypeInterface parent_iface;

  gboolean (*publish)        (KikuPublisher   *self,
                              KikuPublishJob  *job,
                              GCancellable    *cancellable,
                              GError         **error);
  char *   (*check)          (KikuPublisher   *self,
                              KikuPublishJob  *job,
                              GCancellable    *cancellable,
                              GError         **error);
  gboolean (*sends_one_post) (KikuPublisher   *self);
};

KikuPublisher *kiku_publisher_new_for_kind    (KikuSiteKind     kind);
gboolean       kiku_publisher_publish         (KikuPublisher   *self,
                                               KikuPublishJob  *job,
                                               GCancellable    *cancellable,
                                               GError         **error);
char          *kiku_publisher_check           (KikuPublisher   *self,
                                               KikuPublishJob  *job,
                                               GCancellable    *cancellable,
                                               GError         **error);
gboolean       kiku_publisher_sends_one_post  (KikuPublisher   *self);

G_END_DECLS
