using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using Renci.SshNet;
using SshTriage.Remote;

namespace SshTriage.SshNet
{
    /// <summary>
    /// How SSH.NET logs in for a target: with -KeyFilePath that key (the credential's password
    /// is its passphrase and never goes to the server); with -Credential alone a password, also
    /// answered to keyboard-interactive prompts that hide the answer; otherwise the unencrypted
    /// default keys in ~/.ssh, as ssh would offer them (SSH.NET reads no ssh-agent).
    /// </summary>
    internal static class SshLogin
    {
        private static readonly string[] DefaultKeys = { "id_ed25519", "id_ecdsa", "id_rsa" };

        /// <summary>The methods to try; a key that cannot be read is a <see cref="RemoteShellException"/>.</summary>
        public static AuthenticationMethod[] Methods(string user, RemoteTarget target, string host)
        {
            if (target.KeyFilePath != null)
            {
                return new AuthenticationMethod[] { new PrivateKeyAuthenticationMethod(user, OpenKey(target.KeyFilePath, target.Credential?.Password, host)) };
            }

            if (target.Credential != null)
            {
                var password = SecretText.Reveal(target.Credential.Password);
                var interactive = new KeyboardInteractiveAuthenticationMethod(user);
                interactive.AuthenticationPrompt += (sender, e) =>
                {
                    foreach (var prompt in e.Prompts)
                    {
                        if (!prompt.IsEchoed)
                        {
                            prompt.Response = password;
                        }
                    }
                };
                return new AuthenticationMethod[] { new PasswordAuthenticationMethod(user, password), interactive };
            }

            var keys = new List<IPrivateKeySource>();
            var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
            foreach (var name in DefaultKeys)
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path) && TryOpenKey(path, out var key))
                {
                    keys.Add(key!);
                }
            }

            if (keys.Count == 0)
            {
                throw new RemoteShellException(RemoteErrors.AuthenticationFailed(
                    host,
                    $"SSH.NET has no way to log in to {host}: no -KeyFilePath, no -Credential, and no unencrypted key in {folder}.",
                    "Give -KeyFilePath (with its passphrase as -Credential's password), or -Credential for a password login. SSH.NET does not use ssh-agent."));
            }

            return new AuthenticationMethod[] { new PrivateKeyAuthenticationMethod(user, keys.ToArray()) };
        }

        private static PrivateKeyFile OpenKey(string path, SecureString? passphrase, string host)
        {
            try
            {
                return new PrivateKeyFile(path, passphrase == null ? null : SecretText.Reveal(passphrase));
            }
            catch (Exception failure) when (!(failure is OutOfMemoryException))
            {
                var why = failure is Renci.SshNet.Common.SshPassPhraseNullOrEmptyException
                    ? "it is encrypted and no passphrase was given"
                    : failure.Message;
                throw new RemoteShellException(RemoteErrors.AuthenticationFailed(
                    host,
                    $"The key file {path} cannot be used: {why}.",
                    "Give the key's passphrase as the password of -Credential, or use a key SSH.NET reads (OpenSSH, PKCS#8 or PuTTY format)."));
            }
        }

        private static bool TryOpenKey(string path, out PrivateKeyFile? key)
        {
            try
            {
                key = new PrivateKeyFile(path);
                return true;
            }
            catch (Exception unusable) when (!(unusable is OutOfMemoryException))
            {
                key = null;
                return false;
            }
        }
    }
}
