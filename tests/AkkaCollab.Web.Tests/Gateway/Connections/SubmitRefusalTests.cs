using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// Submits the connection refuses itself: they never reach the authority and leave nothing pending.
public sealed class SubmitRefusalTests
{
    [Fact]
    public void A_viewer_submit_is_refused_without_reaching_the_authority()
    {
        var h = ConnectionHarness.Subscribed(level: AccessLevel.Read);

        var effects = h.Submit();

        Assert.Equal(ErrorCode.Forbidden, Assert.Single(effects.Errors()).Code);
        Assert.Empty(effects.Submits());
    }

    [Fact]
    public void A_submit_is_allowed_by_the_links_general_access_without_an_access_entry()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        h.Access("d", AccessLevel.Write, open: true);

        Assert.Single(h.Submit().Submits());
    }

    [Fact]
    public void A_submit_is_refused_when_the_links_general_access_only_lets_its_user_view()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        h.Access("d", AccessLevel.Read, open: true);

        var effects = h.Submit();
        Assert.Empty(effects.Submits());
        Assert.Equal(ErrorCode.Forbidden, Assert.Single(effects.Errors()).Code);
    }

    [Fact]
    public void A_submit_of_a_bad_shape_is_refused_at_the_boundary()
    {
        var h = ConnectionHarness.Subscribed();

        var effects = h.Submit(text: new string('x', 17));

        Assert.Equal(ErrorCode.TooLarge, Assert.Single(effects.Errors()).Code);
        Assert.Empty(effects.Submits());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void A_submit_without_a_subscription_is_not_subscribed()
    {
        var h = ConnectionHarness.Opened();

        var effects = h.Submit();

        var error = Assert.Single(effects.Errors());
        Assert.Equal((ErrorCode.NotSubscribed, (long?)1), (error.Code, error.Seq));
        Assert.Empty(effects.Submits());
    }
}
