using System;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Connects an SSH.NET client (key exchange and login) within a time limit. SSH.NET's connect
    /// blocks its thread, so it runs on a dedicated one and the wait here does not.
    /// </summary>
    internal static class BoundedConnect
    {
        /// <summary>Null once connected; otherwise why not (a TimeoutException past <paramref name="limit"/>), and the client is disposed.</summary>
        public static async Task<Exception?> RunAsync(SshClient client, TimeSpan limit, CancellationToken cancellationToken)
        {
            var connecting = DedicatedThread.Run(() =>
            {
                client.Connect();
                return client;
            });
            Exception failure;
            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var finished = await Task.WhenAny(connecting, Task.Delay(limit, timer.Token)).ConfigureAwait(false);
                timer.Cancel();
                if (finished == connecting && connecting.Status == TaskStatus.RanToCompletion)
                {
                    return null;
                }

                failure = finished == connecting ? connecting.Exception!.GetBaseException() : new TimeoutException();
            }

            // Ends a connect still under way; its own failure then is of no interest.
            client.Dispose();
            _ = connecting.ContinueWith(ended => ended.Exception, TaskScheduler.Default);
            return failure;
        }
    }
}
