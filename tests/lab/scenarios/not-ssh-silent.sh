# shellcheck shell=bash
# not-ssh-silent: the sshd under test was moved to 2200, and a program that is not
# sshd (socat) holds PORT: it accepts every connection and never says anything,
# so a client sees a connect followed by silence (a timeout after connecting),
# not a refusal. Only the server's listeners (ss -ltnp: "socat") name it.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start main 2200
    host_spawn socat server socat -u "TCP6-LISTEN:$PORT,ipv6only=0,reuseaddr,fork" OPEN:/dev/null,wronly
    lab_wait 10 "socat on port $PORT" listening server "$PORT" 46
    lab_env SOCAT_PID "$(lab_pid socat)"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE NotSshService
}
