/* kiku-preferences.c: the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-preferences.h"

static gboolean
language_to_index (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "en") ? 1 : 0);

  return TRUE;
}

static GVariant *
index_to_language (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "en" : "ja");
}

/**
 * kiku_preferences_new:
 *
 * Returns: (transfer floating): a window of the settings a user may change:
 *   the autosave delay, the editor font, the language of new articles and
 *   the default persona
 */
GtkWidget *
kiku_preferences_new (GSettings *settings)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *editing = adw_preferences_group_new ();
  GtkWidget *articles = adw_preferences_group_new ();
  GtkWidget *delay_row = adw_action_row_new ();
  GtkWidget *delay = gtk_spin_button_new_with_range (1, 60, 1);
  GtkWidget *font_row = adw_action_row_new ();
  GtkWidget *font = gtk_font_button_new ();
  GtkWidget *language = adw_combo_row_new ();
  GtkWidget *persona = adw_entry_row_new ();
  const char *languages[] = { N_("Japanese"), N_("English"), NULL };
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (editing), _("Editing"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (articles), _("New Articles"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delay_row), _("Autosave Delay"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (delay_row),
                               _("Seconds after a change before a draft is kept"));
  gtk_widget_set_valign (delay, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delay), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Autosave Delay"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (delay_row), delay);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (delay_row), delay);
  g_settings_bind (settings, "autosave-delay", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (delay)),
                   "value", G_SETTINGS_BIND_DEFAULT);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (font_row), _("Editor Font"));
  gtk_widget_set_valign (font, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (font), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Editor Font"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (font_row), font);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (font_row), font);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_settings_bind (settings, "editor-font", font, "font", G_SETTINGS_BIND_DEFAULT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; languages[i]; i++)
    gtk_string_list_append (language_names, _(languages[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (language), _("Language"));
  adw_combo_row_set_model (ADW_COMBO_ROW (language), G_LIST_MODEL (language_names));
  g_settings_bind_with_mapping (settings, "default-language", language, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_to_index, index_to_language, NULL, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (persona), _("Default Persona"));
  g_settings_bind (settings, "default-persona", persona, "text", G_SETTINGS_BIND_DEFAULT);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing), delay_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing), font_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (articles), language);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (articles), persona);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (editing));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (articles));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);

  return window;
}
