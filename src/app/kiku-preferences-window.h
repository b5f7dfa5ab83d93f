/* kiku-preferences-window.h: the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KIKU_TYPE_PREFERENCES_WINDOW (kiku_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KikuPreferencesWindow, kiku_preferences_window, KIKU, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

KikuPreferencesWindow *kiku_preferences_window_new (GSettings *settings);

G_END_DECLS
