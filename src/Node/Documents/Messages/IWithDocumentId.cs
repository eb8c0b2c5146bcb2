namespace AkkaCollab.Node.Documents.Messages;

// Every document message names its document: the sharding extractor routes on it.
public interface IWithDocumentId
{
    DocumentId DocumentId { get; }
}

// Marker for everything that is persisted or crosses the network; bound to the System.Text.Json
// serializer so that nothing falls back to the default (Newtonsoft) one.
public interface IDocumentMessage : IWithDocumentId;

// Who may do what on a document. An empty access list means the document is open to everyone.
public enum AccessLevel
{
    None = 0,
    Read = 1,
    Write = 2,

    // Write, plus sharing: may change the access list.
    Owner = 3,
}
