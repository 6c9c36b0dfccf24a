using System;
using System.Text;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>Reads the SSH wire encoding (RFC 4251): big-endian integers and length-prefixed strings.</summary>
    internal sealed class SshWireReader
    {
        private readonly byte[] data;

        public SshWireReader(byte[] data) => this.data = data;

        /// <summary>The offset of the next field.</summary>
        public int Position { get; private set; }

        public bool AtEnd => Position >= data.Length;

        public uint ReadUInt32()
        {
            Need(4);
            var value = ((uint)data[Position] << 24) | ((uint)data[Position + 1] << 16) | ((uint)data[Position + 2] << 8) | data[Position + 3];
            Position += 4;
            return value;
        }

        public ulong ReadUInt64() => ((ulong)ReadUInt32() << 32) | ReadUInt32();

        public byte[] ReadBytes()
        {
            var length = ReadUInt32();
            if (length > int.MaxValue)
            {
                throw new FormatException("An SSH string is longer than the data.");
            }

            Need((int)length);
            var value = new byte[length];
            Buffer.BlockCopy(data, Position, value, 0, (int)length);
            Position += (int)length;
            return value;
        }

        public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

        /// <summary>Bytes [<paramref name="start"/>, <see cref="Position"/>) as they were read.</summary>
        public byte[] Slice(int start)
        {
            var value = new byte[Position - start];
            Buffer.BlockCopy(data, start, value, 0, value.Length);
            return value;
        }

        /// <summary>Builds one length-prefixed SSH string.</summary>
        public static byte[] EncodeString(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var value = new byte[4 + bytes.Length];
            value[0] = (byte)(bytes.Length >> 24);
            value[1] = (byte)(bytes.Length >> 16);
            value[2] = (byte)(bytes.Length >> 8);
            value[3] = (byte)bytes.Length;
            Buffer.BlockCopy(bytes, 0, value, 4, bytes.Length);
            return value;
        }

        private void Need(int count)
        {
            if (count < 0 || Position + count > data.Length)
            {
                throw new FormatException("The SSH data ends in the middle of a field.");
            }
        }
    }
}
