#!/usr/bin/env python3
# check-potfiles.py: po/POTFILES.in lists every file with translatable
# strings, and nothing that is gone.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1])
listed = set()
for line in (top / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

marks = {
    '.c': re.compile(r'\b(N_|_|C_|NC_|g_dngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.xml': re.compile(r'<(summary|description)\b'),
}

wanted = set()
for folder in ('src', 'data'):
    for path in sorted((top / folder).rglob('*')):
        if not path.is_file():
            continue
        relative = path.relative_to(top).as_posix()
        if path.name.endswith(('.desktop.in', '.metainfo.xml.in')):
            wanted.add(relative)
            continue
        if path.suffix == '.xml' and not path.name.endswith('.gschema.xml'):
            continue
        mark = marks.get(path.suffix)
        if mark and mark.search(path.read_text(encoding='utf-8', errors='replace')):
            wanted.add(relative)

status = 0
for missing in sorted(wanted - listed):
    print(f'po/POTFILES.in does not list {missing}, which has translatable strings')
    status = 1
for gone in sorted(listed - {p.relative_to(top).as_posix() for p in top.rglob('*') if p.is_file()}):
    print(f'po/POTFILES.in lists {gone}, which is not there')
    status = 1
if status == 0:
    print(f'{len(listed)} files listed, all there, none missing')
sys.exit(status)
