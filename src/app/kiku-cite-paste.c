/* kiku-cite-paste.c: a web address pasted into the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-cite-paste"

#include "config.h"

#include <glib/gi18n.h>

#include "kiku-cite-paste.h"
#include "kiku-editor-private.h"
#include "kiku-field.h"

/* A paste is watched at the text widget's own "paste-clipboard", which both
 * Ctrl+V and the context menu's Paste go through. The clipboard is read
 * here too, asynchronously: a paste never waits for it. A source box takes
 * the paste over when it is empty (the address goes into its URL, not into
 * the field that had the focus); elsewhere the paste goes in as usual and a
 * source box is only offered.
 */

typedef struct
{
  gboolean        take_over;
  KikuPasteWanted wanted;
  KikuPasteUrl    on_url;
  gpointer        data;
} Watch;

typedef struct
{
  GtkWidget *text;
  Watch     *watch;
} Reading;

/**
 * kiku_cite_parse_url:
 *
 * Returns: (transfer full) (nullable): @text as an http or https address
 *   with a host, white space around it taken off, or %NULL when it is
 *   anything else (more words, another scheme)
 */
char *
kiku_cite_parse_url (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return NULL;

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;

  return g_steal_pointer (&trimmed);
}

/* What the paste would have put in, put in by hand. */
static void
insert_as_pasted (GtkWidget  *text,
                  const char *pasted)
{
  if (GTK_IS_EDITABLE (text))
    {
      GtkEditable *editable = GTK_EDITABLE (text);
      int position;

      gtk_editable_delete_selection (editable);
      position = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, pasted, -1, &position);
      gtk_editable_set_position (editable, position);
    }
  else if (GTK_IS_TEXT_VIEW (text))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));

      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, pasted, -1, TRUE);
    }
}

static void
on_text_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(GtkWidget) text = reading->text;
  Watch *watch = reading->watch;
  g_autofree char *pasted = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  g_autofree char *url = kiku_cite_parse_url (pasted);

  g_free (reading);

  /* The field went with its card in the meantime. */
  if (gtk_widget_get_root (text) == NULL || pasted == NULL)
    return;

  if (url != NULL)
    watch->on_url (text, url, watch->data);
  else if (watch->take_over)
    insert_as_pasted (text, pasted);
}

static void
on_paste_clipboard (GtkWidget *text,
                    Watch     *watch)
{
  Reading *reading;

  if (!watch->wanted (text, watch->data))
    return;

  /* The field does not paste: what it would paste is read below. */
  if (watch->take_over)
    g_signal_stop_emission_by_name (text, "paste-clipboard");

  reading = g_new0 (Reading, 1);
  reading->text = g_object_ref (text);
  reading->watch = watch;
  /* The watch lives as long as the widget, which the read holds. */
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (text), NULL, on_text_read, reading);
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  g_free (data);
}

/**
 * kiku_cite_watch_paste:
 * @text: a #GtkText or a #GtkTextView
 * @take_over: whether the paste is stopped, @on_url called for an address
 *   and anything else put in as the paste would have
 *
 * Calls @on_url after a paste into @text of a web address alone, when
 * @wanted said at the paste that it should be looked at.
 */
void
kiku_cite_watch_paste (GtkWidget       *text,
                       gboolean         take_over,
                       KikuPasteWanted  wanted,
                       KikuPasteUrl     on_url,
                       gpointer         data)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_TEXT (text) || GTK_IS_TEXT_VIEW (text));

  watch = g_new0 (Watch, 1);
  watch->take_over = take_over;
  watch->wanted = wanted;
  watch->on_url = on_url;
  watch->data = data;
  g_signal_connect_data (text, "paste-clipboard", G_CALLBACK (on_paste_clipboard), watch, watch_free, 0);
}

/* The offer of a source box ------------------------------------------------ */

typedef struct
{
  GWeakRef  editor;
  KikuNode *node;       /* the paragraph or section pasted into */
  char     *property;
  char     *url;
} Offer;

static void
offer_free (gpointer  data,
            GClosure *closure)
{
  Offer *offer = data;

  g_weak_ref_clear (&offer->editor);
  g_clear_object (&offer->node);
  g_free (offer->property);
  g_free (offer->url);
  g_free (offer);
}

/* The source box goes where the paste went: after the paragraph, or first
 * in the section. A paste that was the field's whole text was the address
 * only, and goes; so does a paragraph left with nothing in it. One step to
 * undo; the fill that follows is another.
 */
static void
on_offer_taken (AdwToast *toast,
                Offer    *offer)
{
  g_autoptr(KikuEditor) editor = g_weak_ref_get (&offer->editor);
  g_autoptr(KikuSource) source = NULL;
  g_autofree char *text = NULL;
  KikuHistory *history;
  KikuList *blocks;
  guint position = 0;
  GtkWidget *field;

  if (editor == NULL)
    return;

  if (KIKU_IS_SECTION (offer->node))
    {
      blocks = kiku_section_get_blocks (KIKU_SECTION (offer->node));
    }
  else
    {
      blocks = kiku_node_get_list (offer->node);
      if (blocks == NULL || !kiku_list_find (blocks, offer->node, &position))
        return;
      position++;
    }

  /* Gone from the article since. */
  if (kiku_node_get_article (offer->node) == NULL)
    return;

  history = _kiku_editor_get_context (editor)->history;
  source = kiku_source_new ();
  kiku_source_set_url (source, offer->url);

  kiku_history_begin_group (history);
  g_object_get (offer->node, offer->property, &text, NULL);
  if (text != NULL && g_strcmp0 (g_strstrip (text), offer->url) == 0)
    {
      g_object_set (offer->node, offer->property, "", NULL);
      if (KIKU_IS_PARAGRAPH (offer->node))
        {
          g_autoptr(KikuNode) removed = kiku_list_remove (blocks, --position);
        }
    }
  kiku_list_insert (blocks, position, source);
  kiku_history_end_group (history);

  field = kiku_editor_find_field (editor, KIKU_NODE (source), "url");
  if (field != NULL)
    gtk_widget_activate_action (field, "card.fill-from-page", NULL);
}

static gboolean
offer_wanted (GtkWidget *text,
              gpointer   data)
{
  if (GTK_IS_EDITABLE (text))
    {
      const char *content = gtk_editable_get_text (GTK_EDITABLE (text));

      return content == NULL || content[0] == '\0';
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
      GtkTextIter iter;

      /* On a line of its own. */
      if (gtk_text_buffer_get_has_selection (buffer))
        return FALSE;
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

      return gtk_text_iter_starts_line (&iter) && gtk_text_iter_ends_line (&iter);
    }
}

static void
offer_source_box (GtkWidget  *text,
                  const char *url,
                  gpointer    data)
{
  GtkWidget *editor = gtk_widget_get_ancestor (text, KIKU_TYPE_EDITOR);
  GtkWidget *overlay = gtk_widget_get_ancestor (text, ADW_TYPE_TOAST_OVERLAY);
  KikuNode *node = NULL;
  const char *property = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *title = NULL;
  AdwToast *toast;
  Offer *offer;

  if (editor == NULL || overlay == NULL || uri == NULL ||
      !kiku_editor_field_at (KIKU_EDITOR (editor), text, &node, &property) || property == NULL)
    return;

  offer = g_new0 (Offer, 1);
  g_weak_ref_init (&offer->editor, editor);
  offer->node = g_object_ref (node);
  offer->property = g_strdup (property);
  offer->url = g_strdup (url);

  /* Translators: %s is the web site's host, such as "www.example.com" */
  title = g_strdup_printf (_("Add a source box for %s?"), g_uri_get_host (uri));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Add Source Box"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_offer_taken), offer, offer_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * kiku_cite_offer_on_paste:
 * @field: a field of the form, as kiku_field_entry_row() or
 *   kiku_field_text_view() made it
 *
 * A web address pasted alone into @field while it is empty (a text area:
 * on an empty line) brings the offer of a source box filled from that
 * page, where the paste went.
 */
void
kiku_cite_offer_on_paste (GtkWidget *field)
{
  GtkWidget *text = kiku_field_get_focus_target (field);

  if (GTK_IS_EDITABLE (text) && !GTK_IS_TEXT (text))
    text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (text)));
  g_return_if_fail (text != NULL);

  kiku_cite_watch_paste (text, FALSE, offer_wanted, offer_source_box, NULL);
}
