/* bench-util.h: what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiku.h"

G_BEGIN_DECLS

double       bench_now_ms          (void);
double       bench_median          (GArray      *times);
double       bench_percentile      (GArray      *times,
                                    guint        percent);
KikuArticle *bench_enlarge_article (KikuArticle *sample,
                                    guint        times);
KikuArticle *bench_load_article    (const char  *program,
                                    const char  *path);
void         bench_run_pending     (void);

G_END_DECLS
