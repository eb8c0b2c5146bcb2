namespace AkkaCollab.Web.Gateway.Connections;

/// Where one socket is in its life; the shell runs one named behaviour per phase.
public enum ConnectionPhase
{
    AwaitingHello,
    Authenticating,
    Open,
    Closing,
    Stopped,
}

/// How far a close got: the queued frames drain, the close frame goes out, then the client's
/// close frame (the reader's end) is awaited. The close deadline cuts any step short.
public enum CloseStep
{
    Flushing,
    SendingClose,
    AwaitingClientClose,
}
