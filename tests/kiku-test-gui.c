/* kiku-test-gui.c: what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku-test-gui.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

static gboolean
timed_out (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *)data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until check() holds, failing after thirty seconds. */
void
kiku_test_wait_for (KikuTestCheck  check,
                    gpointer       data,
                    const char    *what)
{
  guint timeout = g_timeout_add_seconds (30, timed_out, (gpointer)what);

  while (!check (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

void
kiku_test_run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
kiku_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* For kiku_test_find_widget: a button (not a menu button) with this label. */
gboolean
kiku_test_is_button_labelled (GtkWidget     *widget,
                              gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
kiku_test_is_true (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

void
kiku_test_pause_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true, &done);
  kiku_test_wait_for (kiku_test_is_true, &done, "a pause");
}

/* The first widget under @root, popovers included, for which test() holds. */
GtkWidget *
kiku_test_find_widget (GtkWidget          *root,
                       KikuTestWidgetTest  test,
                       gconstpointer       data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kiku_test_find_widget (child, test, data);

      if (found != NULL)
        return found;
    }

  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)))
    return kiku_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root))), test, data);

  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *name)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  return mismatch == NULL;
}

/* A widget under @root labelled @name that @widget names as its label. */
static gboolean
is_labelled_by_within (GtkWidget  *widget,
                       GtkWidget  *root,
                       const char *name)
{
  if (root != widget && has_label (root, name))
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL);
      if (mismatch == NULL)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (is_labelled_by_within (widget, child, name))
      return TRUE;

  return FALSE;
}

/**
 * kiku_test_has_accessible_name:
 *
 * Whether assistive technologies hear @widget called @name. GTK gives a
 * widget the name of its label property, else that of the widgets it is
 * labelled by (a button by its own label, a row by its title); this looks
 * at the same two, through GTK's test API for accessibility.
 */
gboolean
kiku_test_has_accessible_name (GtkWidget  *widget,
                               const char *name)
{
  GtkWidget *root;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return has_label (widget, name);

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;

  /* The label is usually inside the widget (a button's, a row's title),
   * else near it: look in the widget's parent's tree first, then the whole
   * window's.
   */
  if (is_labelled_by_within (widget, widget, name))
    return TRUE;

  root = gtk_widget_get_parent (widget);
  if (root != NULL && is_labelled_by_within (widget, root, name))
    return TRUE;

  root = GTK_WIDGET (gtk_widget_get_root (widget));
  return root != NULL && is_labelled_by_within (widget, root, name);
}

typedef struct
{
  GtkAccessibleRole role;
  const char       *name;
} RoleAndName;

static gboolean
has_role_and_name (GtkWidget     *widget,
                   gconstpointer  data)
{
  const RoleAndName *wanted = data;

  return gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), wanted->role) &&
         kiku_test_has_accessible_name (widget, wanted->name);
}

/**
 * kiku_test_find_accessible:
 *
 * The first widget under @root (popovers of menu buttons included) with the
 * accessible @role and @name, as a screen reader would find it; %NULL if
 * there is none.
 */
GtkWidget *
kiku_test_find_accessible (GtkWidget         *root,
                           GtkAccessibleRole  role,
                           const char        *name)
{
  RoleAndName wanted = { role, name };

  return kiku_test_find_widget (root, has_role_and_name, &wanted);
}

char *
kiku_test_sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample.kiku", NULL);
}

KikuDocument *
kiku_test_load_document (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KikuArticle) article = kiku_article_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return kiku_document_new (article, kiku_application_get_drafts_dir ());
}

/* Without a display (a Flatpak build sandbox) there is no window to test:
 * say so in TAP and stop. build-aux/dev test always gives one, and sets
 * KIKU_TEST_STRICT, so there a missing display is a failure.
 */
void
kiku_test_require_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("KIKU_TEST_STRICT") != NULL)
        g_error ("no display, and KIKU_TEST_STRICT is set");
      g_print ("1..0 # SKIP no display; build-aux/dev test runs these under Xvfb\n");
      exit (0);
    }
}

/* Set-up ------------------------------------------------------------------ */

static char *data_home;
static gboolean own_data_home;

/* GTK 4.8's tooltips: a tooltip's timer that outlives the window it was
 * for asks where the pointer is on a surface that is gone, and GTK logs a
 * critical for it. Windows come and go fast in the tests, under the
 * pointer; that one message is not the test's failure, every other
 * warning and critical still is.
 */
static gboolean
is_fatal (const char     *log_domain,
          GLogLevelFlags  log_level,
          const char     *message,
          gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "Gdk") == 0 &&
           g_strcmp0 (message, "gdk_surface_get_device_position: assertion 'GDK_IS_SURFACE (surface)' failed") == 0);
}

/* What every GUI test program does first: a display or a skip, drafts,
 * sites and settings in a folder of the program's own (shared with the
 * subprocesses it starts, through KIKU_TEST_DATA_HOME), GTK, libadwaita
 * and GtkSourceView.
 */
void
kiku_test_init_gui (int    *argc,
                    char ***argv)
{
  kiku_test_require_display ();

  own_data_home = g_getenv ("KIKU_TEST_DATA_HOME") == NULL;
  if (own_data_home)
    data_home = g_dir_make_tmp ("kiku-data-XXXXXX", NULL);
  else
    data_home = g_strdup (g_getenv ("KIKU_TEST_DATA_HOME"));
  g_setenv ("KIKU_TEST_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  gtk_source_init ();
  g_test_log_set_fatal_handler (is_fatal, NULL);
}

const char *
kiku_test_get_data_home (void)
{
  return data_home;
}

/* Runs the tests added, then removes the program's own folder. */
int
kiku_test_run_gui (void)
{
  int status = g_test_run ();

  if (own_data_home)
    kiku_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);

  return status;
}

/* A window for @document at @width × @height (0: its default size),
 * shown and drawn.
 */
KikuWindow *
kiku_test_show_window (KikuDocument *document,
                       int           width,
                       int           height)
{
  KikuWindow *window = kiku_window_new (NULL, document);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  kiku_test_wait_for (kiku_test_is_mapped, window, "the window");
  kiku_test_run_pending ();

  return window;
}

/* Keys -------------------------------------------------------------------- */

/* The first controller of this type on the widget, or NULL. */
GtkEventController *
kiku_test_find_controller (GtkWidget *widget,
                           GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* The widget keeps its own reference. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* What the widget's key controller does with a key press. */
gboolean
kiku_test_press_key (GtkWidget       *widget,
                     guint            keyval,
                     GdkModifierType  state)
{
  GtkEventController *controller = kiku_test_find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);

  return handled;
}

static gboolean
trigger_matches (GtkShortcutTrigger *its,
                 GtkShortcutTrigger *wanted)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (its))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (its)), wanted) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (its)), wanted);

  return gtk_shortcut_trigger_equal (its, wanted);
}

/* The shortcut of @controller for @trigger, or NULL. */
static GtkShortcut *
find_shortcut (GtkEventController *controller,
               GtkShortcutTrigger *trigger)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);

      /* The controller keeps its own reference. */
      if (trigger_matches (gtk_shortcut_get_trigger (shortcut), trigger))
        return shortcut;
    }

  return NULL;
}

/* Runs what the local shortcut controllers of @widget in @phase do for
 * the key; whether one took it.
 */
static gboolean
run_shortcuts (GtkWidget           *widget,
               GtkPropagationPhase  phase,
               GtkShortcutTrigger  *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GtkShortcut *shortcut;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_LOCAL)
        continue;

      shortcut = find_shortcut (controller, trigger);
      if (shortcut != NULL &&
          gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                        gtk_shortcut_get_arguments (shortcut)))
        return TRUE;
    }

  return FALSE;
}

/* Runs the shortcut for this key of @widget's capture-phase shortcut
 * controller, as a key press would before any child (a source view) sees
 * it. Fails the test when the controller has no such shortcut; returns
 * whether the shortcut took the key.
 */
gboolean
kiku_test_press_shortcut (GtkWidget       *widget,
                          guint            keyval,
                          GdkModifierType  state)
{
  GtkEventController *controller = kiku_test_find_controller (widget, GTK_TYPE_SHORTCUT_CONTROLLER);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, state);
  GtkShortcut *shortcut;

  g_assert_nonnull (controller);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);

  shortcut = find_shortcut (controller, trigger);
  g_assert_nonnull (shortcut);

  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                       gtk_shortcut_get_arguments (shortcut));
}

/* A key press as GTK hands it on: through the shortcuts of the widgets
 * from the window down to the focus, then back up. (Keys that type text
 * go through the input method instead: see kiku_test_type_text().)
 */
gboolean
kiku_test_press (GtkWidget       *window,
                 guint            keyval,
                 GdkModifierType  state)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, state);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus ? focus : window; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint i = 0; i < chain->len; i++)
    if (run_shortcuts (g_ptr_array_index (chain, i), GTK_PHASE_CAPTURE, trigger))
      return TRUE;

  for (guint i = chain->len; i > 0; i--)
    if (run_shortcuts (g_ptr_array_index (chain, i - 1), GTK_PHASE_BUBBLE, trigger))
      return TRUE;

  return FALSE;
}

/* What an input method hands the focused text view for typed keys, Enter
 * included.
 */
void
kiku_test_type_text (GtkWidget  *window,
                     const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      g_autofree char *character = g_strndup (p, g_utf8_next_char (p) - p);

      g_signal_emit_by_name (focus, "insert-at-cursor", character);
    }
}

/* Lets what the last step queued run: idles, then a frame or two. */
void
kiku_test_settle (void)
{
  kiku_test_run_pending ();
  kiku_test_pause_ms (100);
  kiku_test_run_pending ();
}

/* Finding and placing ----------------------------------------------------- */

GtkWidget *
kiku_test_find_button (GtkWidget  *root,
                       const char *name)
{
  return kiku_test_find_accessible (root, GTK_ACCESSIBLE_ROLE_BUTTON, name);
}

/* The card of @node as a screen reader finds it: a section by its place on
 * the page ("Section 2"), a block by its place among the blocks of its kind
 * in that section ("Source box 3").
 */
GtkWidget *
kiku_test_find_card (GtkWidget *root,
                     gpointer   node)
{
  g_autofree char *name = NULL;

  if (node == NULL || kiku_node_get_list (node) == NULL)
    return NULL;

  name = kiku_node_dup_item_name (node);
  if (KIKU_IS_BLOCK (node))
    root = kiku_test_find_card (root, kiku_node_get_parent (node));

  return root ? kiku_test_find_accessible (root, GTK_ACCESSIBLE_ROLE_GROUP, name) : NULL;
}

/* Whether all of @widget shows within the scrolled window it is in. */
gboolean
kiku_test_is_in_view (gpointer widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scroller);
  if (!gtk_widget_compute_bounds (widget, scroller, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *inside;
} FocusWait;

static gboolean
focus_is_inside (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && (focus == wait->inside || gtk_widget_is_ancestor (focus, wait->inside));
}

/* Waits until the focus is @inside (or in it), then for the scrolling
 * that came with it to be laid out.
 */
void
kiku_test_wait_for_focus_in (gpointer    window,
                             GtkWidget  *inside,
                             const char *what)
{
  FocusWait wait = { window, inside };

  kiku_test_wait_for (focus_is_inside, &wait, what);
  kiku_test_pause_ms (50);
  kiku_test_run_pending ();
}
