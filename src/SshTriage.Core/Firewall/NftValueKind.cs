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
    /// <summary>How the elements of a right side, set or map key are read.</summary>
    internal enum NftValueKind
    {
        Name,
        Address,
        Number,
        Protocol,
        Family,
        Interface,
    }
}
