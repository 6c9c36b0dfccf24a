# shellcheck shell=bash
# not-ssh: a web server owns PORT. It says nothing until spoken to, then answers
# an SSH identification line with "HTTP/1.1 400 Bad Request".
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    local ready="$S/run/httpd.ready"
    host_spawn httpd server "$LAB_PYTHON" "$LAB_DIR/bin/httpd.py" --port "$PORT" --ready "$ready"
    lab_wait 10 "the HTTP server on port $PORT" listening server "$PORT" 46
    lab_env HTTPD_PID "$(lab_pid httpd)"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM NotSsh
    lab_env EXPECT_CAUSE NotSshService
}
