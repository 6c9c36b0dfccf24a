using System;

namespace SshTriage.Net
{
    /// <summary>
    /// An address as a 128-bit unsigned number, right-aligned (an IPv4 address is the low 32
    /// bits). netstandard2.0 has no UInt128; two ulongs make a prefix test two comparisons and
    /// let a prefix be held without an array, which matters for 100,000 rules and set elements.
    /// </summary>
    internal readonly struct AddressValue : IComparable<AddressValue>, IEquatable<AddressValue>
    {
        private readonly ulong high;
        private readonly ulong low;

        public AddressValue(ulong high, ulong low)
        {
            this.high = high;
            this.low = low;
        }

        public ulong High => high;

        public ulong Low => low;

        /// <summary>Reads 4 or 16 address bytes, most significant first.</summary>
        public static AddressValue From(byte[] bytes)
        {
            ulong h = 0, l = 0;
            var skip = 16 - bytes.Length;
            for (var i = 0; i < bytes.Length; i++)
            {
                var at = skip + i;
                if (at < 8)
                {
                    h = (h << 8) | bytes[i];
                }
                else
                {
                    l = (l << 8) | bytes[i];
                }
            }

            return new AddressValue(h, l);
        }

        /// <summary>The last <paramref name="count"/> bytes (4 or 16), most significant first.</summary>
        public byte[] ToBytes(int count)
        {
            var bytes = new byte[count];
            for (var i = 0; i < count; i++)
            {
                var at = 16 - count + i;
                bytes[i] = (byte)(at < 8 ? high >> (8 * (7 - at)) : low >> (8 * (15 - at)));
            }

            return bytes;
        }

        /// <summary>Clears all but the first <paramref name="length"/> of an address's <paramref name="bits"/> bits.</summary>
        public AddressValue KeepLeading(int bits, int length)
        {
            var clear = bits - length;
            ulong h = high, l = low;
            if (clear >= 64)
            {
                l = 0;
                h = clear >= 128 ? 0 : h & (ulong.MaxValue << (clear - 64));
            }
            else if (clear > 0)
            {
                l &= ulong.MaxValue << clear;
            }

            return new AddressValue(h, l);
        }

        public int CompareTo(AddressValue other) => high != other.high ? high.CompareTo(other.high) : low.CompareTo(other.low);

        public bool Equals(AddressValue other) => high == other.high && low == other.low;

        public override bool Equals(object? obj) => obj is AddressValue other && Equals(other);

        public override int GetHashCode() => (high ^ (low * 0x9E3779B97F4A7C15UL)).GetHashCode();
    }
}
