# shellcheck shell=bash
# f2b-journal: jail sshd on backend = systemd (journalmatch from the stock filter:
# _SYSTEMD_UNIT=sshd.service + _COMM=sshd), but this host has no journald: sshd
# logs to /var/log/auth.log only. Three real failed logins are in auth.log, the
# jail counts none and bans nobody ("Journal matches:" instead of "File list:" in
# `fail2ban-client status sshd`). The client still connects.
scenario_up() {
    # The case of a jail that reads a journal nobody writes: not a journal-only server.
    [[ ${LAB_JOURNAL:-0} != 1 ]] || die "f2b-journal is the no-journal case; LAB_JOURNAL=1 does not apply"
    server_up
    f2b_up "$(f2b_jail_text iptables-multiport)" "backend = systemd"
    f2b_failed_attempts 3
    lab_wait 5 "the failed logins in auth.log" grep -q "Invalid user sst-nosuch2 from" "$S/auth.log"
    # Give the jail time it would need to count them (it cannot: they are not in the journal).
    sleep 1
    f2b_client status sshd | grep -q 'Total failed:[[:space:]]*0$' || die "the systemd-backend jail counted failures"
    lab_env JAIL sshd
    lab_env F2B_BACKEND systemd
    lab_env BANACTION iptables-multiport
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
