#!/usr/bin/env bash
# Installs the Debian packages the lab needs, only those missing. Root only; the one list of them.
#
# firewalld pulls in dbus (dbus-daemon) and polkitd; the lab runs its own dbus-daemon and
# firewalld inside the lab server (lib/firewall.sh). Installing them starts nothing in the
# root namespace: firewalld has no init script and its package starts it only through systemd
# (deb-systemd-invoke, and only when /run/systemd/system exists, which it does not without
# systemd); dbus's package starts its init script through invoke-rc.d, which policy-rc.d or
# RUNLEVEL=1 (below) turns down; polkitd is only ever started by a bus.
set -euo pipefail

packages=(openssh-server openssh-client sudo tcpd fail2ban ipset nftables iptables ufw firewalld nmap busybox socat ncat python3 iproute2 procps time systemd-journal-remote python3-systemd)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
((${#missing[@]})) || exit 0

if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "The lab needs these Debian packages, and installing them needs root and apt-get: ${missing[*]}" >&2
    exit 1
fi
echo "Installing the lab's Debian packages: ${missing[*]}"
# No service may start in the root namespace: the lab starts its own daemons inside namespaces.
[ -e /usr/sbin/policy-rc.d ] || export RUNLEVEL=1
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
