/* bench-gui.h: what the benchmarks of Kiku's window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bench_use_kiku_style (void);

G_END_DECLS
