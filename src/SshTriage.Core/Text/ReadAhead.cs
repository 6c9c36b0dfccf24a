using System;
using System.Threading;

namespace SshTriage.Text
{
    /// <summary>
    /// The buffer under a line reader: characters or bytes read ahead from a source, a read at a
    /// time; what is left moves to the front before the next read. Cancellation is checked
    /// before each read.
    /// </summary>
    internal sealed class ReadAhead<T>
    {
        private const int Size = 1 << 16;

        private readonly Func<T[], int, int, int> read;
        private readonly Func<T, char> character;
        private readonly CancellationToken cancellationToken;

        /// <summary>Reads with <paramref name="read"/> (buffer, offset, count; 0 at the end); <paramref name="character"/> reads an item as a character.</summary>
        public ReadAhead(Func<T[], int, int, int> read, Func<T, char> character, CancellationToken cancellationToken)
        {
            this.read = read;
            this.character = character;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>The items read ahead: those from <see cref="Position"/> to <see cref="Count"/> are not consumed yet.</summary>
        public T[] Buffer { get; } = new T[Size];

        /// <summary>Where the next item to consume is.</summary>
        public int Position { get; set; }

        /// <summary>How many items the buffer holds.</summary>
        public int Count { get; private set; }

        /// <summary>True once the source has ended.</summary>
        public bool Exhausted { get; private set; }

        /// <summary>True when at least one item is buffered; reads until <paramref name="needed"/> items are, or the source ends.</summary>
        public bool Available(int needed)
        {
            while (Count - Position < needed && ReadMore())
            {
            }

            return Count > Position;
        }

        /// <summary>True when the items at <see cref="Position"/> are <paramref name="prefix"/>'s characters (as many as are buffered).</summary>
        public bool StartsWith(string prefix)
        {
            if (Count - Position < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (character(Buffer[Position + i]) != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Moves what is left to the front and reads more; false when the source has ended.</summary>
        public bool ReadMore()
        {
            if (Exhausted)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Position > 0)
            {
                Array.Copy(Buffer, Position, Buffer, 0, Count - Position);
                Count -= Position;
                Position = 0;
            }

            var got = read(Buffer, Count, Buffer.Length - Count);
            if (got == 0)
            {
                Exhausted = true;
                return false;
            }

            Count += got;
            return true;
        }
    }
}
