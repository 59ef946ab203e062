namespace CommunityBot.Storage;

/// <summary>A caller of <see cref="Database.RunDurablyAsync{T}"/> or <see cref="Database.ChangeDurablyAsync{T}"/> waiting for its work to reach the device.</summary>
internal sealed record DiskWaiter(Action Done, Action<Exception> Failed);
