#!/usr/bin/python3
# drag-source.py: a small window outside the sandbox that offers files to
# drag, as a file manager does: GTK offers them as a file list, through the
# document portal's file transfer when the portal runs.
#
#   drag-source.py TITLE FILE...
#
# The window is 200 × 80 and shows TITLE; a drag started anywhere in it
# carries the files. It prints "ready" once it is shown, "ended" when a
# drag ends, and before that "cancelled REASON" if it was not dropped.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

import gi
gi.require_version('Gtk', '4.0')
gi.require_version('Gdk', '4.0')
from gi.repository import Gdk, Gio, GLib, GObject, Gtk  # noqa: E402


def main():
    title, paths = sys.argv[1], sys.argv[2:]
    if not paths:
        sys.exit('usage: drag-source.py TITLE FILE...')
    files = [Gio.File.new_for_path(path) for path in paths]
    loop = GLib.MainLoop()

    window = Gtk.Window(title=title, default_width=200, default_height=80, decorated=False)
    label = Gtk.Label(label=title)
    window.set_child(label)

    provider = Gdk.ContentProvider.new_for_value(GObject.Value(Gdk.FileList, Gdk.FileList.new_from_list(files)))
    source = Gtk.DragSource(actions=Gdk.DragAction.COPY, content=provider)

    def end(_source, _drag, delete_data):
        print('ended', flush=True)

    def cancel(_source, _drag, reason):
        print(f'cancelled {int(reason)}', flush=True)
        return False

    source.connect('drag-end', end)
    source.connect('drag-cancel', cancel)
    label.add_controller(source)

    window.connect('close-request', lambda _w: loop.quit() or False)

    def mapped(_window):
        # The formats the drag will offer, for the test's log.
        formats = provider.ref_formats().union_serialize_mime_types()
        print('offers ' + formats.to_string(), file=sys.stderr, flush=True)
        print('ready', flush=True)

    window.connect('map', mapped)
    window.present()
    loop.run()


if __name__ == '__main__':
    main()
