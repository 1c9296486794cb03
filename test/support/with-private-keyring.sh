#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throw-away gnome-keyring, unlocked with a
# random password and kept in a temporary folder, so nobody's real keychain is ever touched.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-private-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring)" >&2
  exit 2
fi
exec dbus-run-session -- bash -c '
  set -euo pipefail
  keyring_home=$(mktemp -d)
  trap "rm -rf \"$keyring_home\"" EXIT
  export XDG_DATA_HOME="$keyring_home"
  head -c 24 /dev/urandom | base64 | tr -d "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export KEYWARDEN_PRIVATE_KEYRING=1
  "$@"' with-private-keyring "$@"
