/* kiku-site-store.c: the sites, as a list model, and sites.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "kiku-core-private.h"
#include "kiku-file-util.h"
#include "kiku-format.h"
#include "kiku-publish-private.h"
#include "kiku-publisher-private.h"
#include "kiku-site-store.h"

/* The sites the user publishes to, as sites.json keeps them, for the
 * Sites window to bind to and the publish dialog to pick from.
 */
struct _KikuSiteStore
{
  GObject    parent_instance;

  char      *config_dir;
  GPtrArray *sites;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KikuSiteStore, kiku_site_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
kiku_site_store_get_item_type (GListModel *model)
{
  return KIKU_TYPE_SITE;
}

static guint
kiku_site_store_get_n_items (GListModel *model)
{
  return KIKU_SITE_STORE (model)->sites->len;
}

static gpointer
kiku_site_store_get_item (GListModel *model,
                          guint       position)
{
  KikuSiteStore *self = KIKU_SITE_STORE (model);

  if (position >= self->sites->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->sites, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kiku_site_store_get_item_type;
  iface->get_n_items = kiku_site_store_get_n_items;
  iface->get_item = kiku_site_store_get_item;
}

static char **
strv_member (JsonObject *object,
             const char *name)
{
  JsonArray *array;
  GStrvBuilder *builder;
  char **strv;

  if (!json_object_has_member (object, name) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, name)))
    return NULL;

  array = json_object_get_array_member (object, name);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

static void
set_strv_member (JsonObject  *object,
                 const char  *name,
                 char       **strv)
{
  JsonArray *array;

  if (strv == NULL || strv[0] == NULL)
    return;

  array = json_array_new ();
  for (guint i = 0; strv[i]; i++)
    json_array_add_string_element (array, strv[i]);
  json_object_set_array_member (object, name, array);
}

/* Where the Local folder site writes: under Documents. In a Flatpak the
 * home folder is out of reach (documents come through the portal), and a
 * folder made there would vanish with the sandbox, so there it is Kiku's
 * own data folder, which is kept.
 */
static char *
default_folder (void)
{
  const char *documents;

  if (g_getenv ("FLATPAK_ID") != NULL)
    /* Translators: the name of the folder the Local folder site writes
     * into, which the user sees in their file manager. */
    return g_build_filename (g_get_user_data_dir (), _("Kiku Site"), NULL);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  /* Translators: the same folder, in the user's Documents folder. */
  return g_build_filename (documents ? documents : g_get_home_dir (), _("Kiku Site"), NULL);
}

/**
 * kiku_sites_load:
 * @config_dir: the folder holding sites.json
 *
 * Reads the site profiles. A "Local folder" site is always there, the
 * default, so a new user can publish with no server. Passwords are never in
 * this file: they live in the Secret Service.
 *
 * Returns: (transfer container) (element-type KikuSite): the sites
 */
/* The sites in the text of a sites.json, for kiku_sites_load() and the
 * fuzzer. @path names the file in messages.
 */
GPtrArray *
_kiku_sites_from_data (const char  *text,
                       gsize        length,
                       const char  *path,
                       GError     **error)
{
  GPtrArray *sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *array;

  if (!g_utf8_validate_len (text, length, NULL) || !(root = _kiku_json_parse (text, length, &local_error)) ||
      !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "sites") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "sites")))
    {
      g_set_error (error, KIKU_FORMAT_ERROR, KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
                   _("%s: the list of sites is damaged: %s"), path,
                   local_error ? local_error->message : _("it has no “sites” array"));
      g_ptr_array_unref (sites);
      return NULL;
    }

  array = json_object_get_array_member (json_node_get_object (root), "sites");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      KikuSiteKind kind;
      KikuSite *site;

      if (object == NULL ||
          !kiku_site_kind_from_string (_kiku_publish_string_member (object, "kind"), &kind) ||
          !_kiku_publish_string_member (object, "name") || !_kiku_publish_string_member (object, "location"))
        continue;

      site = kiku_site_new (_kiku_publish_string_member (object, "name"), kind, _kiku_publish_string_member (object, "location"));
      kiku_site_set_user (site, _kiku_publish_string_member (object, "user"));
      kiku_site_set_language (site, _kiku_publish_string_member (object, "language"));
      {
        g_auto(GStrv) labels = strv_member (object, "labels");
        g_auto(GStrv) personas = strv_member (object, "personas");

        kiku_site_set_labels (site, (const char * const *)labels);
        kiku_site_set_personas (site, (const char * const *)personas);
      }
      g_ptr_array_add (sites, site);
    }

  return sites;
}

GPtrArray *
kiku_sites_load (const char  *config_dir,
                 GError     **error)
{
  GPtrArray *sites = NULL;
  g_autofree char *path = g_build_filename (config_dir, "sites.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (g_file_get_contents (path, &text, &length, &local_error))
    {
      if (!(sites = _kiku_sites_from_data (text, length, path, error)))
        return NULL;
    }
  else if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (sites == NULL)
    sites = g_ptr_array_new_with_free_func (g_object_unref);

  if (kiku_sites_find (sites, _("Local folder")) == NULL)
    {
      g_autofree char *folder = default_folder ();
      g_ptr_array_insert (sites, 0, kiku_site_new (_("Local folder"), KIKU_SITE_FOLDER, folder));
    }

  return sites;
}

gboolean
kiku_sites_save (GPtrArray   *sites,
                 const char  *config_dir,
                 GError     **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = g_build_filename (config_dir, "sites.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < sites->len; i++)
    {
      KikuSite *site = g_ptr_array_index (sites, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", kiku_site_get_name (site));
      json_object_set_string_member (object, "kind", kiku_site_kind_to_string (kiku_site_get_kind (site)));
      json_object_set_string_member (object, "location", kiku_site_get_location (site));
      if (kiku_site_get_user (site))
        json_object_set_string_member (object, "user", kiku_site_get_user (site));
      if (kiku_site_get_language (site))
        json_object_set_string_member (object, "language", kiku_site_get_language (site));
      set_strv_member (object, "labels", (char **)kiku_site_get_labels (site));
      set_strv_member (object, "personas", (char **)kiku_site_get_personas (site));
      json_array_add_object_element (array, object);
    }

  json_object_set_array_member (root, "sites", array);
  node = json_node_init_object (json_node_alloc (), root);
  text = _kiku_json_write (node, 2);

  if (g_mkdir_with_parents (config_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                   config_dir, g_strerror (saved_errno));
      return FALSE;
    }

  return kiku_write_file_atomic (file, text, strlen (text), NULL, error);
}

/**
 * kiku_sites_find:
 *
 * Returns: (transfer none) (nullable): the site called @name
 */
KikuSite *
kiku_sites_find (GPtrArray  *sites,
                 const char *name)
{
  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (kiku_site_get_name (g_ptr_array_index (sites, i)), name))
      return g_ptr_array_index (sites, i);

  return NULL;
}

static void
kiku_site_store_dispose (GObject *object)
{
  KikuSiteStore *self = KIKU_SITE_STORE (object);

  g_ptr_array_set_size (self->sites, 0);

  G_OBJECT_CLASS (kiku_site_store_parent_class)->dispose (object);
}

static void
kiku_site_store_finalize (GObject *object)
{
  KikuSiteStore *self = KIKU_SITE_STORE (object);

  g_free (self->config_dir);
  g_ptr_array_unref (self->sites);

  G_OBJECT_CLASS (kiku_site_store_parent_class)->finalize (object);
}

static void
kiku_site_store_class_init (KikuSiteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_site_store_dispose;
  object_class->finalize = kiku_site_store_finalize;
}

static void
kiku_site_store_init (KikuSiteStore *self)
{
  self->sites = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kiku_site_store_new:
 * @config_dir: the folder holding sites.json
 *
 * An empty store of the sites in @config_dir: kiku_site_store_load()
 * reads them.
 */
KikuSiteStore *
kiku_site_store_new (const char *config_dir)
{
  KikuSiteStore *self;

  g_return_val_if_fail (config_dir != NULL, NULL);

  self = g_object_new (KIKU_TYPE_SITE_STORE, NULL);
  self->config_dir = g_strdup (config_dir);

  return self;
}

const char *
kiku_site_store_get_config_dir (KikuSiteStore *self)
{
  g_return_val_if_fail (KIKU_IS_SITE_STORE (self), NULL);
  return self->config_dir;
}

/**
 * kiku_site_store_load:
 *
 * Reads sites.json again, as kiku_sites_load() does, and replaces the
 * store's items with its sites. On an error the store is left as it was.
 */
gboolean
kiku_site_store_load (KikuSiteStore  *self,
                      GError        **error)
{
  g_autoptr(GPtrArray) sites = NULL;
  guint removed;

  g_return_val_if_fail (KIKU_IS_SITE_STORE (self), FALSE);

  if (!(sites = kiku_sites_load (self->config_dir, error)))
    return FALSE;

  removed = self->sites->len;
  g_ptr_array_unref (self->sites);
  self->sites = g_steal_pointer (&sites);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->sites->len);

  return TRUE;
}

/**
 * kiku_site_store_save:
 *
 * Writes the store's sites to sites.json, atomically.
 */
gboolean
kiku_site_store_save (KikuSiteStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (KIKU_IS_SITE_STORE (self), FALSE);

  return kiku_sites_save (self->sites, self->config_dir, error);
}

/**
 * kiku_site_store_find:
 *
 * Returns: (transfer none) (nullable): the site called @name
 */
KikuSite *
kiku_site_store_find (KikuSiteStore *self,
                      const char    *name)
{
  g_return_val_if_fail (KIKU_IS_SITE_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return kiku_sites_find (self->sites, name);
}

/**
 * kiku_site_store_add:
 *
 * Adds @site at the end, or in the place of the site with its name.
 */
void
kiku_site_store_add (KikuSiteStore *self,
                     KikuSite      *site)
{
  g_return_if_fail (KIKU_IS_SITE_STORE (self));
  g_return_if_fail (KIKU_IS_SITE (site));

  for (guint i = 0; i < self->sites->len; i++)
    {
      if (g_str_equal (kiku_site_get_name (g_ptr_array_index (self->sites, i)), kiku_site_get_name (site)))
        {
          g_object_unref (g_ptr_array_index (self->sites, i));
          g_ptr_array_index (self->sites, i) = g_object_ref (site);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          return;
        }
    }

  g_ptr_array_add (self->sites, g_object_ref (site));
  g_list_model_items_changed (G_LIST_MODEL (self), self->sites->len - 1, 0, 1);
}

/**
 * kiku_site_store_remove:
 *
 * Returns: whether there was a site called @name to remove
 */
gboolean
kiku_site_store_remove (KikuSiteStore *self,
                        const char    *name)
{
  g_return_val_if_fail (KIKU_IS_SITE_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->sites->len; i++)
    {
      if (g_str_equal (kiku_site_get_name (g_ptr_array_index (self->sites, i)), name))
        {
          g_ptr_array_remove_index (self->sites, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * kiku_site_store_replace:
 * @name: the name of the site to replace
 *
 * Puts @site in the place of the site called @name, which it may rename.
 *
 * Returns: whether there was a site called @name
 */
gboolean
kiku_site_store_replace (KikuSiteStore *self,
                         const char    *name,
                         KikuSite      *site)
{
  g_return_val_if_fail (KIKU_IS_SITE_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (KIKU_IS_SITE (site), FALSE);

  for (guint i = 0; i < self->sites->len; i++)
    {
      if (g_str_equal (kiku_site_get_name (g_ptr_array_index (self->sites, i)), name))
        {
          g_object_unref (g_ptr_array_index (self->sites, i));
          g_ptr_array_index (self->sites, i) = g_object_ref (site);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          return TRUE;
        }
    }

  return FALSE;
}
