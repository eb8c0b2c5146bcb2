using System.Globalization;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// The title: any Unicode text of 1-200 characters (user-perceived characters, so that "👍🏽" or a
// combining accent counts once), separate from the id, which stays opaque. A rename is an event
// of this authority like an op, so it is ordered, durable and fanned out to every open tab.
// Anyone who may edit may rename; surrounding white space is dropped; control characters (line
// breaks, tabs, NUL) are refused rather than cleaned, so that what the user typed is what is kept.
public sealed partial record DocumentState
{
    public const int MaxTitleLength = 200;

    // Null: never named (the client shows "Untitled document").
    public string? Title { get; private init; }

    // The event that renames, or why not; (null, null): the title is already that.
    public (TitleChanged? Changed, RenameRefused? Refused) Process(Rename rename)
    {
        if (IsDeleted)
        {
            return (null, new RenameRefused(Id, ErrorCode.Deleted, DeletedReason));
        }
        if (!CanWrite(rename.Actor))
        {
            return (null, new RenameRefused(Id, ErrorCode.Forbidden, $"user {rename.Actor} may not edit {Id}"));
        }
        if (TitleProblem(rename.Title) is { } problem)
        {
            return (null, new RenameRefused(Id, ErrorCode.BadMessage, problem));
        }
        var title = rename.Title.Trim();
        return title == Title ? (null, null) : (new TitleChanged(Id, title, rename.Actor), null);
    }

    public DocumentState Apply(TitleChanged changed) => Edited(changed.UserId, changed.AtMs) with { Title = changed.Title };

    // Why a title cannot be kept (null: it can), in words a person can act on.
    public static string? TitleProblem(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "title: must not be empty";
        }
        if (trimmed.Any(char.IsControl))
        {
            return "title: must be one line, without control characters";
        }
        if (!IsWellFormed(trimmed))
        {
            return "title: is not valid Unicode text";
        }
        var length = new StringInfo(trimmed).LengthInTextElements;
        return length > MaxTitleLength ? $"title: at most {MaxTitleLength} characters, got {length}" : null;
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }
        return true;
    }
}
