#!/usr/bin/env bash
# OpenSSH 10 for the lab, without touching the machine's own OpenSSH or /etc/apt:
# downloads openssh-server, openssh-client and openssh-sftp-server from
# bookworm-backports with `apt-get download`, using a private apt state (own
# sources list, lists and cache dirs under the lab cache), unpacks them with
# `dpkg-deb -x` into the cache and prints the path of the unpacked sshd.
#
#   tests/lab/openssh10.sh            download if needed, print the sshd path
#   tests/lab/openssh10.sh --cached   print the path only if already unpacked (no network), else exit 1
#
#   SSHD_BIN=$(tests/lab/openssh10.sh) tests/lab/lab.sh up open /tmp/sst-x
#
# Environment: SST_LAB_CACHE (default /var/cache/sshtriage-lab),
# SST_LAB_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

CACHE=${SST_LAB_CACHE:-/var/cache/sshtriage-lab}
MIRROR=${SST_LAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm-backports
PACKAGES=(openssh-server openssh-client openssh-sftp-server)
APT="$CACHE/apt"
ROOT="$CACHE/openssh10"

die() {
    printf 'openssh10: %s\n' "$*" >&2
    exit 1
}

if [[ -x $ROOT/usr/sbin/sshd && -f $ROOT/.complete ]]; then
    printf '%s\n' "$ROOT/usr/sbin/sshd"
    exit 0
fi
[[ ${1:-} == --cached ]] && exit 1
[[ -z ${1:-} ]] || die "usage: $0 [--cached]"
((EUID == 0)) || die "needs root (writes $CACHE)"
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then die "needs apt-get and dpkg-deb"; fi

mkdir -p "$APT/lists/partial" "$APT/archives/partial" "$APT/sources.list.d" "$APT/preferences.d" "$APT/debs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || die "no $keyring (package debian-archive-keyring)"
printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$MIRROR" "$SUITE" >"$APT/sources.list"

# Every path apt would take from /etc/apt or /var/lib/apt points into the cache;
# only dpkg's status is read (apt-get download installs nothing).
opts=(
    -o "Dir::Etc::SourceList=$APT/sources.list"
    -o "Dir::Etc::SourceParts=$APT/sources.list.d"
    -o "Dir::Etc::Preferences=$APT/preferences"
    -o "Dir::Etc::PreferencesParts=$APT/preferences.d"
    -o "Dir::State::Lists=$APT/lists"
    -o "Dir::Cache=$APT"
    -o "Dir::Cache::archives=$APT/archives"
    -o "APT::Sandbox::User=root"
    -o "Acquire::Languages=none"
    -o "APT::Default-Release="
)
: >"$APT/preferences"
apt-get -q "${opts[@]}" update >"$APT/update.log" 2>&1 ||
    die "apt-get update for $SUITE failed (does $MIRROR serve $SUITE?): $(tail -n 3 "$APT/update.log")"
version=$(apt-cache "${opts[@]}" show openssh-server 2>/dev/null |
    awk '/^Version: 1:10\./ { print $2; exit }')
[[ -n $version ]] || die "$SUITE at $MIRROR has no openssh-server 10.x"
rm -f "$APT/debs"/*.deb
(
    cd "$APT/debs"
    args=()
    for p in "${PACKAGES[@]}"; do args+=("$p=$version"); done
    apt-get -q "${opts[@]}" download "${args[@]}" >"$APT/download.log" 2>&1
) || die "apt-get download failed: $(tail -n 3 "$APT/download.log")"

rm -rf -- "$ROOT.tmp"
mkdir -p "$ROOT.tmp"
for deb in "$APT/debs"/*.deb; do
    dpkg-deb -x "$deb" "$ROOT.tmp"
done
[[ -x $ROOT.tmp/usr/sbin/sshd && -x $ROOT.tmp/usr/lib/openssh/sshd-session ]] ||
    die "unpacked packages lack sshd or sshd-session"
missing=$(ldd "$ROOT.tmp/usr/sbin/sshd" "$ROOT.tmp/usr/lib/openssh/sshd-session" 2>&1 | grep 'not found' || true)
[[ -z $missing ]] || die "OpenSSH $version needs libraries this machine lacks: $missing"
printf '%s\n' "$version" >"$ROOT.tmp/.complete"
rm -rf -- "$ROOT"
mv -- "$ROOT.tmp" "$ROOT"
printf '%s\n' "$ROOT/usr/sbin/sshd"
