/* kiku-preferences-window.c: the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku.h"
#include "kiku-site-store.h"
#include "kiku-preferences-window.h"

/* The settings a user may change: the autosave delay, the editor font, the
 * language of new articles, the default persona, author and site, each bound to its
 * GSettings key.
 */
struct _KikuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSpinButton        *delay;
  GtkFontButton        *font;
  GtkSwitch            *check_links;
  AdwComboRow          *language;
  AdwEntryRow          *persona;
  AdwEntryRow          *author;
  AdwComboRow          *site;
  GtkStringList        *site_names;
};

G_DEFINE_FINAL_TYPE (KikuPreferencesWindow, kiku_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

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

/* The first choice is no site; the others are the sites by name. */
static void
on_site_selected (KikuPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->site);
  const char *name = selected > 0 ? gtk_string_list_get_string (self->site_names, selected) : NULL;

  g_settings_set_string (self->settings, "default-site", name ? name : "");
}

static void
fill_sites (KikuPreferencesWindow *self)
{
  g_autoptr(KikuSiteStore) store = kiku_site_store_new (kiku_get_config_dir ());
  g_autofree char *chosen = g_settings_get_string (self->settings, "default-site");
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  /* Translators: the default site, when there is none */
  gtk_string_list_append (self->site_names, C_("site", "None"));
  if (!kiku_site_store_load (store, &error))
    g_debug ("No sites to choose from: %s", error->message);
  else
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
      {
        g_autoptr(KikuSite) site = g_list_model_get_item (G_LIST_MODEL (store), i);

        gtk_string_list_append (self->site_names, kiku_site_get_name (site));
        if (g_str_equal (kiku_site_get_name (site), chosen))
          selected = i + 1;
      }

  adw_combo_row_set_selected (self->site, selected);
  g_signal_connect_object (self->site, "notify::selected", G_CALLBACK (on_site_selected), self,
                           G_CONNECT_SWAPPED);
}

static void
kiku_preferences_window_constructed (GObject *object)
{
  KikuPreferencesWindow *self = KIKU_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (kiku_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "autosave-delay", gtk_spin_button_get_adjustment (self->delay),
                   "value", G_SETTINGS_BIND_DEFAULT);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_settings_bind (self->settings, "editor-font", self->font, "font", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "check-links-before-publish", self->check_links, "active",
                   G_SETTINGS_BIND_DEFAULT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_settings_bind_with_mapping (self->settings, "default-language", self->language, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_to_index, index_to_language, NULL, NULL);
  g_settings_bind (self->settings, "default-persona", self->persona, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-author", self->author, "text", G_SETTINGS_BIND_DEFAULT);
  fill_sites (self);
}

static void
kiku_preferences_window_dispose (GObject *object)
{
  KikuPreferencesWindow *self = KIKU_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kiku_preferences_window_parent_class)->dispose (object);
}

static void
kiku_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KikuPreferencesWindow *self = KIKU_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_preferences_window_class_init (KikuPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_preferences_window_constructed;
  object_class->dispose = kiku_preferences_window_dispose;
  object_class->set_property = kiku_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, delay);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, font);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, check_links);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, language);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, persona);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, author);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, site);
  gtk_widget_class_bind_template_child (widget_class, KikuPreferencesWindow, site_names);
}

static void
kiku_preferences_window_init (KikuPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_preferences_window_new:
 *
 * Returns: (transfer floating): a window of the settings a user may change
 */
KikuPreferencesWindow *
kiku_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (KIKU_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
