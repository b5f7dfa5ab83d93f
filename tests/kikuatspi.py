# kikuatspi.py: the real app, driven through AT-SPI by accessible role and
# name, for the tests and the kill -9 trials.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# Warnings are fatal for the app under test, not for the client, which
# hears a warning whenever an object it walks goes away. (GLib reads this
# when it is loaded, so before gi.)
APP_G_DEBUG = os.environ.pop('G_DEBUG', None)

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

class Failure(Exception):
    pass


def wait_for(check, what, timeout=30.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = check()
        except Exception:  # the tree changes under us while it is read
            found = None
        if found:
            return found
        time.sleep(step)
    raise Failure(f'waited {timeout:.0f} s for {what}')


def children(node):
    try:
        count = node.get_child_count()
    except Exception:
        return []
    out = []
    for i in range(count):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            child = None
        if child is not None:
            out.append(child)
    return out


def find(root, role, name=None, prefix=None, showing=False, test=None):
    """The first accessible under root with this role and name, breadth first."""
    queue = [root]
    while queue:
        node = queue.pop(0)
        try:
            if node.get_role_name() == role:
                label = node.get_name() or ''
                if ((name is None or label == name) and
                        (prefix is None or label.startswith(prefix)) and
                        (not showing or node.get_state_set().contains(Atspi.StateType.VISIBLE)) and
                        (test is None or test(node))):
                    return node
        except Exception:
            pass
        queue.extend(children(node))
    return None


def click(node):
    """Presses a button the way assistive technology does: its action."""
    action = node.get_action_iface()
    if action is None or action.get_n_actions() < 1:
        raise Failure(f'“{node.get_name()}” has no action')
    action.do_action(0)


def point_and_click(node):
    """Clicks a field with the pointer, in its middle. GTK knows positions
    within its window only; with no window manager the window sits at the
    screen's origin."""
    extents = node.get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + extents.height // 2, 'b1c')


def type_text(text):
    Atspi.generate_keyboard_event(0xff57, None, Atspi.KeySynthType.SYM)  # End
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)


def process_tree(root):
    kids = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(')') + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(kids.get(pid, []))
    return tree


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f'/proc/{pid}/stat') as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf('SC_CLK_TCK')


class App:
    """One run of the kiku binary in a home folder of the test's own, or of
    another command that starts it (flatpak run, say)."""

    def __init__(self, home, *files, command=None):
        # The environment as the suite has it: GTK's default renderer and
        # the accessibility bus.
        env = dict(os.environ)
        if APP_G_DEBUG:
            env['G_DEBUG'] = APP_G_DEBUG
        env.update(HOME=home,
                   XDG_CONFIG_HOME=os.path.join(home, '.config'),
                   XDG_DATA_HOME=os.path.join(home, '.local', 'share'),
                   XDG_CACHE_HOME=os.path.join(home, '.cache'),
                   XDG_STATE_HOME=os.path.join(home, '.local', 'state'))
        self.log = open(os.path.join(home, 'app.log'), 'ab')
        # In a sandbox with its own process IDs (a Flatpak build), the bus
        # knows the app by another number: then it is the one new "kiku".
        self.present = set()
        for app in children(Atspi.get_desktop(0)):
            try:
                self.present.add(app.get_process_id())
            except Exception:
                pass
        command = command or [os.environ['KIKU_APP']]
        self.process = subprocess.Popen([*command, *files], env=env, stdout=self.log, stderr=self.log)
        try:
            self.accessible = wait_for(self._on_bus, 'Kiku on the accessibility bus')
        except BaseException:
            self.kill()
            raise

    def _on_bus(self):
        apps = []
        for app in children(Atspi.get_desktop(0)):
            # An app that went away may still be listed, and answers nothing.
            try:
                apps.append((app, app.get_process_id(), app.get_name()))
            except Exception:
                continue
        for app, pid, _ in apps:
            if pid == self.process.pid:
                return app
        if self.process.poll() is not None:
            raise SystemExit(f'kiku exited with {self.process.returncode}')
        new = [app for app, pid, name in apps if name == 'kiku' and pid not in self.present]
        return new[0] if len(new) == 1 else None

    def window(self, prefix=''):
        return wait_for(lambda: find(self.accessible, 'frame', prefix=prefix, showing=True),
                        f'a window named “{prefix}…”')

    def dialog(self, name):
        return wait_for(lambda: find(self.accessible, 'dialog', name=name, showing=True),
                        f'the “{name}” dialog')

    def preview(self, containing):
        """The preview, once it shows a painted page whose title holds the text."""
        def shown():
            return find(self.accessible, 'panel', prefix='Preview: ',
                        test=lambda node: (containing in node.get_name() and
                                           not node.get_state_set().contains(Atspi.StateType.BUSY)))
        return wait_for(shown, f'the preview showing “{containing}”')

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        if not self.log.closed:
            self.log.close()

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.log.closed:
            self.log.close()


def make_home():
    home = tempfile.mkdtemp(prefix='kiku-atspi-')
    os.makedirs(os.path.join(home, '.config'))
    os.makedirs(os.path.join(home, 'Documents'))
    with open(os.path.join(home, '.config', 'user-dirs.dirs'), 'w') as f:
        f.write('XDG_DOCUMENTS_DIR="$HOME/Documents"\n')
    shutil.copytree(os.environ['KIKU_SAMPLE_DIR'], os.path.join(home, 'article'))
    return home


def text_of(node):
    """The text a field holds, as a screen reader reads it."""
    text = node.get_text_iface()
    if text is None:
        return ''
    return text.get_text(0, text.get_character_count())


def digest(path):
    """The SHA-256 of a file's bytes, to find a copy of it by content."""
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def files_to_drag(home):
    """A photo and a text file in the home's Downloads, as a writer has
    them at hand to drag onto the form."""
    downloads = os.path.join(home, 'Downloads')
    os.makedirs(downloads, exist_ok=True)
    photo = os.path.join(downloads, 'harbour.png')
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'benchmarks', 'data',
                             'harbour.png'), photo)
    notes = os.path.join(downloads, 'notes.txt')
    with open(notes, 'w', encoding='utf-8') as f:
        f.write('Not a picture.\n')
    return photo, notes


class DragSource:
    """drag-source.py in a window of its own, at the screen's origin."""

    def __init__(self, title, *paths):
        program = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'drag-source.py')
        self.process = subprocess.Popen([sys.executable, program, title, *paths],
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if line != 'ready':
            self.close()
            raise Failure(f'the drag source did not start (it said “{line}”)')
        time.sleep(0.5)  # mapped, then painted

    def drag_to(self, x, y):
        """Presses in the source window, moves the pointer over the target
        in steps, as a hand would, and lets go there."""
        move = Atspi.generate_mouse_event
        move(100, 40, 'abs')
        time.sleep(0.2)
        move(100, 40, 'b1p')
        time.sleep(0.2)
        steps = 20
        for i in range(1, steps + 1):
            move(100 + (x - 100) * i // steps, 40 + (y - 40) * i // steps, 'abs')
            time.sleep(0.05)
        # Over the target for a moment: the drop site is told, and answers.
        move(x + 1, y + 1, 'abs')
        time.sleep(0.5)
        move(x, y, 'abs')
        time.sleep(0.5)
        move(x, y, 'b1r')
        line = self.process.stdout.readline().strip()
        if line != 'ended':
            raise Failure(f'the drag did not end in a drop (the source said “{line}”)')

    def close(self):
        self.process.terminate()
        self.process.wait()


def section_cards(app, prefix):
    """The cards of section 1 of the page shown whose names start so."""
    section = find(app.accessible, 'panel', name='Section 1', showing=True)
    if section is None:
        return []
    found, queue = [], [section]
    while queue:
        node = queue.pop(0)
        try:
            if node.get_role_name() == 'panel' and (node.get_name() or '').startswith(prefix):
                found.append(node)
            queue.extend(node.get_child_at_index(i) for i in range(node.get_child_count()))
        except Exception:
            pass
    return found


def card_in_view(app, name):
    """The card of section 1 of that name (a prefix), once it shows in
    the form."""
    return next((card for card in section_cards(app, name) if in_view(card)), None)


def text_of_card(card):
    """Where a writer drops onto a card: its text field."""
    return find(card, 'text')


def middle_of(node):
    extents = node.get_extents(Atspi.CoordType.WINDOW)
    return extents.x + extents.width // 2, extents.y + extents.height // 2


def in_view(node):
    """Whether the middle of the card shows in the form (the window is at
    the screen's origin, 1100 × 800)."""
    _, y = middle_of(node)
    return 100 < y < 700
