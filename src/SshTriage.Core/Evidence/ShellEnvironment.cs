namespace SshTriage.Evidence
{
    /// <summary>
    /// The lines that start every script SshTriage runs on a server: the shell options the
    /// caller may have set (sh -e, -u, -x, bash -o pipefail) switched off, so that a failing
    /// command is a fact and not the end of the script; the C locale; and a PATH of the standard
    /// directories followed by the caller's absolute ones. An empty or relative entry (PATH=
    /// leaves one) would run programs from the current directory, as root.
    /// </summary>
    public static class ShellEnvironment
    {
        /// <summary>POSIX sh lines that set LC_ALL, LANG and PATH and export them.</summary>
        public const string Prologue = @"set +e +u +f +v +x
if (set +o pipefail) 2>/dev/null; then set +o pipefail; fi
LC_ALL=C
LANG=C
sst_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
sst_rest=${PATH-}
while [ -n ""$sst_rest"" ]; do
    sst_entry=${sst_rest%%:*}
    case $sst_rest in *:*) sst_rest=${sst_rest#*:} ;; *) sst_rest= ;; esac
    case $sst_entry in /*) sst_path=$sst_path:$sst_entry ;; esac
done
PATH=$sst_path
export LC_ALL LANG PATH
";
    }
}
