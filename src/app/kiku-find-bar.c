/* kiku-find-bar.c: find and replace across the whole article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-find-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-field.h"
#include "kiku-find-bar.h"

/* The bar finds in the model, not in the widgets: the form only shows one
 * page at a time. The current match is shown in its field, which takes the
 * focus with the match selected, so the writer can edit it at once.
 *
 * While the bar is open, edits anywhere in the article find again a moment
 * later, off the typing path.
 */

#define REFRESH_DELAY_MS 250

struct _KikuFindBar
{
  GtkWidget       parent_instance;

  KikuDocument   *document;
  KikuEditor     *editor;
  GPtrArray      *matches;      /* of KikuFindMatch, or NULL */
  int             current;      /* index into matches, or -1 */
  guint           refresh_source;
  GtkWidget      *return_focus; /* weak: where the focus was before opening */
  GdkFrameClock  *scroll_clock; /* bringing the match into view, once laid out */
  gulong          scroll_layout;

  GtkRevealer    *revealer;
  GtkSearchEntry *find_entry;
  GtkLabel       *count_label;
  GtkButton      *previous_button;
  GtkButton      *next_button;
  GtkToggleButton *case_toggle;
  GtkToggleButton *words_toggle;
  GtkRevealer    *replace_revealer;
  GtkEntry       *replace_entry;
  GtkButton      *replace_button;
  GtkButton      *replace_all_button;
};

G_DEFINE_FINAL_TYPE (KikuFindBar, kiku_find_bar, GTK_TYPE_WIDGET)

static const char *
get_needle (KikuFindBar *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
}

static KikuFindFlags
get_flags (KikuFindBar *self)
{
  KikuFindFlags flags = KIKU_FIND_NONE;

  if (gtk_toggle_button_get_active (self->case_toggle))
    flags |= KIKU_FIND_MATCH_CASE;
  if (gtk_toggle_button_get_active (self->words_toggle))
    flags |= KIKU_FIND_WHOLE_WORDS;

  return flags;
}

static void
update_count (KikuFindBar *self)
{
  g_autofree char *text = NULL;
  guint n = self->matches ? self->matches->len : 0;
  gboolean any = n > 0;

  if (*get_needle (self) == '\0')
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No matches"));
  else if (self->current < 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
  else
    /* Translators: the match shown, and how many there are: "3 of 12" */
    text = g_strdup_printf (_("%u of %u"), (guint)self->current + 1, n);

  gtk_label_set_text (self->count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_button), any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_all_button), any);
}

/* Finds again; the current match keeps its place in the list, which after
 * a replacement is the match that followed it.
 */
static void
refresh (KikuFindBar *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  if (self->document != NULL && *get_needle (self) != '\0')
    self->matches = kiku_find (KIKU_NODE (kiku_document_get_article (self->document)),
                               get_needle (self), get_flags (self));

  if (self->matches == NULL || self->matches->len == 0)
    self->current = -1;
  else if (self->current >= (int)self->matches->len)
    self->current = 0;

  update_count (self);
}

static gboolean
refresh_cb (gpointer data)
{
  KikuFindBar *self = data;

  self->refresh_source = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
on_article_changed (KikuFindBar *self,
                    KikuNode    *node,
                    GParamSpec  *pspec,
                    KikuArticle *article)
{
  if (!kiku_find_bar_is_open (self) || self->refresh_source != 0)
    return;

  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
select_in_field (GtkWidget     *field,
                 KikuFindMatch *match)
{
  GtkWidget *target = kiku_field_get_focus_target (field);

  if (GTK_IS_EDITABLE (target))
    {
      GtkEditable *editable = GTK_EDITABLE (target);

      while (gtk_editable_get_delegate (editable) != NULL)
        editable = gtk_editable_get_delegate (editable);

      if (GTK_IS_TEXT (editable))
        gtk_text_grab_focus_without_selecting (GTK_TEXT (editable));
      else
        gtk_widget_grab_focus (GTK_WIDGET (editable));
      gtk_editable_select_region (editable, match->start_char, match->end_char);
    }
  else if (GTK_IS_TEXT_VIEW (target))
    {
      GtkTextView *view = GTK_TEXT_VIEW (target);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter start, end;

      gtk_widget_grab_focus (target);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, match->start_char);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, match->end_char);
      gtk_text_buffer_select_range (buffer, &end, &start);
    }
}

/* The form's scrolled window around @widget: the first one that scrolls
 * up and down (the text views grow with their text).
 */
static GtkScrolledWindow *
form_scroller (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  while (scroller != NULL)
    {
      GtkPolicyType vertical;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vertical);
      if (vertical != GTK_POLICY_NEVER)
        return GTK_SCROLLED_WINDOW (scroller);
      scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW);
    }

  return NULL;
}

/* A match deep in a long text: the form scrolls to it, not only to the
 * field's card.
 */
static void
scroll_to_selection (KikuFindBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkScrolledWindow *scroller;
  GtkWidget *content;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GdkRectangle first, last;
  GtkAdjustment *adjustment;
  graphene_point_t top, bottom;
  double value, page_size;
  int x, y;

  if (!GTK_IS_TEXT_VIEW (focus) || (scroller = form_scroller (focus)) == NULL)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (scroller));
  if (content == NULL)
    return;

  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (focus), &start, &first);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (focus), &end, &last);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (focus), GTK_TEXT_WINDOW_WIDGET,
                                         first.x, first.y, &x, &y);
  if (!gtk_widget_compute_point (focus, content, &GRAPHENE_POINT_INIT (x, y), &top))
    return;
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (focus), GTK_TEXT_WINDOW_WIDGET,
                                         last.x, last.y + last.height, &x, &y);
  if (!gtk_widget_compute_point (focus, content, &GRAPHENE_POINT_INIT (x, y), &bottom))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  if (top.y >= value && bottom.y <= value + page_size)
    return;

  /* A third of the way down, with what comes before it above. */
  gtk_adjustment_set_value (adjustment, MAX (top.y - page_size / 3, 0));
}

static void
stop_scrolling (KikuFindBar *self)
{
  if (self->scroll_layout != 0 && g_signal_handler_is_connected (self->scroll_clock, self->scroll_layout))
    g_signal_handler_disconnect (self->scroll_clock, self->scroll_layout);
  self->scroll_layout = 0;
  g_clear_object (&self->scroll_clock);
}

/* In the frame that lays out the page and places the card: after the form
 * scrolled to the card, before anything is painted.
 */
static void
on_scroll_layout (GdkFrameClock *clock,
                  KikuFindBar   *self)
{
  stop_scrolling (self);
  scroll_to_selection (self);
}

static void
scroll_when_laid_out (KikuFindBar *self)
{
  stop_scrolling (self);

  if ((self->scroll_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) == NULL)
    return;

  g_object_ref (self->scroll_clock);
  self->scroll_layout = g_signal_connect_after (self->scroll_clock, "layout",
                                                G_CALLBACK (on_scroll_layout), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
show_current (KikuFindBar *self)
{
  KikuFindMatch *match;
  GtkWidget *field;

  update_count (self);

  if (self->editor == NULL || self->current < 0)
    return;

  match = g_ptr_array_index (self->matches, self->current);

  kiku_editor_focus_node (self->editor, match->node, match->property);
  if ((field = kiku_editor_find_field (self->editor, match->node, match->property)) != NULL)
    {
      select_in_field (field, match);
      scroll_when_laid_out (self);
    }
}

static void
on_search_changed (KikuFindBar *self)
{
  self->current = -1;
  refresh (self);
}

static void
on_find_activate (KikuFindBar *self)
{
  kiku_find_bar_next (self, TRUE);
}

static void
on_next_match (KikuFindBar *self)
{
  kiku_find_bar_next (self, TRUE);
}

static void
on_previous_match (KikuFindBar *self)
{
  kiku_find_bar_next (self, FALSE);
}

static void
on_next_clicked (KikuFindBar *self)
{
  kiku_find_bar_next (self, TRUE);
}

static void
on_previous_clicked (KikuFindBar *self)
{
  kiku_find_bar_next (self, FALSE);
}

static void
on_stop_search (KikuFindBar *self)
{
  kiku_find_bar_close (self);
}

static KikuHistory *
get_history (KikuFindBar *self)
{
  return self->document ? kiku_document_get_history (self->document) : NULL;
}

static void
on_replace_clicked (KikuFindBar *self)
{
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));

  refresh (self);
  if (self->matches == NULL || self->matches->len == 0)
    return;

  /* Nothing shown yet: the first press shows what would be replaced. */
  if (self->current < 0)
    {
      kiku_find_bar_next (self, TRUE);
      return;
    }

  kiku_find_replace (g_ptr_array_index (self->matches, self->current),
                     get_needle (self), get_flags (self), replacement, get_history (self));

  /* The match that followed takes the replaced one's place. */
  refresh (self);
  show_current (self);
}

static void
on_replace_all_clicked (KikuFindBar *self)
{
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));

  if (self->document == NULL || *get_needle (self) == '\0')
    return;

  kiku_find_replace_all (KIKU_NODE (kiku_document_get_article (self->document)),
                         get_needle (self), get_flags (self), replacement, get_history (self));
  self->current = -1;
  refresh (self);
}

static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  kiku_find_bar_close (KIKU_FIND_BAR (widget));

  return TRUE;
}

static gboolean
on_shift_return (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  kiku_find_bar_next (KIKU_FIND_BAR (widget), FALSE);

  return TRUE;
}

/* Closed, the bar takes no room, not even the width of its rows. */
static void
on_child_revealed (KikuFindBar *self)
{
  if (!gtk_revealer_get_reveal_child (self->revealer) &&
      !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
kiku_find_bar_dispose (GObject *object)
{
  KikuFindBar *self = KIKU_FIND_BAR (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  stop_scrolling (self);
  g_clear_weak_pointer (&self->return_focus);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->editor);

  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_FIND_BAR);

  G_OBJECT_CLASS (kiku_find_bar_parent_class)->dispose (object);
}

static void
kiku_find_bar_class_init (KikuFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiku_find_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-find-bar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findbar");

  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, find_entry);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, previous_button);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, next_button);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, case_toggle);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, words_toggle);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, replace_revealer);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, replace_button);
  gtk_widget_class_bind_template_child (widget_class, KikuFindBar, replace_all_button);

  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_find_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, kiku_find_bar_close);
  gtk_widget_class_bind_template_callback (widget_class, on_child_revealed);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, on_shift_return, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, on_shift_return, NULL);
}

static void
kiku_find_bar_init (KikuFindBar *self)
{
  self->current = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  update_count (self);
}

/**
 * kiku_find_bar_set_editor:
 *
 * The article the bar finds in, and the form that shows the matches.
 */
void
kiku_find_bar_set_editor (KikuFindBar  *self,
                          KikuDocument *document,
                          KikuEditor   *editor)
{
  g_return_if_fail (KIKU_IS_FIND_BAR (self));
  g_return_if_fail (KIKU_IS_DOCUMENT (document));
  g_return_if_fail (KIKU_IS_EDITOR (editor));
  g_return_if_fail (self->document == NULL);

  self->document = g_object_ref (document);
  g_set_weak_pointer (&self->editor, editor);
  g_signal_connect_object (kiku_document_get_article (document), "changed",
                           G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);
}

gboolean
kiku_find_bar_is_open (KikuFindBar *self)
{
  g_return_val_if_fail (KIKU_IS_FIND_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

/**
 * kiku_find_bar_open:
 * @replace: whether to show the replace row too
 *
 * Opens the bar with the focus in its entry, the text selected; the focus
 * goes back where it was when the bar is closed.
 */
void
kiku_find_bar_open (KikuFindBar *self,
                    gboolean     replace)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (KIKU_IS_FIND_BAR (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    g_set_weak_pointer (&self->return_focus, focus);

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (replace)
    gtk_revealer_set_reveal_child (self->replace_revealer, TRUE);
  else if (!kiku_find_bar_is_open (self))
    gtk_revealer_set_reveal_child (self->replace_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);

  /* The text selected, so that typing starts a new search; selected
   * before the focus comes, so the caret does not start blinking on a
   * selection.
   */
  gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));

  refresh (self);
}

/**
 * kiku_find_bar_close:
 *
 * Closes the bar, and gives the focus back to where it was before.
 */
void
kiku_find_bar_close (KikuFindBar *self)
{
  g_return_if_fail (KIKU_IS_FIND_BAR (self));

  if (!kiku_find_bar_is_open (self))
    return;

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->current = -1;

  if (self->return_focus != NULL && gtk_widget_get_root (self->return_focus) != NULL)
    gtk_widget_grab_focus (self->return_focus);
  else if (self->editor != NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->editor), GTK_DIR_TAB_FORWARD);
  g_clear_weak_pointer (&self->return_focus);
}

/**
 * kiku_find_bar_next:
 * @forward: %TRUE for the next match, %FALSE for the previous one
 *
 * Shows the next or previous match in its field, selected, going round at
 * the end of the article. Opens the bar if it was closed.
 */
void
kiku_find_bar_next (KikuFindBar *self,
                    gboolean     forward)
{
  guint n;

  g_return_if_fail (KIKU_IS_FIND_BAR (self));

  if (!kiku_find_bar_is_open (self))
    {
      kiku_find_bar_open (self, FALSE);
      if (*get_needle (self) == '\0')
        return;
    }

  if (self->refresh_source != 0 || self->matches == NULL)
    refresh (self);
  if (self->matches == NULL || (n = self->matches->len) == 0)
    return;

  if (self->current < 0)
    self->current = forward ? 0 : (int)n - 1;
  else
    self->current = (self->current + (forward ? 1 : (int)n - 1)) % n;

  show_current (self);
}
