using System;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Runs SSH.NET's blocking steps (key exchange and login, opening a channel) on a thread of
    /// their own, so that many servers at once never wait for the thread pool to grow.
    /// </summary>
    internal static class DedicatedThread
    {
        public static Task<T> Run<T>(Func<T> work) =>
            Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
