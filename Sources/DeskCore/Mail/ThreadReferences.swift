/// The References of a reply (RFC 5322 section 3.6.4): the parent's References, or when it
/// has none its single In-Reply-To id, then the parent's own Message-ID. Mail programs
/// thread by this chain, so a reply sits under the whole conversation even when a message
/// in the middle is missing from the reader's mailbox.
public enum ThreadReferences {
    /// At most this many ids: a long thread would otherwise grow the header without end.
    /// As RFC 5537 section 3.4.4 advises for trimming, the first id (the thread's root)
    /// stays, and the ids dropped are the oldest after it.
    public static let limit = 20

    public static func chain(parentID: String, parentReferences: [String], parentInReplyTo: [String]) -> [String] {
        var ids = parentReferences.isEmpty && parentInReplyTo.count == 1 ? parentInReplyTo : parentReferences
        ids.append(parentID)
        var seen: Set<String> = []
        return bounded(ids.filter { !$0.isEmpty && seen.insert($0).inserted })
    }

    /// `ids` with at most `limit` of them: the first and the newest.
    public static func bounded(_ ids: [String]) -> [String] {
        guard ids.count > limit else { return ids }
        return [ids[0]] + ids.suffix(limit - 1)
    }
}
