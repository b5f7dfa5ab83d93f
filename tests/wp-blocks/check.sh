#!/bin/sh
# The post bodies Kiku sends to WordPress, checked with the block editor's
# own parser and validator: first against markup WordPress itself saves
# (so that the verdicts can be trusted), then every fixture article and the
# sample: every block a valid core block in today's form, no Classic
# (freeform) block, nothing outside a block.
# Then each body as the block editor saves it again must read back as the
# article it came from. WP_READ_BACK renders the bodies and reads them back.
#   tests/wp-blocks/check.sh CACHE_DIR WP_READ_BACK ARTICLE.kiku...
# CACHE_DIR holds node_modules, which tests/wp-blocks/install.sh puts there
# (build-aux/dev test runs it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
# build-aux/dev names the cache it installed (a release tarball's build
# has a build directory of its own).
cache=${KIKU_TEST_WP_BLOCKS:-$1}; shift
read_back=$1; shift

# Inside the Flatpak's build sandbox there is no node; the post body it
# would check is the same markup the build outside checks.
if [ -e /.flatpak-info ]; then
  echo "no node inside the Flatpak: the suite outside it checks the same post bodies"
  exit 77
fi

lacking() {
  echo "$1: build-aux/dev test provides it (tests/wp-blocks/install.sh $cache)"
  [ -n "${KIKU_TEST_STRICT:-}" ] && exit 1
  exit 77
}

command -v node >/dev/null || lacking "no node here"
[ -d "$cache/node_modules/@wordpress/block-library" ] || lacking "no block editor packages in $cache"
cmp -s "$here/package-lock.json" "$cache/package-lock.json" ||
  lacking "the block editor packages in $cache are not the ones package-lock.json pins"

node "$here/check-blocks.cjs" "$cache" --self-test || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bodies" "$work/saved"
for article in "$@"; do
  "$read_back" render "$article" "$work/bodies/$(basename "$article").html" || exit 1
done

status=0
node "$here/check-blocks.cjs" "$cache" --saved "$work/saved" "$work/bodies"/*.html || status=1
for article in "$@"; do
  "$read_back" compare "$article" "$work/saved/$(basename "$article").html" || status=1
done
exit "$status"
