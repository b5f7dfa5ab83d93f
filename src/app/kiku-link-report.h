/* kiku-link-report.h: what the last link check found, for the cards to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kiku.h"

G_BEGIN_DECLS

#define KIKU_TYPE_LINK_REPORT (kiku_link_report_get_type ())

G_DECLARE_FINAL_TYPE (KikuLinkReport, kiku_link_report, KIKU, LINK_REPORT, GObject)

KikuLinkReport       *kiku_link_report_new         (void);
void                  kiku_link_report_add_results (KikuLinkReport *self,
                                                    GPtrArray      *results);
const KikuLinkResult *kiku_link_report_lookup      (KikuLinkReport *self,
                                                    const char     *url);

G_END_DECLS
