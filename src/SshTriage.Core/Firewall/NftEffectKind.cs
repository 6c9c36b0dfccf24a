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
    internal enum NftEffectKind
    {
        Continue,
        Accept,
        Drop,
        Reject,
        Jump,
        Goto,
        Return,
        Map,
        Unsupported,
    }
}
