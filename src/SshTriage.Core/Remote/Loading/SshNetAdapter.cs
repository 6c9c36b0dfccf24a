using System;
using System.IO;
using System.Reflection;
using System.Threading;
using SshTriage.Login;

namespace SshTriage.Remote.Loading
{
    /// <summary>
    /// Loads the SSH.NET transport from the SshNet folder beside this assembly, privately: on
    /// .NET (PowerShell 7) into an AssemblyLoadContext of its own, on .NET Framework (Windows
    /// PowerShell 5.1) through an AssemblyResolve handler that answers only its own assemblies.
    /// Another module's SSH.NET, of any version, never meets this one. Core and the output types
    /// stay shared; the transport is reached only through <see cref="IRemoteShell"/>.
    /// </summary>
    public static class SshNetAdapter
    {
        /// <summary>The folder beside SshTriage.Core.dll that holds the adapter and its dependencies.</summary>
        public const string FolderName = "SshNet";

        /// <summary>The adapter assembly's name.</summary>
        public const string AssemblyName = "SshTriage.SshNet";

        /// <summary>The adapter's shell type.</summary>
        public const string ShellTypeName = "SshTriage.SshNet.SshNetShell";

        /// <summary>The adapter's login client type (Test-SshLogin).</summary>
        public const string LoginClientTypeName = "SshTriage.SshNet.SshNetLoginClient";

        private static readonly Lazy<Assembly> Adapter = new Lazy<Assembly>(LoadAssembly, LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly Lazy<IRemoteShell> Shell = new Lazy<IRemoteShell>(() => Create<IRemoteShell>(ShellTypeName), LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly Lazy<ISshLoginClient> LoginClient = new Lazy<ISshLoginClient>(() => Create<ISshLoginClient>(LoginClientTypeName), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The folder the adapter is loaded from.</summary>
        public static string Folder => Path.Combine(Path.GetDirectoryName(typeof(SshNetAdapter).Assembly.Location) ?? string.Empty, FolderName);

        /// <summary>The SSH.NET shell, loaded on first use; throws <see cref="SshNetUnavailableException"/> when it cannot be.</summary>
        public static IRemoteShell Load() => Shell.Value;

        /// <summary>The SSH.NET login client, loaded on first use; throws <see cref="SshNetUnavailableException"/> when it cannot be.</summary>
        public static ISshLoginClient LoadLoginClient() => LoginClient.Value;

        private static T Create<T>(string typeName)
        {
            try
            {
                var type = Adapter.Value.GetType(typeName, throwOnError: true)!;
                return (T)Activator.CreateInstance(type)!;
            }
            catch (Exception failure) when (IsLoadFailure(failure))
            {
                throw new SshNetUnavailableException($"The SSH.NET transport in {Folder} could not be loaded: {failure.Message}", failure);
            }
        }

        private static Assembly LoadAssembly()
        {
            var path = Path.Combine(Folder, AssemblyName + ".dll");
            if (!File.Exists(path))
            {
                throw new SshNetUnavailableException($"The SSH.NET transport is not installed: {path} is missing.");
            }

            try
            {
                var shared = typeof(IRemoteShell).Assembly;
                return PrivateLoadContext.IsSupported
                    ? new PrivateLoadContext(AssemblyName, Folder, shared).Load(path)
                    : new PrivateAssemblyResolver(Folder, shared).Load(path);
            }
            catch (Exception failure) when (IsLoadFailure(failure))
            {
                throw new SshNetUnavailableException($"The SSH.NET transport in {Folder} could not be loaded: {failure.Message}", failure);
            }
        }

        private static bool IsLoadFailure(Exception failure) =>
            failure is IOException || failure is BadImageFormatException || failure is TypeLoadException || failure is TargetInvocationException || failure is InvalidCastException || failure is MissingMethodException;
    }
}
