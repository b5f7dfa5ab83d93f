/* kiku-preview.c: the live, offline preview of the real page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kiku-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kiku-a11y.h"
#include "kiku-preview.h"

/* The page the site will show, made by the same renderer as export and
 * publishing. A change to the article re-renders only the element of the
 * object that changed and patches it into the page on the next frame, with
 * no reload, so the scroll position stays.
 *
 * It never touches the network: remote images are placeholder boxes (the
 * renderer's own), local images come through the kiku-image: scheme, a
 * content filter blocks every http(s) and ws(s) load, scripts in the page's
 * markup do not run, and a clicked link opens in the user's browser.
 */

#define BASE_URI     "kiku-preview:///article/"
#define IMAGE_SCHEME "kiku-image"

struct _KikuPreview
{
  GtkWidget         parent_instance;

  KikuDocument     *document;
  KikuArticle      *article;
  KikuRenderer     *renderer;

  GtkWidget        *box;
  GtkWidget        *width_buttons[3];   /* desktop, tablet, phone */
  GtkWidget        *frame;
  WebKitWebView    *view;
  GtkWidget        *placeholder;

  guint             page;
  int               dark;
  gboolean          loaded;
  GPtrArray        *pending;      /* of Change */
  guint             patch_source;
  guint             create_source;
  GdkFrameClock    *first_frame_clock;
  gulong            first_frame_handler;
  GHashTable       *allowed;      /* image paths the page may load */
};

G_DEFINE_FINAL_TYPE (KikuPreview, kiku_preview, GTK_TYPE_WIDGET)

enum {
  LOADED,
  SHOWN,
  PATCHED,
  ELEMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  KikuNode   *node;
  GParamSpec *pspec;    /* nullable: no property of the content */
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_object_unref (change->node);
  g_clear_pointer (&change->pspec, g_param_spec_unref);
  g_free (change);
}

/* The page's helpers, added before its own content; they run in the page
 * even though scripts in its markup do not.
 */
static const char helper_script[] =
  "window.kikuApply = function (patches) {"
  "  var missing = [];"
  "  patches.forEach(function (p) {"
  "    var found = document.querySelectorAll('[data-kiku-id=\"' + p[0] + '\"]');"
  "    if (found.length === 0) { missing.push(p[0]); return; }"
  "    found.forEach(function (el) { if (p[2]) el.innerHTML = p[1]; else el.outerHTML = p[1]; });"
  "    if (p[0].endsWith('.title')) document.title = p[3];"
  "  });"
  "  return missing.length;"
  "};"
  "window.kikuReveal = function (id) {"
  "  var el = document.querySelector('[data-kiku-id=\"' + id + '\"]');"
  "  if (!el) return false;"
  "  el.scrollIntoView({ block: 'center', behavior: 'instant' });"
  "  el.classList.add('kiku-flash');"
  "  setTimeout(function () { el.classList.remove('kiku-flash'); }, 900);"
  "  return true;"
  "};"
  "window.addEventListener('load', function () {"
  "  requestAnimationFrame(function () { requestAnimationFrame(function () {"
  "    window.webkit.messageHandlers.kiku.postMessage('!shown');"
  "  }); });"
  "});"
  "document.addEventListener('click', function (event) {"
  "  var el = event.target.closest ? event.target.closest('[data-kiku-id]') : null;"
  "  if (el) window.webkit.messageHandlers.kiku.postMessage(el.getAttribute('data-kiku-id'));"
  "}, true);";

/* The mark of a revealed element appears and goes without a transition:
 * each frame of a CSS animation is a frame of the whole window, which
 * without a GPU is tens of milliseconds of the main loop's time. For the
 * same reason the page's scrollbar is a thin one that stays: WebKit's own
 * appears on every scroll (each reveal scrolls) and fades out over about a
 * second of frames.
 */
static const char helper_style[] =
  ".kiku-flash { outline: 3px solid #3584e4 !important; outline-offset: 3px; }"
  "html.kiku-dark { color-scheme: dark; }"
  "html.kiku-light { color-scheme: light; }"
  "::-webkit-scrollbar { width: 8px; height: 8px; background: transparent; }"
  "::-webkit-scrollbar-thumb { background: rgba(128, 128, 128, 0.5); border-radius: 4px; }";

/* Blocks every load that would leave the machine. */
static const char content_rules[] =
  "["
  "{\"trigger\": {\"url-filter\": \"^https?:\"}, \"action\": {\"type\": \"block\"}},"
  "{\"trigger\": {\"url-filter\": \"^wss?:\"}, \"action\": {\"type\": \"block\"}},"
  "{\"trigger\": {\"url-filter\": \"^ftp:\"}, \"action\": {\"type\": \"block\"}}"
  "]";

/* Images ------------------------------------------------------------------ */

static char *
preview_image (KikuArticle *article,
               const char  *reference,
               gpointer     user_data)
{
  KikuPreview *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  /* Remote images are not fetched: the renderer shows their placeholder. */
  if (g_uri_peek_scheme (reference) != NULL)
    return NULL;

  if (!(file = kiku_article_resolve_path (article, reference)) || !(path = g_file_get_path (file)))
    return NULL;

  g_hash_table_add (self->allowed, g_strdup (path));
  uri = g_file_get_uri (file);

  return g_strconcat (IMAGE_SCHEME, uri + strlen ("file"), NULL);
}

/* What the page shows for a local image Kiku may not use: a box. */
static GBytes *
refused_image (void)
{
  g_autofree char *label = g_markup_escape_text (_("This image cannot be shown"), -1);
  char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"120\">"
                               "<rect x=\"1\" y=\"1\" width=\"318\" height=\"118\" fill=\"#eee\" "
                               "stroke=\"#999\" stroke-dasharray=\"6 4\"/>"
                               "<text x=\"160\" y=\"65\" text-anchor=\"middle\" font-family=\"sans-serif\" "
                               "font-size=\"14\" fill=\"#555\">%s</text></svg>", label);

  return g_bytes_new_take (svg, strlen (svg));
}

static void
on_image_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  const char *type = NULL;

  /* Not an image, outside the article's folder, gone: a box, not an error. */
  if (!(bytes = kiku_image_access_read_finish (result, &type, NULL)))
    {
      bytes = refused_image ();
      type = "image/svg+xml";
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  webkit_uri_scheme_request_finish (request, stream, g_bytes_get_size (bytes), type);
}

/* Only the images the article names are served, and only from the disk. */
static void
on_image_request (WebKitURISchemeRequest *request,
                  gpointer                user_data)
{
  WebKitWebView *view = webkit_uri_scheme_request_get_web_view (request);
  KikuPreview *self = view ? (KikuPreview *) gtk_widget_get_ancestor (GTK_WIDGET (view), KIKU_TYPE_PREVIEW) : NULL;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autofree char *file_uri = g_strconcat ("file", uri + strlen (IMAGE_SCHEME), NULL);
  g_autofree char *path = g_filename_from_uri (file_uri, NULL, NULL);
  g_autoptr(KikuImageAccess) access = NULL;

  if (self == NULL || path == NULL || !g_hash_table_contains (self->allowed, path))
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                             "Not an image of this article");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  /* Read only if the article may use it as an image (see kiku-image-file.c). */
  access = kiku_image_access_new (self->article);
  kiku_image_access_read_async (access, path, NULL, on_image_read, g_object_ref (request));
}

/* Loading and patching ------------------------------------------------------- */

static void
load_page (KikuPreview *self)
{
  g_autofree char *html = NULL;
  guint n_pages = kiku_list_get_length (kiku_article_get_pages (self->article));

  if (self->view == NULL)
    return;

  self->page = MIN (self->page, MAX (n_pages, 1) - 1);
  g_hash_table_remove_all (self->allowed);
  html = kiku_renderer_render_page (self->renderer, self->article, self->page);
  self->loaded = FALSE;
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
  webkit_web_view_load_html (self->view, html, BASE_URI);
}

static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text ? text : "");
  char *json = json_to_string (node, FALSE);
  GString *safe = g_string_new (NULL);

  /* The script is code: keep text from closing anything. */
  for (const char *p = json; *p; p++)
    {
      if (*p == '<')
        g_string_append (safe, "\\u003c");
      else
        g_string_append_c (safe, *p);
    }

  g_free (json);

  return g_string_free (safe, FALSE);
}

static void
add_patch (GString    *script,
           const char *id,
           const char *html,
           gboolean    inner,
           const char *title)
{
  g_autofree char *id_json = json_string (id);
  g_autofree char *html_json = json_string (html);
  g_autofree char *title_json = json_string (title);

  if (script->len > 1)
    g_string_append_c (script, ',');
  g_string_append_printf (script, "[%s,%s,%s,%s]", id_json, html_json, inner ? "true" : "false", title_json);
}

static void
on_patched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KikuPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (value == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The preview could not be patched: %s", error->message);
      return;
    }

  /* An element the page does not have yet: the page is made again. */
  if (jsc_value_is_number (value) && jsc_value_to_int32 (value) > 0)
    {
      g_autofree char *html = kiku_renderer_render_page (self->renderer, self->article, self->page);
      const char *body = strstr (html, "<body>");
      const char *end = strstr (html, "</body>");
      g_autoptr(GString) script = g_string_new ("document.body.innerHTML = ");
      g_autofree char *inner = NULL;
      g_autofree char *json = NULL;

      if (body != NULL && end != NULL)
        {
          inner = g_strndup (body + strlen ("<body>"), end - body - strlen ("<body>"));
          json = json_string (inner);
          g_string_append (script, json);
          g_string_append (script, "; 0");
          webkit_web_view_evaluate_javascript (self->view, script->str, -1, NULL, NULL, NULL,
                                               on_patched, g_object_ref (self));
          return;
        }
    }

  g_signal_emit (self, signals [PATCHED], 0);
}

static gboolean
is_on_page (KikuPreview *self,
            KikuNode    *node)
{
  guint position;

  /* The article's own fields and its key points are on every page. */
  if (kiku_node_find_page (node, &position))
    return position == self->page;

  return kiku_node_get_article (node) != NULL;
}

/* The element to render again for a change, and whether its inner HTML is
 * what changes (the article's own fields) or the whole element.
 */
static KikuNode *
target_of (Change   *change,
           gboolean *article_field)
{
  KikuNode *node = change->node;

  *article_field = FALSE;

  if (KIKU_IS_ARTICLE (node))
    {
      *article_field = TRUE;
      return node;
    }

  /* A section is one element with its heading, question and answer. */
  if (KIKU_IS_POINT (node) || KIKU_IS_BLOCK (node) || KIKU_IS_SECTION (node) || KIKU_IS_PAGE (node))
    return node;

  return NULL;
}

static gboolean
apply_changes (gpointer user_data)
{
  KikuPreview *self = KIKU_PREVIEW (user_data);
  g_autoptr(GPtrArray) changes = g_steal_pointer (&self->pending);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) script = g_string_new ("kikuApply([");
  g_autofree char *page_title = NULL;
  const char *site_name = kiku_renderer_get_site_name (self->renderer);
  gboolean reload = FALSE;

  self->patch_source = 0;
  self->pending = g_ptr_array_new_with_free_func (change_free);

  if (!self->loaded || changes == NULL)
    return G_SOURCE_REMOVE;

  /* As the renderer writes it in the page's head. */
  if (site_name != NULL)
    page_title = g_strdup_printf ("%s | %s", kiku_article_get_title (self->article), site_name);
  else
    page_title = g_strdup (kiku_article_get_title (self->article));

  for (guint i = 0; i < changes->len && !reload; i++)
    {
      Change *change = g_ptr_array_index (changes, i);
      gboolean article_field;
      KikuNode *target = target_of (change, &article_field);
      g_autofree char *dom_id = NULL;
      g_autofree char *html = NULL;

      if (target == NULL || !is_on_page (self, target))
        continue;

      if (article_field)
        {
          if (change->pspec != NULL)
            html = kiku_renderer_render_field (self->renderer, self->article, change->pspec->name);
          if (html == NULL)
            {
              reload = TRUE;
              break;
            }
          dom_id = kiku_node_dup_dom_id (target, change->pspec->name);
        }
      else
        {
          dom_id = kiku_node_dup_dom_id (target, NULL);
          if (g_hash_table_contains (done, dom_id))
            continue;
          html = kiku_renderer_render_node (self->renderer, self->article, target);
        }

      add_patch (script, dom_id, html, article_field, page_title);
      g_hash_table_add (done, g_steal_pointer (&dom_id));
    }

  if (reload)
    {
      /* A change with no element of its own: the page is made again, in
       * place, so the reader keeps their place.
       */
      g_string_assign (script, "kikuApply([");
      g_string_append (script, "]) + 1");
    }
  else if (g_hash_table_size (done) == 0)
    {
      return G_SOURCE_REMOVE;
    }
  else
    {
      g_string_append (script, "])");
    }

  webkit_web_view_evaluate_javascript (self->view, script->str, -1, NULL, NULL, NULL,
                                       on_patched, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
on_article_changed (KikuPreview *self,
                    KikuNode    *node,
                    GParamSpec  *pspec,
                    KikuArticle *article)
{
  Change *change;

  /* The pages themselves: when the page shown is gone, show another. */
  if (KIKU_IS_ARTICLE (node) && pspec != NULL && g_str_equal (pspec->name, "pages"))
    {
      guint n_pages = kiku_list_get_length (kiku_article_get_pages (self->article));

      if (self->page >= n_pages)
        {
          self->page = MAX (n_pages, 1) - 1;
          load_page (self);
          return;
        }
    }

  change = g_new0 (Change, 1);
  change->node = g_object_ref (node);
  change->pspec = pspec != NULL ? g_param_spec_ref (pspec) : NULL;
  g_ptr_array_add (self->pending, change);

  /* No timer: the changes of one turn of the main loop go together, sent
   * before GTK draws, to land on the page's next frame.
   */
  if (self->patch_source == 0)
    self->patch_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_changes, self, NULL);
}

/* The web view ------------------------------------------------------------------ */

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 KikuPreview     *self)
{
  if (event == WEBKIT_LOAD_FINISHED)
    {
      self->loaded = TRUE;
      kiku_preview_set_dark (self, self->dark);
      g_signal_emit (self, signals [LOADED], 0);
    }
}

static gboolean
on_decide_policy (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  KikuPreview              *self)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  /* The page itself, as loaded by us. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_str_has_prefix (uri, "kiku-preview:"))
    return FALSE;

  /* A link goes to the user's browser, never into the pane. */
  if (webkit_navigation_action_is_user_gesture (action) &&
      (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://")))
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);

  webkit_policy_decision_ignore (decision);

  return TRUE;
}

static void
on_script_message (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   KikuPreview              *self)
{
  g_autofree char *id = jsc_value_to_string (value);
  g_autofree char *property = NULL;
  KikuNode *node;

  if (g_strcmp0 (id, "!shown") == 0)
    {
      /* Two animation frames after the load: the page has been painted. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
      g_signal_emit (self, signals [SHOWN], 0);
      return;
    }

  node = kiku_node_find_dom_id (KIKU_NODE (self->article), id, &property);
  if (node != NULL)
    g_signal_emit (self, signals [ELEMENT_ACTIVATED], 0, node, property);
}

/* The web view's own content does not reach the accessibility bus with
 * this GTK, so the preview at least says which page it shows; the title
 * follows the page's own, which the patches keep current.
 */
static void
on_title_changed (WebKitWebView *view,
                  GParamSpec    *pspec,
                  KikuPreview   *self)
{
  const char *title = webkit_web_view_get_title (view);
  g_autofree char *label = NULL;

  if (title == NULL || *title == '\0')
    label = g_strdup (_("Preview"));
  else
    /* Translators: the accessible name of the preview, with the page's title */
    label = g_strdup_printf (_("Preview: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
create_view (KikuPreview            *self,
             WebKitUserContentFilter *filter)
{
  static gboolean scheme_registered;
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(WebKitUserStyleSheet) style = NULL;
  WebKitSettings *settings;

  script = webkit_user_script_new (helper_script, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                   WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
  style = webkit_user_style_sheet_new (helper_style, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                       WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_add_script (content, script);
  webkit_user_content_manager_add_style_sheet (content, style);
  if (filter != NULL)
    webkit_user_content_manager_add_filter (content, filter);
  webkit_user_content_manager_register_script_message_handler (content, "kiku", NULL);
  g_signal_connect_object (content, "script-message-received::kiku",
                           G_CALLBACK (on_script_message), self, 0);

  self->view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                             "network-session", session,
                             "user-content-manager", content,
                             NULL);

  if (!scheme_registered)
    {
      scheme_registered = TRUE;
      webkit_web_context_register_uri_scheme (webkit_web_view_get_context (self->view), IMAGE_SCHEME,
                                              on_image_request, NULL, NULL);
    }

  settings = webkit_web_view_get_settings (self->view);
  /* No script written in an article ever runs; the helpers above do. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  g_signal_connect_object (self->view, "load-changed", G_CALLBACK (on_load_changed), self, 0);
  g_signal_connect_object (self->view, "notify::title", G_CALLBACK (on_title_changed), self, 0);
  g_signal_connect_object (self->view, "decide-policy", G_CALLBACK (on_decide_policy), self, 0);

  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->view), TRUE);
  /* In place of the placeholder. */
  adw_bin_set_child (ADW_BIN (self->frame), GTK_WIDGET (self->view));
  self->placeholder = NULL;

  load_page (self);
}

static WebKitUserContentFilter *shared_filter;

static void
on_filter_saved (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KikuPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  WebKitUserContentFilter *filter;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object), result, &error);
  if (filter == NULL)
    {
      /* Without the filter nothing is shown: better no preview than one
       * that may reach the network.
       */
      g_warning ("The preview's content filter could not be made: %s", error->message);
      if (self->placeholder != NULL)
        gtk_label_set_text (GTK_LABEL (self->placeholder),
                            _("The preview cannot be shown: it could not be kept offline."));
      return;
    }

  if (shared_filter == NULL)
    shared_filter = webkit_user_content_filter_ref (filter);
  webkit_user_content_filter_unref (filter);

  /* The window may have closed in the meantime. */
  if (self->box != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL && self->view == NULL)
    create_view (self, shared_filter);
}

/* The view is made once the window is on screen, so it never delays the
 * start; first the content filter that keeps it offline.
 */
static gboolean
create_later (gpointer data)
{
  KikuPreview *self = data;

  self->create_source = 0;

  if (shared_filter != NULL)
    {
      create_view (self, shared_filter);
    }
  else
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "kiku", "content-filters", NULL);
      g_autoptr(WebKitUserContentFilterStore) store = webkit_user_content_filter_store_new (dir);
      g_autoptr(GBytes) rules = g_bytes_new_static (content_rules, strlen (content_rules));

      webkit_user_content_filter_store_save (store, "offline", rules, NULL, on_filter_saved, g_object_ref (self));
    }

  return G_SOURCE_REMOVE;
}

static void
on_width_toggled (GtkToggleButton *button,
                  KikuPreview     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->width_buttons); i++)
    if (self->width_buttons[i] == GTK_WIDGET (button))
      kiku_preview_set_width (self, i);
}

static void
on_scheme_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    KikuPreview *self)
{
  static const int schemes[] = { -1, 0, 1 };

  kiku_preview_set_dark (self, schemes[gtk_drop_down_get_selected (dropdown)]);
}

/* Desktop, tablet and phone widths, and light or dark. */
static GtkWidget *
make_toolbar (KikuPreview *self)
{
  GtkWidget *bar = gtk_center_box_new ();
  GtkWidget *widths = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const struct { const char *icon; const char *label; } kinds[] = {
    { "computer-symbolic", N_("Desktop Width") },
    { "tablet-symbolic", N_("Tablet Width") },
    { "phone-symbolic", N_("Phone Width") },
  };
  const char *schemes[] = { N_("System Style"), N_("Light"), N_("Dark"), NULL };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *scheme;
  GtkWidget *group = NULL;

  gtk_widget_add_css_class (widths, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (button), kinds[i].icon);
      gtk_widget_set_tooltip_text (button, _(kinds[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(kinds[i].label), -1);
      self->width_buttons[i] = button;
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      else
        group = button;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == 0);
      g_signal_connect (button, "toggled", G_CALLBACK (on_width_toggled), self);
      gtk_box_append (GTK_BOX (widths), button);
    }

  for (guint i = 0; schemes[i]; i++)
    gtk_string_list_append (names, _(schemes[i]));
  scheme = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_tooltip_text (scheme, _("Light or Dark"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scheme), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Light or Dark"), -1);
  kiku_a11y_name_drop_down (GTK_DROP_DOWN (scheme), _("Light or Dark"));
  g_signal_connect (scheme, "notify::selected", G_CALLBACK (on_scheme_selected), self);

  gtk_center_box_set_center_widget (GTK_CENTER_BOX (bar), widths);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (bar), scheme);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);

  return bar;
}

static void
stop_waiting_for_first_frame (KikuPreview *self)
{
  if (self->first_frame_clock != NULL)
    {
      g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
      g_clear_object (&self->first_frame_clock);
    }
}

/* The window has painted its first frame with the preview in it: the view
 * is made now, at default priority, so that no busy frame clock (a
 * software renderer redrawing something) can put it off.
 */
static void
on_first_frame (GdkFrameClock *clock,
                KikuPreview   *self)
{
  stop_waiting_for_first_frame (self);

  if (self->view == NULL && self->create_source == 0)
    self->create_source = g_idle_add_full (G_PRIORITY_DEFAULT, create_later, self, NULL);
}

static void
kiku_preview_map (GtkWidget *widget)
{
  KikuPreview *self = KIKU_PREVIEW (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (kiku_preview_parent_class)->map (widget);

  if (self->view != NULL || self->create_source != 0 || self->first_frame_clock != NULL)
    return;

  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    {
      self->create_source = g_idle_add_full (G_PRIORITY_DEFAULT, create_later, self, NULL);
      return;
    }

  self->first_frame_clock = g_object_ref (clock);
  self->first_frame_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), self);
  /* Ask for that frame: nothing else may be drawing. */
  gtk_widget_queue_draw (widget);
}

static void
kiku_preview_unmap (GtkWidget *widget)
{
  KikuPreview *self = KIKU_PREVIEW (widget);

  stop_waiting_for_first_frame (self);

  GTK_WIDGET_CLASS (kiku_preview_parent_class)->unmap (widget);
}

static void
kiku_preview_dispose (GObject *object)
{
  KikuPreview *self = (KikuPreview *)object;

  g_clear_handle_id (&self->patch_source, g_source_remove);
  g_clear_handle_id (&self->create_source, g_source_remove);
  stop_waiting_for_first_frame (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->allowed, g_hash_table_unref);
  g_clear_object (&self->renderer);
  g_clear_object (&self->article);
  g_clear_object (&self->document);
  self->view = NULL;

  G_OBJECT_CLASS (kiku_preview_parent_class)->dispose (object);
}

static void
kiku_preview_class_init (KikuPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *locale_path;

  object_class->dispose = kiku_preview_dispose;
  widget_class->map = kiku_preview_map;
  widget_class->unmap = kiku_preview_unmap;

  /**
   * KikuPreview::loaded:
   *
   * The page has been loaded afresh.
   */
  signals [LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KikuPreview::shown:
   *
   * The page loaded afresh has been painted.
   */
  signals [SHOWN] = g_signal_new ("shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KikuPreview::patched:
   *
   * The page shows the latest changes: their elements were replaced.
   */
  signals [PATCHED] = g_signal_new ("patched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KikuPreview::element-activated:
   * @node: the object whose element was clicked
   * @field: (nullable): the article field, for the article's own elements
   */
  signals [ELEMENT_ACTIVATED] = g_signal_new ("element-activated", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, KIKU_TYPE_NODE, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kiku-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /* The page's process speaks the app's language, from where the app's C
   * library finds it: otherwise its sandbox hides a locale kept outside
   * the system's folders. This must come before WebKit starts a process.
   */
  locale_path = g_getenv ("LOCPATH");
  if (locale_path != NULL && g_path_is_absolute (locale_path) && g_file_test (locale_path, G_FILE_TEST_IS_DIR))
    webkit_web_context_add_path_to_sandbox (webkit_web_context_get_default (), locale_path, TRUE);
}

/* Tab and Shift+Tab leave the page instead of walking through its every
 * link: the preview is one stop in the window's focus chain, where the
 * arrows and Page Up/Down still scroll it. The view is passed over while
 * the focus moves on from it.
 */
static gboolean
leave_page (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  KikuPreview *self = KIKU_PREVIEW (widget);
  GtkDirectionType direction = GPOINTER_TO_INT (user_data);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean moved;

  if (self->view == NULL || focus == NULL ||
      (focus != GTK_WIDGET (self->view) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view))))
    return FALSE;

  gtk_widget_set_can_focus (GTK_WIDGET (self->view), FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  /* Past the last stop: round to the first, as GTK does. */
  if (!moved)
    moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (GTK_WIDGET (self->view), TRUE);

  return moved;
}

static void
add_tab_shortcuts (KikuPreview *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Tab|KP_Tab"),
                      gtk_callback_action_new (leave_page, GINT_TO_POINTER (GTK_DIR_TAB_FORWARD), NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>Tab|<Shift>ISO_Left_Tab"),
                      gtk_callback_action_new (leave_page, GINT_TO_POINTER (GTK_DIR_TAB_BACKWARD), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
kiku_preview_init (KikuPreview *self)
{
  self->pending = g_ptr_array_new_with_free_func (change_free);
  self->allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->renderer = kiku_renderer_new ();
  kiku_renderer_set_image_func (self->renderer, preview_image, self, NULL);

  self->dark = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), make_toolbar (self));

  /* A bin, not a frame: a phone is exactly 375 pixels wide, no border. */
  self->frame = adw_bin_new ();
  gtk_widget_set_vexpand (self->frame, TRUE);
  gtk_widget_set_hexpand (self->frame, TRUE);
  gtk_widget_set_halign (self->frame, GTK_ALIGN_FILL);

  /* Still, not a spinner: nothing animates while the view is made, and
   * nothing would spin forever if it could not be.
   */
  self->placeholder = gtk_label_new (_("Preparing the preview…"));
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_halign (self->placeholder, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->placeholder, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (self->placeholder, TRUE);
  adw_bin_set_child (ADW_BIN (self->frame), self->placeholder);

  gtk_box_append (GTK_BOX (self->box), self->frame);

  add_tab_shortcuts (self);
}

KikuPreview *
kiku_preview_new (KikuDocument *document)
{
  KikuPreview *self;

  g_return_val_if_fail (KIKU_IS_DOCUMENT (document), NULL);

  self = g_object_new (KIKU_TYPE_PREVIEW, NULL);
  self->document = g_object_ref (document);
  self->article = g_object_ref (kiku_document_get_article (document));
  g_signal_connect_object (self->article, "changed", G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * kiku_preview_get_web_view:
 *
 * Returns: (transfer none) (nullable): the web view, once it is made
 */
WebKitWebView *
kiku_preview_get_web_view (KikuPreview *self)
{
  g_return_val_if_fail (KIKU_IS_PREVIEW (self), NULL);

  return self->view;
}

gboolean
kiku_preview_is_loaded (KikuPreview *self)
{
  g_return_val_if_fail (KIKU_IS_PREVIEW (self), FALSE);

  return self->loaded;
}

void
kiku_preview_show_page (KikuPreview *self,
                        guint        page)
{
  g_return_if_fail (KIKU_IS_PREVIEW (self));

  if (page == self->page && self->loaded)
    return;

  self->page = page;
  load_page (self);
}

/**
 * kiku_preview_reveal:
 * @property: (nullable): the field of @node being edited
 *
 * Scrolls the page to the element of @node and marks it briefly.
 */
void
kiku_preview_reveal (KikuPreview *self,
                     KikuNode    *node,
                     const char  *property)
{
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *script = NULL;

  g_return_if_fail (KIKU_IS_PREVIEW (self));
  g_return_if_fail (KIKU_IS_NODE (node));

  if (self->view == NULL || !self->loaded)
    return;

  id = kiku_node_dup_dom_id (node, KIKU_IS_ARTICLE (node) ? property : NULL);

  json = json_string (id);
  script = g_strdup_printf ("kikuReveal(%s)", json);
  webkit_web_view_evaluate_javascript (self->view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

/**
 * kiku_preview_set_width:
 *
 * Shows the page as a desktop, a tablet or a phone would.
 */
void
kiku_preview_set_width (KikuPreview      *self,
                        KikuPreviewWidth  width)
{
  static const int widths[] = { -1, 768, 375 };

  g_return_if_fail (KIKU_IS_PREVIEW (self));

  gtk_widget_set_size_request (self->frame, widths[width], -1);
  gtk_widget_set_halign (self->frame, width == KIKU_PREVIEW_DESKTOP ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (self->frame, width == KIKU_PREVIEW_DESKTOP);
}

/**
 * kiku_preview_set_dark:
 * @dark: 1 for dark, 0 for light, -1 to follow the system
 */
void
kiku_preview_set_dark (KikuPreview *self,
                       int          dark)
{
  g_autofree char *script = NULL;

  g_return_if_fail (KIKU_IS_PREVIEW (self));

  self->dark = dark;
  if (self->view == NULL)
    return;

  script = g_strdup_printf ("document.documentElement.classList.remove('kiku-dark', 'kiku-light');"
                            "%s",
                            dark > 0 ? "document.documentElement.classList.add('kiku-dark');"
                            : dark == 0 ? "document.documentElement.classList.add('kiku-light');" : "");
  webkit_web_view_evaluate_javascript (self->view, script, -1, NULL, NULL, NULL, NULL, NULL);
}
