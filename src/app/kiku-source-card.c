/* kiku-source-card.c: the card that edits a source box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-source-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-cite-paste.h"
#include "kiku-source-card.h"

/* A source box's fields and points, and two things about the page it
 * cites: Fill from Page reads the page in the background (the writer goes
 * on typing; Stop Reading ends it) and fills the fields still empty, one
 * step to undo, then says what it filled and from where until the next
 * edit of the box; and what the last link check found at the URL, with
 * the new address to take when the page moved to another site.
 */

struct _KikuSourceCard
{
  KikuBlockCard  parent_instance;

  GCancellable  *reading;       /* while the page is read */
  gboolean       filling;       /* while the fields are filled */
  gboolean       told;          /* the label says what the last fill did */

  GtkWidget     *fields;
  GtkWidget     *url_row;
  GtkWidget     *fill_bar;
  GtkWidget     *fill_label;
  GtkWidget     *fill_cancel;
  GtkWidget     *fill_dismiss;
  GtkWidget     *link_bar;
  GtkWidget     *link_label;
  GtkWidget     *update_url_button;
};

G_DEFINE_FINAL_TYPE (KikuSourceCard, kiku_source_card, KIKU_TYPE_BLOCK_CARD)

static KikuSource *
get_source (KikuSourceCard *self)
{
  return KIKU_SOURCE (kiku_block_card_get_block (KIKU_BLOCK_CARD (self)));
}

/* What is said ------------------------------------------------------------- */

static void
say (KikuSourceCard *self,
     const char     *text,
     gboolean        error)
{
  gtk_label_set_text (GTK_LABEL (self->fill_label), text ? text : "");
  gtk_widget_set_visible (self->fill_bar, text != NULL);
  gtk_widget_set_visible (self->fill_dismiss, text != NULL && self->reading == NULL);
  if (error)
    gtk_widget_add_css_class (self->fill_label, "error");
  else
    gtk_widget_remove_css_class (self->fill_label, "error");
  self->told = text != NULL && self->reading == NULL;
}

static void
on_fill_dismiss (KikuSourceCard *self)
{
  gboolean had_focus = gtk_widget_has_focus (self->fill_dismiss);

  say (self, NULL, FALSE);
  /* The button that had the focus is gone: the URL takes it. */
  if (had_focus)
    gtk_widget_grab_focus (self->url_row);
}

static const char *
field_name (KikuCiteFields field)
{
  switch (field)
    {
    case KIKU_CITE_FIELD_TITLE:
      return C_("filled field", "title");
    case KIKU_CITE_FIELD_PUBLISHER:
      return C_("filled field", "publisher label");
    case KIKU_CITE_FIELD_DATE:
      return C_("filled field", "date");
    case KIKU_CITE_FIELD_IMAGE:
      return C_("filled field", "image");
    case KIKU_CITE_FIELD_CREDIT:
      return C_("filled field", "image credit");
    case KIKU_CITE_FIELD_URL:
      return C_("filled field", "URL");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "a", "a and b", "a, b and c" */
static char *
join_names (GPtrArray *names)
{
  char *joined = g_strdup (g_ptr_array_index (names, 0));

  for (guint i = 1; i < names->len; i++)
    {
      char *longer;

      if (i + 1 < names->len)
        /* Translators: the items of a list but the last, as in "title, date and image" */
        longer = g_strdup_printf (_("%s, %s"), joined, (char *)g_ptr_array_index (names, i));
      else
        /* Translators: the last item of a list, as in "title, date and image" */
        longer = g_strdup_printf (_("%s and %s"), joined, (char *)g_ptr_array_index (names, i));
      g_free (joined);
      joined = longer;
    }

  return joined;
}

/* "Filled title and date from JSON-LD; image from Open Graph (cached)" */
static char *
describe_fill (KikuCitation   *citation,
               KikuCiteFields  filled)
{
  static const KikuCiteFields order[] = {
    KIKU_CITE_FIELD_TITLE, KIKU_CITE_FIELD_PUBLISHER, KIKU_CITE_FIELD_DATE,
    KIKU_CITE_FIELD_IMAGE, KIKU_CITE_FIELD_CREDIT, KIKU_CITE_FIELD_URL,
  };
  g_autoptr(GPtrArray) origins = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = NULL;

  if (filled == 0)
    return g_strdup (_("Nothing to fill: the fields the page has are filled already"));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *origin;

      if (!(filled & order[i]))
        continue;
      origin = kiku_citation_get_origin (citation, order[i]);
      if (origin == NULL)
        origin = _("the page");
      if (!g_ptr_array_find_with_equal_func (origins, origin, g_str_equal, NULL))
        g_ptr_array_add (origins, (gpointer)origin);
    }

  for (guint o = 0; o < origins->len; o++)
    {
      const char *origin = g_ptr_array_index (origins, o);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          const char *its = kiku_citation_get_origin (citation, order[i]);

          if ((filled & order[i]) && g_strcmp0 (its ? its : _("the page"), origin) == 0)
            g_ptr_array_add (names, (gpointer)field_name (order[i]));
        }
      list = join_names (names);
      /* Translators: fields filled, and where on the page they were found,
       * as in "title and date from Open Graph"
       */
      g_ptr_array_add (groups, g_strdup_printf (C_("filled fields", "%s from %s"), list, origin));
    }

  all = g_strdup (g_ptr_array_index (groups, 0));
  for (guint i = 1; i < groups->len; i++)
    {
      /* Translators: two groups of fields filled from different parts of the page */
      char *longer = g_strdup_printf (_("%s; %s"), all, (char *)g_ptr_array_index (groups, i));

      g_free (all);
      all = longer;
    }

  if (kiku_citation_get_from_cache (citation))
    /* Translators: %s is what was filled from where, as in "title from Open Graph" */
    return g_strdup_printf (_("Filled %s (cached)"), all);

  /* Translators: %s is what was filled from where, as in "title from Open Graph" */
  return g_strdup_printf (_("Filled %s"), all);
}

/* Filling ------------------------------------------------------------------ */

static gboolean
is_web_address (const char *url)
{
  g_autofree char *parsed = kiku_cite_parse_url (url);

  return parsed != NULL;
}

static void
update_actions (KikuSourceCard *self)
{
  gboolean reading = self->reading != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.fill-from-page",
                                 !reading && is_web_address (kiku_source_get_url (get_source (self))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.stop-fill", reading);
  gtk_widget_set_visible (self->fill_cancel, reading);
}

static void
stop_reading (KikuSourceCard *self)
{
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
}

static void
on_cited (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KikuSourceCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuCitation) citation = kiku_citer_cite_finish (KIKU_CITER (object), result, &error);
  g_autofree char *text = NULL;
  KikuArticle *article;
  KikuCiteFields filled;

  /* Stopped, or the card went: nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reading);
  update_actions (self);

  if (citation == NULL)
    {
      say (self, error->message, TRUE);
      return;
    }

  article = kiku_node_get_article (KIKU_NODE (get_source (self)));
  if (article == NULL)
    {
      say (self, NULL, FALSE);
      return;
    }

  self->filling = TRUE;
  filled = kiku_article_fill_source (article, get_source (self), citation, &error);
  self->filling = FALSE;

  if (error != NULL && filled == 0)
    {
      say (self, error->message, TRUE);
      return;
    }

  text = describe_fill (citation, filled);
  /* What was filled, then what could not be: an article never saved has
   * no folder for the image; an image that is not one is not taken.
   */
  if (error != NULL ||
      (kiku_citation_get_image_problem (citation) != NULL && !(filled & KIKU_CITE_FIELD_IMAGE) &&
       (kiku_source_get_image (get_source (self)) == NULL || kiku_source_get_image (get_source (self))[0] == '\0')))
    {
      const char *problem = error ? error->message : kiku_citation_get_image_problem (citation);
      /* Translators: what was filled, then why something was not, as in
       * "Filled title from Open Graph. The image is not an image."
       */
      char *longer = g_strdup_printf (_("%s. %s"), text, problem);

      g_free (text);
      text = longer;
    }
  say (self, text, FALSE);
}

static void
on_fill_from_page (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KikuSourceCard *self = KIKU_SOURCE_CARD (widget);
  g_autofree char *url = kiku_cite_parse_url (kiku_source_get_url (get_source (self)));

  if (url == NULL || self->reading != NULL)
    return;

  self->reading = g_cancellable_new ();
  say (self, _("Reading the page…"), FALSE);
  update_actions (self);
  kiku_citer_cite_async (kiku_citer_get_default (), url, self->reading, on_cited, g_object_ref (self));
}

static void
on_stop_fill (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KikuSourceCard *self = KIKU_SOURCE_CARD (widget);
  gboolean had_focus = gtk_widget_has_focus (self->fill_cancel);

  stop_reading (self);
  say (self, NULL, FALSE);
  update_actions (self);
  if (had_focus)
    gtk_widget_grab_focus (self->url_row);
}

/* A box with nothing in it yet. */
static gboolean
is_empty (KikuSource *source)
{
  const char *texts[] = {
    kiku_source_get_title (source), kiku_source_get_url (source),
    kiku_source_get_publisher (source), kiku_source_get_published (source),
    kiku_source_get_image (source), kiku_source_get_image_credit (source),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && texts[i][0] != '\0')
      return FALSE;

  return TRUE;
}

/* A paste is the box's when it goes into its empty URL, or into any field
 * of a box still empty: a new box has the focus in its title.
 */
static gboolean
paste_wanted (GtkWidget *text,
              gpointer   data)
{
  KikuSourceCard *self = data;
  KikuSource *source = get_source (self);
  const char *url = kiku_source_get_url (source);

  if (gtk_widget_is_ancestor (text, self->url_row))
    return url == NULL || url[0] == '\0';

  return is_empty (source);
}

static void
on_url_pasted (GtkWidget  *text,
               const char *url,
               gpointer    data)
{
  KikuSourceCard *self = data;

  kiku_source_set_url (get_source (self), url);
  gtk_widget_activate_action (GTK_WIDGET (self), "card.fill-from-page", NULL);
}

static void
watch_paste (KikuSourceCard *self,
             GtkWidget      *row)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  if (GTK_IS_TEXT (text))
    kiku_cite_watch_paste (GTK_WIDGET (text), TRUE, paste_wanted, on_url_pasted, self);
}

/* Links -------------------------------------------------------------------- */

static const KikuLinkResult *
link_result (KikuSourceCard *self)
{
  KikuFieldContext *context = kiku_block_card_get_context (KIKU_BLOCK_CARD (self));

  if (context->links == NULL)
    return NULL;

  return kiku_link_report_lookup (context->links, kiku_source_get_url (get_source (self)));
}

static void
show_link (KikuSourceCard *self)
{
  const KikuLinkResult *result = link_result (self);
  gboolean moved = result != NULL && kiku_link_result_get_state (result) == KIKU_LINK_REDIRECTED_AWAY &&
                   kiku_link_result_get_new_url (result) != NULL;

  if (result != NULL)
    gtk_label_set_text (GTK_LABEL (self->link_label), kiku_link_result_get_message (result));
  gtk_widget_set_visible (self->link_bar, result != NULL);
  gtk_widget_set_visible (self->update_url_button, moved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.update-url", moved);
}

/* The address the page moved to, as one step to undo. */
static void
on_update_url (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KikuSourceCard *self = KIKU_SOURCE_CARD (widget);
  const KikuLinkResult *result = link_result (self);
  g_autofree char *new_url = NULL;

  if (result == NULL || kiku_link_result_get_new_url (result) == NULL)
    return;

  new_url = g_strdup (kiku_link_result_get_new_url (result));
  kiku_source_set_url (get_source (self), new_url);
  /* The button went with the problem: the focus goes on in the URL. */
  gtk_widget_grab_focus (self->url_row);
}

/* Any edit of the box ------------------------------------------------------ */

static gboolean
is_within (KikuNode *node,
           KikuNode *ancestor)
{
  for (; node != NULL; node = kiku_node_get_parent (node))
    if (node == ancestor)
      return TRUE;

  return FALSE;
}

static void
on_article_changed (KikuSourceCard *self,
                    KikuNode       *node,
                    GParamSpec     *pspec,
                    KikuArticle    *article)
{
  if (node == NULL || !is_within (node, KIKU_NODE (get_source (self))))
    return;

  /* What the last fill did is old news once the box is edited again. */
  if (self->told && !self->filling)
    say (self, NULL, FALSE);

  /* The page being read is no longer the one the box cites: what it
   * says must not land in the box.
   */
  if (node == KIKU_NODE (get_source (self)) && pspec != NULL && g_str_equal (pspec->name, "url") &&
      self->reading != NULL && !self->filling)
    {
      stop_reading (self);
      say (self, _("Stopped reading the page: the URL changed."), FALSE);
    }

  if (pspec == NULL || g_str_equal (pspec->name, "url"))
    {
      update_actions (self);
      show_link (self);
    }
}

/* GObject -------------------------------------------------------------------- */

static void
kiku_source_card_constructed (GObject *object)
{
  KikuSourceCard *self = KIKU_SOURCE_CARD (object);
  KikuBlockCard *card = KIKU_BLOCK_CARD (object);
  KikuFieldContext *context;
  KikuNode *node;
  KikuArticle *article;
  GtkWidget *image;
  const struct { const char *property; const char *title; } entries[] = {
    { "title", N_("Title") },
    { "url", N_("URL") },
    { "publisher", N_("Publisher Label") },
    { "published", N_("Published (YYYY-MM-DD)") },
  };

  G_OBJECT_CLASS (kiku_source_card_parent_class)->constructed (object);

  context = kiku_block_card_get_context (card);
  node = KIKU_NODE (kiku_block_card_get_block (card));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkWidget *row = kiku_field_entry_row (context, node, entries[i].property, _(entries[i].title), 0);

      if (g_str_equal (entries[i].property, "url"))
        {
          /* Fill from Page, beside the address it reads. */
          GtkWidget *fill = kiku_field_tool_button ("folder-download-symbolic", _("Fill from Page"));

          self->url_row = row;
          gtk_widget_set_tooltip_text (fill, _("Fill the empty fields from the page at the URL (Ctrl+Shift+L)"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (fill), "card.fill-from-page");
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), fill);
        }
      watch_paste (self, row);
      gtk_list_box_append (GTK_LIST_BOX (self->fields), row);
    }

  /* An image's address pasted is the image's, not the page's. */
  image = kiku_field_entry_row (context, node, "image", _("Image"), 0);
  kiku_block_card_add_image_chooser (card, image, "image", _("Image"));
  gtk_list_box_append (GTK_LIST_BOX (self->fields), image);
  {
    GtkWidget *credit = kiku_field_entry_row (context, node, "image-credit", _("Image Credit"), 0);

    watch_paste (self, credit);
    gtk_list_box_append (GTK_LIST_BOX (self->fields), credit);
  }

  gtk_box_append (GTK_BOX (gtk_widget_get_parent (self->fields)),
                  kiku_field_points (context, kiku_source_get_points (KIKU_SOURCE (node)), _("Points")));

  article = kiku_node_get_article (node);
  if (article != NULL)
    g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);
  if (context->links != NULL)
    g_signal_connect_object (context->links, "changed", G_CALLBACK (show_link), self, G_CONNECT_SWAPPED);

  update_actions (self);
  show_link (self);
}

static void
kiku_source_card_dispose (GObject *object)
{
  KikuSourceCard *self = KIKU_SOURCE_CARD (object);

  stop_reading (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_SOURCE_CARD);

  G_OBJECT_CLASS (kiku_source_card_parent_class)->dispose (object);
}

static void
kiku_source_card_class_init (KikuSourceCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_source_card_constructed;
  object_class->dispose = kiku_source_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-source-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, fields);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, fill_bar);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, fill_label);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, fill_cancel);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, fill_dismiss);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, link_bar);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, link_label);
  gtk_widget_class_bind_template_child (widget_class, KikuSourceCard, update_url_button);
  gtk_widget_class_bind_template_callback (widget_class, on_fill_dismiss);

  gtk_widget_class_install_action (widget_class, "card.fill-from-page", NULL, on_fill_from_page);
  gtk_widget_class_install_action (widget_class, "card.stop-fill", NULL, on_stop_fill);
  gtk_widget_class_install_action (widget_class, "card.update-url", NULL, on_update_url);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "card.fill-from-page", NULL);
}

static void
kiku_source_card_init (KikuSourceCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
