using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Node.Tests.Documents;

// The authority checks ids with the wire's rule (Protocol's Identifiers): what the gateway lets
// through, the authority takes, and nothing longer.
public sealed class IdentifierRuleTests
{
    [Fact]
    public void A_document_id_of_128_characters_parses_and_one_of_129_is_refused()
    {
        Assert.True(DocumentId.TryParse(new string('d', 128), out _, out _));
        Assert.False(DocumentId.TryParse(new string('d', 129), out _, out var error));
        Assert.Equal("document id: must be at most 128 characters, got 129", error);
        Assert.Equal(Identifiers.MaxDocumentIdLength, DocumentId.MaxLength);
    }

    [Fact]
    public void A_submit_from_a_64_character_client_id_applies_and_one_of_65_is_refused()
    {
        var id = DocumentId.Parse("ids");
        var state = DocumentState.Empty(id, new DocumentLimits());
        var longest = new Submit(id, new string('c', Identifiers.MaxClientIdLength), 1, 0, Delta.Empty.Insert("a"), "u");
        Assert.IsType<SubmitDecision.Applied>(state.Process(longest));

        var tooLong = new Submit(id, new string('c', Identifiers.MaxClientIdLength + 1), 1, 0, Delta.Empty.Insert("a"), "u");
        var rejected = Assert.IsType<SubmitDecision.Rejected>(state.Process(tooLong));
        Assert.Equal(ErrorCode.BadOp, rejected.Rejection.Code);
        Assert.Equal("clientId: must be at most 64 characters, got 65", rejected.Rejection.Reason);
    }
}
