using System;
using System.Text;

namespace SshTriage.Text
{
    /// <summary>UTF-8 bytes, read in place as <see cref="IText"/>.</summary>
    internal readonly struct Utf8Text : IText
    {
        public Utf8Text(byte[] bytes) => Bytes = bytes;

        /// <summary>No text.</summary>
        public static Utf8Text Empty { get; } = new Utf8Text(Array.Empty<byte>());

        /// <summary>The bytes read.</summary>
        public byte[] Bytes { get; }

        public int Length => Bytes.Length;

        public char this[int index] => (char)Bytes[index];

        /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
        public static Utf8Text From(string text) => new Utf8Text(Encoding.UTF8.GetBytes(text));

        public int IndexOf(char value, int start, int count) => value < 0x80 ? Array.IndexOf(Bytes, (byte)value, start, count) : -1;

        public string Substring(int start, int length) => Encoding.UTF8.GetString(Bytes, start, length);
    }
}
