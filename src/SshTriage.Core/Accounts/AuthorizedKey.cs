namespace SshTriage.Accounts
{
    /// <summary>A key an authorized_keys file lets in, by fingerprint only: its material never leaves the server.</summary>
    /// <param name="Fingerprint">ssh-keygen -l's SHA256 fingerprint, e.g. SHA256:X/f7...</param>
    /// <param name="Type">The key type ssh-keygen names, e.g. ED25519, RSA.</param>
    /// <param name="Bits">The key's size.</param>
    /// <param name="Comment">The key's comment, often user@host.</param>
    public sealed record AuthorizedKey(string Fingerprint, string Type, int Bits, string Comment);
}
