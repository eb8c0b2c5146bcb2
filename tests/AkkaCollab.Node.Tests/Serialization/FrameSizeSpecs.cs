using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Validation;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Serialization;

// The remoting frame (RemotingFrame) fits the largest op the validator permits, serialized as the
// messages that carry it between nodes: the Submit to the authority and the OpApplied to feeds.
public sealed class FrameSizeSpecs(SqliteJournalFixture journal) : DocumentSpecBase<SqliteJournalFixture>(journal)
{
    private static readonly DocumentId Id = DocumentId.Parse("frame-doc");
    private static readonly DeltaValidationOptions OpLimits = DeltaValidationOptions.Default;

    public static TheoryData<string> WorstCharacters => ["€", "\u0001", "😀", "\"", "<"];

    [Theory]
    [MemberData(nameof(WorstCharacters))]
    public void An_op_of_the_most_characters_fits_the_frame_whatever_they_escape_to(string character)
    {
        var text = string.Concat(Enumerable.Repeat(character, OpLimits.MaxInsertLength / character.Length));

        AssertFits(Delta.Empty.Insert(text));
    }

    [Fact]
    public void An_op_of_the_most_ops_each_formatted_fits_the_frame()
    {
        var builder = Delta.Empty;
        var perOp = OpLimits.MaxInsertLength / OpLimits.MaxOps;
        for (var i = 0; i < OpLimits.MaxOps; i++)
        {
            // Alternating formats keep neighbours from merging into one op.
            var format = i % 2 == 0 ? AttributeMap.From(("bold", true), ("color", "#aabbcc")) : AttributeMap.From(("italic", true), ("link", "https://example.com/a/b"));
            builder = builder.Insert(new string('€', perOp), format);
        }

        AssertFits(builder);
    }

    private void AssertFits(Delta delta)
    {
        Assert.True(DeltaValidator.Default.ValidateChange(delta, 0).IsValid);
        var serialization = Host.System.Serialization;
        var frame = RemotingFrame.MaxFrameSize(OpLimits);
        foreach (var message in new object[] { new Submit(Id, new string('c', 64), long.MaxValue, long.MaxValue, delta, new string('u', 256)), new OpApplied(Id, long.MaxValue, new string('c', 64), long.MaxValue, new string('u', 256), delta) })
        {
            var bytes = serialization.FindSerializerFor(message).ToBinary(message).Length;
            Assert.True(bytes < frame, $"{message.GetType().Name}: {bytes} bytes, frame {frame}");
        }
    }
}
