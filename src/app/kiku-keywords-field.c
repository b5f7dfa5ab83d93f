/* kiku-keywords-field.c: the article's keywords, as chips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-keywords-field"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-keywords-field.h"

/* The chips are one Tab stop, with the arrows between them and Delete or
 * Backspace removing the one that has the focus; the entry after them is
 * the next stop. A chip stays the same widget while its keyword stays.
 */

struct _KikuKeywordChip
{
  GtkFlowBoxChild  parent_instance;

  char            *keyword;

  GtkLabel        *label;
  GtkButton       *remove;
};

G_DEFINE_FINAL_TYPE (KikuKeywordChip, kiku_keyword_chip, GTK_TYPE_FLOW_BOX_CHILD)

enum {
  CHIP_PROP_0,
  CHIP_PROP_KEYWORD,
  CHIP_N_PROPS
};

static GParamSpec *chip_properties [CHIP_N_PROPS];

struct _KikuKeywordsField
{
  GtkWidget    parent_instance;

  KikuArticle *article;

  GtkLabel    *title_label;
  GtkFlowBox  *chips;
  GtkEntry    *entry;
};

G_DEFINE_FINAL_TYPE (KikuKeywordsField, kiku_keywords_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The field's part ------------------------------------------------------- */

static KikuKeywordChip *
chip_at (KikuKeywordsField *self,
         int                index)
{
  GtkFlowBoxChild *child = index >= 0 ? gtk_flow_box_get_child_at_index (self->chips, index) : NULL;

  return child ? KIKU_KEYWORD_CHIP (child) : NULL;
}

static KikuKeywordChip *
find_chip (KikuKeywordsField *self,
           const char        *keyword,
           int               *index)
{
  KikuKeywordChip *chip;

  for (int i = 0; (chip = chip_at (self, i)) != NULL; i++)
    if (g_str_equal (chip->keyword, keyword))
      {
        if (index != NULL)
          *index = i;
        return chip;
      }

  return NULL;
}

/* The chips follow the keywords: those that stay keep their chip. */
static void
update_chips (KikuKeywordsField *self)
{
  const char *const *keywords = kiku_article_get_keywords (self->article);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  KikuKeywordChip *focused = NULL;
  guint n = keywords ? g_strv_length ((char **)keywords) : 0;
  KikuKeywordChip *chip;
  int focused_index = 0;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->chips)))
    {
      GtkWidget *focused_chip = KIKU_IS_KEYWORD_CHIP (focus)
                                ? focus : gtk_widget_get_ancestor (focus, KIKU_TYPE_KEYWORD_CHIP);

      if (focused_chip != NULL)
        {
          focused = KIKU_KEYWORD_CHIP (focused_chip);
          focused_index = gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (focused));
        }
    }

  for (guint i = 0; i < n; i++)
    {
      int index = -1;

      chip = find_chip (self, keywords[i], &index);
      if (chip != NULL && index == (int)i)
        continue;

      if (chip != NULL)
        {
          g_object_ref (chip);
          gtk_flow_box_remove (self->chips, GTK_WIDGET (chip));
          gtk_flow_box_insert (self->chips, GTK_WIDGET (chip), i);
          g_object_unref (chip);
        }
      else
        {
          gtk_flow_box_insert (self->chips,
                               g_object_new (KIKU_TYPE_KEYWORD_CHIP, "keyword", keywords[i], NULL), i);
        }
    }

  /* What is past the keywords now has gone. */
  while ((chip = chip_at (self, n)) != NULL)
    gtk_flow_box_remove (self->chips, GTK_WIDGET (chip));

  gtk_widget_set_visible (GTK_WIDGET (self->chips), n > 0);

  /* The focus was on a chip that went: to the one now in its place. */
  if (focused != NULL && gtk_widget_get_parent (GTK_WIDGET (focused)) != GTK_WIDGET (self->chips))
    {
      chip = chip_at (self, MIN (focused_index, (int)n - 1));
      if (chip != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (chip));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
}

static void
remove_keyword (KikuKeywordsField *self,
                const char        *keyword)
{
  const char *const *keywords = kiku_article_get_keywords (self->article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; keywords && keywords[i]; i++)
    if (!g_str_equal (keywords[i], keyword))
      g_strv_builder_add (builder, keywords[i]);

  result = g_strv_builder_end (builder);
  kiku_article_set_keywords (self->article, (const char *const *)result);
}

/* Enter, or a comma, adds what was typed as keywords. */
static void
add_typed_keywords (KikuKeywordsField *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *const *keywords = kiku_article_get_keywords (self->article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) unified = g_string_new (text);
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) result = NULL;

  g_string_replace (unified, "、", ",", 0);
  parts = g_strsplit (unified->str, ",", -1);

  for (guint i = 0; keywords && keywords[i]; i++)
    g_strv_builder_add (builder, keywords[i]);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0' && !(keywords && g_strv_contains (keywords, parts[i])))
        g_strv_builder_add (builder, parts[i]);
    }

  result = g_strv_builder_end (builder);
  kiku_article_set_keywords (self->article, (const char *const *)result);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
on_entry_activate (KikuKeywordsField *self)
{
  add_typed_keywords (self);
}

static void
on_entry_changed (KikuKeywordsField *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (g_str_has_suffix (text, ",") || g_str_has_suffix (text, "、"))
    add_typed_keywords (self);
}

static gboolean
enter_chips (KikuKeywordsField *self,
             GtkDirectionType   direction)
{
  GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (self->chips, 0);

  if (first == NULL)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->chips), direction);
}

/* The chips are one Tab stop, the entry another. */
static gboolean
kiku_keywords_field_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  KikuKeywordsField *self = KIKU_KEYWORDS_FIELD (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);

  if (focus_child == GTK_WIDGET (self->chips))
    {
      if (direction == GTK_DIR_TAB_FORWARD)
        return gtk_widget_child_focus (GTK_WIDGET (self->entry), direction);
      if (direction == GTK_DIR_TAB_BACKWARD)
        return FALSE;

      /* Arrows stay among the chips. */
      if (!gtk_widget_child_focus (GTK_WIDGET (self->chips), direction))
        gtk_widget_error_bell (widget);
      return TRUE;
    }

  if (focus_child == GTK_WIDGET (self->entry))
    {
      if (direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP)
        return enter_chips (self, direction);
      return FALSE;
    }

  if (direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP)
    return gtk_widget_child_focus (GTK_WIDGET (self->entry), direction) || enter_chips (self, direction);

  return enter_chips (self, direction) || gtk_widget_child_focus (GTK_WIDGET (self->entry), direction);
}

static void
kiku_keywords_field_constructed (GObject *object)
{
  KikuKeywordsField *self = KIKU_KEYWORDS_FIELD (object);

  G_OBJECT_CLASS (kiku_keywords_field_parent_class)->constructed (object);

  g_assert (KIKU_IS_ARTICLE (self->article));

  g_signal_connect_object (self->article, "notify::keywords", G_CALLBACK (update_chips), self,
                           G_CONNECT_SWAPPED);
  update_chips (self);
}

static void
kiku_keywords_field_dispose (GObject *object)
{
  KikuKeywordsField *self = KIKU_KEYWORDS_FIELD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIKU_TYPE_KEYWORDS_FIELD);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (kiku_keywords_field_parent_class)->dispose (object);
}

static void
kiku_keywords_field_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KikuKeywordsField *self = KIKU_KEYWORDS_FIELD (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_keywords_field_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KikuKeywordsField *self = KIKU_KEYWORDS_FIELD (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_keywords_field_class_init (KikuKeywordsFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_keywords_field_constructed;
  object_class->dispose = kiku_keywords_field_dispose;
  object_class->get_property = kiku_keywords_field_get_property;
  object_class->set_property = kiku_keywords_field_set_property;

  widget_class->focus = kiku_keywords_field_focus;

  properties [PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, KIKU_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-keywords-field.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuKeywordsField, title_label);
  gtk_widget_class_bind_template_child (widget_class, KikuKeywordsField, chips);
  gtk_widget_class_bind_template_child (widget_class, KikuKeywordsField, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
}

static void
kiku_keywords_field_init (KikuKeywordsField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiku_keywords_field_new:
 *
 * Returns: (transfer floating): the keywords of @article as chips, with an
 *   entry that adds them
 */
GtkWidget *
kiku_keywords_field_new (KikuArticle *article)
{
  g_return_val_if_fail (KIKU_IS_ARTICLE (article), NULL);

  return g_object_new (KIKU_TYPE_KEYWORDS_FIELD, "article", article, NULL);
}

/**
 * kiku_keywords_field_get_entry:
 *
 * Returns: (transfer none): the entry that adds keywords
 */
GtkWidget *
kiku_keywords_field_get_entry (KikuKeywordsField *self)
{
  g_return_val_if_fail (KIKU_IS_KEYWORDS_FIELD (self), NULL);

  return GTK_WIDGET (self->entry);
}

/* The chip's part -------------------------------------------------------- */

static void
chip_remove (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KikuKeywordChip *self = KIKU_KEYWORD_CHIP (widget);
  GtkWidget *field = gtk_widget_get_ancestor (widget, KIKU_TYPE_KEYWORDS_FIELD);
  g_autofree char *keyword = g_strdup (self->keyword);
  gboolean had_focus = gtk_widget_has_focus (widget);

  if (field == NULL)
    return;

  /* A click on the button leaves the caret where the writer goes on. */
  if (!had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (KIKU_KEYWORDS_FIELD (field)->entry));

  remove_keyword (KIKU_KEYWORDS_FIELD (field), keyword);
}

static void
kiku_keyword_chip_constructed (GObject *object)
{
  KikuKeywordChip *self = KIKU_KEYWORD_CHIP (object);
  /* Translators: the button on a keyword chip; %s is the keyword */
  g_autofree char *remove = g_strdup_printf (_("Remove keyword “%s”"), self->keyword);

  G_OBJECT_CLASS (kiku_keyword_chip_parent_class)->constructed (object);

  gtk_label_set_text (self->label, self->keyword);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->keyword, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

static void
kiku_keyword_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIKU_TYPE_KEYWORD_CHIP);

  G_OBJECT_CLASS (kiku_keyword_chip_parent_class)->dispose (object);
}

static void
kiku_keyword_chip_finalize (GObject *object)
{
  g_free (KIKU_KEYWORD_CHIP (object)->keyword);

  G_OBJECT_CLASS (kiku_keyword_chip_parent_class)->finalize (object);
}

static void
kiku_keyword_chip_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KikuKeywordChip *self = KIKU_KEYWORD_CHIP (object);

  switch (prop_id)
    {
    case CHIP_PROP_KEYWORD:
      g_value_set_string (value, self->keyword);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_keyword_chip_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KikuKeywordChip *self = KIKU_KEYWORD_CHIP (object);

  switch (prop_id)
    {
    case CHIP_PROP_KEYWORD:
      self->keyword = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiku_keyword_chip_class_init (KikuKeywordChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiku_keyword_chip_constructed;
  object_class->dispose = kiku_keyword_chip_dispose;
  object_class->finalize = kiku_keyword_chip_finalize;
  object_class->get_property = kiku_keyword_chip_get_property;
  object_class->set_property = kiku_keyword_chip_set_property;

  chip_properties [CHIP_PROP_KEYWORD] =
    g_param_spec_string ("keyword", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, CHIP_N_PROPS, chip_properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kiku/Kiku/kiku-keyword-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, KikuKeywordChip, label);
  gtk_widget_class_bind_template_child (widget_class, KikuKeywordChip, remove);

  gtk_widget_class_install_action (widget_class, "chip.remove", NULL, chip_remove);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "chip.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "chip.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "chip.remove", NULL);
}

static void
kiku_keyword_chip_init (KikuKeywordChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
kiku_keyword_chip_get_keyword (KikuKeywordChip *self)
{
  g_return_val_if_fail (KIKU_IS_KEYWORD_CHIP (self), NULL);

  return self->keyword;
}
