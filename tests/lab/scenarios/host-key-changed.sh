# shellcheck shell=bash
# host-key-changed: root on the client host knows other keys for the server (WRONG_KNOWN_HOSTS, as
# after a reinstall) in ~/.ssh/known_hosts, and its login fails with "REMOTE HOST IDENTIFICATION HAS
# CHANGED"; sshd only sees the connection closed. The client runs an sshd on 2022 (client_sshd_up)
# so -FromHost reads that side. Its root's home is a lab directory bind-mounted over /root in the
# client sshd's own mount namespace; the machine's /root is never touched.
scenario_up() {
    server_up
    client_sshd_up 2022
    local home="$S/client-sshd/root"
    mkdir -p "$home/.ssh"
    cp "$(env_get WRONG_KNOWN_HOSTS)" "$home/.ssh/known_hosts"
    chmod 700 "$home" "$home/.ssh"
    chmod 600 "$home/.ssh/known_hosts"
    host_exec client-sshd mount --bind -- "$home" /root
    if host_exec client-sshd timeout 20 ssh -T -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
        -o IdentitiesOnly=yes -i "$(env_get CLIENT_KEY)" -p "$PORT" -l root -- "$(env_get SERVER_ADDR)" true \
        </dev/null >>"$S/log/client-ssh.log" 2>&1; then
        die "root logged in, but its known_hosts should refuse the server's key"
    fi
    grep -q "REMOTE HOST IDENTIFICATION HAS CHANGED" "$S/log/client-ssh.log" || die "ssh did not report a changed host key"
    lab_env CLIENT_KNOWN_HOSTS "$home/.ssh/known_hosts"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE HostKeyChanged
}
