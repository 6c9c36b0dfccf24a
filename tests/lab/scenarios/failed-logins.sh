# shellcheck shell=bash
# failed-logins: real failed attempts from the client against the sshd under test
# (MaxAuthTries 2, PasswordAuthentication yes), so auth.log holds:
#   root with a wrong key            Failed publickey for root
#   an unknown user                  Invalid user nosuchuser
#   root offering three wrong keys   maximum authentication attempts exceeded /
#                                    Too many authentication failures
#   nosudo with a wrong password     Failed password for nosudo
#   unknown user with a password     Failed password for invalid user nosuchuser
# Passwords are sent with SSH_ASKPASS (no sshpass needed). Of these, root's three keys against
# MaxAuthTries 2 is what a diagnosis names: TooManyAuthFailures.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    # OpenSSH 10 would start dropping this client after the third failure.
    sshd_start_unpenalised main "$PORT" "MaxAuthTries 2" "PasswordAuthentication yes"
    local c="$S/client" k
    for k in wrong2 wrong3; do
        ssh-keygen -q -t ed25519 -N '' -C "sst-lab-$k" -f "$c/id_$k"
    done
    client_ssh root "$c/id_wrong" "$PORT" true || true
    client_ssh nosuchuser "$c/id_wrong" "$PORT" true || true
    client_ssh root "$c/id_wrong" "$PORT" true -i "$c/id_wrong2" -i "$c/id_wrong3" || true
    client_ssh_password nosudo wrong-password "$PORT" || true
    client_ssh_password nosuchuser wrong-password "$PORT" || true
    lab_wait 5 "the failed logins in auth.log" grep -q "Failed password for invalid user nosuchuser" "$S/auth.log"
    lab_env MAX_AUTH_TRIES 2
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE TooManyAuthFailures
}
