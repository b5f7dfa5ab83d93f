/* kiku-window-links.c: checking the sources' links from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-window-private.h"

/* Check Links asks each source box's address, a few at a time, only when
 * the writer asks for it or presses Publish, never while typing. What is
 * broken becomes a problem on its source box (in the list and on the
 * card). Before publishing, the Publish button says the check is running
 * and skips it when pressed; the Publish dialog opens when it ends.
 */

#define BATCH 4

static KikuWalk
collect_url (KikuNode *node,
             guint     depth,
             gpointer  data)
{
  GPtrArray *urls = data;
  const char *url;

  if (!KIKU_IS_SOURCE (node))
    return KIKU_WALK_CONTINUE;

  url = kiku_source_get_url (KIKU_SOURCE (node));
  if (url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")) &&
      !g_ptr_array_find_with_equal_func (urls, url, g_str_equal, NULL))
    g_ptr_array_add (urls, g_strdup (url));

  return KIKU_WALK_CONTINUE;
}

static void
show_checking (KikuWindow *self,
               gboolean    checking)
{
  gtk_widget_set_visible (GTK_WIDGET (self->publish_progress), checking);
  gtk_progress_bar_set_fraction (self->publish_progress, 0);
  if (checking)
    {
      const char *label = self->publish_after_check ? _("_Skip Link Check") : _("_Stop Checking Links");

      gtk_button_set_label (self->publish_button, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->publish_button),
                                   self->publish_after_check ? _("Publish without waiting for the link check")
                                                             : _("Stop checking the links"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
    }
  else
    {
      gtk_button_set_label (self->publish_button, _("_Publish"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->publish_button), _("Publish to a Site (Ctrl+Enter)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
    }
}

/* What was found goes to the cards and the problems; the writer hears it. */
static void
end_check (KikuWindow   *self,
           const GError *error)
{
  gboolean publish = self->publish_after_check;
  guint broken = 0;

  g_clear_object (&self->checking);
  self->publish_after_check = FALSE;
  show_checking (self, FALSE);

  if (self->editor != NULL && self->check_results->len > 0)
    kiku_link_report_add_results (kiku_editor_get_link_report (self->editor), self->check_results);
  for (guint i = 0; i < self->check_results->len; i++)
    if (kiku_link_result_is_broken (g_ptr_array_index (self->check_results, i)))
      broken++;
  g_ptr_array_set_size (self->check_results, 0);
  g_ptr_array_set_size (self->check_urls, 0);
  _kiku_window_revalidate (self);

  if (error != NULL)
    {
      /* Translators: %s says why the links could not be checked */
      g_autofree char *title = g_strdup_printf (_("Could not check the links: %s"), error->message);

      _kiku_window_show_toast (self, adw_toast_new (title));
    }
  else if (broken > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link is broken: see the problems (F8)",
                                      "%u links are broken: see the problems (F8)", broken), broken);

      _kiku_window_show_toast (self, adw_toast_new (title));
    }
  else if (!publish)
    {
      _kiku_window_show_toast (self, adw_toast_new (_("Every link works")));
    }

  if (publish)
    _kiku_window_open_publish_dialog (self);
}

static void check_next (KikuWindow *self);

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KikuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = kiku_citer_check_links_finish (KIKU_CITER (object), result, &error);
  guint done;

  /* Skipped or stopped: what came before is already shown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->checking == NULL)
    return;

  if (results == NULL)
    {
      end_check (self, error);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (self->check_results, kiku_link_result_copy (g_ptr_array_index (results, i)));

  done = self->check_results->len;
  gtk_progress_bar_set_fraction (self->publish_progress, (double)done / self->check_urls->len);
  if (done < self->check_urls->len)
    check_next (self);
  else
    end_check (self, NULL);
}

static void
check_next (KikuWindow *self)
{
  guint done = self->check_results->len;
  guint n = MIN (BATCH, self->check_urls->len - done);
  g_autofree const char **urls = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    urls[i] = g_ptr_array_index (self->check_urls, done + i);

  kiku_citer_check_links_async (kiku_citer_get_default (), urls, self->checking, on_checked, g_object_ref (self));
}

/**
 * _kiku_window_check_links:
 * @then_publish: whether the Publish dialog opens once the check ends
 *
 * Checks every source box's address in the background.
 */
void
_kiku_window_check_links (KikuWindow *self,
                          gboolean    then_publish)
{
  KikuArticle *article;

  if (self->document == NULL || self->checking != NULL || self->publishing != NULL)
    return;

  article = kiku_document_get_article (self->document);
  g_ptr_array_set_size (self->check_urls, 0);
  g_ptr_array_set_size (self->check_results, 0);
  kiku_node_walk (KIKU_NODE (article), collect_url, self->check_urls);

  if (self->check_urls->len == 0)
    {
      if (then_publish)
        _kiku_window_open_publish_dialog (self);
      else
        _kiku_window_show_toast (self, adw_toast_new (_("No source box has a web address to check")));
      return;
    }

  self->checking = g_cancellable_new ();
  self->publish_after_check = then_publish;
  show_checking (self, TRUE);
  check_next (self);
}

/**
 * _kiku_window_stop_link_check:
 *
 * Stops the check; what it found so far is kept. One that was to open the
 * Publish dialog opens it now.
 */
void
_kiku_window_stop_link_check (KikuWindow *self)
{
  if (self->checking == NULL)
    return;

  g_cancellable_cancel (self->checking);
  end_check (self, NULL);
}

static void
check_links_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KikuWindow *self = KIKU_WINDOW (widget);

  if (self->checking != NULL)
    {
      _kiku_window_stop_link_check (self);
      return;
    }

  /* Asked for, every site is asked again (before Publish, what was found
   * within the hour stands).
   */
  kiku_citer_forget_links (kiku_citer_get_default ());
  _kiku_window_check_links (self, FALSE);
}

/* A problem for each source box whose address was found broken. */
typedef struct
{
  KikuLinkReport *report;
  GPtrArray      *problems;
  gboolean        certain_only;  /* no host that did not answer: the network may be down */
} LinkProblems;

static KikuWalk
add_link_problem (KikuNode *node,
                  guint     depth,
                  gpointer  data)
{
  LinkProblems *found = data;
  const KikuLinkResult *result;

  if (!KIKU_IS_SOURCE (node))
    return KIKU_WALK_CONTINUE;

  result = kiku_link_report_lookup (found->report, kiku_source_get_url (KIKU_SOURCE (node)));
  if (result != NULL &&
      (!found->certain_only || kiku_link_result_get_state (result) == KIKU_LINK_GONE ||
       kiku_link_result_get_state (result) == KIKU_LINK_REDIRECTED_AWAY))
    g_ptr_array_add (found->problems,
                     kiku_problem_new (KIKU_PROBLEM_BROKEN_LINK, node, "url", kiku_link_result_get_message (result)));

  return KIKU_WALK_CONTINUE;
}

/**
 * _kiku_window_add_link_problems:
 * @certain_only: only pages gone or moved to another site, not hosts
 *   that did not answer (this machine's network may be down)
 *
 * Adds a problem for each source box whose address the last check found
 * broken.
 */
void
_kiku_window_add_link_problems (KikuWindow *self,
                                GPtrArray  *problems,
                                gboolean    certain_only)
{
  LinkProblems found;

  if (self->editor == NULL || self->document == NULL)
    return;

  found.report = kiku_editor_get_link_report (self->editor);
  found.problems = problems;
  found.certain_only = certain_only;
  kiku_node_walk (KIKU_NODE (kiku_document_get_article (self->document)), add_link_problem, &found);
}

void
_kiku_window_class_add_link_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.check-links", NULL, check_links_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.check-links", NULL);
}
