#!/usr/bin/python3
# test-flatpak-drop.py: image files dragged from outside the sandbox onto
# Kiku running as a Flatpak, as a writer drags them from the file manager.
#
#   test-flatpak-drop.py APP_ID
#
# The installed app is started with `flatpak run` (the sandbox its
# finish-args give it: no folder of the host) on a copy of the sample,
# handed over through the document portal as a file manager hands it.
# A small GTK window outside the sandbox (drag-source.py) offers the files;
# the pointer, moved through AT-SPI's synthesized events, drags them onto a
# paragraph of the form. GTK offers the files through the portal's file
# transfer and Kiku, inside, gets paths the portal grants. Shown: the
# image becomes an image block beside the paragraph, its bytes are copied
# into the drafts' images folder (the article's own folder takes no new
# file in the sandbox), one undo takes it out again, and a text file is
# refused in words. build-aux/flatpak-suite runs this with the display,
# the session bus and the accessibility bus of the test run.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # nothing written into the source tree
HERE = os.path.dirname(os.path.abspath(__file__))


def session_call(dest, path, method):
    """The one string a method of a service on the session bus answers
    (started by D-Bus when asked), or None with why on standard error."""
    asked = subprocess.run(['gdbus', 'call', '--session', '--dest', dest, '--object-path', path,
                            '--method', method], capture_output=True, text=True)
    if asked.returncode != 0:
        print(f'# {dest} does not answer: {asked.stderr.strip()}', flush=True)
        return None
    # ('…',) or, for a byte string, (b'…',)
    return asked.stdout.strip().lstrip('(b').strip('\',)')


# The accessibility bus of this session, the one flatpak run gives the app,
# asked for before AT-SPI is loaded: AT-SPI would otherwise take the bus
# the display names, another session's.
A11Y_BUS = session_call('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus.GetAddress')
if A11Y_BUS is None:
    sys.exit('test-flatpak-drop: no accessibility bus')
os.environ['AT_SPI_BUS_ADDRESS'] = A11Y_BUS
sys.path.insert(0, HERE)
from kikuatspi import App, Atspi, DragSource, Failure, card_in_view, children, click, digest, files_to_drag, \
    find, make_home, middle_of, point_and_click, section_cards, text_of_card, wait_for  # noqa: E402

APP_ID = sys.argv[1] if len(sys.argv) > 1 else 'io.github.kiku.Kiku'
NOT_AN_IMAGE = ('“notes.txt” is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files '
                'can be used')


def drafts_images(home):
    return os.path.join(home, '.var', 'app', APP_ID, 'data', 'kiku', 'drafts', 'images')


def draft_blocks(home):
    """The blocks of section 1 of page 1 in the newest draft, once there is one."""
    drafts = sorted(glob.glob(os.path.join(home, '.var', 'app', APP_ID, 'data', 'kiku', 'drafts', '*.kiku-draft')),
                    key=os.path.getmtime)
    if not drafts:
        return None
    with open(drafts[-1], encoding='utf-8') as f:
        draft = json.load(f)
    article = draft.get('article', draft)
    return article['pages'][0]['sections'][0]['blocks']


def main():
    print('1..4')
    # Where the document portal shows its files on this side of the sandbox.
    mount = session_call('org.freedesktop.portal.Documents', '/org/freedesktop/portal/documents',
                         'org.freedesktop.portal.Documents.GetMountPoint')
    if mount is None:
        print('not ok - the document portal does not answer')
        return 1
    home = make_home()
    app = None
    source = None
    try:
        photo, notes = files_to_drag(home)

        article = os.path.join(home, 'article', 'sample.kiku')
        # As a user runs it: the article handed over by the portal too.
        # (Root runs this without CAP_SYS_NICE: see build-aux/flatpak-suite.)
        command = ['flatpak', 'run', '--file-forwarding', APP_ID]
        app = App(home, '@@', article, '@@', command=command)
        app.window('')
        paragraphs_before = len(section_cards(app, 'Paragraph'))
        images_before = len(section_cards(app, 'Image'))

        # Section 1 in view, by its row in the outline.
        point_and_click(wait_for(lambda: find(app.accessible, 'list item', prefix='Section 1:', showing=True),
                                 'the outline row of section 1'))
        first = wait_for(lambda: card_in_view(app, 'Paragraph 1'),
                         'the first paragraph of section 1 in view')
        # Onto the paragraph's text (its lower half: the image goes after).
        x, y = middle_of(text_of_card(first))

        source = DragSource('Drag the photo', photo)
        source.drag_to(x, y)
        wait_for(lambda: len(section_cards(app, 'Image')) == images_before + 1,
                 'an image block in section 1', timeout=20)
        if len(section_cards(app, 'Paragraph')) != paragraphs_before:
            raise Failure('the paragraphs of section 1 changed with the drop')
        print('ok 1 - an image dragged from outside the sandbox onto a paragraph becomes an image block')

        # What Kiku read came through the portal, which lists it for the app.
        granted = glob.glob(os.path.join(mount, 'by-app', APP_ID, '*', 'harbour.png'))
        if not granted:
            raise Failure(f'the document portal lists no harbour.png for {APP_ID}')
        want = digest(photo)
        stored = wait_for(lambda: [p for p in glob.glob(os.path.join(drafts_images(home), '*'))
                                   if digest(p) == want],
                          'the photo copied into the drafts’ images folder')
        if len(stored) != 1:
            raise Failure(f'the photo was stored {len(stored)} times')

        def image_after_first_paragraph():
            blocks = draft_blocks(home)
            if not blocks or len(blocks) < 2:
                return None
            kinds = [b.get('type') for b in blocks]
            second = blocks[1]
            return (kinds[0] == 'paragraph' and kinds[1] == 'image' and
                    os.path.basename(second.get('src', '')) == os.path.basename(stored[0]))
        wait_for(image_after_first_paragraph, 'the draft to hold the image after the first paragraph')
        print('ok 2 - the portal handed the file over and its bytes were copied into the drafts’ images, '
              'named by the image block after the paragraph')

        # One undo step takes the drop back.
        click(wait_for(lambda: find(app.accessible, 'push button', name='Undo', showing=True), 'the Undo button'))
        wait_for(lambda: len(section_cards(app, 'Image')) == images_before, 'the image block undone')
        print('ok 3 - one undo takes the dropped image out again')

        source.close()
        source = DragSource('Drag the notes', notes)
        first = wait_for(lambda: card_in_view(app, 'Paragraph 1'),
                         'the first paragraph of section 1 in view')
        x, y = middle_of(text_of_card(first))
        source.drag_to(x, y)
        wait_for(lambda: find(app.accessible, 'label', name=NOT_AN_IMAGE, showing=True),
                 'the toast saying the text file is not an image')
        if len(section_cards(app, 'Image')) != images_before:
            raise Failure('a block was added for the text file')
        print('ok 4 - a text file dragged from outside is refused in words, and nothing is added')
    except Failure as failure:
        print(f'not ok - {failure}')
        try:
            print('# on the accessibility bus: ' + ', '.join(
                f'{a.get_name()} ({a.get_process_id()})' for a in children(Atspi.get_desktop(0))))
        except Exception as error:
            print(f'# the accessibility bus cannot be listed: {error}')
        if app is not None:
            app.close()
            with open(os.path.join(home, 'app.log'), encoding='utf-8', errors='replace') as f:
                sys.stdout.write(''.join('# ' + line for line in f))
        return 1
    finally:
        if source is not None:
            source.close()
        if app is not None:
            app.close()
            subprocess.run(['flatpak', 'kill', APP_ID], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
