# shellcheck shell=bash
# loopback-only: the sshd under test listens on PORT, but only on 127.0.0.1 and
# ::1 (ListenAddress), so a connection to the server's address is refused.
scenario_up() {
    server_up "ListenAddress 127.0.0.1" "ListenAddress ::1"
    if in_ns server ss -Hltn "sport = :$PORT" | awk '{ print $4 }' | grep -Evq '^(127\.0\.0\.1|\[::1\]):'; then
        die "sshd listens on more than loopback"
    fi
    lab_env SSHD_LISTEN_ADDRESSES 127.0.0.1,::1
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE NotListeningOnAddress
}
