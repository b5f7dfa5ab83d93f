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
