/* kiku-cite.h: filling a source box from the page it cites, and checking links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku-article.h"
#include "kiku-source.h"
#include "kiku-types.h"

G_BEGIN_DECLS

#define KIKU_CITE_ERROR (kiku_cite_error_quark ())


GQuark kiku_cite_error_quark (void);

#define KIKU_TYPE_CITATION (kiku_citation_get_type ())

G_DECLARE_FINAL_TYPE (KikuCitation, kiku_citation, KIKU, CITATION, GObject)


/* The canonical URL if the page names one, else the final URL. */
const char *kiku_citation_get_url          (KikuCitation   *self);
const char *kiku_citation_get_title        (KikuCitation   *self);
const char *kiku_citation_get_publisher    (KikuCitation   *self);
/* In the article's date form (YYYY-MM-DD). */
const char *kiku_citation_get_date         (KikuCitation   *self);
/* The cached image file, or NULL. */
GFile      *kiku_citation_get_image        (KikuCitation   *self);
const char *kiku_citation_get_image_credit (KikuCitation   *self);
/* "JSON-LD", "Open Graph", …, translated; NULL for a field not found. */
const char *kiku_citation_get_origin       (KikuCitation   *self,
                                            KikuCiteFields  field);
gboolean    kiku_citation_get_from_cache   (KikuCitation   *self);
/* The address that was cited. */
const char *kiku_citation_get_requested_url (KikuCitation  *self);
/* The image's own address on the web, when it was taken. */
const char *kiku_citation_get_image_url    (KikuCitation   *self);
/* Why the page's image was not taken, in words, or NULL. */
const char *kiku_citation_get_image_problem (KikuCitation  *self);

#define KIKU_TYPE_CITER (kiku_citer_get_type ())

G_DECLARE_FINAL_TYPE (KikuCiter, kiku_citer, KIKU, CITER, GObject)

KikuCiter    *kiku_citer_get_default (void);
/* A citer keeping its cache in @cache_dir (for tests and tools). */
KikuCiter    *kiku_citer_new         (GFile               *cache_dir);
void          kiku_citer_cite_async  (KikuCiter           *self,
                                      const char          *url,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
KikuCitation *kiku_citer_cite_finish (KikuCiter           *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Fills only the empty fields of @source from @citation, copying the image
 * into the article's images/ folder (named by its content), as one undo
 * step of the article's history; returns which fields it filled. When the
 * image cannot be copied (an article never saved), @error says why and the
 * other fields are filled all the same.
 */
KikuCiteFields kiku_article_fill_source (KikuArticle   *article,
                                         KikuSource    *source,
                                         KikuCitation  *citation,
                                         GError       **error);


#define KIKU_TYPE_LINK_RESULT (kiku_link_result_get_type ())

typedef struct _KikuLinkResult KikuLinkResult;

GType           kiku_link_result_get_type    (void) G_GNUC_CONST;
KikuLinkResult *kiku_link_result_copy        (const KikuLinkResult *self);
void            kiku_link_result_free        (KikuLinkResult       *self);
const char     *kiku_link_result_get_url     (const KikuLinkResult *self);
KikuLinkState   kiku_link_result_get_state   (const KikuLinkResult *self);
guint           kiku_link_result_get_status  (const KikuLinkResult *self);
/* Where a redirect leads, or NULL. */
const char     *kiku_link_result_get_new_url (const KikuLinkResult *self);
/* What happened, in the writer's words, translated. */
const char     *kiku_link_result_get_message (const KikuLinkResult *self);
gboolean        kiku_link_result_is_broken   (const KikuLinkResult *self);

void       kiku_citer_check_links_async  (KikuCiter           *self,
                                          const char * const  *urls,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Of KikuLinkResult, in the order of the URLs. */
GPtrArray *kiku_citer_check_links_finish (KikuCiter           *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void       kiku_citer_forget_links       (KikuCiter           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KikuLinkResult, kiku_link_result_free)

G_END_DECLS
