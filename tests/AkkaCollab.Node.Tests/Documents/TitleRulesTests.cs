using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

/// What a document may be named and by whom, decided by DocumentState.Process (pure: no actors).
public sealed class TitleRulesTests
{
    private static readonly DocumentId Id = DocumentId.Parse("title-doc");

    private static DocumentState Fresh() => DocumentState.Empty(Id, new DocumentLimits());

    private static DocumentState Renamed(DocumentState state, string actor, string title)
    {
        var (changed, refused) = state.Process(new Rename(Id, actor, title));
        Assert.Null(refused);
        Assert.NotNull(changed);
        return state.Apply(changed);
    }

    [Fact]
    public void A_new_document_has_no_title_until_someone_names_it()
    {
        Assert.Null(Fresh().Title);
        Assert.Equal("Team plan", Renamed(Fresh(), "ann", "Team plan").Title);
    }

    [Theory]
    [InlineData("日本語の文書")]
    [InlineData("Ünïcödé — naïve café")]
    [InlineData("שלום עולם")]
    [InlineData("📝 notes")]
    public void Any_unicode_title_is_kept_exactly_as_typed(string title)
    {
        // Before, a title became an ASCII id slug and "日本語の文書" was lost as "doc-zrc4ie".
        Assert.Equal(title, Renamed(Fresh(), "ann", title).Title);
    }

    [Fact]
    public void Surrounding_white_space_is_dropped_and_the_rename_records_who_made_it()
    {
        var (changed, _) = Fresh().Process(new Rename(Id, "ann", "  Plan  "));
        Assert.Equal(new TitleChanged(Id, "Plan", "ann"), changed);
    }

    [Fact]
    public void Two_hundred_characters_are_counted_as_a_reader_counts_them_not_as_code_units()
    {
        // "👍🏽" is 4 UTF-16 code units and one character.
        var longest = string.Concat(Enumerable.Repeat("👍🏽", DocumentState.MaxTitleLength));
        Assert.Equal(longest, Renamed(Fresh(), "ann", longest).Title);

        var (changed, refused) = Fresh().Process(new Rename(Id, "ann", longest + "a"));
        Assert.Null(changed);
        Assert.Equal(ErrorCode.BadMessage, refused!.Code);
        Assert.Equal("title: at most 200 characters, got 201", refused.Reason);
    }

    [Theory]
    [InlineData("", "title: must not be empty")]
    [InlineData("   ", "title: must not be empty")]
    [InlineData("two\nlines", "title: must be one line, without control characters")]
    [InlineData("tab\there", "title: must be one line, without control characters")]
    [InlineData("nul\0", "title: must be one line, without control characters")]
    public void A_title_that_cannot_be_kept_is_refused_with_the_reason_and_the_old_title_stays(string title, string reason)
    {
        var state = Renamed(Fresh(), "ann", "Kept");

        var (changed, refused) = state.Process(new Rename(Id, "ann", title));

        Assert.Null(changed);
        Assert.Equal(ErrorCode.BadMessage, refused!.Code);
        Assert.Equal(reason, refused.Reason);
        Assert.Equal("Kept", state.Title);
    }

    [Fact]
    public void A_title_with_half_of_a_surrogate_pair_is_refused()
    {
        // Built here: xUnit would turn a lone surrogate in InlineData into U+FFFD.
        var broken = "lone " + (char)0xD800 + " surrogate";
        Assert.Equal("title: is not valid Unicode text", Fresh().Process(new Rename(Id, "ann", broken)).Refused!.Reason);
    }

    [Fact]
    public void Only_people_who_may_edit_may_rename()
    {
        var state = Fresh()
            .Apply(new AccessChanged(Id, "ann", AccessLevel.Owner))
            .Apply(new AccessChanged(Id, "vic", AccessLevel.Read))
            .Apply(new AccessChanged(Id, "ed", AccessLevel.Write))
            .Apply(new GeneralAccessChanged(Id, AccessLevel.None));

        var (changed, refused) = state.Process(new Rename(Id, "vic", "Mine now"));
        Assert.Null(changed);
        Assert.Equal(ErrorCode.Forbidden, refused!.Code);
        Assert.Equal(ErrorCode.Forbidden, state.Process(new Rename(Id, "stranger", "Mine now")).Refused!.Code);

        Assert.Equal("Edited", Renamed(state, "ed", "Edited").Title);
    }

    [Fact]
    public void Renaming_to_the_same_title_changes_nothing_and_persists_nothing()
    {
        var state = Renamed(Fresh(), "ann", "Plan");
        Assert.Equal((null, null), state.Process(new Rename(Id, "bob", " Plan ")));
    }

    [Fact]
    public void The_title_survives_a_snapshot()
    {
        var state = Renamed(Fresh(), "ann", "日本語の文書");
        Assert.Equal("日本語の文書", DocumentState.FromSnapshot(state.ToSnapshot(), new DocumentLimits()).Title);
    }
}
