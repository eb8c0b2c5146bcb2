namespace AkkaCollab.Web.Security;

/// Decided once at start-up: whether the development sign-in (and plain-name tokens) is on.
public sealed record SecurityMode(bool DevelopmentSignIn);
