#!/usr/bin/env bash
# Known-hosts fixtures from the real ssh-keygen: host keys, a certificate authority and the
# host certificates it signs, a known_hosts file with every kind of line (plain, [host]:port,
# patterns and negation, several keys per host, @cert-authority, @revoked), the same file hashed
# by ssh-keygen -H, and what ssh-keygen -F finds in it for each name (OpenSSH's own answer).
# Writes Fixtures/known-hosts/ (or OUTDIR/known-hosts/). No lab is brought up.
#   tests/lab/capture-known-hosts-fixtures.sh [outdir]
set -euo pipefail
# shellcheck source=tests/lab/capture-lib.sh
. "$(dirname "$(readlink -f -- "$0")")/capture-lib.sh"
capture_init capture-known-hosts-fixtures "" /tmp/sst-known-hosts.XXXXXX
OUT="${1:-$FIXTURES}/known-hosts"
VERSION=$(ssh -V 2>&1)
K="$TMP/keys"
mkdir -p "$K"

key() { ssh-keygen -q -t "$2" -N '' -C "$1" -f "$K/$1"; }
key host_ed25519 ed25519
key host_ecdsa ecdsa
key host_rsa rsa
key other_ed25519 ed25519
key revoked_ed25519 ed25519
key cert_host_ed25519 ed25519
key ca_ed25519 ed25519
key ca_rsa rsa
key rogue_ca_ed25519 ed25519

pub() { # NAME: the public key file, as ssh-keygen wrote it
    fixture "$1.pub.txt" "ssh-keygen -t $2 -N '' -C $1 -f $1; cat $1.pub" "$VERSION" "a fresh key" 0 "$K/$1.pub"
}
pub host_ed25519 ed25519
pub host_ecdsa ecdsa
pub host_rsa rsa
pub other_ed25519 ed25519
pub revoked_ed25519 ed25519
pub cert_host_ed25519 ed25519
pub ca_ed25519 ed25519
pub ca_rsa rsa

for f in host_ed25519 host_ecdsa host_rsa; do ssh-keygen -lf "$K/$f.pub"; done >"$TMP/fingerprints"
fixture fingerprints.txt "ssh-keygen -lf host_ed25519.pub; ssh-keygen -lf host_ecdsa.pub; ssh-keygen -lf host_rsa.pub" "$VERSION" "the keys above" 0 "$TMP/fingerprints"

# cert NAME CA SIGNED-AS [ssh-keygen -s options...]: a certificate of cert_host_ed25519.pub.
cert() {
    local name=$1 ca=$2
    shift 2
    cp "$K/cert_host_ed25519.pub" "$TMP/$name.pub"
    ssh-keygen -q -s "$K/$ca" -I "$name" "$@" "$TMP/$name.pub"
    fixture "$name-cert.pub.txt" "ssh-keygen -s $ca -I $name $* cert_host_ed25519.pub; cat cert_host_ed25519-cert.pub" "$VERSION" "host key cert_host_ed25519 certified by $ca" 0 "$TMP/$name-cert.pub"
    (cd "$TMP" && ssh-keygen -L -f "$name-cert.pub") >"$TMP/$name.L"
    fixture "$name-cert.L.txt" "ssh-keygen -L -f $name-cert.pub" "$VERSION" "the certificate above, as ssh-keygen reads it" 0 "$TMP/$name.L"
}
cert host ca_ed25519 -h -n web.example.org,198.51.100.30 -V always:forever
cert host-rsa-ca ca_rsa -t rsa-sha2-512 -h -n web.example.org -V always:forever
cert host-sha1-ca ca_rsa -t ssh-rsa -h -n web.example.org -V always:forever
cert expired ca_ed25519 -h -n web.example.org -V 20200101:20200102
cert user ca_ed25519 -n web.example.org -V always:forever
cert rogue rogue_ca_ed25519 -h -n web.example.org -V always:forever
cert any-host ca_ed25519 -h -V always:forever

line() { printf '%s %s\n' "$1" "$(cut -d' ' -f1,2 "$K/$2.pub")"; }
{
    echo '# every kind of line OpenSSH reads'
    line 198.51.100.20 host_ed25519
    line '[198.51.100.20]:2222' other_ed25519
    line sst-server,198.51.100.21 host_ecdsa
    line 198.51.100.22 host_rsa
    line 198.51.100.22 host_ed25519
    line 'web*.example.net,!web-bad.example.net' host_ed25519
    line '[198.51.100.2?]:2200' host_ecdsa
    printf '@cert-authority %s\n' "$(line '*.example.org,198.51.100.30' ca_ed25519)"
    printf '@cert-authority %s\n' "$(line '*.example.org' ca_rsa)"
    printf '@revoked %s\n' "$(line '*' revoked_ed25519)"
    printf '%s\n' "$(line 198.51.100.23 revoked_ed25519)"
} >"$TMP/known_hosts"
fixture known_hosts.txt "written from the keys above (host patterns and markers by hand)" "$VERSION" "the keys above" 0 "$TMP/known_hosts"
{
    echo 'not a key line'
    printf '198.51.100.24 ssh-ed25519 %s\n' "$(cut -d' ' -f2 "$K/host_rsa.pub")"
    printf '@unknown-marker %s\n' "$(line 198.51.100.24 host_ed25519)"
    printf '198.51.100.24 ssh-ed25519 %s\n' 'not-base64!'
} >"$TMP/malformed"
fixture known_hosts-malformed.txt "written by hand: lines ssh skips" "$VERSION" "a line of words, an RSA blob under ssh-ed25519, an unknown marker, a key that is not base64" 0 "$TMP/malformed"

ssh-keygen -H -f "$TMP/known_hosts" >/dev/null 2>&1
fixture known_hosts-hashed.txt "ssh-keygen -H -f known_hosts; cat known_hosts" "$VERSION" "known_hosts.txt hashed by ssh-keygen (patterns and markers stay as they are)" 0 "$TMP/known_hosts"

for name in 198.51.100.20 '[198.51.100.20]:2222' sst-server 198.51.100.21 198.51.100.22 web1.example.net web-bad.example.net '[198.51.100.25]:2200' 198.51.100.99 web.example.org 198.51.100.30; do
    set +e
    ssh-keygen -F "$name" -f "$TMP/known_hosts" >"$TMP/found" 2>&1
    rc=$?
    set -e
    fixture "lookup-${name//[\[\]:]/_}.txt" "ssh-keygen -F '$name' -f known_hosts-hashed" "$VERSION" "known_hosts-hashed.txt" "$rc" "$TMP/found"
done
