/* kiku-image.c: an image with a caption and a credit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-image"

#include "config.h"

#include "kiku-core-private.h"
#include "kiku-image.h"
#include "kiku-article.h"

/* Its text properties and lists live in KikuNode, which reads and writes
 * them for every kind of node.
 */
struct _KikuImage
{
  KikuBlock parent_instance;
};

G_DEFINE_FINAL_TYPE (KikuImage, kiku_image, KIKU_TYPE_BLOCK)

enum {
  PROP_0,
  PROP_SRC,
  PROP_CAPTION,
  PROP_CREDIT,
  PROP_ALT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kiku_image_class_init (KikuImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  KIKU_BLOCK_CLASS (klass)->kind = "image";

  /*
   * src: the image: a path relative to the article file, or a URL
   * caption: the caption
   * credit: the credit line
   * alt: the alternative text
   */
  _kiku_node_class_add_texts (object_class, properties, PROP_SRC,
                              "src", "caption", "credit", "alt",
                              NULL);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiku_image_init (KikuImage *self)
{
}

KikuImage *
kiku_image_new (void)
{
  return g_object_new (KIKU_TYPE_IMAGE, NULL);
}

KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, src, PROP_SRC)
KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, caption, PROP_CAPTION)
KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, credit, PROP_CREDIT)
KIKU_DEFINE_TEXT_ACCESSORS (KikuImage, kiku_image, KIKU_IS_IMAGE, alt, PROP_ALT)

/*
 * _kiku_image_file_name:
 * @images: absolute path → name under images/, filled as it goes
 *
 * Where a rendered page finds the image @reference when the page is copied
 * out with its images (an export, a publish): "images/NAME", NAME being
 * the same for the same file every time, so that a second copy replaces
 * the first. Web addresses are kept as they are.
 *
 * Returns: the address, or %NULL when @reference names no local file
 */
char *
_kiku_image_file_name (GHashTable  *images,
                       KikuArticle *article,
                       const char  *reference)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *name;

  if (g_uri_peek_scheme (reference) != NULL)
    return g_strdup (reference);

  if (!(file = kiku_article_resolve_path (article, reference)) || !(path = g_file_get_path (file)))
    return NULL;

  if (!(name = g_hash_table_lookup (images, path)))
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
      char *unique = g_strdup_printf ("%.10s-%s", digest, basename);

      g_hash_table_insert (images, g_strdup (path), unique);
      name = unique;
    }

  return g_strconcat ("images/", name, NULL);
}
