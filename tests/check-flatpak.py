#!/usr/bin/env python3
# check-flatpak.py: the Flatpak manifest is one flatpak-builder accepts,
# and it asks for no more than the app uses.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import pathlib
import shutil
import subprocess
import os
import sys

# Inside the Flatpak build itself there is no flatpak-builder to ask.
if os.environ.get('FLATPAK_ID'):
    print('inside a Flatpak build: skipped')
    sys.exit(77)

manifest = pathlib.Path(sys.argv[1]) / 'flatpak' / 'io.github.kiku.Kiku.json'
data = json.loads(manifest.read_text(encoding='utf-8'))
problems = []

if data.get('id') != 'io.github.kiku.Kiku' or data.get('command') != 'kiku':
    problems.append('the id or the command is not Kiku’s')
args = data.get('finish-args', [])
for arg in args:
    if arg.startswith('--filesystem=') and arg.split('=', 1)[1].split(':')[0] in ('home', 'host', 'host-os'):
        problems.append(f'{arg}: documents come through the portal, not from the whole home')
for needed in ('--share=network', '--talk-name=org.freedesktop.secrets'):
    if needed not in args:
        problems.append(f'{needed} is missing: publishing needs it')
names = [m.get('name') for m in data.get('modules', []) if isinstance(m, dict)]
if 'cmark' not in names or names[-1] != 'kiku':
    problems.append('cmark must be built before kiku')

builder = shutil.which('flatpak-builder')
if builder is None:
    problems.append('flatpak-builder is not installed (build-aux/dev test installs it)')
else:
    shown = subprocess.run([builder, '--show-manifest', str(manifest)], capture_output=True, text=True)
    if shown.returncode != 0:
        problems.append('flatpak-builder refused the manifest: ' + shown.stderr.strip())

for problem in problems:
    print(problem)
if not problems:
    print(f'{manifest.name}: accepted; finish-args: {" ".join(args)}')
sys.exit(1 if problems else 0)
