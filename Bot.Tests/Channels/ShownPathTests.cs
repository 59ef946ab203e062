using CommunityBot.Channels.Console;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels;

public sealed class ShownPathTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string Folder(params string[] parts) => Path.Combine([_root.Path, .. parts]);

    [Fact]
    public void AFileUnderTheCurrentFolderIsNamedFromIt()
    {
        var shown = ShownPath.Of(Folder("work", "data", "letters", "a.docx"), Folder("work", "data"), Folder("work"));

        Assert.Equal(new ShownPath(Path.Combine("data", "letters", "a.docx"), ShownPlace.CurrentFolder), shown);
    }

    [Fact]
    public void AFileInADataFolderElsewhereIsNamedFromTheDataFolder()
    {
        var shown = ShownPath.Of(Folder("home", "alice", "data", "letters", "a.docx"), Folder("home", "alice", "data"), Folder("opt"));

        Assert.Equal(new ShownPath(Path.Combine("letters", "a.docx"), ShownPlace.DataFolder), shown);
        Assert.DoesNotContain("alice", shown.Path);
    }

    [Fact]
    public void AFileOutsideBothFoldersIsNamedByItsFileNameAlone()
    {
        var shown = ShownPath.Of(Folder("home", "alice", "a.docx"), Folder("data"), Folder("opt"));

        Assert.Equal(new ShownPath("a.docx", ShownPlace.Elsewhere), shown);
    }

    [Fact]
    public void AFolderWhoseNameOnlyBeginsLikeTheCurrentOneIsNotUnderIt()
    {
        var shown = ShownPath.Of(Folder("work-old", "a.docx"), Folder("data"), Folder("work"));

        Assert.Equal(ShownPlace.Elsewhere, shown.Place);
    }
}
