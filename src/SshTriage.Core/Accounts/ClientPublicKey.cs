using System;
using System.IO;
using System.Security.Cryptography;

namespace SshTriage.Accounts
{
    /// <summary>
    /// The public key a client offers, known by its type and SHA256 fingerprint only, as ssh-keygen -l
    /// prints it: the key material is read here and never sent to a server.
    /// </summary>
    /// <param name="Algorithm">The key's algorithm as the key line names it, e.g. ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256.</param>
    /// <param name="Fingerprint">SHA256:... of the key blob, unpadded base64 as OpenSSH writes it.</param>
    /// <param name="Comment">The key line's comment, often user@host.</param>
    /// <param name="Path">The file it was read from, when it came from one.</param>
    public sealed record ClientPublicKey(string Algorithm, string Fingerprint, string Comment, string? Path = null)
    {
        /// <summary>Reads an OpenSSH public key file (type, base64 blob, comment on one line); ArgumentException when it is not one.</summary>
        public static ClientPublicKey Read(string path)
        {
            string text;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.Length > 64 * 1024)
                {
                    throw new ArgumentException($"'{path}' is not a public key file: give the .pub file of the key the client offers.");
                }

                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ArgumentException($"'{path}' cannot be read: {e.Message}", e);
            }

            var key = Parse(text) ?? throw new ArgumentException($"'{path}' holds no OpenSSH public key line (type, base64 key, comment). A private key is never read: give its .pub file.");
            return key with { Path = path };
        }

        /// <summary>Parses the first key line of <paramref name="text"/>; null when there is none.</summary>
        public static ClientPublicKey? Parse(string text)
        {
            foreach (var raw in text.Split('\n'))
            {
                var parts = raw.Trim().Split(new[] { ' ', '\t' }, 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || parts[0].StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                byte[] blob;
                try
                {
                    blob = Convert.FromBase64String(parts[1]);
                }
                catch (FormatException)
                {
                    return null;
                }

                // The blob starts with its own type name: a line whose two disagree is no key.
                if (BlobType(blob) != parts[0])
                {
                    return null;
                }

                using var sha = SHA256.Create();
                var fingerprint = "SHA256:" + Convert.ToBase64String(sha.ComputeHash(blob)).TrimEnd('=');
                return new ClientPublicKey(parts[0], fingerprint, parts.Length > 2 ? parts[2].Trim() : string.Empty);
            }

            return null;
        }

        private static string? BlobType(byte[] blob)
        {
            if (blob.Length < 4)
            {
                return null;
            }

            var length = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
            return length > 0 && length <= blob.Length - 4 ? System.Text.Encoding.ASCII.GetString(blob, 4, length) : null;
        }
    }
}
