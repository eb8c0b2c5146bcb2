using AkkaCollab.Protocol.Wire;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Protocol.Tests.Contract;

/// <summary>
/// The browser client imports protocol-contract.json; these tests keep it equal to the C#
/// definitions. Regenerate after changing them:
/// AKKACOLLAB_WRITE_CONTRACT=1 dotnet test tests/AkkaCollab.Protocol.Tests -c Release --filter FullyQualifiedName~ProtocolContract
/// </summary>
public sealed class ProtocolContractTests
{
    private const string WriteVariable = "AKKACOLLAB_WRITE_CONTRACT";

    [Fact]
    public void The_committed_contract_is_what_the_CSharp_definitions_produce()
    {
        var path = Path.Combine(RepositoryRoot.Find(), ProtocolContract.RelativePath);
        var expected = ProtocolContract.Build();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }
        var committed = File.Exists(path) ? File.ReadAllText(path) : "(missing)";
        Assert.True(committed == expected,
            $"{ProtocolContract.RelativePath} differs from the C# definitions in src/Protocol. Regenerate it with\n" +
            $"  {WriteVariable}=1 dotnet test tests/AkkaCollab.Protocol.Tests -c Release --filter FullyQualifiedName~ProtocolContract\n" +
            "and commit it (the browser client is built against it).");
    }

    [Fact]
    public void Every_close_code_constant_has_exactly_one_row_in_the_table()
    {
        var constants = ProtocolContract.Constants(typeof(CloseCodes))
            .Select(field => (Code: (int)field.GetRawConstantValue()!, field.Name));
        Assert.Equal(constants.Order(), CloseCodes.All.Select(info => (info.Code, info.Name)).Order());
    }

    [Fact]
    public void Every_error_code_has_exactly_one_row_in_the_table()
    {
        Assert.Equal(Enum.GetValues<ErrorCode>(), ErrorCodes.All.Select(info => info.Code));
    }

    [Theory]
    [InlineData(CloseCodes.ServiceRestart, true)]
    [InlineData(CloseCodes.SlowConsumer, true)]
    [InlineData(CloseCodes.IdleTimeout, true)]
    [InlineData(CloseCodes.InternalError, true)]
    [InlineData(CloseCodes.RateLimited, true)]
    [InlineData(CloseCodes.Normal, false)]
    [InlineData(CloseCodes.TooBig, false)]
    [InlineData(CloseCodes.ProtocolError, false)]
    [InlineData(CloseCodes.Unauthorized, false)]
    [InlineData(CloseCodes.Forbidden, false)]
    [InlineData(CloseCodes.VersionUnsupported, false)]
    public void A_client_reconnects_by_itself_only_after_transient_closes(int code, bool reconnect)
    {
        Assert.Equal(reconnect, CloseCodes.All.Single(info => info.Code == code).Reconnect);
    }

    [Fact]
    public void Only_rate_limited_and_unavailable_are_resent_unchanged()
    {
        Assert.Equal([ErrorCode.RateLimited, ErrorCode.Unavailable], ErrorCodes.All.Where(info => info.Retry).Select(info => info.Code));
    }
}
