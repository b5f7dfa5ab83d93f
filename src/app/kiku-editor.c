/* kiku-editor.c: the form that edits an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-block-editor.h"
#include "kiku-editor.h"
#include "kiku-field.h"

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
  KikuList         *sections;   /* of the page shown */
  gulong            sections_handler;

  /* "pointer:property" → the widget that edits it */
  GHashTable       *fields;
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

typedef struct
{
  KikuEditor *editor;
  char       *key;
} FieldEntry;

static void
on_field_gone (gpointer  data,
               GObject  *where_the_widget_was)
{
  FieldEntry *entry = data;

  if (entry->editor->fields != NULL &&
      g_hash_table_lookup (entry->editor->fields, entry->key) == (gpointer)where_the_widget_was)
    g_hash_table_remove (entry->editor->fields, entry->key);

  g_free (entry->key);
  g_free (entry);
}

static void
register_field (gpointer    owner,
                KikuNode   *node,
                const char *property,
                GtkWidget  *widget)
{
  KikuEditor *self = owner;
  FieldEntry *entry = g_new0 (FieldEntry, 1);

  entry->editor = self;
  entry->key = field_key (node, property);

  /* For the preview, which follows the field being edited. */
  g_object_set_data_full (G_OBJECT (widget), "kiku-field-node", g_object_ref (node), g_object_unref);
  g_object_set_data_full (G_OBJECT (widget), "kiku-field-property", g_strdup (property), g_free);
  g_hash_table_insert (self->fields, g_strdup (entry->key), widget);
  g_object_weak_ref (G_OBJECT (widget), on_field_gone, entry);
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

/* Sections ----------------------------------------------------------------- */

typedef struct
{
  KikuEditor  *editor;
  KikuSection *section;
  GtkWidget   *blocks_box;
} SectionView;

static void
section_view_free (gpointer data)
{
  SectionView *view = data;

  g_object_unref (view->section);
  g_free (view);
}

static void
focus_first_in (GtkWidget *widget)
{
  gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
rebuild_blocks (SectionView *view)
{
  KikuList *blocks = kiku_section_get_blocks (view->section);
  GtkWidget *child;
  GtkWidget *wants_focus = NULL;

  while ((child = gtk_widget_get_first_child (view->blocks_box)))
    gtk_box_remove (GTK_BOX (view->blocks_box), child);

  for (guint i = 0; i < kiku_list_get_length (blocks); i++)
    {
      KikuBlock *block = kiku_list_get (blocks, i);
      GtkWidget *card = kiku_block_editor_new (&view->editor->context, block);

      gtk_box_append (GTK_BOX (view->blocks_box), card);
      if (g_object_get_data (G_OBJECT (block), "kiku-wants-focus"))
        {
          g_object_set_data (G_OBJECT (block), "kiku-wants-focus", NULL);
          wants_focus = card;
        }
    }

  if (wants_focus != NULL)
    focus_first_in (wants_focus);

  apply_problems (view->editor);
}

static void
on_blocks_changed (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GtkWidget  *card)
{
  rebuild_blocks (g_object_get_data (G_OBJECT (card), "kiku-section-view"));
}

static void
add_block (SectionView *view,
           const char  *kind)
{
  g_autoptr(KikuBlock) block = kiku_block_new_for_kind (kind);

  g_object_set_data (G_OBJECT (block), "kiku-wants-focus", GINT_TO_POINTER (TRUE));
  kiku_list_append (kiku_section_get_blocks (view->section), block);
}

static void
on_add_block (GtkButton   *button,
              SectionView *view)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  add_block (view, g_object_get_data (G_OBJECT (button), "kiku-kind"));
}

static GtkWidget *
add_block_button (SectionView *view)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const struct { const char *kind; const char *label; } kinds[] = {
    { "paragraph", N_("_Paragraph") },
    { "source", N_("_Source Box") },
    { "comment", N_("Persona _Comment") },
    { "image", N_("_Image") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(kinds[i].label));

      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "kiku-kind", (gpointer)kinds[i].kind);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_block), view);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Add Block"));
  gtk_widget_set_halign (menu_button, GTK_ALIGN_START);

  return menu_button;
}

static void
move_section (SectionView *view,
              int          delta)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (view->section));
  guint position = 0;
  int target;

  if (list == NULL || !kiku_list_find (list, KIKU_NODE (view->section), &position))
    return;

  target = (int)position + delta;
  if (target < 0 || target >= (int)kiku_list_get_length (list))
    return;

  g_object_set_data (G_OBJECT (view->section), "kiku-wants-focus", GINT_TO_POINTER (TRUE));
  kiku_list_move (list, position, target);
}

static void
on_section_up (GtkButton   *button,
               SectionView *view)
{
  move_section (view, -1);
}

static void
on_section_down (GtkButton   *button,
                 SectionView *view)
{
  move_section (view, 1);
}

static void
on_section_delete (GtkButton   *button,
                   SectionView *view)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (view->section));
  guint position = 0;

  if (list != NULL && kiku_list_find (list, KIKU_NODE (view->section), &position))
    {
      g_autoptr(KikuNode) removed = kiku_list_remove (list, position);
    }
}

static void
on_section_add_after (GtkButton   *button,
                      SectionView *view)
{
  KikuList *list = kiku_node_get_list (KIKU_NODE (view->section));
  g_autoptr(KikuSection) section = kiku_section_new ();
  guint position = 0;

  if (list != NULL && kiku_list_find (list, KIKU_NODE (view->section), &position))
    {
      g_object_set_data (G_OBJECT (section), "kiku-wants-focus", GINT_TO_POINTER (TRUE));
      kiku_list_insert (list, position + 1, section);
    }
}

static gboolean
on_section_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SectionView           *view)
{
  if ((state & GDK_ALT_MASK) && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      move_section (view, keyval == GDK_KEY_Up ? -1 : 1);
      return TRUE;
    }

  return FALSE;
}

static GtkWidget *
section_card (KikuEditor  *self,
              KikuSection *section,
              guint        index)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *fields = boxed_list ();
  GtkWidget *up = kiku_field_tool_button ("go-up-symbolic", _("Move Section Up (Alt+↑)"));
  GtkWidget *down = kiku_field_tool_button ("go-down-symbolic", _("Move Section Down (Alt+↓)"));
  GtkWidget *add_after = kiku_field_tool_button ("list-add-symbolic", _("Add a Section After This One"));
  GtkWidget *remove = kiku_field_tool_button ("edit-delete-symbolic", _("Delete Section"));
  GtkEventController *keys = gtk_event_controller_key_new ();
  SectionView *view = g_new0 (SectionView, 1);
  g_autofree char *title = g_strdup_printf (_("Section %u"), index + 1);
  KikuNode *node = KIKU_NODE (section);

  view->editor = self;
  view->section = g_object_ref (section);
  view->blocks_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set_data_full (G_OBJECT (card), "kiku-section-view", view, section_view_free);
  g_object_set_data (G_OBJECT (card), "kiku-node", section);
  gtk_widget_add_css_class (card, "kiku-section");
  gtk_widget_set_margin_top (card, 12);

  gtk_box_append (GTK_BOX (header), heading (title, "title-4"));
  gtk_box_append (GTK_BOX (header), up);
  gtk_box_append (GTK_BOX (header), down);
  gtk_box_append (GTK_BOX (header), add_after);
  gtk_box_append (GTK_BOX (header), remove);
  gtk_box_append (GTK_BOX (card), header);

  gtk_list_box_append (GTK_LIST_BOX (fields),
                       kiku_field_entry_row (&self->context, node, "heading", _("Heading"), 0));
  gtk_list_box_append (GTK_LIST_BOX (fields),
                       kiku_field_entry_row (&self->context, node, "question", _("Question"), 0));
  gtk_list_box_append (GTK_LIST_BOX (fields),
                       kiku_field_entry_row (&self->context, node, "answer", _("Answer"), 0));
  gtk_box_append (GTK_BOX (card), fields);
  gtk_box_append (GTK_BOX (card), view->blocks_box);
  gtk_box_append (GTK_BOX (card), add_block_button (view));

  g_signal_connect (up, "clicked", G_CALLBACK (on_section_up), view);
  g_signal_connect (down, "clicked", G_CALLBACK (on_section_down), view);
  g_signal_connect (add_after, "clicked", G_CALLBACK (on_section_add_after), view);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_section_delete), view);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_section_key), view);
  gtk_widget_add_controller (fields, keys);

  /* Connected for as long as the card lives. */
  g_signal_connect_object (kiku_section_get_blocks (section), "items-changed",
                           G_CALLBACK (on_blocks_changed), card, 0);
  rebuild_blocks (view);

  return card;
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

static void
on_page_delete (GtkButton  *button,
                KikuEditor *self)
{
  KikuList *pages = kiku_article_get_pages (self->article);
  g_autoptr(KikuNode) removed = NULL;

  /* An article keeps at least one page. */
  if (kiku_list_get_length (pages) < 2)
    return;

  removed = kiku_list_remove (pages, self->page);
  kiku_editor_show_page (self, MIN (self->page, kiku_list_get_length (pages) - 1));
}

static void
on_add_section (GtkButton  *button,
                KikuEditor *self)
{
  KikuPage *page = current_page (self);
  g_autoptr(KikuSection) section = kiku_section_new ();

  g_object_set_data (G_OBJECT (section), "kiku-wants-focus", GINT_TO_POINTER (TRUE));
  kiku_list_append (kiku_page_get_sections (page), section);
}

static void
on_sections_changed (KikuEditor *self)
{
  rebuild_page (self);
}

static void
rebuild_page (KikuEditor *self)
{
  KikuList *pages = kiku_article_get_pages (self->article);
  guint n_pages = kiku_list_get_length (pages);
  KikuPage *page = current_page (self);
  GtkWidget *header, *add_section, *teaser, *child;
  GtkWidget *wants_focus = NULL;
  g_autofree char *title = NULL;
  KikuList *sections;

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

  for (guint i = 0; i < kiku_list_get_length (sections); i++)
    {
      KikuSection *section = kiku_list_get (sections, i);
      GtkWidget *card = section_card (self, section, i);

      gtk_box_append (GTK_BOX (self->page_area), card);
      if (g_object_get_data (G_OBJECT (section), "kiku-wants-focus"))
        {
          g_object_set_data (G_OBJECT (section), "kiku-wants-focus", NULL);
          wants_focus = card;
        }
    }

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

  if (self->sections != sections)
    {
      if (self->sections != NULL)
        g_clear_signal_handler (&self->sections_handler, self->sections);
      g_set_object (&self->sections, sections);
      self->sections_handler = g_signal_connect_swapped (sections, "items-changed",
                                                         G_CALLBACK (on_sections_changed), self);
    }

  if (wants_focus != NULL)
    focus_first_in (wants_focus);

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
  GtkWidget *widget = value;

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

  if (self->sections != NULL)
    g_clear_signal_handler (&self->sections_handler, self->sections);
  g_clear_object (&self->sections);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
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

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
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

  build_article_fields (self);

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
  GtkWidget *widget;

  g_return_val_if_fail (KIKU_IS_EDITOR (self), NULL);

  if (property != NULL)
    {
      key = field_key (node, property);
      if ((widget = g_hash_table_lookup (self->fields, key)))
        return widget;
    }

  /* Any field of the node. */
  {
    g_autofree char *prefix = g_strdup_printf ("%p:", node);
    GHashTableIter iter;
    gpointer k, v;

    g_hash_table_iter_init (&iter, self->fields);
    while (g_hash_table_iter_next (&iter, &k, &v))
      if (g_str_has_prefix (k, prefix))
        return v;
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
  GtkWidget *widget;

  g_return_val_if_fail (KIKU_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (KIKU_IS_NODE (node), FALSE);

  if ((page = page_of (self, node)) >= 0)
    kiku_editor_show_page (self, page);

  if ((widget = kiku_editor_find_field (self, node, property)) == NULL)
    {
      /* A page or a section: its first field. */
      if (KIKU_IS_PAGE (node))
        return gtk_widget_child_focus (self->page_area, GTK_DIR_TAB_FORWARD);
      return FALSE;
    }

  return gtk_widget_grab_focus (kiku_field_get_focus_target (widget));
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
