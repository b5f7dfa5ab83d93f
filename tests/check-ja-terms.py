#!/usr/bin/env python3
# check-ja-terms.py: the Japanese translation quotes the Japanese way, and
# says each term of po/ja-glossary.txt the same way in every message.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-ja-terms.py TOP
#
# Before reading po/ja.po it shows that it finds each kind of fault in
# messages made to have them, so that it cannot pass by finding nothing.

import pathlib
import re
import sys

# English quotation marks; Japanese text quotes with 「」 and 『』.
ENGLISH_QUOTES = re.compile('[“”‘’"]')


def unquote(text, path, number):
    """The value of one C string of a .po file, escapes resolved."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise SystemExit(f'{path}:{number}: not a quoted string: {text}')
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), '\\' + m.group(1)), text[1:-1])


def read_po(path):
    """The translated messages of a .po file, as dicts with their line."""
    messages = []
    entry = {}
    key = None

    def finish():
        if 'msgid' in entry and entry['msgid'] and not entry.get('fuzzy') and not entry.get('obsolete'):
            messages.append(entry)

    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        line = line.strip()
        # An entry ends where the next one's comments begin, or at a blank line.
        if (not line or line.startswith('#')) and 'msgid' in entry:
            finish()
            entry, key = {}, None
        if not line:
            continue
        if line.startswith('#~'):
            entry['obsolete'] = True
            continue
        if line.startswith('#'):
            if line.startswith('#,') and 'fuzzy' in line:
                entry['fuzzy'] = True
            continue
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if match:
            key = match.group(1)
            if key in ('msgctxt', 'msgid') and 'msgid' in entry:
                finish()
                entry = {}
            entry.setdefault('line', number)
            entry[key] = unquote(match.group(2), path, number)
        elif line.startswith('"') and key is not None:
            entry[key] += unquote(line, path, number)
        else:
            raise SystemExit(f'{path}:{number}: cannot read this line: {line}')
    finish()

    for message in messages:
        message['english'] = '\n'.join(v for k, v in message.items() if k in ('msgid', 'msgid_plural'))
        message['japanese'] = '\n'.join(v for k, v in message.items() if k.startswith('msgstr'))
    return messages


def read_glossary(path):
    """The glossary's terms: English forms, Japanese term, wrong words, and
    the messages that rightly say the term another way."""
    terms = []
    exceptions = []
    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        exception = re.match(r'(.+?)\s*@\s*"(.*)"\s*=\s*(.+)$', line)
        if exception:
            exceptions.append((exception.group(1).lower(), exception.group(2), exception.group(3).strip(), number))
            continue
        english, equals, japanese = line.partition('=')
        japanese, _, wrong = japanese.partition('!')
        forms = [f.strip() for f in english.split('|') if f.strip()]
        japanese = japanese.strip()
        if not equals or not forms or not japanese:
            raise SystemExit(f'{path}:{number}: write a term as "english | other form = 日本語 ! wrong word"')
        terms.append({
            'forms': forms,
            'japanese': japanese,
            'wrong': [w.strip() for w in wrong.split(',') if w.strip()],
            'line': number,
            'uses': 0,
            'except': {},
        })
    for form, msgid, japanese, number in exceptions:
        term = next((t for t in terms if form in (f.lower() for f in t['forms'])), None)
        if term is None:
            raise SystemExit(f'{path}:{number}: “{form}” is not a term of the glossary')
        term['except'][msgid] = japanese
    return terms


# A whole word: not part of a longer word, an option (--page) or a file
# name (page-2.html), which are no uses of a term.
def uses(form):
    return re.compile(r'(?<![\w-])' + re.escape(form) + r'(?![\w-])', re.IGNORECASE)


def kept_as_is(form):
    return re.compile(r'(?<![\w-])' + re.escape(form) + r'(?![\w-])')


def faults(message, terms):
    """What is wrong with one message, in words."""
    found = []
    english, japanese = message['english'], message['japanese']

    for mark in sorted(set(ENGLISH_QUOTES.findall(japanese))):
        found.append(f'English quotation mark {mark} in the translation; quote with 「」')

    for term in terms:
        used = sum(len(uses(form).findall(english)) for form in term['forms'])
        if used == 0:
            continue
        term['uses'] += 1
        # A command or a value the translation keeps in English is no use of the term.
        kept = sum(len(kept_as_is(form).findall(japanese)) for form in term['forms'])
        if kept >= used:
            continue
        if message.get('msgid') in term['except']:
            instead = term['except'][message['msgid']]
            if instead not in japanese:
                found.append(f'“{term["forms"][0]}” is said here as {instead}, says the glossary, but is not')
            continue
        # 見出し inside 小見出し is the other term's, not this one's.
        own = japanese
        for other in terms:
            if other['japanese'] != term['japanese'] and term['japanese'] in other['japanese']:
                own = own.replace(other['japanese'], '')
        if term['japanese'] not in own:
            found.append(f'“{term["forms"][0]}” is not translated as {term["japanese"]}')
        for wrong in term['wrong']:
            if wrong in japanese and not any(wrong in t['japanese'] for t in terms
                                             if t is not term and t['japanese'] in japanese):
                found.append(f'“{term["forms"][0]}” is {term["japanese"]}, not {wrong}')
    return found


def check_the_checker(glossary):
    """Each kind of fault is found in a message made to have it, and a
    command kept in English is not taken for one."""
    samples = [
        ('The headline is empty', '小見出しが空です', 'is not translated as 見出し'),
        ('Heading', '見出し', 'is not translated as 小見出し'),
        ('Author', '著者', 'is not translated as 執筆者'),
        ('Key Points', '要点とポイント', 'not ポイント'),
        ('Could Not Import “%s”', '“%s”を取り込めませんでした', 'English quotation mark'),
        ('Say "%s"', '"%s" と言う', 'English quotation mark'),
        ('Line %u, column %u: %s', '%u 行 %u 列:%s', 'is not translated as %u 行目'),
        ('publish takes one INPUT', 'publish には INPUT を 1 つだけ指定してください', None),
        ('A headline and a heading', '見出しと小見出し', None),
        ('Publish as _Draft', '下書きとして公開(_D)', 'is said here as'),
    ]
    status = 0
    for english, japanese, wanted in samples:
        terms = read_glossary(glossary)
        found = faults({'msgid': english, 'english': english, 'japanese': japanese}, terms)
        if wanted is None and found:
            print(f'the check finds a fault where there is none: {english} → {japanese}: {found}')
            status = 1
        elif wanted is not None and not any(wanted in f for f in found):
            print(f'the check misses a fault ({wanted}): {english} → {japanese}')
            status = 1
    return status


def main():
    top = pathlib.Path(sys.argv[1])
    po = top / 'po' / 'ja.po'
    glossary = top / 'po' / 'ja-glossary.txt'

    status = check_the_checker(glossary)
    if status:
        return status

    terms = read_glossary(glossary)
    messages = read_po(po)
    for message in messages:
        for fault in faults(message, terms):
            print(f'{po.name}:{message["line"]}: {message["msgid"]!r}: {fault}')
            status = 1
    for term in terms:
        if term['uses'] == 0:
            print(f'{glossary.name}:{term["line"]}: no message uses “{term["forms"][0]}”; drop it or fix its spelling')
            status = 1
    if status == 0:
        print(f'{len(messages)} messages: Japanese quotation marks, and the {len(terms)} terms of '
              f'{glossary.name} said one way')
    return status


if __name__ == '__main__':
    sys.exit(main())
