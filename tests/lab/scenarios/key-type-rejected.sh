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
    login_refused alice "$key" "key type ssh-rsa not in PubkeyAcceptedAlgorithms|userauth_pubkey: signature algorithm rsa-sha2-(256|512) not in PubkeyAcceptedAlgorithms"
    lab_env CLIENT_PUBLIC_KEY "$key.pub"
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE KeyTypeNotAccepted
}
