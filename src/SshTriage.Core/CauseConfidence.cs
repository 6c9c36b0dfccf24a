namespace SshTriage
{
    /// <summary>How sure a diagnosis is of a cause.</summary>
    public enum CauseConfidence
    {
        /// <summary>The evidence shows it: a line of the server's own output proves it.</summary>
        Confirmed,

        /// <summary>The evidence points to it, but does not prove it.</summary>
        Likely,

        /// <summary>It fits the symptom; the evidence that would confirm it is missing.</summary>
        Possible,

        /// <summary>Checked and ruled out.</summary>
        Cleared,
    }
}
