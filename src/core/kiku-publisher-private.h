/* kiku-publisher-private.h: a publish job as the publishers see it, and
 * what they share: the HTTP session, credentials, and the errors a site's
 * answers turn into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kiku-image-file.h"
#include "kiku-publish.h"
#include "kiku-publisher.h"

G_BEGIN_DECLS

/* A publish (or a check of a site), made in the caller's thread and run in
 * a worker: the publisher reads what to send from it and builds @record.
 */
struct _KikuPublishJob
{
  KikuPublisher    *publisher;
  SoupSession      *session;      /* made in the worker, on first use */
  char             *site;
  char             *location;
  char             *user;
  char             *password;
  char             *slug;
  char             *status;
  char             *date;
  char             *title;
  char             *excerpt;
  char             *fragment;     /* the post body, for a publisher that sends one post */
  char            **keywords;
  char            **labels;
  GPtrArray        *names;        /* page files */
  GPtrArray        *pages;        /* their HTML */
  GHashTable       *images;       /* absolute path → name in images/ */
  GHashTable       *known_names;  /* absolute path → the name the record gives it */
  KikuImageAccess  *access;       /* which of them may be read */
  JsonObject       *previous;     /* the record of the last publish, or NULL */
  JsonObject       *record;       /* what got there, built as it goes */
  KikuProgressFunc  progress;
  gpointer          progress_data;
  GMainContext     *context;
  guint             steps;
  guint             done;
  gboolean          partial;      /* something got there that must be recorded */
  gboolean          overwrite;
  guint             timeout;
};

/* What a publisher found of one article on its site (kiku-site-posts.c
 * makes an article of it).
 */
struct _KikuPulledPost
{
  GPtrArray  *parts;      /* HTML, in page order */
  char       *base;       /* what the pages' relative addresses start from: a URL, or a folder */
  char       *title;      /* NULL where the pages say it */
  char       *excerpt;
  char       *slug;
  char      **keywords;   /* NULL where the pages say them */
  char       *modified;   /* ISO 8601, when the site last changed it */
  JsonObject *record;     /* as a publish of it would have left it */
};

KikuPulledPost *_kiku_pulled_post_new         (void);
void         _kiku_pulled_post_free            (KikuPulledPost  *pulled);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuPulledPost, _kiku_pulled_post_free)

/* One page of a listing, and one post's pages, through the publishers */
GPtrArray   *_kiku_publisher_list_posts        (KikuPublisher   *self,
                                                KikuPublishJob  *job,
                                                const char      *search,
                                                guint            page,
                                                gboolean        *more,
                                                GCancellable    *cancellable,
                                                GError         **error);
KikuPulledPost *_kiku_publisher_pull           (KikuPublisher   *self,
                                                KikuPublishJob  *job,
                                                const char      *id,
                                                GCancellable    *cancellable,
                                                GError         **error);
GPtrArray   *_kiku_site_posts_select           (GPtrArray       *all,
                                                const char      *search,
                                                guint            page,
                                                gboolean        *more);
GBytes      *_kiku_publish_download            (SoupSession     *session,
                                                const char      *url,
                                                goffset          limit,
                                                GCancellable    *cancellable,
                                                GError         **error);
gboolean     _kiku_html_is_kiku_made           (const char      *html);
char        *_kiku_html_title                  (const char      *html);
KikuPublishJob *_kiku_publish_job_new_for_site (KikuSite        *site,
                                                const char      *password);
void         _kiku_publish_job_free            (KikuPublishJob  *job);
GHashTable  *_kiku_publish_image_names         (KikuArticle     *article,
                                                KikuSite        *site);
gboolean     _kiku_publish_image_name_is_safe  (const char      *name);

/* The job (kiku-publish.c) */
void         _kiku_publish_job_step            (KikuPublishJob  *job,
                                                const char      *message);
GBytes      *_kiku_publish_job_read_image      (KikuPublishJob  *job,
                                                const char      *path,
                                                char           **hash,
                                                GCancellable    *cancellable,
                                                GError         **error);
const char  *_kiku_publish_job_previous_string (KikuPublishJob  *job,
                                                const char      *object,
                                                const char      *member);
SoupSession *_kiku_publish_job_get_session     (KikuPublishJob  *job);
char        *_kiku_publish_job_old_slug        (KikuPublishJob  *job);
char        *_kiku_publish_pages_hash          (GPtrArray       *pages);

/* The record (kiku-publish-record.c) */
JsonObject  *_kiku_publish_record_copy         (JsonObject      *record);
JsonObject  *_kiku_publish_record_object       (JsonObject      *record,
                                                const char      *member);

/* Shared by the publishers (kiku-publisher.c) */
SoupSession *_kiku_publish_session_new         (guint            timeout);
const char  *_kiku_publish_string_member       (JsonObject      *object,
                                                const char      *name);
JsonObject  *_kiku_publish_object_member       (JsonObject      *object,
                                                const char      *name);
void         _kiku_publish_set_authorization   (SoupMessage     *message,
                                                const char      *value);
gboolean     _kiku_publish_outside_error       (const char      *what,
                                                GError         **error);
gboolean     _kiku_publish_check_secure        (KikuPublishJob  *job,
                                                GError         **error);
gboolean     _kiku_publish_status_error        (guint            status,
                                                const char      *what,
                                                GError         **error);
gboolean     _kiku_publish_cut_error           (const char      *what,
                                                GError         **error);
gboolean     _kiku_publish_reply_cut_short     (SoupMessage     *message,
                                                GBytes          *reply);
gboolean     _kiku_publish_transport_error     (GError          *transport,
                                                const char      *what,
                                                GError         **error);

G_END_DECLS
