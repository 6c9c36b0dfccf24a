using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using SshTriage.Evidence;
using SshTriage.Json;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>What the left side of a match reads from the packet.</summary>
    internal enum NftField
    {
        Unsupported,
        SourceAddress,
        DestinationAddress,
        SourcePort,
        DestinationPort,
        Protocol,
        Family,
        InInterface,
        CtState,
        CtStatus,
        PacketType,
        FibDestinationType,
        TcpFlags,
    }
}
