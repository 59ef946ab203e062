using System.Text;
using Serilog.Sinks.File;

namespace CommunityBot.Privacy;

/// <summary>Makes each log file the terminal verbs write owner-only as soon as it is opened, before a line is
/// written to it (the file sink creates files with the process's default mode, usually 0644).</summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    // By path: the sink hands over its own wrapper, not the file stream. The folder is the owner's alone (0700), so
    // nobody else can swap the file under the name in between.
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        OwnerOnlyFiles.Tighten(path);
        return underlyingStream;
    }
}
