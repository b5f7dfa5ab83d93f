#!/usr/bin/env python3
# check-translations.py: each translation is valid, complete, and covers
# every string in the sources as they are now.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import subprocess
import sys
import tempfile

top = pathlib.Path(sys.argv[1])
po = top / 'po'
languages = [l.strip() for l in (po / 'LINGUAS').read_text().splitlines()
             if l.strip() and not l.startswith('#')]

status = 0
with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / 'kiku.pot'
    subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments',
                    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                    '--keyword=g_dngettext:2,3',
                    '-D', str(top), '-f', str(po / 'POTFILES.in'), '-o', str(pot)], check=True)
    for language in languages:
        path = po / f'{language}.po'
        checked = subprocess.run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', str(path)],
                                 capture_output=True, text=True)
        report = checked.stderr.strip()
        print(f'{language}: {report}')
        if checked.returncode != 0 or 'untranslated' in report or 'fuzzy' in report:
            print(f'{language}: not valid and complete')
            status = 1
        compared = subprocess.run(['msgcmp', str(path), str(pot)], capture_output=True, text=True)
        if compared.returncode != 0:
            print(compared.stderr.strip())
            print(f'{language}: strings in the sources are missing from {path.name}')
            status = 1
sys.exit(status)
