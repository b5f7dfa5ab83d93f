/* kiku-publish.c: sites, and publishing an article to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiku-core-private.h"
#include "kiku-image-file.h"
#include "kiku-publish-private.h"
#include "kiku-html-private.h"
#include "kiku-file-util.h"
#include "kiku-format.h"
#include "kiku-list.h"
#include "kiku-publish.h"
#include "kiku-renderer.h"

/* A publish is made in two halves. In the main thread, the pages are
 * rendered from the article as it is, and what was published before is
 * read from the article's record. In a worker thread, the site is written
 * to (blocking I/O is fine there). Back in the main thread, the article
 * records what succeeded: on success all of it, on failure what did get
 * there, so a retry never sends it twice.
 *
 * The record lives in the article file under "published_to", by site name:
 * {"url", "time", "hash", "images": {name: its hash, or where it went}};
 * for WebDAV "etags": {page: ETag} and "pages": {page: hash}; for
 * WordPress the post's "id", "status" and "modified_gmt". A request whose
 * answer may never come leaves a hash of what it sent ("pages_attempted":
 * {page: hash}; "attempted" for a create, "update_attempted"), so that the
 * next publish knows what it finds on the site as this article's own.
 */

G_DEFINE_QUARK (kiku-publish-error-quark, kiku_publish_error)

/* Sites -------------------------------------------------------------------- */

struct _KikuSite
{
  GObject       parent_instance;

  char         *name;
  KikuSiteKind  kind;
  char         *location;
  char         *user;
  char         *language;
  char        **labels;     /* the site's themes: keywords that are categories */
  char        **personas;   /* the bylines its editors write under */
};

G_DEFINE_FINAL_TYPE (KikuSite, kiku_site, G_TYPE_OBJECT)

static void
kiku_site_finalize (GObject *object)
{
  KikuSite *self = (KikuSite *)object;

  g_free (self->name);
  g_free (self->location);
  g_free (self->user);
  g_free (self->language);
  g_strfreev (self->labels);
  g_strfreev (self->personas);

  G_OBJECT_CLASS (kiku_site_parent_class)->finalize (object);
}

static void
kiku_site_class_init (KikuSiteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiku_site_finalize;
}

static void
kiku_site_init (KikuSite *self)
{
}

/**
 * kiku_site_new:
 * @location: the folder of a folder site, or the base URL of the others
 */
KikuSite *
kiku_site_new (const char   *name,
               KikuSiteKind  kind,
               const char   *location)
{
  KikuSite *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (KIKU_TYPE_SITE, NULL);
  self->name = g_strdup (name);
  self->kind = kind;
  self->location = g_strdup (location);

  return self;
}

const char *
kiku_site_get_name (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), NULL);
  return self->name;
}

KikuSiteKind
kiku_site_get_kind (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), 0);
  return self->kind;
}

const char *
kiku_site_get_location (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), NULL);
  return self->location;
}

const char *
kiku_site_get_user (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), NULL);
  return self->user;
}

void
kiku_site_set_user (KikuSite   *self,
                    const char *user)
{
  g_return_if_fail (KIKU_IS_SITE (self));
  g_free (self->user);
  self->user = g_strdup (user);
}

const char *
kiku_site_get_language (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), NULL);
  return self->language;
}

void
kiku_site_set_language (KikuSite   *self,
                        const char *language)
{
  g_return_if_fail (KIKU_IS_SITE (self));
  g_free (self->language);
  self->language = g_strdup (language);
}

const char * const *
kiku_site_get_labels (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), NULL);
  return (const char * const *)self->labels;
}

/**
 * kiku_site_set_labels:
 * @labels: (nullable): the site's theme labels
 *
 * An article keyword that matches one of these, ignoring case, is filed
 * under that category on a WordPress site; other keywords become tags.
 */
void
kiku_site_set_labels (KikuSite           *self,
                      const char * const *labels)
{
  g_return_if_fail (KIKU_IS_SITE (self));
  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **)labels);
}

const char * const *
kiku_site_get_personas (KikuSite *self)
{
  g_return_val_if_fail (KIKU_IS_SITE (self), NULL);
  return (const char * const *)self->personas;
}

void
kiku_site_set_personas (KikuSite           *self,
                        const char * const *personas)
{
  g_return_if_fail (KIKU_IS_SITE (self));
  g_strfreev (self->personas);
  self->personas = g_strdupv ((char **)personas);
}

/* A member that is a string, or NULL: never a warning for another kind of
 * value, as json-glib's getters give.
 */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A member that is an object, or NULL. */
static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Reading WordPress's answers ------------------------------------------------- */

/* A string member of an answer that should be an object, or NULL whatever
 * came instead.
 */
const char *
_kiku_wp_string (JsonNode   *node,
                 const char *member)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return string_member (json_node_get_object (node), member);
}

/* The "id" of an answer that should be an object, or 0. */
gint64
_kiku_wp_id (JsonNode *node)
{
  JsonNode *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !(id = json_object_get_member (json_node_get_object (node), "id")) ||
      !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (id);
}

/* The id of the term called @name in a list of terms WordPress found, or 0.
 * WordPress stores names with HTML entities escaped.
 */
gint64
_kiku_wp_term_id (JsonNode   *found,
                  const char *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  JsonArray *terms;

  if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found))
    return 0;

  terms = json_node_get_array (found);
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *term = json_array_get_element (terms, i);
      const char *stored = _kiku_wp_string (term, "name");

      if (stored != NULL && (g_str_equal (stored, name) || g_str_equal (stored, escaped)))
        return _kiku_wp_id (term);
    }

  return 0;
}

/* WordPress's answer to a request: JSON, or NULL. */
JsonNode *
_kiku_wp_parse_reply (const char *data,
                      gsize       length)
{
  if (data == NULL || length == 0 || !g_utf8_validate_len (data, length, NULL))
    return NULL;

  return _kiku_json_parse (data, length, NULL);
}

/* Whether @data opens a JSON object or array and stops before closing it:
 * an answer cut short, not one that was never JSON. Strings are followed
 * so that a bracket inside one does not count.
 */
gboolean
_kiku_wp_reply_ends_early (const char *data,
                           gsize       length)
{
  gsize depth = 0;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  gsize i = 0;

  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  if (i == length || (data[i] != '{' && data[i] != '['))
    return FALSE;

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '{' || c == '[')
        {
          depth++;
        }
      else if ((c == '}' || c == ']') && --depth == 0)
        {
          /* Closed: whatever it is, it is whole. */
          return FALSE;
        }
    }

  return TRUE;
}

/* The API's root in a Link header, with whether it is the ?rest_route=
 * form, or NULL.
 */
char *
_kiku_wp_root_from_link (const char *link,
                         gboolean   *query_style)
{
  g_auto(GStrv) links = NULL;
  char *root = NULL;

  *query_style = FALSE;
  if (link == NULL || strstr (link, "rel=\"https://api.w.org/\"") == NULL)
    return NULL;

  links = g_strsplit (link, ",", -1);
  for (guint i = 0; links[i] && root == NULL; i++)
    {
      const char *open = strchr (links[i], '<');
      const char *close = open ? strchr (open, '>') : NULL;

      if (open && close && strstr (close, "https://api.w.org/"))
        root = g_strndup (open + 1, close - open - 1);
    }

  if (root != NULL && strstr (root, "rest_route=") != NULL)
    {
      char *trimmed = g_strndup (root, strstr (root, "rest_route=") - root + strlen ("rest_route="));

      g_free (root);
      root = trimmed;
      *query_style = TRUE;
    }

  return root;
}

/* An ETag as If-Match can use it: a weak one's opaque part. */
char *
_kiku_dav_etag (const char *header)
{
  if (header == NULL)
    return NULL;

  return g_strdup (g_str_has_prefix (header, "W/") ? header + 2 : header);
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

static const char *kind_names[] = { "folder", "webdav", "wordpress" };

const char *
kiku_site_kind_to_string (KikuSiteKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
kiku_site_kind_from_string (const char   *text,
                            KikuSiteKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (text, kind_names[i]))
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
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
          !kiku_site_kind_from_string (string_member (object, "kind"), &kind) ||
          !string_member (object, "name") || !string_member (object, "location"))
        continue;

      site = kiku_site_new (string_member (object, "name"), kind, string_member (object, "location"));
      kiku_site_set_user (site, string_member (object, "user"));
      kiku_site_set_language (site, string_member (object, "language"));
      site->labels = strv_member (object, "labels");
      site->personas = strv_member (object, "personas");
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

      json_object_set_string_member (object, "name", site->name);
      json_object_set_string_member (object, "kind", kiku_site_kind_to_string (site->kind));
      json_object_set_string_member (object, "location", site->location);
      if (site->user)
        json_object_set_string_member (object, "user", site->user);
      if (site->language)
        json_object_set_string_member (object, "language", site->language);
      set_strv_member (object, "labels", site->labels);
      set_strv_member (object, "personas", site->personas);
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
    if (g_str_equal (((KikuSite *)g_ptr_array_index (sites, i))->name, name))
      return g_ptr_array_index (sites, i);

  return NULL;
}

/* Records -------------------------------------------------------------------- */

#define RECORDS "published_to"

/* A deep copy: the worker thread builds on it while the article keeps its
 * own.
 */
static JsonObject *
record_copy (JsonObject *record)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  g_autofree char *text = _kiku_json_write (node, 0);
  g_autoptr(JsonNode) copy = _kiku_json_parse (text, strlen (text), NULL);

  return copy != NULL && JSON_NODE_HOLDS_OBJECT (copy) ? json_node_dup_object (copy) : json_object_new ();
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
      !(records = object_member (extra, RECORDS)) ||
      !(record = json_object_get_member (records, site)) || !JSON_NODE_HOLDS_OBJECT (record))
    return NULL;

  return record_copy (json_node_get_object (record));
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

  if (object_member (extra, RECORDS) == NULL)
    json_object_set_object_member (extra, RECORDS, json_object_new ());

  records = json_object_get_object_member (extra, RECORDS);
  json_object_set_object_member (records, site, json_object_ref (record));

  /* Not an edit to undo, but the file must be saved to keep it. */
  _kiku_node_changed (KIKU_NODE (article), RECORDS);
}

/* Credentials --------------------------------------------------------------- */

static void
wipe_authorization (gpointer  data,
                    GObject  *message)
{
  SoupMessageHeaders *headers = data;
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  /* libsoup frees its copy without clearing it; clear it first. */
  if (value != NULL)
    memset ((char *)value, 0, strlen (value));
  soup_message_headers_unref (headers);
}

/* The Authorization header, cleared from memory with the message, like the
 * password and its base64 copy.
 */
static void
set_authorization (SoupMessage *message,
                   const char  *value)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", value);
  g_object_weak_ref (G_OBJECT (message), wipe_authorization, soup_message_headers_ref (headers));
}

/* RFC 6266: a quoted ASCII name for every client, and the real name in
 * RFC 8187's encoding; no quote, backslash or line break gets into the
 * header as it is.
 */
char *
_kiku_content_disposition (const char *filename)
{
  static const char attr_chars[] = "!#$&+-.^_`|~";
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GString) encoded = g_string_new (NULL);
  gboolean plain = TRUE;

  for (const guchar *p = (const guchar *)filename; *p; p++)
    {
      if (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\')
        g_string_append_c (ascii, *p);
      else if (*p < 0x80 || (*p & 0xC0) != 0x80)
        g_string_append_c (ascii, '_');
      if (*p >= 0x80 || *p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7F)
        plain = FALSE;

      if (g_ascii_isalnum (*p) || (*p < 0x80 && strchr (attr_chars, *p) != NULL && *p != '\0'))
        g_string_append_c (encoded, *p);
      else
        g_string_append_printf (encoded, "%%%02X", (guint)*p);
    }

  if (plain)
    return g_strdup_printf ("attachment; filename=\"%s\"", ascii->str);

  return g_strdup_printf ("attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii->str, encoded->str);
}

/* Jobs ---------------------------------------------------------------------- */

typedef struct
{
  KikuSiteKind      kind;
  char             *site;
  char             *location;
  char             *user;
  char             *password;
  char             *slug;
  char             *status;
  char             *date;
  char             *title;
  char             *excerpt;
  char             *fragment;     /* the post body, for WordPress */
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
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->site);
  g_free (job->location);
  g_free (job->user);
  if (job->password)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->slug);
  g_free (job->title);
  g_free (job->excerpt);
  g_free (job->fragment);
  g_strfreev (job->keywords);
  g_strfreev (job->labels);
  g_free (job->status);
  g_free (job->date);
  g_ptr_array_unref (job->names);
  g_ptr_array_unref (job->pages);
  g_hash_table_unref (job->images);
  g_clear_pointer (&job->access, kiku_image_access_unref);
  g_clear_pointer (&job->previous, json_object_unref);
  g_clear_pointer (&job->record, json_object_unref);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  KikuProgressFunc  func;
  gpointer          data;
  double            fraction;
  char             *message;
} Progress;

static gboolean
report_progress (gpointer user_data)
{
  Progress *progress = user_data;

  progress->func (progress->fraction, progress->message, progress->data);
  g_free (progress->message);
  g_free (progress);

  return G_SOURCE_REMOVE;
}

/* Called in the worker: the report is made in the caller's thread. */
static void
step (Job        *job,
      const char *message)
{
  Progress *progress;

  job->done++;
  if (job->progress == NULL)
    return;

  progress = g_new0 (Progress, 1);
  progress->func = job->progress;
  progress->data = job->progress_data;
  progress->fraction = job->steps ? (double)job->done / job->steps : 1.0;
  progress->message = g_strdup (message);
  g_main_context_invoke (job->context, report_progress, progress);
}

static char *
image_name_for (KikuArticle *article,
                const char  *reference,
                gpointer     user_data)
{
  Job *job = user_data;

  return _kiku_image_file_name (job->images, article, reference);
}

/**
 * kiku_slug_check:
 *
 * The one rule for slugs, which the validator and every publisher apply:
 * a slug is one part of a web address (and the name of a folder), so it
 * holds no separator (/ \\ ? # % :), no control character, is not made of
 * dots only (".", "..", "..."), starts with neither a dot nor "~", neither
 * starts nor ends with a space, and has at most %KIKU_SLUG_MAX_LENGTH bytes.
 *
 * Returns: %TRUE, or %FALSE with @error set in %KIKU_PUBLISH_ERROR saying
 *   what is wrong, in the writer's words
 */
gboolean
kiku_slug_check (const char  *slug,
                 GError     **error)
{
  gboolean dots_only = TRUE;
  gunichar first, last;

  if (slug == NULL || slug[0] == '\0')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH, _("The slug is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (slug, -1, NULL))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug is not valid text"));
      return FALSE;
    }

  if (strlen (slug) > KIKU_SLUG_MAX_LENGTH)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug is longer than %u bytes; make it shorter"), KIKU_SLUG_MAX_LENGTH);
      return FALSE;
    }

  for (const char *p = slug; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                       _("The slug holds a control character, such as a line break"));
          return FALSE;
        }

      if (c < 0x80 && strchr ("/\\?#%:", (char)c) != NULL)
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                       _("The slug may not hold “%c”, which separates the parts of a web address"),
                       (char)c);
          return FALSE;
        }

      if (c != '.')
        dots_only = FALSE;
    }

  if (dots_only)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug “%s” is only dots, which in a web address means a folder "
                     "above or this one"), slug);
      return FALSE;
    }

  if (slug[0] == '.')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug may not start with a dot, which hides a folder"));
      return FALSE;
    }

  if (slug[0] == '~')
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug may not start with “~”, which names a user’s folder on many servers"));
      return FALSE;
    }

  first = g_utf8_get_char (slug);
  last = g_utf8_get_char (g_utf8_find_prev_char (slug, slug + strlen (slug)));
  if (g_unichar_isspace (first) || g_unichar_isspace (last) ||
      g_unichar_type (first) == G_UNICODE_SPACE_SEPARATOR ||
      g_unichar_type (last) == G_UNICODE_SPACE_SEPARATOR)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
                   _("The slug may not start or end with a space"));
      return FALSE;
    }

  return TRUE;
}

/* The article's slug as it is: kiku_slug_check() refuses it before any
 * publisher uses it, rather than changing it behind the user's back.
 */
static char *
slug_for (KikuArticle *article)
{
  const char *slug = kiku_article_get_slug (article);
  g_autofree char *digest = NULL;

  if (slug != NULL)
    return g_strdup (slug);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, kiku_article_get_title (article) ?: "", -1);

  return g_strdup_printf ("article-%.8s", digest);
}

static char *
job_hash (Job *job)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < job->pages->len; i++)
    g_checksum_update (checksum, g_ptr_array_index (job->pages, i), -1);

  return g_strdup (g_checksum_get_string (checksum));
}

static JsonObject *
record_object (JsonObject *record,
               const char *member)
{
  if (object_member (record, member) == NULL)
    json_object_set_object_member (record, member, json_object_new ());

  return json_object_get_object_member (record, member);
}

static const char *
previous_string (Job        *job,
                 const char *object,
                 const char *member)
{
  JsonObject *inner;

  if (job->previous == NULL || !json_object_has_member (job->previous, object) ||
      !(inner = object_member (job->previous, object)))
    return NULL;

  return string_member (inner, member);
}

/* Only what the article may use as an image is ever read, let alone sent. */
static GBytes *
read_image (Job          *job,
            const char   *path,
            char        **hash,
            GCancellable *cancellable,
            GError      **error)
{
  GBytes *bytes;

  if (!(bytes = kiku_image_access_read (job->access, path, NULL, cancellable, error)))
    return NULL;

  *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return bytes;
}

/* The local folder ------------------------------------------------------------ */

static gboolean
outside_error (const char  *what,
               GError     **error)
{
  g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_BAD_PATH,
               _("“%s” would lie outside the site’s folder; nothing was written there"), what);
  return FALSE;
}

/* Whether @path lies inside @base, checked before anything is written
 * there: by its name, and where it exists, by where its links lead.
 */
static gboolean
check_inside_folder (const char  *base,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *canonical_base = g_canonicalize_filename (base, NULL);
  g_autofree char *canonical = g_canonicalize_filename (path, canonical_base);
  g_autofree char *prefix = g_str_has_suffix (canonical_base, "/") ? g_strdup (canonical_base)
                                                                   : g_strconcat (canonical_base, "/", NULL);
  char *real_base, *real;
  gboolean inside;

  if (!g_str_has_prefix (canonical, prefix) || canonical[strlen (prefix)] == '\0')
    return outside_error (path, error);

  /* An existing part of the path that is a link out of the site. */
  real_base = realpath (canonical_base, NULL);
  real = realpath (canonical, NULL);
  if (real == NULL)
    {
      g_autofree char *parent = g_path_get_dirname (canonical);
      real = realpath (parent, NULL);
    }
  inside = real_base == NULL || real == NULL || g_str_equal (real, real_base) ||
           (g_str_has_prefix (real, real_base) &&
            (real[strlen (real_base)] == '/' || g_str_equal (real_base, "/")));
  free (real_base);
  free (real);

  return inside ? TRUE : outside_error (path, error);
}

static gboolean
publish_to_folder (Job           *job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *dir = g_build_filename (job->location, job->slug, NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *index = NULL;
  JsonObject *sent_images = record_object (job->record, "images");
  GHashTableIter iter;
  gpointer path, name;

  if (!check_inside_folder (job->location, dir, error) || !check_inside_folder (job->location, images, error))
    return FALSE;

  if (g_mkdir_with_parents (images, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), images, g_strerror (saved_errno));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autofree char *hash = NULL;
      g_autoptr(GBytes) bytes = read_image (job, path, &hash, cancellable, error);
      g_autofree char *target_path = g_build_filename (images, name, NULL);
      g_autoptr(GFile) target = g_file_new_for_path (target_path);

      if (bytes == NULL || !check_inside_folder (images, target_path, error))
        return FALSE;

      if (g_strcmp0 (previous_string (job, "images", name), hash) != 0 || !g_file_query_exists (target, NULL))
        {
          gsize length;
          const char *data = g_bytes_get_data (bytes, &length);

          /* A copy on a site: readable by the web server, nothing more. */
          if (!kiku_write_file_atomic_with_mode (target, data, length, 0644, cancellable, error))
            return FALSE;
        }
      json_object_set_string_member (sent_images, name, hash);
      step (job, name);
    }

  for (guint i = 0; i < job->pages->len; i++)
    {
      g_autofree char *page_path = g_build_filename (dir, g_ptr_array_index (job->names, i), NULL);
      g_autoptr(GFile) page = g_file_new_for_path (page_path);
      const char *html = g_ptr_array_index (job->pages, i);

      if (!check_inside_folder (dir, page_path, error) ||
          !kiku_write_file_atomic_with_mode (page, html, strlen (html), 0644, cancellable, error))
        return FALSE;
      step (job, g_ptr_array_index (job->names, i));
    }

  index = g_build_filename (dir, "index.html", NULL);
  {
    g_autofree char *url = g_filename_to_uri (index, NULL, NULL);
    json_object_set_string_member (job->record, "url", url);
  }

  return TRUE;
}

/* WebDAV ------------------------------------------------------------------------ */

static gboolean
is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A password never crosses the network in the clear. */
static gboolean
check_secure (Job     *job,
              GError **error)
{
  g_autoptr(GUri) uri = g_uri_parse (job->location, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a web address starting with http:// or https://"), job->location);
      return FALSE;
    }

  if (job->password != NULL && g_str_equal (g_uri_get_scheme (uri), "http") && !is_loopback (uri))
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_INSECURE,
                   _("The site’s address starts with http://, so the password would cross the network "
                     "unencrypted. Use the https:// address of the site."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
status_error (guint        status,
              const char  *what,
              GError     **error)
{
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH,
                   _("The site answered 401: the user name or password was refused"));
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
                   _("The site answered 403: this user may not publish there"));
      break;
    case SOUP_STATUS_NOT_FOUND:
    case 410:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                   _("The site answered %u: “%s” is not there"), status, what);
      break;
    case SOUP_STATUS_PRECONDITION_FAILED:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT,
                   _("“%s” was changed on the site since it was last published from here; "
                     "publishing would overwrite that change"), what);
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TOO_LARGE,
                   _("“%s” is larger than the site accepts"), what);
      break;
    default:
      g_set_error (error, KIKU_PUBLISH_ERROR,
                   status >= 500 ? KIKU_PUBLISH_ERROR_SERVER : KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The site answered %u (%s) for “%s”"), status,
                   soup_status_get_phrase (status) ?: "", what);
    }

  return FALSE;
}

/* An answer that stopped short: the site acted, or may have, and a retry
 * finds out what got there.
 */
static gboolean
cut_error (const char  *what,
           GError     **error)
{
  g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK,
               /* Translators: %s is what was asked for: “the post”, a file
                * name, a tag. */
               _("The connection was cut while the site was answering for %s; try again"), what);
  return FALSE;
}

/* Whether the body is shorter than the length the server announced. When
 * the server says it closes the connection after the answer, libsoup gives
 * what came before the close as the whole body, without an error. A
 * compressed body is decoded, so its length says nothing here.
 */
static gboolean
reply_cut_short (SoupMessage *message,
                 GBytes      *reply)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0))
    return FALSE;

  return (goffset)g_bytes_get_size (reply) < soup_message_headers_get_content_length (headers);
}

static gboolean
transport_error (GError      *transport,
                 const char  *what,
                 GError     **error)
{
  if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, transport);
      return FALSE;
    }

  /* The site was reached, and its answer broke off. */
  if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      g_error_free (transport);
      return cut_error (what, error);
    }

  if (transport->domain == G_TLS_ERROR)
    g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TLS,
                 _("The site’s certificate is not to be trusted: %s"), transport->message);
  else
    g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_NETWORK,
                 _("The site could not be reached: %s"), transport->message);

  g_error_free (transport);

  return FALSE;
}

static SoupMessage *
dav_message (Job        *job,
             const char *method,
             const char *path)
{
  g_autofree char *base = g_str_has_suffix (job->location, "/") ? g_strdup (job->location)
                                                                 : g_strconcat (job->location, "/", NULL);
  g_autoptr(GString) url = g_string_new (base);
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  SoupMessage *message;

  /* Each part escaped, and none that climbs or stays: the address lies
   * inside the site's base, or there is no request (dav_send says why).
   */
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (segments[i][0] == '\0' && segments[i + 1] == NULL && i > 0)
        break;
      if (segments[i][0] == '\0' || g_str_equal (segments[i], ".") || g_str_equal (segments[i], ".."))
        {
          if (path[0] == '\0')
            break;
          return NULL;
        }
      escaped = g_uri_escape_string (segments[i], NULL, TRUE);
      g_string_append (url, escaped);
      if (segments[i + 1] != NULL)
        g_string_append_c (url, '/');
    }

  if (!g_str_has_prefix (url->str, base) || !(message = soup_message_new (method, url->str)))
    return NULL;

  if (job->user != NULL && job->password != NULL)
    {
      g_autofree char *pair = g_strconcat (job->user, ":", job->password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      set_authorization (message, header);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
      memset (header, 0, strlen (header));
    }

  return message;
}

static gboolean
dav_send (SoupSession   *session,
          SoupMessage   *message,
          GBytes        *body,
          const char    *content_type,
          const char    *what,
          gboolean       accept_exists,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;
  guint status;

  if (message == NULL)
    return outside_error (what, error);

  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  if (!(reply = soup_session_send_and_read (session, message, cancellable, &transport)))
    return transport_error (transport, what, error);

  status = soup_message_get_status (message);
  if (accept_exists && status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    return TRUE;

  return status_error (status, what, error);
}

static char *
dav_etag (SoupSession   *session,
          Job           *job,
          const char    *path,
          GCancellable  *cancellable)
{
  g_autoptr(SoupMessage) head = dav_message (job, "HEAD", path);
  g_autoptr(GBytes) reply = head ? soup_session_send_and_read (session, head, cancellable, NULL) : NULL;
  const char *etag;

  if (reply == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (head)))
    return NULL;

  etag = soup_message_headers_get_one (soup_message_get_response_headers (head), "ETag");

  /* A weak tag never matches If-Match: keep the opaque part. */
  return _kiku_dav_etag (etag);
}

/* The page at @path as the site holds it now: the hash of its bytes, and
 * its ETag header as the site wrote it, when it gave one.
 */
static gboolean
dav_fetch (SoupSession   *session,
           Job           *job,
           const char    *path,
           const char    *what,
           char         **hash,
           char         **etag,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SoupMessage) get = dav_message (job, "GET", path);
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;

  if (get == NULL)
    return outside_error (what, error);

  if (!(reply = soup_session_send_and_read (session, get, cancellable, &transport)))
    return transport_error (transport, what, error);

  if (!status_error (soup_message_get_status (get), what, error))
    return FALSE;

  if (reply_cut_short (get, reply))
    return cut_error (what, error);

  *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, reply);
  *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (get), "ETag"));

  return TRUE;
}

/* After the site refused a conditional PUT of a page (412: its ETag is not
 * the one recorded), whether the page there is this article's own all the
 * same, and then puts it: it holds what is being sent now (it is left as
 * it is, and @etag set to its ETag), what the last publish sent (Apache's
 * ETag is weak for a second after a write, so the ETag alone cannot tell),
 * or what the last try sent before its answer was lost. Anything else is
 * someone else's change, and nothing is written: @refused (transfer full)
 * is the error.
 */
static gboolean
dav_put_again (SoupSession   *session,
               Job           *job,
               const char    *target,
               const char    *page,
               GBytes        *body,
               const char    *sent,
               GError        *refused,
               char         **etag,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *found = NULL;
  g_autofree char *header = NULL;
  g_autoptr(SoupMessage) again = NULL;
  GError *local_error = NULL;

  if (!dav_fetch (session, job, target, page, &found, &header, cancellable, &local_error))
    {
      /* Not there to compare: still not known as this article's. */
      if (g_error_matches (local_error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE))
        {
          g_error_free (local_error);
          g_propagate_error (error, refused);
        }
      else
        {
          g_error_free (refused);
          g_propagate_error (error, local_error);
        }
      return FALSE;
    }

  if (g_str_equal (found, sent))
    {
      g_error_free (refused);
      *etag = _kiku_dav_etag (header);
      return TRUE;
    }

  if (g_strcmp0 (found, previous_string (job, "pages", page)) != 0 &&
      g_strcmp0 (found, previous_string (job, "pages_attempted", page)) != 0)
    {
      g_propagate_error (error, refused);
      return FALSE;
    }

  g_error_free (refused);
  again = dav_message (job, "PUT", target);

  /* Over the page just read and nothing newer, when its ETag is sure. */
  if (again != NULL && header != NULL && !g_str_has_prefix (header, "W/"))
    soup_message_headers_replace (soup_message_get_request_headers (again), "If-Match", header);

  return dav_send (session, again, body, "text/html; charset=utf-8", page, FALSE, cancellable, error);
}

static gboolean
publish_to_webdav (Job           *job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", job->timeout, "user-agent", "Kiku/" PACKAGE_VERSION, NULL);
  g_autofree char *folder = g_strconcat (job->slug, "/", NULL);
  g_autofree char *images_folder = g_strconcat (job->slug, "/images/", NULL);
  JsonObject *sent_images = record_object (job->record, "images");
  JsonObject *etags = record_object (job->record, "etags");
  GHashTableIter iter;
  gpointer path, name;

  if (!check_secure (job, error))
    return FALSE;

  /* Folders, made when they are not there yet. */
  {
    g_autoptr(SoupMessage) mkcol = dav_message (job, "MKCOL", folder);
    g_autoptr(SoupMessage) mkcol_images = dav_message (job, "MKCOL", images_folder);

    if (!dav_send (session, mkcol, NULL, NULL, folder, TRUE, cancellable, error) ||
        !dav_send (session, mkcol_images, NULL, NULL, images_folder, TRUE, cancellable, error))
      return FALSE;
  }

  /* Images: one already there with the same content is not sent again. */
  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autofree char *hash = NULL;
      g_autoptr(GBytes) bytes = read_image (job, path, &hash, cancellable, error);
      g_autofree char *target = g_strconcat (images_folder, name, NULL);
      g_autofree char *type = NULL;
      g_autofree char *mime = NULL;

      if (bytes == NULL)
        return FALSE;

      if (g_strcmp0 (previous_string (job, "images", name), hash) != 0)
        {
          g_autoptr(SoupMessage) put = dav_message (job, "PUT", target);

          type = g_content_type_guess (path, NULL, 0, NULL);
          mime = g_content_type_get_mime_type (type);
          if (!dav_send (session, put, bytes, mime, name, FALSE, cancellable, error))
            return FALSE;
        }

      json_object_set_string_member (sent_images, name, hash);
      step (job, name);
    }

  /* Pages: replaced only when they are as this article last left them,
   * which the ETag says; when it cannot, dav_put_again() looks.
   */
  for (guint i = 0; i < job->pages->len; i++)
    {
      const char *page = g_ptr_array_index (job->names, i);
      const char *html = g_ptr_array_index (job->pages, i);
      g_autofree char *target = g_strconcat (folder, page, NULL);
      g_autoptr(SoupMessage) put = dav_message (job, "PUT", target);
      g_autoptr(GBytes) body = g_bytes_new (html, strlen (html));
      const char *previous = previous_string (job, "etags", page);
      g_autofree char *etag = NULL;
      g_autofree char *sent = g_compute_checksum_for_string (G_CHECKSUM_SHA256, html, -1);
      JsonObject *attempted = record_object (job->record, "pages_attempted");
      GError *local_error = NULL;

      if (!job->overwrite && put != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (put),
                                      previous ? "If-Match" : "If-None-Match",
                                      previous ? previous : "*");

      /* If the answer never comes, the next publish knows the page as this
       * PUT leaves it.
       */
      json_object_set_string_member (attempted, page, sent);
      job->partial = TRUE;

      if (!dav_send (session, put, body, "text/html; charset=utf-8", page, FALSE, cancellable, &local_error))
        {
          if (!g_error_matches (local_error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (!dav_put_again (session, job, target, page, body, sent, local_error, &etag, cancellable, error))
            return FALSE;
        }

      if (etag == NULL)
        etag = dav_etag (session, job, target, cancellable);
      if (etag != NULL)
        json_object_set_string_member (etags, page, etag);
      json_object_set_string_member (record_object (job->record, "pages"), page, sent);
      json_object_remove_member (attempted, page);
      step (job, page);
    }
  json_object_remove_member (job->record, "pages_attempted");

  {
    g_autofree char *base = g_str_has_suffix (job->location, "/") ? g_strdup (job->location)
                                                                   : g_strconcat (job->location, "/", NULL);
    g_autofree char *url = g_strconcat (base, folder, "index.html", NULL);

    json_object_set_string_member (job->record, "url", url);
  }

  return TRUE;
}


/* WordPress --------------------------------------------------------------------- */

typedef struct
{
  SoupSession *session;
  Job         *job;
  char        *root;          /* the REST API's root */
  gboolean     query_style;   /* ?rest_route= rather than /wp-json/ */
} Wp;

static char *
wp_url (Wp         *wp,
        const char *route,
        const char *query)
{
  if (wp->query_style)
    return g_strdup_printf ("%s%s%s%s", wp->root, route, query ? "&" : "", query ? query : "");

  return g_strdup_printf ("%s%s%s%s", wp->root, route + 1, query ? "?" : "", query ? query : "");
}

/* The message WordPress gave, in its JSON error, when there is one. */
char *
_kiku_wp_error_message (GBytes *reply)
{
  gsize length = 0;
  const char *data = reply ? g_bytes_get_data (reply, &length) : NULL;
  g_autoptr(JsonNode) node = _kiku_wp_parse_reply (data, length);

  return g_strdup (_kiku_wp_string (node, "message"));
}

static JsonNode *
wp_request (Wp          *wp,
            const char  *method,
            const char  *url,
            GBytes      *body,
            const char  *content_type,
            const char  *filename,
            const char  *what,
            guint       *status_out,
            GCancellable *cancellable,
            GError     **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  GError *transport = NULL;
  JsonNode *node;
  const char *data;
  gsize length;
  guint status;

  if (message == NULL)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a web address"), url);
      return NULL;
    }

  if (wp->job->user != NULL && wp->job->password != NULL)
    {
      g_autofree char *pair = g_strconcat (wp->job->user, ":", wp->job->password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      set_authorization (message, header);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
      memset (header, 0, strlen (header));
    }

  if (filename != NULL)
    {
      g_autofree char *disposition = _kiku_content_disposition (filename);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Content-Disposition", disposition);
    }

  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  if (!(reply = soup_session_send_and_read (wp->session, message, cancellable, &transport)))
    {
      transport_error (transport, what, error);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (status_out != NULL)
    *status_out = status;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *said = _kiku_wp_error_message (reply);

      if (status == SOUP_STATUS_UNAUTHORIZED)
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_AUTH,
                     _("The site answered 401: the user name or application password was refused"));
      else if (status == SOUP_STATUS_FORBIDDEN)
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
                     _("The site answered 403: this user may not publish there (%s)"),
                     said ? said : _("no reason given"));
      else if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_TOO_LARGE,
                     _("“%s” is larger than the site’s upload limit"), what);
      else if (said != NULL)
        g_set_error (error, KIKU_PUBLISH_ERROR,
                     status >= 500 ? KIKU_PUBLISH_ERROR_SERVER
                     : status == 404 || status == 410 ? KIKU_PUBLISH_ERROR_GONE : KIKU_PUBLISH_ERROR_UNEXPECTED,
                     _("The site answered %u for %s: %s"), status, what, said);
      else
        status_error (status, what, error);
      return NULL;
    }

  data = g_bytes_get_data (reply, &length);
  if (reply_cut_short (message, reply))
    {
      cut_error (what, error);
      return NULL;
    }

  if (!(node = _kiku_wp_parse_reply (data, length)))
    {
      if (_kiku_wp_reply_ends_early (data, length))
        {
          cut_error (what, error);
          return NULL;
        }

      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("The site did not answer as WordPress does for %s (no JSON came back): is it "
                     "a WordPress site with its REST API on?"), what);
      return NULL;
    }

  return node;
}

/* The API's root, from the Link header WordPress sends, else the
 * ?rest_route= form that works without pretty permalinks.
 */
static gboolean
wp_discover (Wp            *wp,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", wp->job->location);
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *fallback = NULL;
  g_autoptr(JsonNode) index = NULL;
  GError *transport = NULL;
  const char *link;

  if (message == NULL)
    {
      g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                   _("“%s” is not a web address"), wp->job->location);
      return FALSE;
    }

  if (!(reply = soup_session_send_and_read (wp->session, message, cancellable, &transport)))
    return transport_error (transport, wp->job->location, error);

  link = soup_message_headers_get_list (soup_message_get_response_headers (message), "Link");
  if ((wp->root = _kiku_wp_root_from_link (link, &wp->query_style)))
    return TRUE;

  /* No header: try the form that needs no permalinks. */
  fallback = g_strconcat (wp->job->location, strchr (wp->job->location, '?') ? "&" : "?", "rest_route=", NULL);
  wp->root = g_steal_pointer (&fallback);
  wp->query_style = TRUE;

  {
    g_autofree char *url = wp_url (wp, "/", NULL);
    g_autoptr(GError) local_error = NULL;

    index = wp_request (wp, "GET", url, NULL, NULL, NULL, _("the API"), NULL, cancellable, &local_error);
    if (index == NULL || !JSON_NODE_HOLDS_OBJECT (index) ||
        !json_object_has_member (json_node_get_object (index), "namespaces"))
      {
        g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_UNEXPECTED,
                     _("%s does not look like a WordPress site, or its REST API is off"),
                     wp->job->location);
        return FALSE;
      }
  }

  return TRUE;
}


/* The site label a keyword names, ignoring case, or NULL. */
static const char *
find_label (char       **labels,
            const char  *keyword)
{
  g_autofree char *folded = g_utf8_casefold (keyword, -1);

  for (guint i = 0; labels && labels[i]; i++)
    {
      g_autofree char *label = g_utf8_casefold (labels[i], -1);

      if (g_strcmp0 (label, folded) == 0)
        return labels[i];
    }

  return NULL;
}

/* Finds the tag or category called @name, making it if it is missing. */
static gint64
wp_term (Wp            *wp,
         const char    *taxonomy,
         const char    *name,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, TRUE);
  g_autofree char *query = g_strdup_printf ("search=%s&per_page=100", escaped);
  g_autofree char *url = wp_url (wp, taxonomy, query);
  g_autoptr(JsonNode) found = wp_request (wp, "GET", url, NULL, NULL, NULL, name, NULL, cancellable, error);
  gint64 id;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) body_node = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *create_url = NULL;

  if (found == NULL)
    return 0;

  if ((id = _kiku_wp_term_id (found, name)) != 0)
    return id;

  json_object_set_string_member (body, "name", name);
  body_node = json_node_init_object (json_node_alloc (), body);
  text = _kiku_json_write (body_node, 0);
  bytes = g_bytes_new (text, strlen (text));
  create_url = wp_url (wp, taxonomy, NULL);
  created = wp_request (wp, "POST", create_url, bytes, "application/json", NULL, name, NULL, cancellable, error);

  return _kiku_wp_id (created);
}

/* A post's title, body and excerpt, as Kiku sends them and as WordPress
 * gives them back raw in the "edit" context.
 */
static char *
wp_post_hash (const char *title,
              const char *content,
              const char *excerpt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { title, content, excerpt };

  /* Each with its NUL, so that no two ways of cutting them hash alike. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_checksum_update (checksum, (const guchar *)parts[i], strlen (parts[i]) + 1);

  return g_strdup (g_checksum_get_string (checksum));
}

static const char *
wp_raw (JsonNode   *post,
        const char *member)
{
  JsonObject *field = JSON_NODE_HOLDS_OBJECT (post) ? object_member (json_node_get_object (post), member) : NULL;

  return field ? string_member (field, "raw") : NULL;
}

/* The hash of a post WordPress gave back in the "edit" context, as
 * wp_post_hash() makes it of what Kiku sends, or NULL.
 */
static char *
wp_stored_hash (JsonNode *post)
{
  const char *title = wp_raw (post, "title");
  const char *content = wp_raw (post, "content");
  const char *excerpt = wp_raw (post, "excerpt");

  if (title == NULL || content == NULL || excerpt == NULL)
    return NULL;

  return wp_post_hash (title, content, excerpt);
}

/* The first post with an id in a list WordPress found that holds just
 * what one of @hashes was made of, or NULL: WordPress drafts may share a
 * slug, so a post is known as this article's by what it holds, never by
 * its slug alone.
 */
JsonNode *
_kiku_wp_find_own (JsonNode           *found,
                   const char * const *hashes)
{
  JsonArray *posts;

  if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found))
    return NULL;

  posts = json_node_get_array (found);
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonNode *post = json_array_get_element (posts, i);
      g_autofree char *hash = wp_stored_hash (post);

      if (hash != NULL && g_strv_contains (hashes, hash) && _kiku_wp_id (post) != 0)
        return post;
    }

  return NULL;
}

/* Whether the post on the site is what this article's last update sent,
 * an update whose answer never came: then the post changed since the
 * record because of this article, not behind its back. (A site that
 * filters what it is sent never matches, and Kiku asks as before.)
 */
static gboolean
wp_is_own_update (Job      *job,
                  JsonNode *current)
{
  const char *sent = job->previous ? string_member (job->previous, "update_attempted") : NULL;
  g_autofree char *hash = wp_stored_hash (current);

  return sent != NULL && hash != NULL && g_str_equal (hash, sent);
}

static gboolean
publish_to_wordpress (Job           *job,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", job->timeout, "user-agent", "Kiku/" PACKAGE_VERSION, NULL);
  g_autoptr(GString) content = g_string_new (job->fragment);
  g_autoptr(JsonObject) post = json_object_new ();
  g_autoptr(JsonNode) post_node = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *post_text = NULL;
  g_autofree char *post_url = NULL;
  g_autofree char *sent = NULL;
  JsonObject *images = record_object (job->record, "images");
  JsonArray *tag_ids = json_array_new ();
  JsonArray *category_ids = json_array_new ();
  Wp wp = { session, job, NULL, FALSE };
  gint64 id = job->previous ? json_object_get_int_member_with_default (job->previous, "id", 0) : 0;
  GHashTableIter iter;
  gpointer path, name;
  gboolean ok = FALSE;

  if (!check_secure (job, error) || !wp_discover (&wp, cancellable, error))
    goto out;

  /* Images: uploaded once per content, then used from where they landed. */
  g_hash_table_iter_init (&iter, job->images);
  while (g_hash_table_iter_next (&iter, &path, &name))
    {
      g_autofree char *hash = NULL;
      g_autoptr(GBytes) bytes = read_image (job, path, &hash, cancellable, error);
      g_autofree char *placeholder = g_strconcat ("\"images/", (char *)name, "\"", NULL);
      JsonObject *known = object_member (images, name);
      g_autofree char *url = NULL;
      g_autofree char *quoted = NULL;

      if (bytes == NULL)
        goto out;

      if (known != NULL && g_strcmp0 (string_member (known, "hash"), hash) == 0)
        {
          url = g_strdup (string_member (known, "url") ?: "");
        }
      else
        {
          g_autofree char *type = g_content_type_guess (path, NULL, 0, NULL);
          g_autofree char *mime = g_content_type_get_mime_type (type);
          g_autofree char *media_url = wp_url (&wp, "/wp/v2/media", NULL);
          g_autofree char *basename = g_path_get_basename (path);
          g_autoptr(JsonNode) media = wp_request (&wp, "POST", media_url, bytes, mime, basename, basename,
                                                  NULL, cancellable, error);
          JsonObject *entry;

          if (media == NULL || !JSON_NODE_HOLDS_OBJECT (media))
            goto out;

          url = g_strdup (_kiku_wp_string (media, "source_url") ?: "");
          entry = json_object_new ();
          json_object_set_string_member (entry, "hash", hash);
          json_object_set_int_member (entry, "id", _kiku_wp_id (media));
          json_object_set_string_member (entry, "url", url);
          json_object_set_object_member (images, name, entry);
        }

      quoted = g_strconcat ("\"", url, "\"", NULL);
      g_string_replace (content, placeholder, quoted, 0);
      step (job, name);
    }

  for (guint i = 0; job->keywords && job->keywords[i]; i++)
    {
      const char *label = find_label (job->labels, job->keywords[i]);
      gint64 term;

      if (label != NULL)
        {
          term = wp_term (&wp, "/wp/v2/categories", label, cancellable, error);
          if (term == 0)
            goto out;
          json_array_add_int_element (category_ids, term);
        }
      else
        {
          term = wp_term (&wp, "/wp/v2/tags", job->keywords[i], cancellable, error);
          if (term == 0)
            goto out;
          json_array_add_int_element (tag_ids, term);
        }
    }

  json_object_set_string_member (post, "title", job->title ? job->title : "");
  json_object_set_string_member (post, "content", content->str);
  json_object_set_string_member (post, "excerpt", job->excerpt ? job->excerpt : "");
  json_object_set_string_member (post, "slug", job->slug);
  json_object_set_string_member (post, "status", job->status);
  if (job->date != NULL)
    json_object_set_string_member (post, "date", job->date);
  json_object_set_array_member (post, "tags", g_steal_pointer (&tag_ids));
  if (json_array_get_length (category_ids) > 0)
    json_object_set_array_member (post, "categories", g_steal_pointer (&category_ids));
  post_node = json_node_init_object (json_node_alloc (), post);
  post_text = _kiku_json_write (post_node, 0);
  body = g_bytes_new (post_text, strlen (post_text));

  sent = wp_post_hash (job->title ? job->title : "", content->str, job->excerpt ? job->excerpt : "");

  /* A create whose answer never came may have made the post: look for it
   * before making another one. Only a post holding what that create sent,
   * or what this one would, is this article's; another post with the slug
   * (a draft of someone else's) is left alone, and a new post made. When
   * another post had the slug, WordPress gave the new one "SLUG-2" (or
   * -3…), so those are looked at too.
   */
  if (id == 0 && job->previous && json_object_has_member (job->previous, "attempted"))
    {
      g_autofree char *escaped = g_uri_escape_string (job->slug, NULL, TRUE);
      g_autoptr(GString) query = g_string_new ("slug=");
      g_autofree char *url = NULL;
      g_autoptr(JsonNode) found = NULL;
      const char *hashes[] = { sent, string_member (job->previous, "attempted"), NULL };
      JsonNode *own;

      g_string_append (query, escaped);
      for (guint n = 2; n <= 5; n++)
        g_string_append_printf (query, ",%s-%u", escaped, n);
      g_string_append (query, "&status=publish,future,draft,pending,private&context=edit&per_page=100");
      url = wp_url (&wp, "/wp/v2/posts", query->str);
      if (!(found = wp_request (&wp, "GET", url, NULL, NULL, NULL, job->slug, NULL, cancellable, error)))
        goto out;

      own = _kiku_wp_find_own (found, hashes);
      if (own != NULL)
        {
          const char *modified = _kiku_wp_string (own, "modified_gmt");

          /* Known now as if that create had been answered. */
          id = _kiku_wp_id (own);
          json_object_set_int_member (job->record, "id", id);
          json_object_set_string_member (job->record, "url", _kiku_wp_string (own, "link") ?: "");
          json_object_set_string_member (job->record, "status", _kiku_wp_string (own, "status") ?: "");
          if (modified != NULL)
            json_object_set_string_member (job->record, "modified_gmt", modified);
          json_object_remove_member (job->record, "attempted");
          job->partial = TRUE;
        }
    }

  if (id != 0)
    {
      g_autofree char *route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
      g_autofree char *check_url = wp_url (&wp, route, "context=edit");
      g_autoptr(JsonNode) current = NULL;
      const char *recorded = string_member (job->record, "modified_gmt");
      guint status = 0;

      /* Someone may have changed it on the site since: never overwrite that
       * silently.
       */
      current = wp_request (&wp, "GET", check_url, NULL, NULL, NULL, _("the post"), &status, cancellable, error);
      /* In the bin counts as deleted. */
      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) &&
          g_strcmp0 (_kiku_wp_string (current, "status"), "trash") == 0)
        {
          g_clear_pointer (&current, json_node_unref);
          status = 410;
          g_set_error_literal (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE, "");
        }

      if (current == NULL && (status == 404 || status == 410) && job->overwrite)
        {
          /* Deleted on the site, and the user wants it back: a new post. */
          g_clear_error (error);
          id = 0;
        }
      else if (current == NULL)
        {
          if (status == 404 || status == 410)
            {
              g_clear_error (error);
              g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_GONE,
                           _("The post this article was published as was deleted from the site"));
            }
          goto out;
        }

      if (current != NULL && recorded != NULL && !job->overwrite &&
          g_strcmp0 (_kiku_wp_string (current, "modified_gmt"), recorded) != 0 &&
          !wp_is_own_update (job, current))
        {
          g_set_error (error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_CONFLICT,
                       _("The post was changed on the site since it was published from here; "
                         "publishing would overwrite that change"));
          goto out;
        }

      if (id != 0)
        post_url = wp_url (&wp, route, NULL);
    }

  /* If the answer never comes, the next publish knows the post as this
   * create or update leaves it.
   */
  if (id == 0)
    {
      post_url = wp_url (&wp, "/wp/v2/posts", NULL);
      json_object_set_string_member (job->record, "attempted", sent);
    }
  else
    {
      json_object_set_string_member (job->record, "update_attempted", sent);
    }
  job->partial = TRUE;

  answer = wp_request (&wp, "POST", post_url, body, "application/json", NULL, _("the post"), NULL, cancellable, error);
  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    goto out;

  {
    json_object_set_int_member (job->record, "id", _kiku_wp_id (answer));
    json_object_set_string_member (job->record, "url", _kiku_wp_string (answer, "link") ?: "");
    json_object_set_string_member (job->record, "modified_gmt", _kiku_wp_string (answer, "modified_gmt") ?: "");
    json_object_set_string_member (job->record, "status", _kiku_wp_string (answer, "status") ?: "");
    json_object_remove_member (job->record, "attempted");
    json_object_remove_member (job->record, "update_attempted");
  }

  step (job, job->title);

  ok = TRUE;

out:
  g_free (wp.root);
  if (tag_ids != NULL)
    json_array_unref (tag_ids);
  if (category_ids != NULL)
    json_array_unref (category_ids);

  return ok;
}

/* Publishing ----------------------------------------------------------------- */

static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (!kiku_slug_check (job->slug, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  switch (job->kind)
    {
    case KIKU_SITE_FOLDER:
      ok = publish_to_folder (job, cancellable, &error);
      break;

    case KIKU_SITE_WEBDAV:
      ok = publish_to_webdav (job, cancellable, &error);
      break;

    case KIKU_SITE_WORDPRESS:
      ok = publish_to_wordpress (job, cancellable, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *time = g_date_time_format_iso8601 (now);
      g_autofree char *hash = job_hash (job);

      json_object_set_string_member (job->record, "time", time);
      json_object_set_string_member (job->record, "hash", hash);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_error (task, error);
    }
}

/**
 * kiku_publish_async:
 * @password: (nullable): the password for the site's user
 * @options: (nullable): the status and date, for the sites that have them
 * @progress: (nullable): told how far the publish has come, in this thread
 *
 * Publishes @article to @site: its pages rendered as they are now, and its
 * local images. A second publish replaces what the first one made.
 */
void
kiku_publish_async (KikuArticle              *article,
                    KikuSite                 *site,
                    const char               *password,
                    const KikuPublishOptions *options,
                    GCancellable             *cancellable,
                    KikuProgressFunc          progress,
                    gpointer                  progress_data,
                    GAsyncReadyCallback       callback,
                    gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(KikuRenderer) renderer = kiku_renderer_new ();
  Job *job;
  guint n_pages;

  g_return_if_fail (KIKU_IS_ARTICLE (article));
  g_return_if_fail (KIKU_IS_SITE (site));

  job = g_new0 (Job, 1);
  job->kind = site->kind;
  job->site = g_strdup (site->name);
  job->location = g_strdup (site->location);
  job->user = g_strdup (site->user);
  job->password = g_strdup (password);
  job->slug = slug_for (article);
  job->status = g_strdup (options && options->status ? options->status : "draft");
  job->date = g_strdup (options ? options->date : NULL);
  job->overwrite = options ? options->overwrite : FALSE;
  job->timeout = options && options->timeout ? options->timeout : 60;
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->pages = g_ptr_array_new_with_free_func (g_free);
  job->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->access = kiku_image_access_new (article);
  job->previous = kiku_article_dup_publish_record (article, site->name);
  job->record = job->previous ? record_copy (job->previous) : json_object_new ();
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  kiku_renderer_set_image_func (renderer, image_name_for, job, NULL);
  n_pages = kiku_list_get_length (kiku_article_get_pages (article));
  for (guint i = 0; i < n_pages; i++)
    {
      g_ptr_array_add (job->names, kiku_renderer_dup_page_name (renderer, i));
      g_ptr_array_add (job->pages, kiku_renderer_render_page (renderer, article, i));
    }
  job->title = g_strdup (kiku_article_get_title (article));
  job->excerpt = _kiku_markdown_to_text (kiku_article_get_summary (article));
  job->keywords = g_strdupv ((char **)kiku_article_get_keywords (article));
  job->labels = g_strdupv (site->labels);
  if (site->kind == KIKU_SITE_WORDPRESS)
    job->fragment = kiku_renderer_render_fragment (renderer, article);
  /* A step a file; a WordPress post is one. */
  job->steps = (site->kind == KIKU_SITE_WORDPRESS ? 1 : job->pages->len) + g_hash_table_size (job->images);

  task = g_task_new (article, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_publish_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, publish_thread);
}

/**
 * kiku_publish_finish:
 *
 * Records in the article what got to the site, whether or not all of it
 * did, so that the next publish replaces it rather than adding to it.
 *
 * Returns: (transfer full): the address of the published page, or %NULL
 *   with @error set
 */
char *
kiku_publish_finish (KikuArticle   *article,
                     GAsyncResult  *result,
                     GError       **error)
{
  Job *job;

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (g_task_is_valid (result, article), NULL);

  job = g_task_get_task_data (G_TASK (result));

  /* What did succeed is recorded even after a failure; a publish that got
   * nothing there changes nothing.
   */
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      if (job->done > 0 || job->partial)
        kiku_article_set_publish_record (article, job->site, job->record);
      return NULL;
    }

  kiku_article_set_publish_record (article, job->site, job->record);

  return g_strdup (json_object_get_string_member_with_default (job->record, "url", NULL));
}

/* Checking a site ------------------------------------------------------------ */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *answer = NULL;

  if (job->kind == KIKU_SITE_FOLDER)
    {
      g_autofree char *probe = g_build_filename (job->location, ".kiku-check", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (probe);

      if (g_mkdir_with_parents (job->location, 0755) == 0 &&
          kiku_write_file_atomic (file, "", 0, cancellable, &error))
        {
          g_file_delete (file, NULL, NULL);
          answer = g_strdup_printf (_("Kiku can write into %s"), job->location);
        }
      else if (error == NULL)
        {
          int saved_errno = errno;
          g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not make the folder “%s”: %s"), job->location, g_strerror (saved_errno));
        }
    }
  else if (job->kind == KIKU_SITE_WEBDAV)
    {
      g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
      g_autoptr(SoupMessage) message = NULL;

      if (check_secure (job, &error))
        {
          message = dav_message (job, "PROPFIND", "");
          if (message != NULL)
            soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "0");
          if (dav_send (session, message, NULL, NULL, job->location, FALSE, cancellable, &error))
            answer = g_strdup (_("The WebDAV server accepted the user and password"));
        }
    }
  else
    {
      g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
      Wp wp = { session, job, NULL, FALSE };

      if (check_secure (job, &error) && wp_discover (&wp, cancellable, &error))
        {
          g_autofree char *url = wp_url (&wp, "/wp/v2/users/me", "context=edit");
          g_autoptr(JsonNode) me = wp_request (&wp, "GET", url, NULL, NULL, NULL, _("the user"), NULL, cancellable, &error);

          if (me != NULL && JSON_NODE_HOLDS_OBJECT (me))
            {
              JsonObject *caps = json_object_has_member (json_node_get_object (me), "capabilities")
                                 ? object_member (json_node_get_object (me), "capabilities") : NULL;

              if (caps != NULL && !json_object_get_boolean_member_with_default (caps, "publish_posts", FALSE))
                g_set_error (&error, KIKU_PUBLISH_ERROR, KIKU_PUBLISH_ERROR_FORBIDDEN,
                             _("WordPress knows this user, but the user may not publish posts"));
              else
                answer = g_strdup_printf (_("WordPress accepted %s"),
                                          json_object_get_string_member_with_default (json_node_get_object (me), "name", job->user));
            }
        }
      g_free (wp.root);
    }

  if (answer != NULL)
    g_task_return_pointer (task, answer, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * kiku_site_check_async:
 *
 * Tries the site with @password, changing nothing there.
 */
void
kiku_site_check_async (KikuSite            *site,
                       const char          *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (KIKU_IS_SITE (site));

  job = g_new0 (Job, 1);
  job->kind = site->kind;
  job->site = g_strdup (site->name);
  job->location = g_strdup (site->location);
  job->user = g_strdup (site->user);
  job->password = g_strdup (password);
  job->names = g_ptr_array_new ();
  job->pages = g_ptr_array_new ();
  job->images = g_hash_table_new (g_str_hash, g_str_equal);
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (site, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiku_site_check_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * kiku_site_check_finish:
 *
 * Returns: (transfer full): what the site said, for the user, or %NULL
 *   with @error set
 */
char *
kiku_site_check_finish (KikuSite      *site,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, site), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
