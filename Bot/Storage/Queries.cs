using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// LiteDB queries with their values as parameters. <c>Query.EQ(field, value)</c> writes the value into the
/// expression's text, so every distinct value compiles a new expression (about 2 ms of JIT each, measured) and stays
/// in LiteDB's expression cache for good; with a parameter the text is the same every time and compiles once.
/// </summary>
internal static class Queries
{
    public static BsonExpression Equal(string field, BsonValue value) => BsonExpression.Create($"$.{field} = @0", value);

    public static BsonExpression Below(string field, BsonValue value) => BsonExpression.Create($"$.{field} < @0", value);

    public static BsonExpression BelowAndNot(string field, BsonValue value, string flag) =>
        BsonExpression.Create($"$.{field} < @0 AND ($.{flag} = null OR $.{flag} = false)", value);
}
