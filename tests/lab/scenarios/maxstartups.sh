# shellcheck shell=bash
# maxstartups: sshd accepts one unauthenticated connection at a time
# (MaxStartups 1 = start 1, full 1: a hard limit) and never times it out
# (LoginGraceTime 0), and the lab holds that one slot from the client. The next
# connection gets "Exceeded MaxStartups\r\n" and is closed (sshd.c drop_connection).
scenario_up() {
    server_up "MaxStartups 1" "LoginGraceTime 0"
    local ready="$S/run/maxstartups-holder.ready"
    lab_spawn maxstartups-holder ip netns exec "$(ns_name client)" \
        "$LAB_PYTHON" "$LAB_DIR/bin/probe.py" "$(env_get SERVER_ADDR)" "$PORT" \
        --connect-timeout 5 --read-timeout 10 --hold-ready "$ready"
    lab_wait 10 "the client holding the only MaxStartups slot" test -f "$ready"
    lab_env MAXSTARTUPS 1
    lab_env MAXSTARTUPS_HOLDER_PID "$(lab_pid maxstartups-holder)"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM ClosedBeforeBanner
    lab_env EXPECT_CAUSE MaxStartupsThrottled
}
