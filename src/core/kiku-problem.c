/* kiku-problem.c: checking an article before it is published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-problem"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiku-article.h"
#include "kiku-comment.h"
#include "kiku-core-private.h"
#include "kiku-image.h"
#include "kiku-image-file.h"
#include "kiku-list.h"
#include "kiku-publisher.h"
#include "kiku-node.h"
#include "kiku-page.h"
#include "kiku-paragraph.h"
#include "kiku-point.h"
#include "kiku-problem.h"
#include "kiku-publish.h"
#include "kiku-section.h"
#include "kiku-source.h"

struct _KikuProblem
{
  KikuProblemKind  kind;
  char            *path;
  char            *message;
  KikuNode        *node;
  char            *property;
};

G_DEFINE_BOXED_TYPE (KikuProblem, kiku_problem, kiku_problem_copy, kiku_problem_free)

/**
 * kiku_problem_new:
 * @property: the property of @node with the problem, as the file names it
 * @message: what is wrong, in the user's language
 *
 * A problem found outside validation, such as a broken link: it is shown
 * and located like the others.
 *
 * Returns: (transfer full): the problem
 */
KikuProblem *
kiku_problem_new (KikuProblemKind  kind,
                  KikuNode        *node,
                  const char      *property,
                  const char      *message)
{
  KikuProblem *problem;
  g_autofree char *node_path = NULL;

  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  node_path = kiku_node_dup_path (node);
  problem = g_new0 (KikuProblem, 1);
  problem->kind = kind;
  problem->path = node_path[0] ? g_strdup_printf ("%s.%s", node_path, property) : g_strdup (property);
  problem->message = g_strdup (message);
  problem->node = g_object_ref (node);
  problem->property = g_strdup (property);

  return problem;
}

KikuProblem *
kiku_problem_copy (const KikuProblem *self)
{
  KikuProblem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (KikuProblem, 1);
  copy->kind = self->kind;
  copy->path = g_strdup (self->path);
  copy->message = g_strdup (self->message);
  copy->node = g_object_ref (self->node);
  copy->property = g_strdup (self->property);

  return copy;
}

void
kiku_problem_free (KikuProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->message);
  g_clear_object (&self->node);
  g_free (self->property);
  g_free (self);
}

KikuProblemKind
kiku_problem_get_kind (const KikuProblem *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kind;
}

/**
 * kiku_problem_get_path:
 *
 * Returns: the field with the problem, as the file format names it, such as
 *   "pages[0].sections[1].blocks[2].url"
 */
const char *
kiku_problem_get_path (const KikuProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

/**
 * kiku_problem_get_message:
 *
 * Returns: what is wrong, in the user's language
 */
const char *
kiku_problem_get_message (const KikuProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->message;
}

/**
 * kiku_problem_get_node:
 *
 * Returns: (transfer none): the object with the problem
 */
KikuNode *
kiku_problem_get_node (const KikuProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->node;
}

/**
 * kiku_problem_get_property:
 *
 * Returns: the name of the property of the node that has the problem
 */
const char *
kiku_problem_get_property (const KikuProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->property;
}

/* Where a problem is, in the writer's words ----------------------------- */

/* The position of @node among the items of its own kind in its list, from 1:
 * the writer counts "the third source box", not the tenth block.
 */
static guint
ordinal_in_kind (KikuNode *node)
{
  KikuList *list = kiku_node_get_list (node);
  guint n = 0;

  if (list == NULL)
    return 1;

  for (guint i = 0; i < kiku_list_get_length (list); i++)
    {
      KikuNode *item = kiku_list_get (list, i);

      if (G_OBJECT_TYPE (item) == G_OBJECT_TYPE (node))
        n++;
      if (item == node)
        return n;
    }

  return 1;
}

/**
 * kiku_node_dup_item_name:
 *
 * Names @node as the writer sees it in the form: "Page 2", "Section 1",
 * "Source box 3" (the third source box of its section), "Point 2".
 *
 * Returns: (transfer full) (nullable): the name, translated; %NULL for the
 *   article itself
 */
char *
kiku_node_dup_item_name (KikuNode *node)
{
  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);

  if (KIKU_IS_ARTICLE (node))
    return NULL;

  {
    KikuList *list = kiku_node_get_list (node);
    guint n = ordinal_in_kind (node);

    if (KIKU_IS_PAGE (node))
      /* Translators: a page of the article, counted from 1 */
      return g_strdup_printf (_("Page %u"), n);
    if (KIKU_IS_SECTION (node))
      /* Translators: a section of a page, counted from 1 */
      return g_strdup_printf (_("Section %u"), n);
    if (KIKU_IS_PARAGRAPH (node))
      /* Translators: the nth paragraph of a section */
      return g_strdup_printf (_("Paragraph %u"), n);
    if (KIKU_IS_SOURCE (node))
      /* Translators: the nth source box of a section */
      return g_strdup_printf (_("Source box %u"), n);
    if (KIKU_IS_COMMENT (node))
      /* Translators: the nth persona comment of a section */
      return g_strdup_printf (_("Persona comment %u"), n);
    if (KIKU_IS_IMAGE (node))
      /* Translators: the nth image of a section */
      return g_strdup_printf (_("Image %u"), n);
    if (KIKU_IS_POINT (node) && list != NULL && KIKU_IS_ARTICLE (kiku_list_get_owner (list)))
      /* Translators: the nth of the article's key points */
      return g_strdup_printf (_("Key point %u"), n);
    if (KIKU_IS_POINT (node))
      /* Translators: the nth point of a source box */
      return g_strdup_printf (_("Point %u"), n);
  }

  return NULL;
}

/* The label the form shows for a property with a problem. */
static const char *
property_label (KikuNode   *node,
                const char *property)
{
  if (property == NULL)
    return NULL;

  if (g_str_equal (property, "title"))
    return KIKU_IS_ARTICLE (node) ? _("Headline") : _("Title");
  if (g_str_equal (property, "subtitle"))
    return _("Deck");
  if (g_str_equal (property, "summary"))
    return _("Lead");
  if (g_str_equal (property, "slug"))
    return _("Slug");
  if (g_str_equal (property, "published"))
    return _("Published");
  if (g_str_equal (property, "updated"))
    return _("Updated");
  if (g_str_equal (property, "url"))
    return _("URL");
  if (g_str_equal (property, "image"))
    return _("Image");
  if (g_str_equal (property, "src"))
    return _("File or Web Address");
  if (g_str_equal (property, "heading"))
    return _("Heading");
  if (g_str_equal (property, "text"))
    return _("Text");
  if (g_str_equal (property, "author"))
    return _("Author");

  return property;
}

/**
 * kiku_node_dup_location:
 * @property: (nullable): a property of @node
 *
 * Says where @property of @node is as the writer finds it in the form:
 * "Page 1 › Section 2 › Source box 3 › URL", or "Headline" for the article's
 * own fields.
 *
 * Returns: (transfer full): the location, translated
 */
char *
kiku_node_dup_location (KikuNode   *node,
                        const char *property)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *location = g_string_new (NULL);
  const char *label;

  g_return_val_if_fail (KIKU_IS_NODE (node), NULL);

  for (KikuNode *n = node; n != NULL; n = kiku_node_get_parent (n))
    {
      char *name = kiku_node_dup_item_name (n);

      if (name != NULL)
        g_ptr_array_insert (parts, 0, name);
    }

  if ((label = property_label (node, property)) != NULL)
    g_ptr_array_add (parts, g_strdup (label));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: between the steps of a location, "Page 1 › Section 2" */
        g_string_append (location, _(" › "));
      g_string_append (location, g_ptr_array_index (parts, i));
    }

  return g_string_free (location, FALSE);
}

/**
 * kiku_problem_dup_location:
 *
 * Returns: (transfer full): where the problem is, in the writer's words,
 *   such as "Page 1 › Section 1 › Source box 3 › URL"
 */
char *
kiku_problem_dup_location (const KikuProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kiku_node_dup_location (self->node, self->property);
}

/* Dates are "YYYY-MM-DD" or a full ISO 8601 date and time. */
GDateTime *
_kiku_parse_date (const char *text,
                  gboolean   *date_only)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  static const char shape[] = "dddd-dd-dd";

  if (text == NULL)
    return NULL;

  if (strlen (text) == strlen (shape))
    {
      gboolean matches = TRUE;
      guint year, month, day;

      for (guint i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
          matches = FALSE;

      if (matches)
        {
          year = g_ascii_strtoull (text, NULL, 10);
          month = g_ascii_strtoull (text + 5, NULL, 10);
          day = g_ascii_strtoull (text + 8, NULL, 10);

          if (date_only)
            *date_only = TRUE;
          if (year < 1 || !g_date_valid_dmy (day, month, year))
            return NULL;
          return g_date_time_new (local, year, month, day, 0, 0, 0);
        }
    }

  if (date_only)
    *date_only = FALSE;

  return g_date_time_new_from_iso8601 (text, local);
}

typedef struct
{
  KikuArticle   *article;
  KikuSite      *site;         /* where it goes, or NULL when not yet known */
  GPtrArray     *problems;
  GDateTime     *now;
  KikuImageCheck check_image;
  gpointer       check_image_data;
} Check;

static void
add_problem (Check           *check,
             KikuProblemKind  kind,
             KikuNode        *node,
             const char      *property,
             const char      *key,
             const char      *message)
{
  KikuProblem *problem = g_new0 (KikuProblem, 1);
  g_autofree char *node_path = kiku_node_dup_path (node);

  problem->kind = kind;
  problem->path = node_path[0] ? g_strdup_printf ("%s.%s", node_path, key) : g_strdup (key);
  problem->message = g_strdup (message);
  problem->node = g_object_ref (node);
  problem->property = g_strdup (property);

  g_ptr_array_add (check->problems, problem);
}

/* Spaces alone say nothing to a reader either. */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
is_web_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || (scheme = g_uri_get_scheme (uri)) == NULL)
    return FALSE;

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

static void
check_date (Check      *check,
            KikuNode   *node,
            const char *property,
            const char *key,
            const char *value,
            gboolean    past_only)
{
  g_autoptr(GDateTime) date = NULL;

  if (value == NULL)
    return;

  if (!(date = _kiku_parse_date (value, NULL)))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a real date; write it as YYYY-MM-DD"), value);
      add_problem (check, KIKU_PROBLEM_BAD_DATE, node, property, key, message);
    }
  else if (past_only && g_date_time_compare (date, check->now) > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s is in the future"), value);
      add_problem (check, KIKU_PROBLEM_FUTURE_DATE, node, property, key, message);
    }
}

static void
check_url (Check      *check,
           KikuNode   *node,
           const char *property,
           const char *key,
           const char *value)
{
  if (value != NULL && !is_web_url (value))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a web address starting with http:// or https://"), value);
      add_problem (check, KIKU_PROBLEM_BAD_URL, node, property, key, message);
    }
}

/* An image is a URL, or a file the article may use (see kiku-image-file.c). */
static void
check_image_of (Check      *check,
                KikuNode   *node,
                const char *property,
                const char *key,
                const char *value)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return;

  if (!g_path_is_absolute (value) && g_uri_peek_scheme (value) != NULL)
    {
      check_url (check, node, property, key, value);
      return;
    }

  if (!check->check_image (check->article, value, &error, check->check_image_data))
    add_problem (check,
                 g_error_matches (error, KIKU_IMAGE_ERROR, KIKU_IMAGE_ERROR_MISSING)
                   ? KIKU_PROBLEM_MISSING_FILE : KIKU_PROBLEM_BAD_IMAGE,
                 node, property, key, error ? error->message : _("This image cannot be used"));
}

/* The blocks' own fields; the article's are checked before the walk. */
static KikuWalk
check_node (KikuNode *node,
            guint     depth,
            gpointer  user_data)
{
  Check *check = user_data;

  if (KIKU_IS_SOURCE (node))
    {
      KikuSource *source = KIKU_SOURCE (node);

      if (kiku_source_get_url (source) == NULL)
        add_problem (check, KIKU_PROBLEM_MISSING_URL, node, "url", "url",
                     _("The source box has no URL"));
      else
        check_url (check, node, "url", "url", kiku_source_get_url (source));

      check_date (check, node, "published", "published", kiku_source_get_published (source), TRUE);
      check_image_of (check, node, "image", "image", kiku_source_get_image (source));
    }
  else if (KIKU_IS_SECTION (node))
    {
      KikuSection *section = KIKU_SECTION (node);

      if (is_blank (kiku_section_get_heading (section)))
        add_problem (check, KIKU_PROBLEM_EMPTY_FIELD, node, "heading", "heading",
                     _("The section has no heading"));
      if (kiku_list_get_length (kiku_section_get_blocks (section)) == 0)
        add_problem (check, KIKU_PROBLEM_EMPTY_FIELD, node, NULL, "blocks",
                     _("The section is empty: write a paragraph in it, or remove it"));
    }
  else if (KIKU_IS_COMMENT (node))
    {
      if (is_blank (kiku_comment_get_text (KIKU_COMMENT (node))))
        add_problem (check, KIKU_PROBLEM_EMPTY_FIELD, node, "text", "text",
                     _("The comment says nothing yet"));
    }
  else if (KIKU_IS_IMAGE (node))
    {
      KikuImage *image = KIKU_IMAGE (node);

      if (kiku_image_get_src (image) == NULL)
        add_problem (check, KIKU_PROBLEM_EMPTY_FIELD, node, "src", "src",
                     _("The image has no file or web address"));
      else
        check_image_of (check, node, "src", "src", kiku_image_get_src (image));
    }

  /* Nothing below a block is checked. */
  return KIKU_IS_BLOCK (node) ? KIKU_WALK_SKIP : KIKU_WALK_CONTINUE;
}

/**
 * kiku_article_validate:
 *
 * Lists what a user should fix before publishing. A draft with problems can
 * still be saved and opened: these are not errors of the file.
 *
 * Returns: (transfer container) (element-type KikuProblem): the problems,
 *   in the order of the article
 */
static gboolean
check_image_now (KikuArticle  *article,
                 const char   *reference,
                 GError      **error,
                 gpointer      user_data)
{
  return kiku_article_check_image (article, reference, NULL, error);
}

GPtrArray *
kiku_article_validate (KikuArticle *article)
{
  return kiku_article_validate_with (article, check_image_now, NULL);
}

/**
 * kiku_article_validate_with:
 * @check_image: says whether a local image may be used
 *
 * Like kiku_article_validate(), asking @check_image about local images
 * instead of the disk: an editor answers from a cache it fills in the
 * background, so that checking never waits for the disk.
 *
 * Returns: (transfer container) (element-type KikuProblem): the problems
 */
GPtrArray *
kiku_article_validate_with (KikuArticle   *article,
                            KikuImageCheck check_image,
                            gpointer       user_data)
{
  return kiku_article_validate_for_site (article, NULL, check_image, user_data);
}

/* What the site makes of the article's own fields: a page address from the
 * slug, a byline from the author.
 */
static void
check_for_site (Check *check)
{
  KikuPublisherFeatures features = kiku_site_get_features (check->site);
  KikuNode *node = KIKU_NODE (check->article);

  if ((features & KIKU_PUBLISHER_NEEDS_SLUG) && kiku_article_get_slug (check->article) == NULL)
    {
      /* Translators: %s is the site */
      g_autofree char *message = g_strdup_printf (_("The slug is empty: the article’s address on %s "
                                                    "is made from it"),
                                                  kiku_site_get_name (check->site));
      add_problem (check, KIKU_PROBLEM_EMPTY_FIELD, node, "slug", "slug", message);
    }

  if ((features & KIKU_PUBLISHER_NEEDS_AUTHOR) && is_blank (kiku_article_get_author (check->article)))
    {
      /* Translators: %s is the site */
      g_autofree char *message = g_strdup_printf (_("The author is empty: %s prints the author’s "
                                                    "name under the headline"),
                                                  kiku_site_get_name (check->site));
      add_problem (check, KIKU_PROBLEM_EMPTY_FIELD, node, "author", "author", message);
    }
}

/**
 * kiku_article_validate_for_site:
 * @site: (nullable): the site the article is to go to
 * @check_image: (nullable): says whether a local image may be used; %NULL
 *   asks the disk
 *
 * Like kiku_article_validate_with(), adding what @site needs of the
 * article: a slug where the page's address is made from it, an author
 * where the pages print it.
 *
 * Returns: (transfer container) (element-type KikuProblem): the problems
 */
GPtrArray *
kiku_article_validate_for_site (KikuArticle   *article,
                                KikuSite      *site,
                                KikuImageCheck check_image,
                                gpointer       user_data)
{
  Check check = { 0 };

  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (site == NULL || KIKU_IS_SITE (site), NULL);

  if (check_image == NULL)
    check_image = check_image_now;

  check.check_image = check_image;
  check.check_image_data = user_data;
  check.article = article;
  check.site = site;
  check.problems = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_problem_free);
  check.now = g_date_time_new_now_local ();

  if (kiku_article_get_title (article) == NULL)
    add_problem (&check, KIKU_PROBLEM_EMPTY_FIELD, KIKU_NODE (article), "title", "title",
                 _("The headline is empty"));

  /* The rule every publisher applies, so that no publish fails on it late. */
  if (kiku_article_get_slug (article) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kiku_slug_check (kiku_article_get_slug (article), &error))
        add_problem (&check, KIKU_PROBLEM_BAD_SLUG, KIKU_NODE (article), "slug", "slug", error->message);
    }

  if (site != NULL)
    check_for_site (&check);

  check_date (&check, KIKU_NODE (article), "published", "published",
              kiku_article_get_published (article), FALSE);
  check_date (&check, KIKU_NODE (article), "updated", "updated",
              kiku_article_get_updated (article), FALSE);

  kiku_node_walk (KIKU_NODE (article), check_node, &check);

  g_date_time_unref (check.now);

  return check.problems;
}
