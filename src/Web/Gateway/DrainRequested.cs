namespace AkkaCollab.Web.Gateway;

/// Published on the event stream when the node drains: every connection closes with 1012.
public sealed record DrainRequested
{
    public static readonly DrainRequested Instance = new();
}
