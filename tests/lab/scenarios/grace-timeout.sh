# shellcheck shell=bash
# grace-timeout: LoginGraceTime 3, passwords on, and bob takes 10 s to type his password: sshd
# gives up first. OpenSSH 10's listener logs "Timeout before authentication for connection from
# <client> to <server>, pid = N"; Debian's 9.2 ends the connection without a word (its alarm
# handler no longer logs since the CVE-2024-6387 fix): only its "Connection from" line is left.
scenario_up() {
    server_up "LoginGraceTime 3" "PasswordAuthentication yes"
    if client_ssh_password bob "$(env_get USER_BOB_PASSWORD)" "$PORT" 10; then
        die "bob logged in after LoginGraceTime, but sshd should have given up"
    fi
    if (($(sshd_major) >= 10)); then
        lab_wait 5 "sshd's grace timeout in auth.log" grep -q "Timeout before authentication for connection from $(env_get CLIENT_ADDR) to" "$S/auth.log"
        lab_env EXPECT_CONFIDENCE Confirmed
    else
        lab_env EXPECT_CONFIDENCE Likely
    fi
    lab_env LOGIN_GRACE_TIME 3
    login_scenario_env bob
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE LoginGraceTimeExceeded
}
