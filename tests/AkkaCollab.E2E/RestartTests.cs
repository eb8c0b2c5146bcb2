using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

public sealed class RestartTests : E2ETest
{
    [Fact]
    public async Task Clients_typing_through_a_server_restart_resume_without_losing_a_keystroke()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "first\nsecond");
        var bob = await OpenAsync("bob");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));

        const string annText = " ann keeps typing through the restart";
        const string bobText = " bob too, without a pause";
        var typing = Task.WhenAll(ann.TypeAtLineEndAsync(0, annText, delayMs: 60), bob.TypeAtLineEndAsync(1, bobText, delayMs: 60));
        await Task.Delay(600);
        Assert.False(typing.IsCompleted, "the typing finished before the restart began");
        await Server.RestartAsync();
        await typing;

        var text = await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(45));
        Assert.Equal($"first{annText}\nsecond{bobText}\n", text);
    }
}
