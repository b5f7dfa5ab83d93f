/* kiku-window.c: a window editing one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-field.h"
#include "kiku-outline-row.h"
#include "kiku-window-private.h"

G_DEFINE_FINAL_TYPE (KikuWindow, kiku_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FOCUS_MODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define VALIDATE_DELAY_MS 300

/* Below this width the outline slides in over the form and the preview is
 * a view of its own, shown instead of the form.
 */
#define NARROW_WIDTH 800

/* Title ---------------------------------------------------------------------- */

/* The file's name as the title shows it; a copy opened from a site names
 * the site. Worked out once for each file: the title changes as the
 * writer types.
 */
static const char *
file_name_for_title (KikuWindow *self)
{
  GFile *file = kiku_document_get_file (self->document);

  if (file == NULL)
    return NULL;

  if (self->titled_file == NULL || !g_file_equal (self->titled_file, file))
    {
      g_autofree char *site = kiku_site_dup_pulled_from (file);

      g_set_object (&self->titled_file, file);
      g_free (self->titled_name);
      /* Translators: in the window's title, in place of the file's name, for
       * the copy of an article opened from a site (its name)
       */
      self->titled_name = site ? g_strdup_printf (_("From “%s”"), site) : kiku_document_dup_title (self->document);
    }

  return self->titled_name;
}

/* The header names the article by its headline, so two windows can be told
 * apart, and the file and its state under it.
 */
static void
update_title (KikuWindow *self)
{
  g_autofree char *file_name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *window_title = NULL;
  const char *headline;
  const char *state;
  gboolean modified;

  if (self->document == NULL)
    return;

  headline = kiku_article_get_title (kiku_document_get_article (self->document));
  if (headline == NULL || headline[0] == '\0')
    headline = _("Untitled Article");
  file_name = g_strdup (file_name_for_title (self));
  modified = kiku_document_get_modified (self->document);
  /* An article never written anywhere is not "Saved". */
  state = self->saving ? _("Saving…")
          : modified ? _("Unsaved Changes")
          : kiku_document_get_file (self->document) == NULL ? C_("window status", "Not Saved")
          : C_("window status", "Saved");

  /* Translators: under the headline: the file's name, then whether it is saved */
  subtitle = file_name ? g_strdup_printf (_("%s — %s"), file_name, state) : g_strdup (state);
  if (g_strcmp0 (adw_window_title_get_title (self->window_title), headline) != 0)
    adw_window_title_set_title (self->window_title, headline);
  if (g_strcmp0 (adw_window_title_get_subtitle (self->window_title), subtitle) != 0)
    adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the window's title: the headline, then the file's name */
  name = file_name ? g_strdup_printf (_("%s — %s"), headline, file_name) : g_strdup (headline);
  /* Translators: the window title of an article with unsaved changes */
  window_title = modified ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  /* Called as the writer types: the window system hears only of changes. */
  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), window_title) != 0)
    gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* Counts ------------------------------------------------------------------ */

static char *
format_count (const KikuCount *count)
{
  guint minutes = kiku_count_reading_minutes (count);
  g_autofree char *characters =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", count->characters),
                     count->characters);
  g_autofree char *time =
    /* Translators: reading time */
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute to read", "%u minutes to read", minutes), minutes);

  /* Text with no spaces between its words (Japanese) has no word count. */
  if (count->words > 0)
    {
      g_autofree char *words =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", count->words), count->words);

      /* Translators: characters, words, reading time */
      return g_strdup_printf (_("%s · %s · %s"), characters, words, time);
    }

  /* Translators: characters, reading time */
  return g_strdup_printf (_("%s · %s"), characters, time);
}

static gboolean
show_status (gpointer data)
{
  KikuWindow *self = data;
  KikuCount total, page;
  g_autofree char *article_text = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *label = NULL;
  guint position;

  self->status_source = 0;
  if (self->counts == NULL)
    return G_SOURCE_REMOVE;

  position = self->editor ? kiku_editor_get_page (self->editor) : 0;
  kiku_counts_get_total (self->counts, &total);
  kiku_counts_get_page (self->counts, position, &page);
  article_text = format_count (&total);
  page_text = format_count (&page);
  /* Translators: the status line: the whole article's counts, then the page's */
  label = g_strdup_printf (_("Article: %s   Page %u: %s"), article_text, position + 1, page_text);
  gtk_label_set_text (self->counts_label, label);
  update_title (self);

  return G_SOURCE_REMOVE;
}

/* The counts and the title wait for the typing to leave the main loop idle. */
static void
queue_status (KikuWindow *self)
{
  if (self->status_source == 0)
    self->status_source = g_idle_add_full (G_PRIORITY_LOW, show_status, self, NULL);
}

/* Outline --------------------------------------------------------------- */

/* Pages and sections move in the outline: dragged onto another of their
 * kind, or with Alt+↑ and Alt+↓.
 */
static GdkContentProvider *
on_outline_drag_prepare (GtkDragSource *source,
                         double         x,
                         double         y,
                         GtkWidget     *row)
{
  KikuNode *node = kiku_outline_row_get_node (KIKU_OUTLINE_ROW (row));

  return gdk_content_provider_new_typed (G_OBJECT_TYPE (node), node);
}

static gboolean
on_outline_drop (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 KikuWindow    *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  KikuNode *onto = kiku_outline_row_get_node (KIKU_OUTLINE_ROW (row));
  KikuNode *dropped = g_value_get_object (value);
  KikuList *from = kiku_node_get_list (dropped);
  KikuList *to = kiku_node_get_list (onto);
  guint from_position, to_position;

  if (dropped == onto || from == NULL || to == NULL ||
      !kiku_list_find (from, dropped, &from_position) || !kiku_list_find (to, onto, &to_position))
    return FALSE;

  kiku_history_move_item (kiku_document_get_history (self->document), from, from_position, to, to_position);
  kiku_editor_focus_node (self->editor, dropped, NULL);

  return TRUE;
}

static gboolean
on_outline_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KikuWindow            *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  KikuNode *node = kiku_outline_row_get_node (KIKU_OUTLINE_ROW (row));

  if (!(state & GDK_ALT_MASK) || (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down) ||
      kiku_node_get_list (node) == NULL)
    return FALSE;

  /* The outline is made again: the focus goes to the moved row. */
  g_set_object (&self->outline_refocus, node);
  if (!kiku_node_move_by (node, keyval == GDK_KEY_Up ? -1 : 1))
    g_clear_object (&self->outline_refocus);

  return TRUE;
}

static void
add_outline_row (KikuWindow *self,
                 const char *label,
                 KikuNode   *node,
                 const char *property,
                 guint       depth)
{
  GtkWidget *row = kiku_outline_row_new (node, property, label, depth);

  if (KIKU_IS_PAGE (node) || KIKU_IS_SECTION (node))
    {
      GtkDragSource *drag = gtk_drag_source_new ();
      GtkDropTarget *drop = gtk_drop_target_new (G_OBJECT_TYPE (node), GDK_ACTION_MOVE);
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_widget_set_tooltip_text (row, _("Drag, or press Alt+↑ or Alt+↓, to move"));
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_outline_drag_prepare), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
      g_signal_connect (drop, "drop", G_CALLBACK (on_outline_drop), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_outline_key), self);
      gtk_widget_add_controller (row, keys);
    }

  gtk_list_box_append (self->outline, row);

  if (self->outline_refocus == node)
    {
      g_clear_object (&self->outline_refocus);
      gtk_widget_grab_focus (row);
    }
}

static void
rebuild_outline (KikuWindow *self)
{
  KikuArticle *article = kiku_document_get_article (self->document);
  KikuList *pages = kiku_article_get_pages (article);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outline))))
    gtk_list_box_remove (self->outline, child);

  add_outline_row (self, _("Headline"), KIKU_NODE (article), "title", 0);
  add_outline_row (self, _("Key Points"), KIKU_NODE (article), "keywords", 0);
  add_outline_row (self, _("Intro"), KIKU_NODE (article), "intro", 0);

  for (guint p = 0; p < kiku_list_get_length (pages); p++)
    {
      KikuPage *page = kiku_list_get (pages, p);
      KikuList *sections = kiku_page_get_sections (page);
      g_autofree char *page_label = g_strdup_printf (_("Page %u"), p + 1);

      add_outline_row (self, page_label, KIKU_NODE (page), NULL, 0);

      for (guint s = 0; s < kiku_list_get_length (sections); s++)
        {
          KikuSection *section = kiku_list_get (sections, s);
          g_autofree char *fallback = g_strdup_printf (_("Section %u"), s + 1);
          const char *heading = kiku_section_get_heading (section);

          add_outline_row (self, heading ? heading : fallback, KIKU_NODE (section), "heading", 1);
        }
    }
}

static void
on_outline_activated (GtkListBox    *box,
                      GtkListBoxRow *row,
                      KikuWindow    *self)
{
  KikuOutlineRow *outline_row = KIKU_OUTLINE_ROW (row);

  kiku_editor_focus_node (self->editor, kiku_outline_row_get_node (outline_row),
                          kiku_outline_row_get_field (outline_row));

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* The outline is one Tab stop: the arrows go from row to row, Tab leaves
 * it. The list box would take every row as a stop of its own; while the
 * focus moves on, the list lets none of its rows take it.
 */
static gboolean
on_outline_tab (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KikuWindow            *self)
{
  GtkWidget *outline = GTK_WIDGET (self->outline);
  GtkDirectionType direction;
  gboolean moved;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (state & GDK_SHIFT_MASK)
    direction = GTK_DIR_TAB_BACKWARD;

  gtk_widget_set_can_focus (outline, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (self), direction);
  gtk_widget_set_can_focus (outline, TRUE);

  /* Past the last stop: round again, as the window would. */
  if (!moved)
    {
      gtk_widget_set_can_focus (outline, FALSE);
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_widget_child_focus (GTK_WIDGET (self), direction);
      gtk_widget_set_can_focus (outline, TRUE);
    }

  return TRUE;
}

/* Problems --------------------------------------------------------------- */

/* With the header too narrow for the Problems button, F8 takes the focus
 * to each problem's field in turn.
 */
void
_kiku_window_focus_next_problem (KikuWindow *self)
{
  KikuProblem *problem;

  if (self->editor == NULL || self->problems == NULL || self->problems->len == 0)
    return;

  self->next_problem %= self->problems->len;
  problem = g_ptr_array_index (self->problems, self->next_problem++);
  kiku_editor_focus_node (self->editor, kiku_problem_get_node (problem),
                          kiku_problem_get_property (problem));
}

static void
on_problem_activated (GtkListBox    *box,
                      GtkListBoxRow *row,
                      KikuWindow    *self)
{
  int index = gtk_list_box_row_get_index (row);
  KikuProblem *problem;

  /* The list shows self->problems, in its order. */
  if (self->problems == NULL || index < 0 || (guint)index >= self->problems->len)
    return;
  problem = g_ptr_array_index (self->problems, index);

  gtk_popover_popdown (gtk_menu_button_get_popover (self->problems_button));
  kiku_editor_focus_node (self->editor, kiku_problem_get_node (problem),
                          kiku_problem_get_property (problem));
}

static void
show_problems (KikuWindow *self)
{
  GtkWidget *child;
  g_autofree char *label = NULL;
  guint n = self->problems ? self->problems->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))))
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; i < n; i++)
    {
      KikuProblem *problem = g_ptr_array_index (self->problems, i);
      GtkWidget *row = adw_action_row_new ();

      /* The messages quote what the user typed: text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kiku_problem_get_message (problem));
      {
        g_autofree char *location = kiku_problem_dup_location (problem);

        /* Where it is, as the writer finds it in the form. */
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location);
      }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->problems_list, row);
    }

  /* Translators: the count of problems on the header bar's button */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", n), n);
  gtk_menu_button_set_label (self->problems_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_button),
                               _("What to fix before publishing"));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_button), n > 0);
  kiku_editor_set_problems (self->editor, self->problems);
}

/* Whether an image file may be used (it exists, is an image, lies in the
 * article's folder or was chosen) is asked in the background: the answer
 * comes back later and the article is checked again then. The cache maps
 * "folder URI\nreference" to "" when the image is fine, to the problem
 * otherwise, or to IMAGE_PENDING.
 */
static const char image_pending[] = "pending";
#define IMAGE_PENDING ((char *)image_pending)

static void
free_verdict (gpointer verdict)
{
  if (verdict != IMAGE_PENDING)
    g_free (verdict);
}

static gboolean validate (gpointer data);

typedef struct
{
  KikuWindow *window;
  char       *key;
} ImageProbe;

static void
on_image_checked (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ImageProbe *probe = user_data;
  g_autoptr(KikuWindow) self = probe->window;
  g_autofree char *key = probe->key;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = kiku_image_access_read_finish (result, NULL, &error);

  g_free (probe);
  if (self->files_seen == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The problem's code, then its message. */
  g_hash_table_insert (self->files_seen, g_steal_pointer (&key),
                       error ? g_strdup_printf ("%c%s", 'A' + error->code, error->message)
                             : g_strdup (""));
  if (self->validate_source == 0)
    validate (self);
}

static gboolean
image_usable_cached (KikuArticle  *article,
                     const char   *reference,
                     GError      **error,
                     gpointer      user_data)
{
  KikuWindow *self = user_data;
  GFile *file = kiku_article_get_file (article);
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;
  g_autofree char *key = g_strconcat (uri ? uri : "", "\n", reference, NULL);
  const char *known = g_hash_table_lookup (self->files_seen, key);

  if (known == NULL)
    {
      g_autoptr(KikuImageAccess) access = kiku_image_access_new (article);
      ImageProbe *probe = g_new0 (ImageProbe, 1);

      probe->window = g_object_ref (self);
      probe->key = g_strdup (key);
      g_hash_table_insert (self->files_seen, g_steal_pointer (&key), IMAGE_PENDING);
      kiku_image_access_read_async (access, reference, self->cancellable, on_image_checked, probe);
      return TRUE;
    }

  /* Not known yet: no problem until it is. */
  if (known == IMAGE_PENDING || known[0] == '\0')
    return TRUE;

  g_set_error_literal (error, KIKU_IMAGE_ERROR, known[0] - 'A', known + 1);

  return FALSE;
}

static gboolean
validate (gpointer data)
{
  KikuWindow *self = data;

  self->validate_source = 0;
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = kiku_article_validate_with (kiku_document_get_article (self->document),
                                               image_usable_cached, self);

  /* A new article shows a problem once its part was edited: a blank form
   * is not wrong yet. Once saved, it is an article like any other.
   */
  if (self->touched != NULL && kiku_document_get_file (self->document) != NULL)
    g_clear_pointer (&self->touched, g_hash_table_unref);
  if (self->touched != NULL)
    for (guint i = self->problems->len; i > 0; i--)
      if (!g_hash_table_contains (self->touched, kiku_problem_get_node (g_ptr_array_index (self->problems, i - 1))))
        g_ptr_array_remove_index (self->problems, i - 1);

  /* What the last link check found shows whatever was touched. */
  _kiku_window_add_link_problems (self, self->problems, FALSE);

  show_problems (self);

  return G_SOURCE_REMOVE;
}

static void
on_article_changed (KikuWindow  *self,
                    KikuNode    *node,
                    GParamSpec  *pspec,
                    KikuArticle *article)
{
  /* No property: a newly chosen image (or a publish), which may make
   * others usable too: ask again.
   */
  if (pspec != NULL && self->touched != NULL)
    g_hash_table_add (self->touched, g_object_ref (node));

  if (pspec == NULL)
    g_hash_table_remove_all (self->files_seen);
  else if (g_str_equal (pspec->name, "pages") || g_str_equal (pspec->name, "sections") ||
           (KIKU_IS_SECTION (node) && g_str_equal (pspec->name, "heading")))
    rebuild_outline (self);

  if (node == KIKU_NODE (article) && pspec != NULL && g_str_equal (pspec->name, "title"))
    queue_status (self);

  /* Validation waits for a pause in the typing. */
  g_clear_handle_id (&self->validate_source, g_source_remove);
  self->validate_source = g_timeout_add (VALIDATE_DELAY_MS, validate, self);
}

static void
on_document_notify (KikuWindow   *self,
                    GParamSpec   *pspec,
                    KikuDocument *document)
{
  update_title (self);
  _kiku_window_update_actions (self);
}

static void
on_autosave_delay_changed (GSettings  *settings,
                           const char *key,
                           KikuWindow *self)
{
  if (self->document != NULL)
    kiku_document_set_autosave_delay (self->document, g_settings_get_uint (settings, key) * 1000);
}

/* The preview follows the page and the cursor; a click in it comes back. */
static void
on_editor_page (KikuWindow *self,
                GParamSpec *pspec,
                KikuEditor *editor)
{
  kiku_preview_show_page (self->preview, kiku_editor_get_page (editor));
  queue_status (self);
}

static void
on_preview_activated (KikuWindow  *self,
                      KikuNode    *node,
                      const char  *field,
                      KikuPreview *preview)
{
  kiku_editor_focus_node (self->editor, node, field);
}

static void
on_focus_changed (KikuWindow *self,
                  GParamSpec *pspec,
                  gpointer    data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  KikuNode *node = NULL;
  const char *property = NULL;

  if (self->preview == NULL)
    return;

  if (self->editor != NULL && focus != NULL &&
      kiku_editor_field_at (self->editor, focus, &node, &property))
    kiku_preview_reveal (self->preview, node, property);
}

/* Focus mode and narrow windows ------------------------------------------ */

/* The preview is beside the form when the window is wide enough and the
 * writer is not in focus mode and wants it; in a narrow window it is a view
 * the Preview button switches to, in place of the form.
 */
static void
on_preview_visible (KikuWindow *self)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->preview_bin));

  gtk_widget_set_visible (GTK_WIDGET (self->editor_bin), !(self->narrow && shown));
  if (!self->narrow && !self->focus_mode)
    self->wide_preview = shown;
}

static gboolean
apply_width (gpointer data)
{
  KikuWindow *self = data;
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;

  self->narrow_source = 0;
  if (narrow == self->narrow)
    return G_SOURCE_REMOVE;

  self->narrow = narrow;
  adw_flap_set_fold_policy (self->flap, narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_AUTO);
  gtk_widget_set_size_request (GTK_WIDGET (self->preview_bin), narrow ? -1 : 360, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_bin), !narrow && !self->focus_mode && self->wide_preview);
  on_preview_visible (self);

  return G_SOURCE_REMOVE;
}

static void
kiku_window_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  GTK_WIDGET_CLASS (kiku_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* What is shown changes after this allocation, not within it. */
  if ((width < NARROW_WIDTH) != self->narrow && self->narrow_source == 0)
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_width, self, NULL);
}

void
_kiku_window_set_focus_mode (KikuWindow *self,
                             gboolean    focus_mode)
{
  focus_mode = !!focus_mode;
  if (self->focus_mode == focus_mode)
    return;

  if (focus_mode)
    {
      self->wide_outline = adw_flap_get_reveal_flap (self->flap);
      if (!self->narrow)
        self->wide_preview = gtk_widget_get_visible (GTK_WIDGET (self->preview_bin));
      self->focus_mode = TRUE;
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_bin), FALSE);
    }
  else
    {
      self->focus_mode = FALSE;
      if (!self->narrow)
        {
          adw_flap_set_reveal_flap (self->flap, self->wide_outline);
          gtk_widget_set_visible (GTK_WIDGET (self->preview_bin), self->wide_preview);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_MODE]);
}

void
_kiku_window_show_toast (KikuWindow *self,
                         AdwToast   *toast)
{
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* GObject -------------------------------------------------------------- */

static gboolean
kiku_window_close_request (GtkWindow *window)
{
  KikuWindow *self = KIKU_WINDOW (window);

  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (_kiku_window_close_request (self))
    return TRUE;

  return GTK_WINDOW_CLASS (kiku_window_parent_class)->close_request (window);
}

static void
kiku_window_dispose (GObject *object)
{
  KikuWindow *self = (KikuWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->validate_source, g_source_remove);
  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_handle_id (&self->narrow_source, g_source_remove);
  g_clear_object (&self->counts);
  g_clear_object (&self->cancellable);
  if (self->publishing != NULL)
    g_cancellable_cancel (self->publishing);
  g_clear_object (&self->publishing);
  if (self->checking != NULL)
    g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  g_clear_pointer (&self->check_urls, g_ptr_array_unref);
  g_clear_pointer (&self->check_results, g_ptr_array_unref);
  g_clear_object (&self->opening);
  g_clear_object (&self->document);
  g_clear_object (&self->titled_file);
  g_clear_pointer (&self->titled_name, g_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->files_seen, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_object (&self->outline_refocus);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_WINDOW);

  G_OBJECT_CLASS (kiku_window_parent_class)->dispose (object);
}

static void
kiku_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KikuWindow *self = KIKU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FOCUS_MODE:
      g_value_set_boolean (value, self->focus_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KikuWindow *self = KIKU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      if (g_value_get_object (value) != NULL)
        kiku_window_set_document (self, g_value_get_object (value));
      break;

    case PROP_FOCUS_MODE:
      _kiku_window_set_focus_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_window_class_init (KikuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kiku_window_dispose;
  object_class->get_property = kiku_window_get_property;
  object_class->set_property = kiku_window_set_property;
  window_class->close_request = kiku_window_close_request;
  widget_class->size_allocate = kiku_window_size_allocate;

  properties [PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         KIKU_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The form alone: no outline, no preview. */
  properties [PROP_FOCUS_MODE] =
    g_param_spec_boolean ("focus-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIKU_TYPE_FIND_BAR);
  g_type_ensure (KIKU_TYPE_PUBLISH_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, publish_button);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, publish_status_button);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, publish_status);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, publish_progress);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, KikuWindow, counts_label);

  _kiku_window_class_add_actions (widget_class);
  _kiku_window_class_add_publish_actions (widget_class);
  _kiku_window_class_add_link_actions (widget_class);
}

static void
kiku_window_init (KikuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->files_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_verdict);
  self->check_urls = g_ptr_array_new_with_free_func (g_free);
  self->check_results = g_ptr_array_new_with_free_func ((GDestroyNotify)kiku_link_result_free);

  /* F8 before any widget in the window sees it (a paned's F8 moves the
   * focus to its handle).
   */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F8, 0),
                                                            gtk_named_action_new ("win.problems")));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect (self->outline, "row-activated", G_CALLBACK (on_outline_activated), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_outline_tab), self);
    gtk_widget_add_controller (GTK_WIDGET (self->outline), keys);
  }
  g_signal_connect (self->problems_list, "row-activated", G_CALLBACK (on_problem_activated), self);
  g_signal_connect_object (self->settings, "changed::autosave-delay",
                           G_CALLBACK (on_autosave_delay_changed), self, 0);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_changed), NULL);
  self->wide_preview = gtk_widget_get_visible (GTK_WIDGET (self->preview_bin));
  g_signal_connect_object (self->preview_bin, "notify::visible", G_CALLBACK (on_preview_visible),
                           self, G_CONNECT_SWAPPED);

  /* The split button's arrow says what it opens, as its tooltip does. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->open_button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_split_button_get_dropdown_tooltip (self->open_button), -1);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  _kiku_window_add_undo_shortcuts (self);
  _kiku_window_update_actions (self);
}

/**
 * kiku_window_new:
 * @application: (nullable): the application
 * @document: (nullable): the document to edit; %NULL while one loads
 */
KikuWindow *
kiku_window_new (KikuApplication *application,
                 KikuDocument    *document)
{
  KikuWindow *self = g_object_new (KIKU_TYPE_WINDOW,
                                   "application", application,
                                   NULL);

  if (application != NULL)
    adw_split_button_set_menu_model (self->open_button,
                                     kiku_application_get_recent_menu (application));
  if (document != NULL)
    kiku_window_set_document (self, document);

  return self;
}

KikuDocument *
kiku_window_get_document (KikuWindow *self)
{
  g_return_val_if_fail (KIKU_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * kiku_window_get_article:
 *
 * Returns: (transfer none) (nullable): the article being edited
 */
KikuArticle *
kiku_window_get_article (KikuWindow *self)
{
  g_return_val_if_fail (KIKU_IS_WINDOW (self), NULL);

  return self->document ? kiku_document_get_article (self->document) : NULL;
}

/**
 * kiku_window_get_editor:
 *
 * Returns: (transfer none) (nullable): the form
 */
KikuEditor *
kiku_window_get_editor (KikuWindow *self)
{
  g_return_val_if_fail (KIKU_IS_WINDOW (self), NULL);

  return self->editor;
}

/**
 * kiku_window_get_preview:
 *
 * Returns: (transfer none) (nullable): the preview
 */
KikuPreview *
kiku_window_get_preview (KikuWindow *self)
{
  g_return_val_if_fail (KIKU_IS_WINDOW (self), NULL);

  return self->preview;
}

/* The status at a glance is there once the article was published. */
static void
on_publish_record_changed (KikuWindow *self)
{
  KikuArticle *article = kiku_document_get_article (self->document);

  gtk_widget_set_visible (GTK_WIDGET (self->publish_status_button), kiku_publish_status_has_records (article));
}

void
kiku_window_set_document (KikuWindow   *self,
                          KikuDocument *document)
{
  KikuArticle *article;

  g_return_if_fail (KIKU_IS_WINDOW (self));
  g_return_if_fail (KIKU_IS_DOCUMENT (document));
  g_return_if_fail (self->document == NULL);

  self->document = g_object_ref (document);
  article = kiku_document_get_article (document);
  if (kiku_document_get_file (document) == NULL && !kiku_document_get_modified (document))
    self->touched = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  kiku_document_set_autosave_delay (document, g_settings_get_uint (self->settings, "autosave-delay") * 1000);

  self->editor = kiku_editor_new (document, self->settings);
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  kiku_find_bar_set_editor (self->find_bar, document, self->editor);

  self->preview = kiku_preview_new (document);
  adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));
  g_signal_connect_object (self->editor, "notify::page", G_CALLBACK (on_editor_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "element-activated", G_CALLBACK (on_preview_activated),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kiku_document_get_history (document), "notify::can-undo",
                           G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kiku_document_get_history (document), "notify::can-redo",
                           G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "publish-record-changed", G_CALLBACK (on_publish_record_changed),
                           self, G_CONNECT_SWAPPED);
  kiku_publish_status_set_article (self->publish_status, article);
  on_publish_record_changed (self);

  self->counts = kiku_counts_new (article);
  g_signal_connect_object (self->counts, "changed", G_CALLBACK (queue_status), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_label), TRUE);
  show_status (self);

  rebuild_outline (self);
  validate (self);
  update_title (self);
  _kiku_window_update_actions (self);

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "editor");

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT]);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(KikuArticle) article = NULL;
  g_autoptr(KikuDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->opening);

  article = kiku_article_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);

  if (article == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *title = g_strdup_printf (_("Could not open “%s”"), display);

      adw_status_page_set_title (self->error_page, title);
      adw_status_page_set_description (self->error_page, error->message);
      adw_window_title_set_title (self->window_title, display);
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), display);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  kiku_window_add_recent (file, article);
  document = kiku_document_new (article, kiku_application_get_drafts_dir ());
  kiku_window_set_document (self, document);
}

/**
 * kiku_window_add_recent:
 *
 * Adds @file to the recent files under the article's headline, so the
 * Recent menu can name it as the writer knows it.
 */
void
kiku_window_add_recent (GFile       *file,
                        KikuArticle *article)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);
  const char *headline = kiku_article_get_title (article);
  GtkRecentData data = {
    .display_name = (char *)(headline && *headline ? headline : display),
    .mime_type = (char *)"application/x-kiku",
    .app_name = (char *)"Kiku",
    .app_exec = (char *)"kiku %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/**
 * kiku_window_open_file:
 *
 * Reads @file without blocking and edits it, or says why it cannot be read.
 */
void
kiku_window_open_file (KikuWindow *self,
                       GFile      *file)
{
  g_return_if_fail (KIKU_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document == NULL);

  g_set_object (&self->opening, file);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);

  kiku_article_load_async (file, self->cancellable, on_loaded, g_object_ref (self));
}

/* Publishing asks for every problem, touched or not. */
void
_kiku_window_show_all_problems (KikuWindow *self)
{
  if (self->touched == NULL || self->document == NULL)
    return;

  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_handle_id (&self->validate_source, g_source_remove);
  validate (self);
}

/* Now, not after the pause that typing waits for: a link check ended. */
void
_kiku_window_revalidate (KikuWindow *self)
{
  if (self->document == NULL)
    return;

  g_clear_handle_id (&self->validate_source, g_source_remove);
  validate (self);
}

/**
 * kiku_window_is_empty:
 *
 * Returns: whether the window holds a new article nobody has touched, which
 *   an opened file may replace
 */
gboolean
kiku_window_is_empty (KikuWindow *self)
{
  g_return_val_if_fail (KIKU_IS_WINDOW (self), FALSE);

  return self->document != NULL && kiku_document_get_file (self->document) == NULL &&
         !kiku_document_get_modified (self->document) &&
         !kiku_history_can_undo (kiku_document_get_history (self->document));
}
