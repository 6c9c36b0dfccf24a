# shellcheck shell=bash
# too-many-keys: MaxAuthTries 3, and alice's client offers seven keys (-i, as an agent full of
# keys would), her authorized one last: sshd refuses three and cuts her off with "maximum
# authentication attempts exceeded for alice" before her key is tried. The diagnosis gets her
# authorized key's .pub as -ClientKey (CLIENT_PUBLIC_KEY).
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start_unpenalised main "$PORT" "MaxAuthTries 3"
    local c="$S/client" k
    local -a identities=()
    for k in 1 2 3 4 5 6; do
        ssh-keygen -q -t ed25519 -N '' -C "sst-lab-agent-$k" -f "$c/id_agent$k"
        ((k == 1)) || identities+=(-i "$c/id_agent$k")
    done
    identities+=(-i "$(env_get USER_ALICE_KEY)")
    login_refused alice "$c/id_agent1" "maximum authentication attempts exceeded for alice from" "${identities[@]}"
    lab_env CLIENT_PUBLIC_KEY "$(env_get USER_ALICE_KEY).pub"
    lab_env MAX_AUTH_TRIES 3
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE TooManyAuthFailures
}
