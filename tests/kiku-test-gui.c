/* kiku-test-gui.c: what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku-test-gui.h"

#include <glib/gstdio.h>

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
