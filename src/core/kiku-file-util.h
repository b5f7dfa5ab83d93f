/* kiku-file-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean kiku_write_file_atomic (GFile         *file,
                                 const char    *data,
                                 gsize          length,
                                 GCancellable  *cancellable,
                                 GError       **error);

gboolean kiku_write_file_atomic_with_mode (GFile        *file,
                                           const char   *data,
                                           gsize         length,
                                           guint         max_mode,
                                           GCancellable *cancellable,
                                           GError      **error);

char     *kiku_relative_path     (const char    *from_dir,
                                 const char    *target);

const char *kiku_get_config_dir  (void);
const char *kiku_get_drafts_dir  (void);

G_END_DECLS
