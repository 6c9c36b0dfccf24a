namespace SshTriage.Text
{
    /// <summary>A string, read as <see cref="IText"/>.</summary>
    internal readonly struct StringText : IText
    {
        private readonly string text;

        public StringText(string text) => this.text = text;

        public int Length => text.Length;

        public char this[int index] => text[index];

        public int IndexOf(char value, int start, int count) => text.IndexOf(value, start, count);

        public string Substring(int start, int length) => text.Substring(start, length);
    }
}
