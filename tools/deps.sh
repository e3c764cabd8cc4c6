#!/usr/bin/env bash
# Installs the Debian packages Bulkhead needs, or says exactly what is missing.
# Fast no-op when everything is present: it only asks dpkg, never the network.
set -u

packages="nasm gcc-i686-linux-gnu binutils-i686-linux-gnu qemu-system-x86 grub-pc-bin grub-common
xorriso mtools gdb python3 libcmocka-dev pkg-config clang libclang-rt-14-dev cppcheck clang-tidy
chromium"

# one dpkg query for all of them: installed packages print "name install ok installed"
# shellcheck disable=SC2086
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $packages 2>/dev/null | awk '/ install ok installed$/ { print $1 }')
missing=""
for p in $packages; do
  case " $(echo $installed) " in
    *" $p "*) ;;
    *) missing="$missing $p" ;;
  esac
done

# node and npm run Chrome DevTools' trace engine in the trace-export test. A node that did not
# come from Debian (NodeSource's bundles npm) does as well, so the commands are what counts.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "bulkhead: missing Debian packages:$missing" >&2
  echo "bulkhead: install them with:  sudo apt-get install -y$missing" >&2
  exit 1
fi

echo "bulkhead: installing$missing (log: /tmp/bulkhead-deps.log)" >&2
export DEBIAN_FRONTEND=noninteractive
log=/tmp/bulkhead-deps.log
apt-get update -qq > "$log" 2>&1 || { tail -n 20 "$log" >&2; echo "bulkhead: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >> "$log" 2>&1 \
  || { tail -n 20 "$log" >&2; echo "bulkhead: apt-get install failed for:$missing" >&2; exit 1; }
echo "bulkhead: packages installed" >&2
