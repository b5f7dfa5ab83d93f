/* kiku-spelling.c: what the spelling of a text view and of an entry share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-spelling"

#include "config.h"

#include "kiku-article.h"
#include "kiku-spelling.h"

/* The context menu offers, for the misspelled word at the caret, the
 * dictionary's suggestions, "Add to Dictionary" and "Ignore": the
 * "spell" actions of this group, which the widget owns. A right click
 * first puts the caret on the word clicked; Shift+F10 and the Menu key
 * fill the menu for the word at the caret before the widget opens it.
 */

typedef struct
{
  KikuNode         *node;      /* (weak) what the widget edits */
  KikuArticle      *article;   /* (weak) followed for its language */
  KikuSpellChecker *checker;
  char             *menu_word; /* the word the menu is about */

  GMenu            *menu;
  GMenu            *suggestions;
  GMenu            *choices;
} KikuSpellingPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KikuSpelling, kiku_spelling, G_TYPE_SIMPLE_ACTION_GROUP)

/**
 * kiku_spelling_clear_menu:
 *
 * Empties the context menu's spelling items.
 */
void
kiku_spelling_clear_menu (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  g_return_if_fail (KIKU_IS_SPELLING (self));

  g_menu_remove_all (priv->suggestions);
  g_menu_remove_all (priv->choices);
  g_clear_pointer (&priv->menu_word, g_free);
}

/**
 * kiku_spelling_update_menu:
 *
 * Fills the context menu for the misspelled word at the caret, or empties
 * it.
 */
void
kiku_spelling_update_menu (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  g_return_if_fail (KIKU_IS_SPELLING (self));

  kiku_spelling_clear_menu (self);
  if (priv->checker == NULL || !(priv->menu_word = KIKU_SPELLING_GET_CLASS (self)->take_menu_word (self)))
    return;

  kiku_spell_checker_fill_menu (priv->checker, priv->menu_word, priv->suggestions, priv->choices);
}

KikuSpellChecker *
kiku_spelling_get_checker (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_SPELLING (self), NULL);

  return priv->checker;
}

GMenuModel *
kiku_spelling_get_menu (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  g_return_val_if_fail (KIKU_IS_SPELLING (self), NULL);

  return G_MENU_MODEL (priv->menu);
}

/* The actions ----------------------------------------------------------------- */

static void
correct_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  KikuSpelling *self = data;
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  if (priv->menu_word == NULL)
    return;

  KIKU_SPELLING_GET_CLASS (self)->correct (self, g_variant_get_string (parameter, NULL));
  kiku_spelling_clear_menu (self);
}

/* Add to Dictionary and Ignore: the word is known from now on, for good
 * or for this session.
 */
static void
word_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  KikuSpelling *self = data;
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);
  g_autofree char *word = g_steal_pointer (&priv->menu_word);

  kiku_spelling_clear_menu (self);
  if (priv->checker == NULL || word == NULL || word[0] == '\0')
    return;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "add"))
    kiku_spell_checker_add_word (priv->checker, word);
  else
    kiku_spell_checker_ignore_word (priv->checker, word);
}

/* The widget ------------------------------------------------------------------ */

static void
recheck (KikuSpelling *self)
{
  KIKU_SPELLING_GET_CLASS (self)->recheck (self);
}

static void
set_checker (KikuSpelling     *self,
             KikuSpellChecker *checker)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  if (priv->checker == checker)
    return;

  if (priv->checker != NULL)
    g_signal_handlers_disconnect_by_func (priv->checker, recheck, self);
  g_set_object (&priv->checker, checker);
  if (checker != NULL)
    g_signal_connect_swapped (checker, "changed", G_CALLBACK (recheck), self);

  kiku_spelling_clear_menu (self);
  recheck (self);
}

static void
on_language_changed (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  set_checker (self, kiku_spell_checker_get_for_language (kiku_article_get_language (priv->article)));
}

/* A widget may be made before its node joins the article. */
static void
on_realize (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  if (priv->article == NULL && priv->node != NULL && (priv->article = kiku_node_get_article (priv->node)))
    {
      g_object_add_weak_pointer (G_OBJECT (priv->article), (gpointer *)&priv->article);
      g_signal_connect_object (priv->article, "notify::language",
                               G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
      on_language_changed (self);
    }

  recheck (self);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  KikuSpelling    *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  if (priv->checker == NULL)
    return;

  KIKU_SPELLING_GET_CLASS (self)->place_caret (self, x, y);
  kiku_spelling_update_menu (self);
}

/* The context menu from the keyboard: its suggestions first, then the
 * widget opens it.
 */
static gboolean
prepare_menu (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  kiku_spelling_update_menu (data);

  return FALSE;
}

/**
 * kiku_spelling_attach:
 * @widget: the widget that shows the text and its context menu
 * @owner: the widget that owns the spelling, as its "spell" action group:
 *   @widget or one around it
 * @node: what the widget edits, whose article's language says how to check
 *
 * Checks the spelling of @widget from now on.
 */
void
kiku_spelling_attach (KikuSpelling *self,
                      GtkWidget    *widget,
                      GtkWidget    *owner,
                      KikuNode     *node)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);
  GtkEventController *keys;
  GtkGesture *click;

  g_return_if_fail (KIKU_IS_SPELLING (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (KIKU_IS_NODE (node));

  g_set_weak_pointer (&priv->node, node);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (prepare_menu, self, NULL)));
  gtk_widget_add_controller (widget, keys);

  g_signal_connect_object (widget, "realize", G_CALLBACK (on_realize), self, G_CONNECT_SWAPPED);
  gtk_widget_insert_action_group (owner, "spell", G_ACTION_GROUP (self));

  if (gtk_widget_get_realized (widget))
    on_realize (self);
}

/* GObject ----------------------------------------------------------------- */

static void
kiku_spelling_dispose (GObject *object)
{
  KikuSpelling *self = KIKU_SPELLING (object);
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);

  if (priv->checker != NULL)
    g_signal_handlers_disconnect_by_func (priv->checker, recheck, self);
  g_clear_object (&priv->checker);
  g_clear_weak_pointer (&priv->node);
  g_clear_weak_pointer (&priv->article);
  g_clear_pointer (&priv->menu_word, g_free);
  g_clear_object (&priv->menu);
  g_clear_object (&priv->suggestions);
  g_clear_object (&priv->choices);

  G_OBJECT_CLASS (kiku_spelling_parent_class)->dispose (object);
}

static void
kiku_spelling_class_init (KikuSpellingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiku_spelling_dispose;
}

static void
kiku_spelling_init (KikuSpelling *self)
{
  KikuSpellingPrivate *priv = kiku_spelling_get_instance_private (self);
  static const GActionEntry actions[] = {
    { "correct", correct_activated, "s" },
    { "add", word_activated },
    { "ignore", word_activated },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);

  priv->menu = g_menu_new ();
  priv->suggestions = g_menu_new ();
  priv->choices = g_menu_new ();
  g_menu_append_section (priv->menu, NULL, G_MENU_MODEL (priv->suggestions));
  g_menu_append_section (priv->menu, NULL, G_MENU_MODEL (priv->choices));
}
