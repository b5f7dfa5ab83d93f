/* kiku-site.c: a place articles are published to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-publish"

#include "config.h"

#include "kiku-site.h"

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
