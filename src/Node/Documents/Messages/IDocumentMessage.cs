namespace AkkaCollab.Node.Documents.Messages;

// Marker for everything that is persisted or crosses the network; bound to the System.Text.Json
// serializer so that nothing falls back to the default (Newtonsoft) one.
public interface IDocumentMessage : IWithDocumentId;
