/* kiku-secret.c: site passwords in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-secret"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kiku-secret.h"

/* Passwords live only in the Secret Service (the desktop's keyring): never
 * in a file of Kiku's, never in a log.
 */

/* Where there is no keyring, the passwords the user let Kiku remember for
 * this session: "site\nuser" → password, in memory only, until it quits.
 */
static GHashTable *session;
G_LOCK_DEFINE_STATIC (session);

static char *
session_key (const char *site,
             const char *user)
{
  return g_strdup_printf ("%s\n%s", site, user ? user : "");
}

static const SecretSchema *
schema (void)
{
  static const SecretSchema site_schema = {
    "io.github.kiku.Kiku.Site", SECRET_SCHEMA_NONE,
    {
      { "site", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &site_schema;
}

static void
explain (GError **error)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("The keyring could not be reached: "));
}

/**
 * kiku_secret_lookup:
 *
 * Returns: (transfer full) (nullable): the password kept for @user of
 *   @site, or %NULL with @error unset when there is none
 */
char *
kiku_secret_lookup (const char  *site,
                    const char  *user,
                    GError     **error)
{
  char *password;

  password = secret_password_lookup_sync (schema (), NULL, error,
                                          "site", site,
                                          "user", user ? user : "",
                                          NULL);
  explain (error);

  return password;
}

gboolean
kiku_secret_store (const char  *site,
                   const char  *user,
                   const char  *password,
                   GError     **error)
{
  g_autofree char *label = g_strdup_printf (_("Kiku: password for %s"), site);
  gboolean stored;

  stored = secret_password_store_sync (schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                       NULL, error,
                                       "site", site,
                                       "user", user ? user : "",
                                       NULL);
  explain (error);

  return stored;
}

gboolean
kiku_secret_clear (const char  *site,
                   GError     **error)
{
  kiku_secret_forget_for_session (site);

  gboolean cleared = secret_password_clear_sync (schema (), NULL, error, "site", site, NULL);

  explain (error);

  return cleared || (error == NULL || *error == NULL);
}

/**
 * kiku_secret_lookup_async:
 *
 * Like kiku_secret_lookup(), without waiting for the keyring.
 */
void
kiku_secret_lookup_async (const char          *site,
                          const char          *user,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  secret_password_lookup (schema (), cancellable, callback, user_data,
                          "site", site,
                          "user", user ? user : "",
                          NULL);
}

char *
kiku_secret_lookup_finish (GAsyncResult  *result,
                           GError       **error)
{
  char *password = secret_password_lookup_finish (result, error);

  explain (error);

  return password;
}

void
kiku_secret_store_async (const char          *site,
                         const char          *user,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Kiku: password for %s"), site);

  secret_password_store (schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, callback, user_data,
                         "site", site,
                         "user", user ? user : "",
                         NULL);
}

gboolean
kiku_secret_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  gboolean stored = secret_password_store_finish (result, error);

  explain (error);

  return stored;
}

/**
 * kiku_secret_keep_for_session:
 *
 * Keeps @password for @user of @site in memory until the application
 * quits, for a desktop without a keyring: never on disk.
 */
void
kiku_secret_keep_for_session (const char *site,
                              const char *user,
                              const char *password)
{
  g_return_if_fail (site != NULL);
  g_return_if_fail (password != NULL);

  G_LOCK (session);
  if (session == NULL)
    session = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)secret_password_free);
  g_hash_table_replace (session, session_key (site, user), g_strdup (password));
  G_UNLOCK (session);
}

/**
 * kiku_secret_lookup_session:
 *
 * Returns: (transfer full) (nullable): the password kept for this session
 *   by kiku_secret_keep_for_session(), if any
 */
char *
kiku_secret_lookup_session (const char *site,
                            const char *user)
{
  g_autofree char *key = session_key (site, user);
  char *password = NULL;

  G_LOCK (session);
  if (session != NULL)
    password = g_strdup (g_hash_table_lookup (session, key));
  G_UNLOCK (session);

  return password;
}

/**
 * kiku_secret_forget_for_session:
 *
 * Drops what this session keeps for @site, for every user.
 */
void
kiku_secret_forget_for_session (const char *site)
{
  g_autofree char *prefix = g_strconcat (site, "\n", NULL);
  GHashTableIter iter;
  const char *key;

  G_LOCK (session);
  if (session != NULL)
    {
      g_hash_table_iter_init (&iter, session);
      while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
        if (g_str_has_prefix (key, prefix))
          g_hash_table_iter_remove (&iter);
    }
  G_UNLOCK (session);
}
