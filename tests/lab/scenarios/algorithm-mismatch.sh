# shellcheck shell=bash
# algorithm-mismatch: the client forces HostKeyAlgorithms ssh-rsa (an old ssh_config line), and
# the server has only Ed25519 and ECDSA host keys: no host key type in common. sshd logs
# "Unable to negotiate with <client> port N: no matching host key type found. Their offer: ssh-rsa".
scenario_up() {
    server_up
    if client_ssh alice "$(env_get USER_ALICE_KEY)" "$PORT" true -o HostKeyAlgorithms=ssh-rsa; then
        die "alice logged in, but no host key type should be in common"
    fi
    lab_wait 5 "sshd's negotiation failure in auth.log" grep -q "no matching host key type found. Their offer: ssh-rsa" "$S/auth.log"
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE AlgorithmMismatch
}
