/* kiku-publish.h: publishing an article to a site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kiku-article.h"
#include "kiku-publish-record.h"
#include "kiku-site.h"
#include "kiku-site-store.h"

G_BEGIN_DECLS

#define KIKU_PUBLISH_ERROR (kiku_publish_error_quark ())

/**
 * KikuPublishError:
 * @KIKU_PUBLISH_ERROR_AUTH: the password was refused (401)
 * @KIKU_PUBLISH_ERROR_FORBIDDEN: the user may not publish (403)
 * @KIKU_PUBLISH_ERROR_GONE: the post or page is gone (404, 410)
 * @KIKU_PUBLISH_ERROR_CONFLICT: someone else changed it on the site
 * @KIKU_PUBLISH_ERROR_TOO_LARGE: a file is over the server's limit (413)
 * @KIKU_PUBLISH_ERROR_SERVER: the server failed (5xx)
 * @KIKU_PUBLISH_ERROR_INSECURE: a password would cross the network unencrypted
 * @KIKU_PUBLISH_ERROR_NETWORK: no answer, or a broken connection
 * @KIKU_PUBLISH_ERROR_TLS: the site's certificate is not to be trusted
 * @KIKU_PUBLISH_ERROR_UNEXPECTED: the site answered something it should not
 * @KIKU_PUBLISH_ERROR_BAD_PATH: the slug, or a file name, would not be one
 *   part of a web address inside the site
 */
typedef enum
{
  KIKU_PUBLISH_ERROR_AUTH,
  KIKU_PUBLISH_ERROR_FORBIDDEN,
  KIKU_PUBLISH_ERROR_GONE,
  KIKU_PUBLISH_ERROR_CONFLICT,
  KIKU_PUBLISH_ERROR_TOO_LARGE,
  KIKU_PUBLISH_ERROR_SERVER,
  KIKU_PUBLISH_ERROR_INSECURE,
  KIKU_PUBLISH_ERROR_NETWORK,
  KIKU_PUBLISH_ERROR_TLS,
  KIKU_PUBLISH_ERROR_UNEXPECTED,
  KIKU_PUBLISH_ERROR_BAD_PATH,
} KikuPublishError;

/* The longest slug, in bytes: a web address stays well under the limits
 * of servers and file systems.
 */
#define KIKU_SLUG_MAX_LENGTH 200

GQuark        kiku_publish_error_quark   (void);
gboolean      kiku_slug_check            (const char    *slug,
                                          GError       **error);

/**
 * KikuPublishOptions:
 * @status: "draft", "publish" or "future"
 * @date: (nullable): an ISO 8601 date and time, for "future"
 * @overwrite: replace the post even if someone changed it on the site
 * @timeout: seconds to wait for an answer, or 0 for a minute
 */
typedef struct
{
  const char *status;
  const char *date;
  gboolean    overwrite;
  guint       timeout;
} KikuPublishOptions;

typedef void (*KikuProgressFunc) (double      fraction,
                                  const char *message,
                                  gpointer    user_data);

void          kiku_publish_async         (KikuArticle               *article,
                                          KikuSite                  *site,
                                          const char                *password,
                                          const KikuPublishOptions  *options,
                                          GCancellable              *cancellable,
                                          KikuProgressFunc           progress,
                                          gpointer                   progress_data,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
char         *kiku_publish_finish        (KikuArticle               *article,
                                          GAsyncResult              *result,
                                          GError                   **error);

void          kiku_site_check_async      (KikuSite                  *site,
                                          const char                *password,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
char         *kiku_site_check_finish     (KikuSite                  *site,
                                          GAsyncResult              *result,
                                          GError                   **error);

G_END_DECLS
