/* kiku-publisher.h: what publishes a job to one kind of site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-site.h"

G_BEGIN_DECLS

typedef struct _KikuPublishJob KikuPublishJob;
typedef struct _KikuPulledPost KikuPulledPost;

/**
 * KikuPublisherFeatures:
 * @KIKU_PUBLISHER_DRAFTS: the site keeps a draft that is not public yet
 * @KIKU_PUBLISHER_SCHEDULE: the site publishes at a date chosen
 * @KIKU_PUBLISHER_NEEDS_SLUG: the page's address is made from the slug
 * @KIKU_PUBLISHER_NEEDS_AUTHOR: the pages print the author's name
 *
 * What a kind of site does with an article, for the choices offered and
 * the problems listed before publishing there.
 */
typedef enum
{
  KIKU_PUBLISHER_DRAFTS       = 1 << 0,
  KIKU_PUBLISHER_SCHEDULE     = 1 << 1,
  KIKU_PUBLISHER_NEEDS_SLUG   = 1 << 2,
  KIKU_PUBLISHER_NEEDS_AUTHOR = 1 << 3,
} KikuPublisherFeatures;

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
 * @list_posts: one page of the site's articles (#KikuSitePost), newest
 *   first, those matching @search when it is given; called in a worker
 *   thread
 * @pull: what the site holds of one article: its pages, its fields, and
 *   the record a publish of it would have left; called in a worker thread
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
  KikuPublisherFeatures
           (*get_features)   (KikuPublisher   *self);
  GPtrArray *
           (*list_posts)     (KikuPublisher   *self,
                              KikuPublishJob  *job,
                              const char      *search,
                              guint            page,
                              gboolean        *more,
                              GCancellable    *cancellable,
                              GError         **error);
  KikuPulledPost *
           (*pull)           (KikuPublisher   *self,
                              KikuPublishJob  *job,
                              const char      *id,
                              GCancellable    *cancellable,
                              GError         **error);
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
KikuPublisherFeatures
               kiku_publisher_get_features    (KikuPublisher   *self);
KikuPublisherFeatures
               kiku_site_get_features         (KikuSite        *site);

G_END_DECLS
