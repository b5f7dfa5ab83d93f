/* kiku-window-private.h: what the window's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku-find-bar.h"
#include "kiku-counts.h"
#include "kiku-preview.h"
#include "kiku-publish-status.h"
#include "kiku-window.h"

G_BEGIN_DECLS

struct _KikuWindow
{
  AdwApplicationWindow  parent_instance;

  KikuDocument         *document;
  KikuEditor           *editor;
  KikuPreview          *preview;
  GSettings            *settings;
  GCancellable         *cancellable;
  GFile                *opening;
  guint                 validate_source;
  GPtrArray            *problems;
  guint                 next_problem;   /* the one F8 goes to next, without the list */
  GHashTable           *files_seen;   /* folder and image → its problem, "", or pending */
  GHashTable           *touched;      /* in a new article, the nodes edited; NULL once all problems show */
  gboolean              saving;
  gboolean              close_after_save;
  GFile                *titled_file;  /* the file the title names, and its name there */
  char                 *titled_name;
  KikuNode             *outline_refocus;  /* the row to focus when the outline is made again */

  AdwWindowTitle       *window_title;
  AdwSplitButton       *open_button;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwFlap              *flap;
  GtkListBox           *outline;
  AdwBin               *editor_bin;
  AdwBin               *preview_bin;
  GtkMenuButton        *problems_button;
  GtkListBox           *problems_list;
  GtkButton            *save_button;
  GtkButton            *publish_button;
  GtkMenuButton        *publish_status_button;
  KikuPublishStatus    *publish_status;
  GtkProgressBar       *publish_progress;
  AdwToastOverlay      *toasts;
  GCancellable         *publishing;
  GCancellable         *checking;        /* while the links are checked */
  gboolean              publish_after_check;
  GPtrArray            *check_urls;      /* the addresses being checked */
  GPtrArray            *check_results;   /* what came back so far, in their order */
  AdwStatusPage        *error_page;
  KikuFindBar          *find_bar;

  KikuCounts           *counts;
  GtkLabel             *counts_label;
  guint                 status_source;   /* the idle that shows the counts and the title */
  gboolean              focus_mode;
  gboolean              narrow;
  guint                 narrow_source;
  gboolean              wide_preview;    /* whether the preview was shown before narrow or focus mode */
  gboolean              wide_outline;    /* whether the outline was shown before focus mode */
};

void _kiku_window_class_add_actions (GtkWidgetClass *widget_class);
void _kiku_window_set_focus_mode    (KikuWindow     *self,
                                     gboolean        focus_mode);
void _kiku_window_show_toast        (KikuWindow     *self,
                                     AdwToast       *toast);
void _kiku_window_update_actions    (KikuWindow     *self);
void _kiku_window_save              (KikuWindow     *self,
                                     gboolean        save_as);
gboolean _kiku_window_close_request (KikuWindow     *self);
void _kiku_window_add_undo_shortcuts (KikuWindow    *self);
void _kiku_window_class_add_publish_actions (GtkWidgetClass *widget_class);
void _kiku_window_publish_to (KikuWindow *self,
                              KikuSite   *site,
                              const char *status,
                              const char *date,
                              gboolean    overwrite);
void _kiku_window_show_all_problems (KikuWindow *self);
void _kiku_window_focus_next_problem (KikuWindow *self);
void _kiku_window_revalidate        (KikuWindow     *self);
void _kiku_window_open_publish_dialog (KikuWindow   *self);
void _kiku_window_class_add_link_actions (GtkWidgetClass *widget_class);
void _kiku_window_check_links       (KikuWindow     *self,
                                     gboolean        then_publish);
void _kiku_window_stop_link_check   (KikuWindow     *self);
void _kiku_window_add_link_problems (KikuWindow     *self,
                                     GPtrArray      *problems,
                                     gboolean        certain_only);

G_END_DECLS
