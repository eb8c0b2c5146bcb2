namespace AkkaCollab.Node.Documents.Messages;

// Who may do what on a document: a person's entry on its access list, or its general access
// (anyone signed in with the link), whichever is higher.
public enum AccessLevel
{
    None = 0,
    Read = 1,
    Write = 2,

    // Write, plus sharing: may change the access list.
    Owner = 3,
}
