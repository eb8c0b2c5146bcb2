using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Tests.Support;

/// <summary>Short names for the case-matrix tests: <c>New.Insert("a", Attrs(("bold", true)))</c>.</summary>
public static class Build
{
    public static Delta New => Delta.Empty;

    public static AttributeMap Attrs(params (string Key, object? Value)[] pairs) => AttributeMap.From(pairs);

    public static Embed Image(string url = "https://example.com/a.png") => Embed.Create("image", url);
}
