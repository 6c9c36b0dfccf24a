# shellcheck shell=bash
# The stages after TCP: accounts and key files broken the way users break them, and one
# login attempt that sshd refuses, so its own words are in auth.log. Only lab files change:
# passwd and shadow are the lab's bind-mounted copies (rewritten in place, as usermod cannot
# replace a bind-mounted file), homes are the lab's, and the server's /run is its own tmpfs.

# account_edit FILE AWK: rewrite the server's /etc/FILE (passwd or shadow) through AWK, in place.
account_edit() {
    local file="$S/server/etc/$1" text
    text=$(awk -F: -v OFS=: "$2" "$file") || die "account_edit: awk failed on $file"
    printf '%s\n' "$text" >"$file"
}

# home_keys USER MODE: USER's key in ~/.ssh/authorized_keys (600) in a ~/.ssh of MODE.
home_keys() {
    local user=$1 mode=$2 uid dir="$S/server/home/$1/.ssh"
    uid=$(lab_user_uid "$user")
    mkdir -p "$dir"
    cp "$S/client/id_$user.pub" "$dir/authorized_keys"
    chown -R "$uid:$uid" "$dir"
    chmod 600 "$dir/authorized_keys"
    chmod "$mode" "$dir"
}

# login_refused USER KEY PATTERN [SSH OPTION...]: USER logs in once with KEY and fails; wait
# for PATTERN (an ERE) in auth.log, sshd's reason.
login_refused() {
    local user=$1 key=$2 pattern=$3
    shift 3
    if client_ssh "$user" "$key" "$PORT" true "$@"; then
        die "$user logged in, but the scenario should refuse it"
    fi
    lab_wait 5 "sshd's refusal of $user in auth.log" grep -Eq "$pattern" "$S/auth.log"
}

# login_scenario_env USER: the lab.env keys every login-stage scenario shares: the user the
# diagnosis asks about, and a TCP door that stays open.
login_scenario_env() {
    lab_env CLIENT_USER "$1"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
}
