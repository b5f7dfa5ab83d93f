# build-aux/packages.sh: installing the Debian packages a script needs, when
# they are missing (as root, or through sudo). Sourced by build-aux/dev and
# build-aux/fuzz, which define say and die.

missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s\n' "$pkg"
    fi
  done
}

ensure_packages() {
  local missing sudo=() made_policy=0
  mapfile -t missing < <(missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "these Debian packages are missing: ${missing[*]} (run as root, or install sudo)"
    sudo=(sudo)
  fi

  say "Installing Debian packages: ${missing[*]}"
  # Packages must not start services on this machine while they install.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  if [ "$made_policy" -eq 1 ]; then
    "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  fi
}
