#!/bin/sh
# Installs the block editor's parser and validator, at the versions the
# lock file pins, into a cache folder (normally under the build directory),
# when they are missing or the lock file changed since.
#   tests/wp-blocks/install.sh CACHE_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:?usage: install.sh CACHE_DIR}

mkdir -p "$cache"
if [ -d "$cache/node_modules" ] && cmp -s "$here/package-lock.json" "$cache/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$cache/"
cd "$cache"
rm -rf node_modules
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
