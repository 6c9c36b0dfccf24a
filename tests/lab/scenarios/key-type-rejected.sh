# shellcheck shell=bash
# key-type-rejected: PubkeyAcceptedAlgorithms ssh-ed25519 only, and alice's authorized key is
# an RSA one: sshd refuses the key's algorithm before it looks the key up. The diagnosis gets
# that key's .pub as -ClientKey (CLIENT_PUBLIC_KEY).
scenario_up() {
    topo_base
    server_host_up
    local key="$S/client/id_alice_rsa"
    ssh-keygen -q -t rsa -b 2048 -N '' -C sst-lab-alice-rsa -f "$key"
    cp "$key.pub" "$S/server/authorized_keys.d/alice"
    mgmt_sshd_up
    sshd_start main "$PORT" "PubkeyAcceptedAlgorithms ssh-ed25519"
    # OpenSSH 10 does not log the rejected algorithm at LogLevel VERBOSE: the closed connection is all.
    login_refused alice "$key" "not in PubkeyAcceptedAlgorithms|Connection closed by authenticating user alice"
    lab_env CLIENT_PUBLIC_KEY "$key.pub"
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE KeyTypeNotAccepted
}
