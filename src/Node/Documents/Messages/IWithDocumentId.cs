namespace AkkaCollab.Node.Documents.Messages;

// Every document message names its document: the sharding extractor routes on it.
public interface IWithDocumentId
{
    DocumentId DocumentId { get; }
}
