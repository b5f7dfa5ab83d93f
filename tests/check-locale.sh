#!/bin/sh
# check-locale.sh: kiku-tool and the window speak the system's language.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-locale.sh KIKU-TOOL LOCALEDIR [TEST-LOCALE]
#
# Makes a Japanese locale in a folder of its own (LOCPATH), so the machine
# needs none installed, and runs kiku-tool in it with the translations
# from the build folder; then, when given, the GUI test test-locale.

set -eu
tool=$1
localedir=$2
gui_test=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Where there are no locale sources (a Flatpak SDK), there is nothing to
# check; build-aux/dev installs them, and sets KIKU_TEST_STRICT.
if [ ! -e /usr/share/i18n/locales/ja_JP ]; then
  echo "no locale sources here"
  [ -n "${KIKU_TEST_STRICT:-}" ] && exit 1
  exit 77
fi

localedef -i ja_JP -f UTF-8 "$work/ja_JP.UTF-8" 2>/dev/null || {
  echo "localedef could not make ja_JP.UTF-8 (the locales package has its sources)"
  exit 1
}

out=$(LOCPATH=$work LC_ALL=ja_JP.UTF-8 LANGUAGE= KIKU_LOCALEDIR=$localedir "$tool" 2>&1 || true)
echo "$out"
case $out in
  *"使い方:kiku-tool"*) ;;
  *) echo "kiku-tool did not speak Japanese in a Japanese locale"; exit 1 ;;
esac

# And English in the C locale.
out=$(LC_ALL=C.UTF-8 KIKU_LOCALEDIR=$localedir "$tool" 2>&1 || true)
case $out in
  *"Usage: kiku-tool"*) ;;
  *) echo "kiku-tool did not speak English in the C locale"; exit 1 ;;
esac

# The window, in the Japanese locale.
if [ -n "$gui_test" ]; then
  LOCPATH=$work LC_ALL=ja_JP.UTF-8 LANGUAGE= KIKU_LOCALEDIR=$localedir "$gui_test"
fi
