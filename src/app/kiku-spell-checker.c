/* kiku-spell-checker.c: the words of one language, through Enchant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-spell-checker"

#include "config.h"

#include <glib/gi18n.h>

#include <enchant.h>
#include <string.h>

#include "kiku-spell-checker.h"

/* The most corrections a context menu offers. */
#define MOST_SUGGESTIONS 5

/* One checker per dictionary, shared by every field of every article in
 * that language, so that a word added or ignored in one field is so in
 * all of them. Languages written without spaces between words (Japanese,
 * Chinese, Korean) have no checker: there is no word to look up.
 */

struct _KikuSpellChecker
{
  GObject      parent_instance;

  char        *dictionary;
  EnchantDict *dict;
};

G_DEFINE_FINAL_TYPE (KikuSpellChecker, kiku_spell_checker, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static EnchantBroker *broker;
static GHashTable *checkers;   /* dictionary tag → KikuSpellChecker */
static GHashTable *languages;  /* language → KikuSpellChecker, or NULL for none */

static EnchantBroker *
get_broker (void)
{
  if (broker == NULL)
    broker = enchant_broker_init ();

  return broker;
}

typedef struct
{
  const char *prefix;
  char       *found;
} FindDict;

static void
find_dict (const char * const lang_tag,
           const char * const provider_name,
           const char * const provider_desc,
           const char * const provider_file,
           void              *data)
{
  FindDict *find = data;
  gsize length = strlen (find->prefix);

  if (find->found == NULL && strncmp (lang_tag, find->prefix, length) == 0 &&
      (lang_tag[length] == '\0' || lang_tag[length] == '_'))
    find->found = g_strdup (lang_tag);
}

/* "en" is American English if there is such a dictionary, else any
 * English one; "en-GB" is British English if there is one, else as "en".
 */
static char *
dup_dictionary_for (const char *language)
{
  g_autofree char *tag = g_strdelimit (g_strdup (language), "-", '_');
  g_autofree char *base = g_strndup (tag, strcspn (tag, "_"));
  g_autofree char *preferred = NULL;
  FindDict find = { base, NULL };

  if (enchant_broker_dict_exists (get_broker (), tag))
    return g_steal_pointer (&tag);

  if (g_str_equal (base, "en"))
    preferred = g_strdup ("en_US");
  else
    preferred = g_strdup_printf ("%s_%s", base, base);
  g_ascii_strup (preferred + strlen (base) + 1, -1);
  if (enchant_broker_dict_exists (get_broker (), preferred))
    return g_steal_pointer (&preferred);

  enchant_broker_list_dicts (get_broker (), find_dict, &find);

  return find.found;
}

static void
kiku_spell_checker_finalize (GObject *object)
{
  KikuSpellChecker *self = KIKU_SPELL_CHECKER (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (get_broker (), self->dict);
  g_free (self->dictionary);

  G_OBJECT_CLASS (kiku_spell_checker_parent_class)->finalize (object);
}

static void
kiku_spell_checker_class_init (KikuSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiku_spell_checker_finalize;

  /**
   * KikuSpellChecker::changed:
   *
   * A word was added or ignored: what was checked should be again.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kiku_spell_checker_init (KikuSpellChecker *self)
{
}

/**
 * kiku_spell_checker_get_for_language:
 * @language: (nullable): a language as an article gives it, such as "en"
 *   or "en-GB"
 *
 * Returns: (transfer none) (nullable): the checker for @language, or
 *   %NULL when its text is not checked: no language, a language written
 *   without spaces, or no dictionary installed for it
 */
KikuSpellChecker *
kiku_spell_checker_get_for_language (const char *language)
{
  static const char *unchecked[] = { "ja", "zh", "ko", NULL };
  g_autofree char *dictionary = NULL;
  KikuSpellChecker *self;
  EnchantDict *dict;

  if (language == NULL || language[0] == '\0')
    return NULL;

  for (guint i = 0; unchecked[i] != NULL; i++)
    if (g_ascii_strncasecmp (language, unchecked[i], 2) == 0 &&
        (language[2] == '\0' || language[2] == '-' || language[2] == '_'))
      return NULL;

  /* Every field asks: the broker is asked once per language. */
  if (languages == NULL)
    {
      languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      checkers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
    }
  if (g_hash_table_lookup_extended (languages, language, NULL, (gpointer *)&self))
    return self;

  self = NULL;
  if ((dictionary = dup_dictionary_for (language)) != NULL &&
      (self = g_hash_table_lookup (checkers, dictionary)) == NULL &&
      (dict = enchant_broker_request_dict (get_broker (), dictionary)) != NULL)
    {
      self = g_object_new (KIKU_TYPE_SPELL_CHECKER, NULL);
      self->dictionary = g_steal_pointer (&dictionary);
      self->dict = dict;
      g_hash_table_insert (checkers, self->dictionary, self);
    }
  g_hash_table_insert (languages, g_strdup (language), self);

  return self;
}

/**
 * kiku_spell_checker_get_dictionary:
 *
 * Returns: the dictionary's tag, such as "en_US"
 */
const char *
kiku_spell_checker_get_dictionary (KikuSpellChecker *self)
{
  g_return_val_if_fail (KIKU_IS_SPELL_CHECKER (self), NULL);

  return self->dictionary;
}

/**
 * kiku_spell_checker_is_checked_text:
 *
 * Returns: whether @word is for a dictionary to judge: not when it has a
 *   digit, or a character of a script written without spaces (kanji,
 *   kana, hangul), which a Latin dictionary knows nothing of
 */
gboolean
kiku_spell_checker_is_checked_text (const char *word,
                                    gssize      length)
{
  const char *end = length < 0 ? word + strlen (word) : word + length;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return FALSE;

      switch ((int)g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
        case G_UNICODE_SCRIPT_HANGUL:
        case G_UNICODE_SCRIPT_BOPOMOFO:
        case G_UNICODE_SCRIPT_THAI:
          return FALSE;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * kiku_spell_checker_check_word:
 *
 * Returns: %FALSE when the dictionary does not know @word
 */
gboolean
kiku_spell_checker_check_word (KikuSpellChecker *self,
                               const char       *word,
                               gssize            length)
{
  g_return_val_if_fail (KIKU_IS_SPELL_CHECKER (self), TRUE);

  if (length < 0)
    length = strlen (word);
  if (length == 0 || !kiku_spell_checker_is_checked_text (word, length))
    return TRUE;

  return enchant_dict_check (self->dict, word, length) == 0;
}

/**
 * kiku_spell_checker_list_suggestions:
 * @most: how many to give at most
 *
 * Returns: (transfer full): the words the dictionary offers for @word,
 *   best first
 */
char **
kiku_spell_checker_list_suggestions (KikuSpellChecker *self,
                                     const char       *word,
                                     guint             most)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  size_t n = 0;
  char **suggestions;

  g_return_val_if_fail (KIKU_IS_SPELL_CHECKER (self), NULL);

  suggestions = enchant_dict_suggest (self->dict, word, -1, &n);
  for (size_t i = 0; i < n && i < most; i++)
    g_strv_builder_add (builder, suggestions[i]);
  if (suggestions != NULL)
    enchant_dict_free_string_list (self->dict, suggestions);

  return g_strv_builder_end (builder);
}

/**
 * kiku_spell_checker_add_word:
 *
 * Adds @word to the user's own dictionary, for this and later sessions.
 */
void
kiku_spell_checker_add_word (KikuSpellChecker *self,
                             const char       *word)
{
  g_return_if_fail (KIKU_IS_SPELL_CHECKER (self));

  enchant_dict_add (self->dict, word, -1);
  g_signal_emit (self, signals [CHANGED], 0);
}

/**
 * kiku_spell_checker_ignore_word:
 *
 * Takes @word as right until the application quits.
 */
void
kiku_spell_checker_ignore_word (KikuSpellChecker *self,
                                const char       *word)
{
  g_return_if_fail (KIKU_IS_SPELL_CHECKER (self));

  enchant_dict_add_to_session (self->dict, word, -1);
  g_signal_emit (self, signals [CHANGED], 0);
}

/**
 * kiku_spell_checker_fill_menu:
 * @suggestions: the context menu's section for the corrections
 * @choices: its section for what else can be done with the word
 *
 * Fills a context menu for the misspelled @word: the dictionary's best
 * suggestions (each "spell.correct" with the word as its target), then
 * "Add to Dictionary" ("spell.add") and "Ignore" ("spell.ignore").
 */
void
kiku_spell_checker_fill_menu (KikuSpellChecker *self,
                              const char       *word,
                              GMenu            *suggestions,
                              GMenu            *choices)
{
  g_auto(GStrv) words = NULL;

  g_return_if_fail (KIKU_IS_SPELL_CHECKER (self));

  words = kiku_spell_checker_list_suggestions (self, word, MOST_SUGGESTIONS);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (words[i], NULL);

      g_menu_item_set_action_and_target (item, "spell.correct", "s", words[i]);
      g_menu_append_item (suggestions, item);
    }
  /* An action no one has: the item shows, insensitive. */
  if (words[0] == NULL)
    g_menu_append (suggestions, _("No Suggestions"), "spell.none");
  g_menu_append (choices, _("Add to Dictionary"), "spell.add");
  g_menu_append (choices, _("Ignore"), "spell.ignore");
}
