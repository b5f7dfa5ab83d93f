/* kiku-secret.h: site passwords in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *kiku_secret_lookup (const char  *site,
                              const char  *user,
                              GError     **error);
gboolean  kiku_secret_store  (const char  *site,
                              const char  *user,
                              const char  *password,
                              GError     **error);
gboolean  kiku_secret_clear  (const char  *site,
                              GError     **error);

void      kiku_secret_lookup_async  (const char          *site,
                                    const char          *user,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char     *kiku_secret_lookup_finish (GAsyncResult        *result,
                                    GError             **error);
void      kiku_secret_store_async   (const char          *site,
                                    const char          *user,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  kiku_secret_store_finish  (GAsyncResult        *result,
                                    GError             **error);

void      kiku_secret_keep_for_session   (const char *site,
                                         const char *user,
                                         const char *password);
char     *kiku_secret_lookup_session     (const char *site,
                                         const char *user);
void      kiku_secret_forget_for_session (const char *site);

G_END_DECLS
