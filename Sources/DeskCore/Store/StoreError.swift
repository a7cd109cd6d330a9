/// What went wrong with the store, in words an agent can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    /// The store was written by a newer cdesk: it has schema changes this one does not know.
    case newerStore(path: String)
    case notFound(what: String, id: String)
    /// Another agent changed the ticket since it was read.
    case conflict(ticketID: String, by: String, what: String)
    case invalid(String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason): "cannot create the store folder \(path): \(reason)"
        case let .cannotOpen(path, reason): "cannot open the store \(path): \(reason)"
        case let .newerStore(path):
            "the store \(path) was written by a newer cdesk (its schema has changes this one does not know); use that version"
        case let .notFound(what, id): "no \(what) \(id)"
        case let .conflict(ticketID, by, what): "ticket \(ticketID) was changed by \(by) meanwhile (\(what)); reloaded"
        case let .invalid(reason): reason
        }
    }
}
