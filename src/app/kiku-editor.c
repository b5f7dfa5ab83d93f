/* kiku-editor.c: the form that edits an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-block-card.h"
#include "kiku-editor-private.h"
#include "kiku-image-drop.h"
#include "kiku-section-card.h"

/* The article's own fields stay at the top; below them, one page of the
 * article at a time. Only the widgets of that page exist, so an article of
 * hundreds of pages opens as fast as a short one.
 */

#define TITLE_LIMIT   70
#define SUMMARY_LIMIT 160

struct _KikuEditor
{
  GtkWidget         parent_instance;

  KikuDocument     *document;
  KikuArticle      *article;
  GSettings        *settings;
  KikuFieldContext  context;

  GtkWidget        *scroller;
  GtkWidget        *content;
  GtkWidget        *page_area;
  guint             page;
  KikuCardList     *sections;   /* the cards of the page shown */

  /* Where the writer goes on after a structural edit. */
  GtkWidget        *place_card;
  KikuNode         *place_node;
  gboolean          place_focus;
  gboolean          place_top;
  GdkFrameClock    *place_clock;
  gulong            place_layout;
  guint             place_idle;

  /* "pointer:property" → its FieldRecord; the widget → the same record */
  GHashTable       *fields;
  GHashTable       *field_widgets;
  GPtrArray        *problems;
};

G_DEFINE_FINAL_TYPE (KikuEditor, kiku_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void rebuild_page (KikuEditor *self);
static void apply_problems (KikuEditor *self);

static char *
field_key (KikuNode   *node,
           const char *property)
{
  return g_strdup_printf ("%p:%s", node, property);
}

/* A field that reported itself. The form holds a weak reference on its
 * widget and drops the record when the widget goes; when the form goes
 * first, it takes the weak references back, so that no record is left
 * pointing at a form that is no more.
 */
typedef struct
{
  KikuEditor *editor;
  GtkWidget  *widget;
  KikuNode   *node;
  char       *property;
  char       *key;
} FieldRecord;

static void
field_record_free (gpointer data)
{
  FieldRecord *record = data;

  g_clear_object (&record->node);
  g_free (record->property);
  g_free (record->key);
  g_free (record);
}

static void
on_field_gone (gpointer  data,
               GObject  *where_the_widget_was)
{
  FieldRecord *record = data;
  KikuEditor *self = record->editor;

  if (g_hash_table_lookup (self->fields, record->key) == record)
    g_hash_table_remove (self->fields, record->key);
  /* Frees the record. */
  g_hash_table_remove (self->field_widgets, where_the_widget_was);
}

static void
register_field (gpointer    owner,
                KikuNode   *node,
                const char *property,
                GtkWidget  *widget)
{
  KikuEditor *self = owner;
  FieldRecord *record = g_new0 (FieldRecord, 1);
  FieldRecord *before;

  record->editor = self;
  record->widget = widget;
  record->node = g_object_ref (node);
  record->property = g_strdup (property);
  record->key = field_key (node, property);

  /* A widget reported twice keeps its first weak reference. */
  if ((before = g_hash_table_lookup (self->field_widgets, widget)) != NULL)
    {
      if (g_hash_table_lookup (self->fields, before->key) == before)
        g_hash_table_remove (self->fields, before->key);
      g_object_weak_unref (G_OBJECT (widget), on_field_gone, before);
    }

  g_hash_table_insert (self->fields, g_strdup (record->key), record);
  g_hash_table_insert (self->field_widgets, widget, record);
  g_object_weak_ref (G_OBJECT (widget), on_field_gone, record);
}

static void
forget_fields (KikuEditor *self)
{
  GHashTableIter iter;
  gpointer widget, record;

  if (self->field_widgets == NULL)
    return;

  g_hash_table_iter_init (&iter, self->field_widgets);
  while (g_hash_table_iter_next (&iter, &widget, &record))
    g_object_weak_unref (widget, on_field_gone, record);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->field_widgets, g_hash_table_unref);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static GtkWidget *
heading (const char *text,
         const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, style);

  return label;
}

/* The article's fields ----------------------------------------------------- */

static void
build_article_fields (KikuEditor *self)
{
  KikuNode *node = KIKU_NODE (self->article);
  GtkWidget *list = boxed_list ();
  GtkWidget *details = boxed_list ();

  gtk_box_append (GTK_BOX (self->content), heading (_("Article"), "title-2"));

  gtk_list_box_append (GTK_LIST_BOX (list),
                       kiku_field_entry_row (&self->context, node, "title", _("Headline"), TITLE_LIMIT));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       kiku_field_entry_row (&self->context, node, "subtitle", _("Deck"), 0));
  gtk_box_append (GTK_BOX (self->content), list);

  gtk_box_append (GTK_BOX (self->content),
                  kiku_field_text_view (&self->context, node, "summary", _("Lead"), SUMMARY_LIMIT));
  gtk_box_append (GTK_BOX (self->content), kiku_field_keywords (&self->context, self->article));
  gtk_box_append (GTK_BOX (self->content),
                  kiku_field_points (&self->context, kiku_article_get_key_points (self->article),
                                     _("Key Points")));
  gtk_box_append (GTK_BOX (self->content),
                  kiku_field_text_view (&self->context, node, "intro", _("Intro"), 0));

  gtk_box_append (GTK_BOX (self->content), heading (_("Details"), "heading"));
  gtk_list_box_append (GTK_LIST_BOX (details),
                       kiku_field_entry_row (&self->context, node, "author", _("Author"), 0));
  gtk_list_box_append (GTK_LIST_BOX (details),
                       kiku_field_entry_row (&self->context, node, "slug", _("Slug"), 0));
  gtk_list_box_append (GTK_LIST_BOX (details),
                       kiku_field_entry_row (&self->context, node, "published", _("Published (YYYY-MM-DD)"), 0));
  gtk_list_box_append (GTK_LIST_BOX (details),
                       kiku_field_entry_row (&self->context, node, "updated", _("Updated (YYYY-MM-DD)"), 0));
  gtk_list_box_append (GTK_LIST_BOX (details),
                       kiku_field_entry_row (&self->context, node, "language", _("Language (ja, en)"), 0));
  gtk_box_append (GTK_BOX (self->content), details);
}

/* Keeping the writer's place ------------------------------------------------- */

/* The first field of @node inside @widget, in the order they are shown. */
static GtkWidget *
first_field_in (KikuEditor *self,
                GtkWidget  *widget,
                KikuNode   *node)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FieldRecord *record = g_hash_table_lookup (self->field_widgets, child);
      GtkWidget *found;

      if (record != NULL && record->node == node)
        return child;
      if ((found = first_field_in (self, child, node)))
        return found;
    }

  return NULL;
}

/* Scrolls the form so that @card is in view, its top first, and @field in
 * it; with @at_top, the card's top goes to the top of the form. Measured in
 * the coordinates of the scrolled content, which do not change with the
 * scrolling: so the viewport's own scrolling to the focus, not yet laid
 * out, does not confuse it.
 */
static void
scroll_to_widget (KikuEditor *self,
                  GtkWidget  *card,
                  GtkWidget  *field,
                  gboolean    at_top)
{
  GtkWidget *content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller)));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double value = gtk_adjustment_get_value (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);
  const double margin = 12;
  graphene_rect_t bounds;
  double top, bottom;

  if (content == NULL || !gtk_widget_compute_bounds (card, content, &bounds))
    return;

  top = bounds.origin.y - margin;
  bottom = bounds.origin.y + bounds.size.height + margin;

  if (at_top)
    {
      gtk_adjustment_set_value (adjustment, MAX (top, 0));
      return;
    }

  /* A card taller than the window: its top, then the field. */
  if (bottom - top > page_size && field != NULL &&
      gtk_widget_compute_bounds (field, content, &bounds))
    {
      double field_bottom = bounds.origin.y + bounds.size.height + margin;

      bottom = MIN (field_bottom, top + page_size);
      if (field_bottom - top > page_size)
        top = bounds.origin.y - margin;
    }

  if (top < value)
    value = top;
  else if (bottom > value + page_size)
    value = MIN (top, bottom - page_size);
  else
    return;

  gtk_adjustment_set_value (adjustment, value);
}

/* Puts the caret at the end of @field's text, selecting nothing: a stray
 * key then adds to the text instead of replacing it.
 */
static void
focus_field_at_end (GtkWidget *field)
{
  GtkWidget *target = kiku_field_get_focus_target (field);

  if (GTK_IS_EDITABLE (target))
    {
      GtkEditable *delegate = GTK_EDITABLE (target);

      while (gtk_editable_get_delegate (delegate) != NULL)
        delegate = gtk_editable_get_delegate (delegate);

      if (GTK_IS_TEXT (delegate))
        gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate));
      else
        gtk_widget_grab_focus (target);
      gtk_editable_select_region (delegate, -1, -1);
      gtk_editable_set_position (delegate, -1);
    }
  else
    {
      gtk_widget_grab_focus (target);
    }
}

static gboolean
place_now (gpointer data)
{
  KikuEditor *self = data;
  GtkWidget *card = g_steal_pointer (&self->place_card);
  g_autoptr(KikuNode) node = g_steal_pointer (&self->place_node);

  self->place_idle = 0;

  /* The card may have gone in the meantime. */
  if (card != NULL && gtk_widget_is_ancestor (card, GTK_WIDGET (self)))
    {
      GtkWidget *field = first_field_in (self, card, node);

      if (self->place_focus)
        {
          if (field != NULL)
            focus_field_at_end (field);
          else
            gtk_widget_child_focus (card, GTK_DIR_TAB_FORWARD);
        }

      /* The card, and the field the caret is in. */
      {
        GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (card));

        scroll_to_widget (self, card,
                          focus != NULL && gtk_widget_is_ancestor (focus, card) ? focus : NULL,
                          self->place_top);
      }
    }

  g_clear_object (&card);

  return G_SOURCE_REMOVE;
}

static void
stop_placing (KikuEditor *self)
{
  /* A frame clock that went with its window has dropped the handler. */
  if (self->place_layout != 0 && g_signal_handler_is_connected (self->place_clock, self->place_layout))
    g_signal_handler_disconnect (self->place_clock, self->place_layout);
  self->place_layout = 0;
  g_clear_object (&self->place_clock);
  g_clear_handle_id (&self->place_idle, g_source_remove);
}

/* In the frame after the change, once GTK has laid the card out and before
 * anything is painted: the card appears where the writer will see it, in
 * one frame. (The scroll and the focus ask for another layout, which the
 * frame clock runs before painting.)
 */
static void
place_on_layout (GdkFrameClock *clock,
                 KikuEditor    *self)
{
  g_signal_handler_disconnect (self->place_clock, self->place_layout);
  self->place_layout = 0;
  g_clear_object (&self->place_clock);

  place_now (self);
}

/* After a structural edit, and its undo and redo: @card is scrolled into
 * view (its top to the top of the form if @at_top), and the focus put in
 * the first field of @node in it if @focus_field (else it stays where it
 * is, in the card).
 */
static void
keep_place_full (KikuEditor *self,
                 GtkWidget  *card,
                 KikuNode   *node,
                 gboolean    focus_field,
                 gboolean    at_top)
{
  g_set_object (&self->place_card, card);
  g_set_object (&self->place_node, node);
  self->place_focus = focus_field;
  self->place_top = at_top;

  if (self->place_layout != 0 || self->place_idle != 0)
    return;

  self->place_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (self->place_clock != NULL)
    {
      g_object_ref (self->place_clock);
      self->place_layout = g_signal_connect_after (self->place_clock, "layout",
                                                   G_CALLBACK (place_on_layout), self);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  else
    {
      /* Not on screen yet: once it is. */
      self->place_idle = g_idle_add_full (G_PRIORITY_DEFAULT, place_now, self, NULL);
    }
}

static void
keep_place (KikuEditor *self,
            GtkWidget  *card,
            KikuNode   *node,
            gboolean    focus_field)
{
  keep_place_full (self, card, node, focus_field, FALSE);
}

/* Lists of cards ------------------------------------------------------------ */

/* The cards of one list of the model (the blocks of a section, the sections
 * of the page), in a box after @anchor. They follow the list by its deltas:
 * a card is made for an item that arrives, removed with an item that
 * leaves, and kept for an item that moves (a move is a remove and an add of
 * the same object), so that its source views keep their text, caret and
 * scroll. Nothing else is touched.
 */

struct _KikuCardList
{
  KikuEditor  *editor;
  KikuList    *model;
  GtkWidget   *box;
  GtkWidget   *anchor;    /* the child the first card follows, or NULL */
  KikuCardFactory create;
  KikuCardPlaced  placed;
  gpointer     data;
  GPtrArray   *items;     /* of the model, each with a reference */
  GPtrArray   *cards;     /* in the same order; the box owns them */
};

typedef struct _KikuCardList CardList;

static void
card_list_placed (CardList *list)
{
  if (list->placed == NULL)
    return;

  for (guint i = 0; i < list->cards->len; i++)
    list->placed (list->data, g_ptr_array_index (list->cards, i), i, list->cards->len);
}

static gboolean
is_button (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
      return TRUE;

  return FALSE;
}

static void
on_card_list_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      CardList   *list)
{
  g_autoptr(GHashTable) leaving = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) new_items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_cards = g_ptr_array_new ();
  GtkWidget *created = NULL;
  KikuNode *created_item = NULL;
  int first_gone = -1;
  int first_diff = -1, last_diff = -1;

  for (guint i = 0; i < removed; i++)
    g_hash_table_insert (leaving, g_ptr_array_index (list->items, position + i),
                         g_ptr_array_index (list->cards, position + i));

  for (guint i = 0; i < added; i++)
    {
      KikuNode *item = kiku_list_get (list->model, position + i);
      GtkWidget *card = g_hash_table_lookup (leaving, item);

      if (card != NULL)
        {
          g_hash_table_remove (leaving, item);
        }
      else
        {
          card = list->create (list->data, item);
          if (created == NULL)
            {
              created = card;
              created_item = item;
            }
        }

      g_ptr_array_add (new_items, g_object_ref (item));
      g_ptr_array_add (new_cards, card);
    }

  /* Which items moved, and where the first one that left was. */
  for (guint i = 0; i < MAX (removed, added); i++)
    {
      gpointer before = i < removed ? g_ptr_array_index (list->items, position + i) : NULL;
      gpointer after = i < added ? g_ptr_array_index (new_items, i) : NULL;

      if (first_gone < 0 && before != NULL && g_hash_table_contains (leaving, before))
        first_gone = position + i;
      if (before != after && before != NULL && after != NULL &&
          !g_hash_table_contains (leaving, before))
        {
          if (first_diff < 0)
            first_diff = i;
          last_diff = i;
        }
    }

  {
    GHashTableIter iter;
    gpointer card;

    g_hash_table_iter_init (&iter, leaving);
    while (g_hash_table_iter_next (&iter, NULL, &card))
      gtk_box_remove (GTK_BOX (list->box), card);
  }

  {
    GPtrArray *old_items = g_ptr_array_new_with_free_func (g_object_unref);

    /* The items that stay in the range keep their reference through it. */
    for (guint i = 0; i < removed; i++)
      g_ptr_array_add (old_items, g_ptr_array_index (list->items, position + i));
    g_ptr_array_set_free_func (list->items, NULL);
    g_ptr_array_remove_range (list->items, position, removed);
    g_ptr_array_set_free_func (list->items, g_object_unref);
    g_ptr_array_remove_range (list->cards, position, removed);

    for (guint i = 0; i < added; i++)
      {
        g_ptr_array_insert (list->items, position + i, g_object_ref (g_ptr_array_index (new_items, i)));
        g_ptr_array_insert (list->cards, position + i, g_ptr_array_index (new_cards, i));
      }

    /* Moved items: report the one that moved, below. */
    if (first_diff >= 0)
      {
        gpointer moved;
        GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (list->box));
        GtkWidget *moved_card = NULL;

        /* One item taken out and put back elsewhere: the range shifts by
         * one around it.
         */
        if (g_ptr_array_index (new_items, first_diff) == g_ptr_array_index (old_items, last_diff))
          moved = g_ptr_array_index (new_items, first_diff);
        else
          moved = g_ptr_array_index (new_items, last_diff);

        /* Where the writer is in one of the cards that moved, that is the
         * one: the caret stays where it is.
         */
        for (int i = first_diff; focus != NULL && i <= last_diff; i++)
          {
            GtkWidget *card = g_ptr_array_index (new_cards, i);

            if (gtk_widget_is_ancestor (focus, card))
              {
                moved_card = card;
                moved = g_ptr_array_index (new_items, i);
              }
          }
        if (moved_card == NULL)
          {
            guint at = 0;

            g_ptr_array_find (new_items, moved, &at);
            moved_card = g_ptr_array_index (new_cards, at);
          }

        if (created == NULL && first_gone < 0)
          keep_place (list->editor, moved_card, moved,
                      focus == NULL || !gtk_widget_is_ancestor (focus, moved_card) || is_button (focus));
      }

    g_ptr_array_unref (old_items);
  }

  for (guint i = 0; i < added; i++)
    {
      GtkWidget *prev = position + i == 0 ? list->anchor : g_ptr_array_index (list->cards, position + i - 1);
      GtkWidget *card = g_ptr_array_index (list->cards, position + i);

      if (gtk_widget_get_parent (card) == NULL)
        gtk_box_insert_child_after (GTK_BOX (list->box), card, prev);
      else if (gtk_widget_get_prev_sibling (card) != prev)
        gtk_box_reorder_child_after (GTK_BOX (list->box), card, prev);
    }

  card_list_placed (list);

  if (created != NULL)
    {
      keep_place (list->editor, created, created_item, TRUE);
    }
  else if (first_gone >= 0 && list->cards->len > 0)
    {
      /* Something left: the writer goes on at its neighbour. */
      guint at = MIN ((guint)first_gone, list->cards->len - 1);

      keep_place (list->editor, g_ptr_array_index (list->cards, at),
                  g_ptr_array_index (list->items, at), TRUE);
    }

  apply_problems (list->editor);
}

KikuCardList *
_kiku_card_list_new (KikuEditor      *editor,
                     KikuList        *model,
                     GtkWidget       *box,
                     GtkWidget       *anchor,
                     KikuCardFactory  create,
                     KikuCardPlaced   placed,
                     gpointer         data)
{
  CardList *list = g_new0 (CardList, 1);
  GtkWidget *prev = anchor;

  list->editor = editor;
  list->model = g_object_ref (model);
  list->box = box;
  list->anchor = anchor;
  list->create = create;
  list->placed = placed;
  list->data = data;
  list->items = g_ptr_array_new_with_free_func (g_object_unref);
  list->cards = g_ptr_array_new ();

  for (guint i = 0; i < kiku_list_get_length (model); i++)
    {
      KikuNode *item = kiku_list_get (model, i);
      GtkWidget *card = create (data, item);

      gtk_box_insert_child_after (GTK_BOX (box), card, prev);
      g_ptr_array_add (list->items, g_object_ref (item));
      g_ptr_array_add (list->cards, card);
      prev = card;
    }
  card_list_placed (list);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_card_list_changed), list);

  return list;
}

/* The cards stay in their box, which goes with them. */
void
_kiku_card_list_free (KikuCardList *list)
{
  g_signal_handlers_disconnect_by_data (list->model, list);
  g_object_unref (list->model);
  g_ptr_array_unref (list->items);
  g_ptr_array_unref (list->cards);
  g_free (list);
}

/* Sections ----------------------------------------------------------------- */

static GtkWidget *
create_section_card (gpointer data,
                     gpointer item)
{
  return kiku_section_card_new (KIKU_EDITOR (data), item);
}

static void
section_placed (gpointer   data,
                GtkWidget *card,
                guint      index,
                guint      n_items)
{
  kiku_section_card_set_place (KIKU_SECTION_CARD (card), index, n_items);
}

/* Pages -------------------------------------------------------------------- */

static KikuPage *
current_page (KikuEditor *self)
{
  KikuList *pages = kiku_article_get_pages (self->article);

  if (kiku_list_get_length (pages) == 0)
    return NULL;

  return kiku_list_get (pages, MIN (self->page, kiku_list_get_length (pages) - 1));
}

static void
on_page_add_after (GtkButton  *button,
                   KikuEditor *self)
{
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  KikuList *pages = kiku_article_get_pages (self->article);

  kiku_history_begin_group (kiku_document_get_history (self->document));
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_list_insert (pages, self->page + 1, page);
  kiku_history_end_group (kiku_document_get_history (self->document));
  kiku_editor_show_page (self, self->page + 1);
}

static void
move_page (KikuEditor *self,
           int         delta)
{
  KikuList *pages = kiku_article_get_pages (self->article);
  int target = (int)self->page + delta;

  if (target < 0 || target >= (int)kiku_list_get_length (pages))
    return;

  kiku_list_move (pages, self->page, target);
  kiku_editor_show_page (self, target);
}

static void
on_page_up (GtkButton  *button,
            KikuEditor *self)
{
  move_page (self, -1);
}

static void
on_page_down (GtkButton  *button,
              KikuEditor *self)
{
  move_page (self, 1);
}

/* The Undo a toast offers after Delete Page, good until the next change. The
 * toast is dismissed in an idle: a change made by its own button comes
 * while the toast is dismissing itself.
 */
typedef struct
{
  KikuArticle *article;
  AdwToast    *toast;       /* owns this offer */
  gulong       changed_id;
  guint        dismiss_idle;
} DeleteOffer;

static void
stop_offer (DeleteOffer *offer)
{
  g_clear_handle_id (&offer->dismiss_idle, g_source_remove);
  g_clear_signal_handler (&offer->changed_id, offer->article);
}

static void
delete_offer_free (gpointer data,
                   GClosure *closure)
{
  DeleteOffer *offer = data;

  stop_offer (offer);
  g_clear_object (&offer->article);
  g_free (offer);
}

static gboolean
dismiss_offer (gpointer data)
{
  DeleteOffer *offer = data;

  offer->dismiss_idle = 0;
  stop_offer (offer);
  adw_toast_dismiss (offer->toast);

  return G_SOURCE_REMOVE;
}

static void
on_offer_outdated (KikuArticle *article,
                   KikuNode    *node,
                   GParamSpec  *pspec,
                   DeleteOffer *offer)
{
  if (offer->dismiss_idle == 0)
    offer->dismiss_idle = g_idle_add (dismiss_offer, offer);
}

static void
on_offer_dismissed (AdwToast    *toast,
                    DeleteOffer *offer)
{
  stop_offer (offer);
}

static void
on_page_delete (GtkButton  *button,
                KikuEditor *self)
{
  KikuList *pages = kiku_article_get_pages (self->article);
  g_autoptr(KikuNode) removed = NULL;
  GtkWidget *overlay;
  guint position;

  /* An article keeps at least one page. */
  if (kiku_list_get_length (pages) < 2)
    return;

  position = self->page;
  removed = kiku_list_remove (pages, position);
  kiku_editor_show_page (self, MIN (self->page, kiku_list_get_length (pages) - 1));

  /* Nothing asks first: the toast offers the page back, until the next
   * change, after which Undo would take back that change instead.
   */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      /* Translators: a toast after the writer deleted a page */
      g_autofree char *title = g_strdup_printf (_("Page %u deleted"), position + 1);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      DeleteOffer *offer = g_new0 (DeleteOffer, 1);

      offer->article = g_object_ref (self->article);
      offer->toast = toast;
      offer->changed_id = g_signal_connect (self->article, "changed", G_CALLBACK (on_offer_outdated), offer);
      g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_offer_dismissed), offer,
                             (GClosureNotify)delete_offer_free, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
on_add_section (GtkButton  *button,
                KikuEditor *self)
{
  KikuPage *page = current_page (self);
  g_autoptr(KikuSection) section = kiku_section_new ();

  kiku_list_append (kiku_page_get_sections (page), section);
}

static void
rebuild_page (KikuEditor *self)
{
  KikuList *pages = kiku_article_get_pages (self->article);
  guint n_pages = kiku_list_get_length (pages);
  KikuPage *page = current_page (self);
  GtkWidget *header, *add_section, *teaser, *child;
  g_autofree char *title = NULL;
  KikuList *sections;

  g_clear_pointer (&self->sections, _kiku_card_list_free);
  while ((child = gtk_widget_get_first_child (self->page_area)))
    gtk_box_remove (GTK_BOX (self->page_area), child);

  if (page == NULL)
    return;

  self->page = MIN (self->page, n_pages - 1);
  sections = kiku_page_get_sections (page);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  /* Translators: "Page 2 of 5" */
  title = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_box_append (GTK_BOX (header), heading (title, "title-2"));
  {
    GtkWidget *up = kiku_field_tool_button ("go-up-symbolic", _("Move Page Earlier"));
    GtkWidget *down = kiku_field_tool_button ("go-down-symbolic", _("Move Page Later"));
    GtkWidget *add = kiku_field_tool_button ("list-add-symbolic", _("Add a Page After This One"));
    GtkWidget *remove = kiku_field_tool_button ("edit-delete-symbolic", _("Delete Page"));

    gtk_widget_set_sensitive (up, self->page > 0);
    gtk_widget_set_sensitive (down, self->page + 1 < n_pages);
    gtk_widget_set_sensitive (remove, n_pages > 1);
    g_signal_connect (up, "clicked", G_CALLBACK (on_page_up), self);
    g_signal_connect (down, "clicked", G_CALLBACK (on_page_down), self);
    g_signal_connect (add, "clicked", G_CALLBACK (on_page_add_after), self);
    g_signal_connect (remove, "clicked", G_CALLBACK (on_page_delete), self);
    gtk_box_append (GTK_BOX (header), up);
    gtk_box_append (GTK_BOX (header), down);
    gtk_box_append (GTK_BOX (header), add);
    gtk_box_append (GTK_BOX (header), remove);
  }
  gtk_widget_set_margin_top (header, 24);
  gtk_box_append (GTK_BOX (self->page_area), header);

  add_section = gtk_button_new_with_mnemonic (_("Add _Section"));
  gtk_widget_set_halign (add_section, GTK_ALIGN_START);
  gtk_widget_set_margin_top (add_section, 12);
  g_signal_connect (add_section, "clicked", G_CALLBACK (on_add_section), self);
  gtk_box_append (GTK_BOX (self->page_area), add_section);

  teaser = boxed_list ();
  gtk_list_box_append (GTK_LIST_BOX (teaser),
                       kiku_field_entry_row (&self->context, KIKU_NODE (page), "teaser",
                                             _("Teaser of the Next Page"), 0));
  gtk_widget_set_margin_top (teaser, 12);
  gtk_box_append (GTK_BOX (self->page_area), teaser);

  /* The sections, between the header and the Add Section button. */
  self->sections = _kiku_card_list_new (self, sections, self->page_area, header,
                                        create_section_card, section_placed, self);

  apply_problems (self);
}

static void
on_pages_changed (KikuEditor *self)
{
  rebuild_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE]);
}

/* Problems ----------------------------------------------------------------- */

static void
clear_mark (gpointer key,
            gpointer value,
            gpointer user_data)
{
  FieldRecord *record = value;
  GtkWidget *widget = record->widget;

  if (gtk_widget_has_css_class (widget, "kiku-problem"))
    {
      gtk_widget_remove_css_class (widget, "kiku-problem");
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, NULL);
    }
}

static void
apply_problems (KikuEditor *self)
{
  g_hash_table_foreach (self->fields, clear_mark, NULL);

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      KikuProblem *problem = g_ptr_array_index (self->problems, i);
      GtkWidget *widget = kiku_editor_find_field (self, kiku_problem_get_node (problem),
                                                  kiku_problem_get_property (problem));

      if (widget != NULL)
        {
          gtk_widget_add_css_class (widget, "kiku-problem");
          gtk_widget_add_css_class (widget, "error");
          gtk_widget_set_tooltip_text (widget, kiku_problem_get_message (problem));
        }
    }
}

/* GObject ------------------------------------------------------------------ */

static void
kiku_editor_dispose (GObject *object)
{
  KikuEditor *self = (KikuEditor *)object;

  g_clear_pointer (&self->sections, _kiku_card_list_free);
  /* Before the widgets go: none of them reports back to a form that is gone. */
  forget_fields (self);
  stop_placing (self);
  g_clear_object (&self->place_card);
  g_clear_object (&self->place_node);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->context.personas, g_strfreev);
  g_clear_object (&self->context.links);
  g_clear_object (&self->document);
  g_clear_object (&self->article);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kiku_editor_parent_class)->dispose (object);
}

static void
kiku_editor_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KikuEditor *self = KIKU_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_editor_class_init (KikuEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiku_editor_dispose;
  object_class->get_property = kiku_editor_get_property;

  /* The page of the article the form shows, from 0. */
  properties [PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kiku-editor");
}

static void
kiku_editor_init (KikuEditor *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->field_widgets = g_hash_table_new_full (NULL, NULL, NULL, field_record_free);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* A scrollbar that stays, not one that appears on each scroll and fades
   * away: the form scrolls itself to every inserted, moved or restored
   * card, and each fade is a second of frames of the whole window, which
   * without a GPU keeps the processor busy for that second.
   */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (self->scroller), FALSE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->content, 24);
  gtk_widget_set_margin_bottom (self->content, 48);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 820);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
}

/**
 * kiku_editor_new:
 * @settings: (nullable): the app's settings, for the editor font and the
 *   default persona
 */
KikuEditor *
kiku_editor_new (KikuDocument *document,
                 GSettings    *settings)
{
  KikuEditor *self;

  g_return_val_if_fail (KIKU_IS_DOCUMENT (document), NULL);

  self = g_object_new (KIKU_TYPE_EDITOR, NULL);
  self->document = g_object_ref (document);
  self->article = g_object_ref (kiku_document_get_article (document));
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->context.owner = self;
  self->context.register_field = register_field;
  self->context.settings = self->settings;
  self->context.history = kiku_document_get_history (document);
  self->context.links = kiku_link_report_new ();

  build_article_fields (self);
  kiku_image_drop_attach (GTK_WIDGET (self), document);

  self->page_area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->content), self->page_area);
  rebuild_page (self);

  g_signal_connect_object (kiku_article_get_pages (self->article), "items-changed",
                           G_CALLBACK (on_pages_changed), self, G_CONNECT_SWAPPED);

  return self;
}

guint
kiku_editor_get_page (KikuEditor *self)
{
  g_return_val_if_fail (KIKU_IS_EDITOR (self), 0);

  return self->page;
}

void
kiku_editor_show_page (KikuEditor *self,
                       guint       page)
{
  g_return_if_fail (KIKU_IS_EDITOR (self));

  page = MIN (page, MAX (kiku_list_get_length (kiku_article_get_pages (self->article)), 1) - 1);
  if (page == self->page && gtk_widget_get_first_child (self->page_area) != NULL)
    return;

  self->page = page;
  rebuild_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE]);
}

/**
 * kiku_editor_find_field:
 * @property: (nullable): a property of @node, or %NULL for its first field
 *
 * Returns: (transfer none) (nullable): the widget that edits @property of
 *   @node, if it is on the page shown
 */
GtkWidget *
kiku_editor_find_field (KikuEditor *self,
                        KikuNode   *node,
                        const char *property)
{
  g_autofree char *key = NULL;
  FieldRecord *record;

  g_return_val_if_fail (KIKU_IS_EDITOR (self), NULL);

  if (self->fields == NULL)
    return NULL;

  if (property != NULL)
    {
      key = field_key (node, property);
      if ((record = g_hash_table_lookup (self->fields, key)))
        return record->widget;
    }

  /* Any field of the node. */
  {
    g_autofree char *prefix = g_strdup_printf ("%p:", node);
    GHashTableIter iter;
    gpointer k, v;

    g_hash_table_iter_init (&iter, self->fields);
    while (g_hash_table_iter_next (&iter, &k, &v))
      if (g_str_has_prefix (k, prefix))
        return ((FieldRecord *)v)->widget;
  }

  return NULL;
}

/* The page an object is on, or -1 for the article's own fields. */
static int
page_of (KikuEditor *self,
         KikuNode   *node)
{
  KikuList *pages = kiku_article_get_pages (self->article);

  for (KikuNode *n = node; n != NULL; n = kiku_node_get_parent (n))
    {
      guint position;

      if (KIKU_IS_PAGE (n) && kiku_list_find (pages, n, &position))
        return position;
    }

  return -1;
}

/**
 * kiku_editor_focus_node:
 *
 * Shows the page @node is on, and puts the focus in its field.
 *
 * Returns: whether a field took the focus
 */
gboolean
kiku_editor_focus_node (KikuEditor *self,
                        KikuNode   *node,
                        const char *property)
{
  int page;
  GtkWidget *widget, *card;

  g_return_val_if_fail (KIKU_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (KIKU_IS_NODE (node), FALSE);

  if ((page = page_of (self, node)) >= 0)
    kiku_editor_show_page (self, page);

  if ((widget = kiku_editor_find_field (self, node, property)) == NULL)
    {
      /* A page: its first field, its header at the top. */
      if (KIKU_IS_PAGE (node))
        {
          gboolean focused = gtk_widget_child_focus (self->page_area, GTK_DIR_TAB_FORWARD);

          keep_place_full (self, gtk_widget_get_first_child (self->page_area), node, FALSE, TRUE);
          return focused;
        }
      return FALSE;
    }

  focus_field_at_end (widget);

  /* The card the field is in goes to the top of the form, or the field
   * itself when it is one of the article's own.
   */
  for (card = widget; card != NULL; card = gtk_widget_get_parent (card))
    if (KIKU_IS_BLOCK_CARD (card) || KIKU_IS_SECTION_CARD (card))
      break;
  keep_place_full (self, card != NULL ? card : widget, node, FALSE, TRUE);

  {
    GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

    return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
  }
}

/**
 * kiku_editor_field_at:
 * @widget: a widget in the form
 * @node: (out) (optional) (transfer none): the object its field edits
 * @property: (out) (optional) (transfer none): the property its field edits
 *
 * Finds the field @widget is part of, as the preview follows the one the
 * caret is in.
 *
 * Returns: whether @widget is in a field
 */
gboolean
kiku_editor_field_at (KikuEditor  *self,
                      GtkWidget   *widget,
                      KikuNode   **node,
                      const char **property)
{
  g_return_val_if_fail (KIKU_IS_EDITOR (self), FALSE);

  for (GtkWidget *w = widget; w != NULL && self->field_widgets != NULL; w = gtk_widget_get_parent (w))
    {
      FieldRecord *record = g_hash_table_lookup (self->field_widgets, w);

      if (record != NULL)
        {
          if (node != NULL)
            *node = record->node;
          if (property != NULL)
            *property = record->property;
          return TRUE;
        }
    }

  return FALSE;
}

KikuFieldContext *
_kiku_editor_get_context (KikuEditor *self)
{
  g_return_val_if_fail (KIKU_IS_EDITOR (self), NULL);

  return &self->context;
}

/**
 * kiku_editor_set_problems:
 * @problems: (element-type KikuProblem): what validation found
 *
 * Marks the fields with problems, with the problem as their tooltip.
 */
void
kiku_editor_set_problems (KikuEditor *self,
                          GPtrArray  *problems)
{
  g_return_if_fail (KIKU_IS_EDITOR (self));

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems ? g_ptr_array_ref (problems) : NULL;
  apply_problems (self);
}

/**
 * kiku_editor_get_link_report:
 *
 * Returns: (transfer none): what the link checks found, which the source
 *   boxes show
 */
KikuLinkReport *
kiku_editor_get_link_report (KikuEditor *self)
{
  g_return_val_if_fail (KIKU_IS_EDITOR (self), NULL);

  return self->context.links;
}

/**
 * kiku_editor_set_personas:
 * @personas: (nullable): the personas of the article's site
 *
 * The personas comments may be given, the first for a new comment; without
 * them, the default persona of the preferences.
 */
void
kiku_editor_set_personas (KikuEditor         *self,
                          const char * const *personas)
{
  g_return_if_fail (KIKU_IS_EDITOR (self));

  g_strfreev (self->context.personas);
  self->context.personas = personas && personas[0] ? g_strdupv ((char **)personas) : NULL;
}
