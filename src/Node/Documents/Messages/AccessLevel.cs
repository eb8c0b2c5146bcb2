namespace AkkaCollab.Node.Documents.Messages;

// Who may do what on a document. An empty access list means the document is open to everyone.
public enum AccessLevel
{
    None = 0,
    Read = 1,
    Write = 2,

    // Write, plus sharing: may change the access list.
    Owner = 3,
}
