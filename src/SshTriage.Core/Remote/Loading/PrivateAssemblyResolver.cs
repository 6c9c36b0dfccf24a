using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace SshTriage.Remote.Loading
{
    /// <summary>
    /// Private loading where there is no AssemblyLoadContext (.NET Framework, Windows PowerShell
    /// 5.1): the folder's assemblies are loaded with LoadFile (outside the load contexts another
    /// module's copy lives in), and an AssemblyResolve handler answers the references of those
    /// assemblies only, from the folder, or with the shared assembly (Core).
    /// </summary>
    internal sealed class PrivateAssemblyResolver
    {
        private readonly string folder;
        private readonly Assembly shared;
        private readonly ConcurrentDictionary<string, Assembly> loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        public PrivateAssemblyResolver(string folder, Assembly shared)
        {
            this.folder = folder;
            this.shared = shared;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <summary>Loads <paramref name="path"/> privately.</summary>
        public Assembly Load(string path) =>
            loaded.GetOrAdd(Path.GetFileNameWithoutExtension(path), _ => Assembly.LoadFile(path));

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            // Another module's failed binding is not ours to answer, even for the same name.
            if (args.RequestingAssembly == null || !loaded.Values.Contains(args.RequestingAssembly))
            {
                return null;
            }

            var name = new AssemblyName(args.Name).Name ?? string.Empty;
            if (name == shared.GetName().Name)
            {
                return shared;
            }

            var file = Path.Combine(folder, name + ".dll");
            return File.Exists(file) ? Load(file) : null;
        }
    }
}
