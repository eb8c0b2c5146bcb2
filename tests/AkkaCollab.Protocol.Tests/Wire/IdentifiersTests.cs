using System.Text;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Protocol.Tests.Wire;

/// <summary>One identifier rule: document ids up to 128 characters, client ids up to 64, at every layer.</summary>
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData(1, Identifiers.MaxDocumentIdLength, true)]
    [InlineData(128, Identifiers.MaxDocumentIdLength, true)]
    [InlineData(129, Identifiers.MaxDocumentIdLength, false)]
    [InlineData(1, Identifiers.MaxClientIdLength, true)]
    [InlineData(64, Identifiers.MaxClientIdLength, true)]
    [InlineData(65, Identifiers.MaxClientIdLength, false)]
    [InlineData(0, Identifiers.MaxClientIdLength, false)]
    public void An_identifier_is_valid_up_to_its_limit_and_not_one_character_more(int length, int max, bool valid)
    {
        var id = new string('a', length);
        Assert.Equal(valid, Identifiers.IsValid(id, max));
        Assert.Equal(valid, Identifiers.Problem(id, "id", max) is null);
    }

    [Theory]
    [InlineData("", "client id: must be 1-64 characters of [A-Za-z0-9._-], got an empty id")]
    [InlineData("tab 1", "client id: character 3 (' ') is not one of [A-Za-z0-9._-]")]
    [InlineData("tab/1", "client id: character 3 ('/') is not one of [A-Za-z0-9._-]")]
    public void A_bad_identifier_is_explained(string id, string problem)
    {
        Assert.Equal(problem, Identifiers.Problem(id, "client id", Identifiers.MaxClientIdLength));
    }

    [Theory]
    [InlineData(128, 64, true)]
    [InlineData(129, 64, false)]
    [InlineData(128, 65, false)]
    public void The_wire_reader_applies_the_same_limits_to_doc_and_client(int docLength, int clientLength, bool accepted)
    {
        var json = $$$"""{"a":"op","doc":"{{{new string('d', docLength)}}}","client":"{{{new string('c', clientLength)}}}","seq":1,"rev":0,"delta":{"ops":[{"insert":"x"}]}}""";
        Assert.Equal(accepted, ClientMessageReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out _));
    }
}
