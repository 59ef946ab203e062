namespace CommunityBot.Storage;

/// <summary>A caller of <see cref="Database.ChangeDurablyAsync{T}"/> waiting for its change to reach the device.</summary>
internal sealed record DiskWaiter(Action Done, Action<Exception> Failed);
