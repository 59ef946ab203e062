using System.Text.Json.Nodes;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>Answers to getUpdates that Telegram does not give today but a poller must survive.</summary>
internal sealed partial class FakeTelegramServer
{
    private bool updateIdLast;
    private bool spoilNextPoll;

    /// <summary>Updates enqueued from now on are written with <c>update_id</c> as their last field instead of their first.</summary>
    public void WriteUpdateIdLast()
    {
        lock (gate)
        {
            updateIdLast = true;
        }
    }

    /// <summary>The next getUpdates that has updates to give answers 200 with JSON cut off halfway through them; the
    /// updates count as handed out, and come again with the next poll unless its offset confirmed them.</summary>
    public void SpoilNextPoll()
    {
        lock (gate)
        {
            spoilNextPoll = true;
        }
    }

    /// <summary>The update's JSON as it goes out; called under the gate.</summary>
    private byte[] Written(byte[] json)
    {
        if (!updateIdLast || JsonNode.Parse(json) is not JsonObject update || update["update_id"] is not { } id)
        {
            return json;
        }
        update.Remove("update_id");
        update["update_id"] = id;
        return System.Text.Encoding.UTF8.GetBytes(update.ToJsonString());
    }

    /// <summary>The answer's list of updates, spoiled once when a test asked for it; called under the gate.</summary>
    private byte[] Answered(byte[] updates)
    {
        if (!spoilNextPoll || updates.Length <= 2)
        {
            return updates;
        }
        spoilNextPoll = false;
        return updates[..(updates.Length / 2)];
    }
}
