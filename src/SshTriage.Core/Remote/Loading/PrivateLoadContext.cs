using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SshTriage.Remote.Loading
{
    /// <summary>
    /// An AssemblyLoadContext of the module's own, made through reflection because this assembly
    /// targets netstandard2.0. Every assembly in the folder that the .NET runtime does not supply
    /// at the same or a newer version is loaded into it up front, so references bind there first
    /// (an application's own copy, PowerShell's or another module's, is never used);
    /// anything else asked for is looked up in the folder too. The shared assembly (Core) is the
    /// one already loaded, so its types stay the same on both sides.
    /// </summary>
    internal sealed class PrivateLoadContext
    {
        private static readonly Type? ContextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);
        private readonly object context;
        private readonly MethodInfo loadFromPath;
        private readonly string folder;
        private readonly Assembly shared;

        public PrivateLoadContext(string name, string folder, Assembly shared)
        {
            this.folder = folder;
            this.shared = shared;
            context = Activator.CreateInstance(ContextType!, name, false)!;
            loadFromPath = ContextType!.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
            var resolving = ContextType.GetEvent("Resolving")!;
            var handler = typeof(PrivateLoadContext).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Instance)!;
            resolving.AddEventHandler(context, Delegate.CreateDelegate(resolving.EventHandlerType!, this, handler));
        }

        /// <summary>True on .NET (Core), where AssemblyLoadContext exists.</summary>
        public static bool IsSupported => ContextType != null;

        /// <summary>Loads the folder's private assemblies, then returns <paramref name="path"/>'s.</summary>
        public Assembly Load(string path)
        {
            var platform = PlatformAssemblies();
            var sharedName = shared.GetName().Name;
            foreach (var file in Directory.GetFiles(folder, "*.dll"))
            {
                var name = AssemblyName.GetAssemblyName(file);
                if (name.Name != sharedName && !string.Equals(path, file, StringComparison.Ordinal) && !SuppliedByPlatform(platform, name))
                {
                    LoadFile(file);
                }
            }

            return LoadFile(path);
        }

        // The assemblies the .NET runtime itself supplies (its folder's, not the application's):
        // file name without .dll, and path.
        private static Dictionary<string, string> PlatformAssemblies()
        {
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
            return list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Where(file => file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && string.Equals(Path.GetDirectoryName(file), runtime, StringComparison.OrdinalIgnoreCase))
                .GroupBy(file => Path.GetFileNameWithoutExtension(file), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
        }

        // The platform's copy serves when it is at least as new as the folder's.
        private static bool SuppliedByPlatform(Dictionary<string, string> platform, AssemblyName name) =>
            platform.TryGetValue(name.Name ?? string.Empty, out var file) && AssemblyName.GetAssemblyName(file).Version >= name.Version;

        private Assembly LoadFile(string file) => (Assembly)loadFromPath.Invoke(context, new object[] { file })!;

        // Called for what neither this context nor the platform has: the shared assembly, or a file of the folder.
        private Assembly? Resolve(object _, AssemblyName name)
        {
            if (name.Name == shared.GetName().Name)
            {
                return shared;
            }

            var file = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(file) ? LoadFile(file) : null;
        }
    }
}
