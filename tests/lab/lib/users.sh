# shellcheck shell=bash
# The server's identity: lab-owned copies of /etc/passwd, /etc/shadow, /etc/group,
# /etc/gshadow, /etc/sudoers (+ an empty sudoers.d) and /etc/hosts, the lab users'
# homes and their client keys. Everything is written under <statedir>/server and
# <statedir>/client; holder_main (lib/host.sh) bind-mounts the files over the real
# paths inside the server's private mount namespace only.
#
#   user    uid   sudo                           password (for password-auth cases)
#   triage  2001  NOPASSWD: ALL                  sst-lab-triage
#   nosudo  2002  ALL, password required         sst-lab-nosudo
#   alice   2003  none                           sst-lab-alice
#   bob     2004  none                           sst-lab-bob
#   stall   2005  none (management sessions hang: a real command timeout)
# root keeps the machine's own shadow entry (key login only). Group contractors
# (gid 2100) has bob as a supplementary member (DenyGroups/AllowGroups cases).

LAB_USERS=(triage nosudo alice bob stall)
LAB_GROUP=contractors
LAB_GROUP_GID=2100
LAB_GROUP_MEMBERS=bob

lab_user_uid() {
    case $1 in
        triage) printf 2001 ;;
        nosudo) printf 2002 ;;
        alice) printf 2003 ;;
        bob) printf 2004 ;;
        stall) printf 2005 ;;
        *) die "unknown lab user $1" ;;
    esac
}

lab_user_password() {
    printf 'sst-lab-%s' "$1"
}

# server_identity: prepare the files (before the holder starts, which mounts them).
server_identity() {
    local base="$S/server" u uid hash
    mkdir -p "$base/etc/sudoers.d" "$base/home" "$base/log"
    local etc
    for etc in passwd group shadow gshadow; do
        [[ -f /etc/$etc ]] || die "/etc/$etc missing"
        cp -p -- "/etc/$etc" "$base/etc/$etc"
        # A uid/gid or name the lab wants must not be taken already.
        for u in "${LAB_USERS[@]}" "$LAB_GROUP"; do
            if grep -q "^$u:" "$base/etc/$etc"; then die "/etc/$etc already has $u"; fi
        done
    done
    if awk -F: -v id="$LAB_GROUP_GID" '$3 == id { f = 1 } END { exit !f }' /etc/group; then
        die "gid $LAB_GROUP_GID is taken in /etc/group"
    fi
    printf '%s:x:%s:%s\n' "$LAB_GROUP" "$LAB_GROUP_GID" "$LAB_GROUP_MEMBERS" >>"$base/etc/group"
    printf '%s:!::%s\n' "$LAB_GROUP" "$LAB_GROUP_MEMBERS" >>"$base/etc/gshadow"
    for u in "${LAB_USERS[@]}"; do
        uid=$(lab_user_uid "$u")
        if awk -F: -v id="$uid" '$3 == id { f = 1 } END { exit !f }' /etc/passwd /etc/group; then
            die "uid/gid $uid is taken in /etc/passwd or /etc/group"
        fi
        hash=$(openssl passwd -6 "$(lab_user_password "$u")")
        printf '%s:x:%s:%s:sst lab %s:/home/%s:/bin/bash\n' "$u" "$uid" "$uid" "$u" "$u" >>"$base/etc/passwd"
        printf '%s:%s:20000:0:99999:7:::\n' "$u" "$hash" >>"$base/etc/shadow"
        printf '%s:x:%s:\n' "$u" "$uid" >>"$base/etc/group"
        printf '%s:!::\n' "$u" >>"$base/etc/gshadow"
        # Home: bind-mounted at /home/<user> in the server (lib/host.sh).
        mkdir -p "$base/home/$u"
        printf 'sst lab home of %s\n' "$u" >"$base/home/$u/.sst-lab"
        chown -R "$uid:$uid" "$base/home/$u"
        chmod 0750 "$base/home/$u"
    done
    if [[ -f /etc/sudoers ]]; then
        cat >"$base/etc/sudoers" <<'EOF'
# sst lab sudoers (bind-mounted over /etc/sudoers in the lab server only)
Defaults	env_reset
Defaults	secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
Defaults	use_pty
Defaults	!mail_badpass, !mail_no_user, !mail_no_perms, !mail_no_host
root	ALL=(ALL:ALL) ALL
triage	ALL=(ALL:ALL) NOPASSWD: ALL
nosudo	ALL=(ALL:ALL) ALL
@includedir /etc/sudoers.d
EOF
        chmod 0440 "$base/etc/sudoers"
        chmod 0755 "$base/etc/sudoers.d"
    fi
    # sudo resolves its own host name; without this it warns "unable to resolve host".
    {
        printf '127.0.0.1\tlocalhost\n'
        printf '::1\tlocalhost ip6-localhost ip6-loopback\n'
        printf '%s\tsst-server\n' "$(env_get SERVER_ADDR)"
        printf '%s\tsst-server\n' "$(env_get SERVER_ADDR6)"
    } >"$base/etc/hosts"
    # Login records sshd writes: lab files, not the machine's /var/log/{wtmp,btmp,lastlog}.
    : >"$base/log/wtmp"
    : >"$base/log/btmp"
    : >"$base/log/lastlog"
    chmod 0664 "$base/log/wtmp" "$base/log/lastlog"
    chmod 0660 "$base/log/btmp"
    chgrp utmp "$base/log/wtmp" "$base/log/btmp" "$base/log/lastlog" 2>/dev/null || true
    # auth.log as Debian's rsyslog creates it: root:adm 0640 (a non-root collector
    # cannot read it without sudo or the adm group).
    : >"$S/auth.log"
    chmod 0640 "$S/auth.log"
    chgrp adm "$S/auth.log" 2>/dev/null || true
    lab_env SERVER_USERS "root,$(IFS=,; printf '%s' "${LAB_USERS[*]}")"
    lab_env SUDO_AVAILABLE "$([[ -f /etc/sudoers && -u /usr/bin/sudo ]] && echo 1 || echo 0)"
}
