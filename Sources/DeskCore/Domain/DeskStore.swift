import Foundation

/// The store's whole contract, in the desk's terms: what the console and the commands may
/// ask of a store, and nothing of how it keeps things. `Store` (one SQLite file, in
/// `Store/`) is one; a team store on a server is to be another. Every method behaves as its
/// `Store` documentation says, and `Tests/DeskCoreTests/StoreContract` checks each through
/// this protocol alone, for any implementation it is given.
///
/// Every change carries the ticket's version as the agent saw it: a change made by someone
/// else meanwhile refuses it with `StoreError.conflict`, and each change is one transaction
/// with one audit event.
public protocol DeskStore: QueueReading, TicketChanging, CaseExchange, TeamDesk, MailDesk, AnyObject, Sendable {
    /// A short name for the status line: the store's file name, a server's name.
    var displayName: String { get }
    /// Whether this handle may only read (the user may not write the store): every change
    /// fails with `StoreError.readOnly`.
    var isReadOnly: Bool { get }
    /// Whether `path` is the store itself or a file of it, so that an export never writes
    /// over it.
    func isStore(_ path: String) -> Bool
    /// Another handle on the same store for work in the background: interrupting it stops
    /// only that work.
    func independentReader() throws -> any DeskStore
    /// Stops whatever this handle is reading or writing at its earliest opportunity; the
    /// operation fails with an error `isInterruption` recognises.
    func interrupt()
    func isInterruption(_ error: any Error) -> Bool
    /// A number that grows with every change anyone makes (an agent, an import): the
    /// console compares it to notice others' changes.
    func changeStamp() throws -> Int64
    /// Recomputes the open complaints' deadlines when the SLA targets changed since the store
    /// last saw them; how many moved, nil when they had not changed.
    @discardableResult
    func applySLA(_ sla: SLAPolicy, agent: String, at: Date) throws -> Int?
}

/// The queue and the ticket screen: pages of a view, counts, one complaint in full.
public protocol QueueReading {
    /// Up to `limit` rows next to `cursor` in the queue's order, keyset-paginated; with
    /// `including`, the row at the cursor first.
    func queuePage(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection, limit: Int,
                   including: Bool) throws -> [QueueRow]
    func queueCount(_ query: QueueQuery) throws -> Int
    /// How many rows of the queue come before `cursor`.
    func queuePosition(_ query: QueueQuery, of cursor: QueueCursor) throws -> Int
    /// One complaint with its thread and its customer's history; nil when there is none.
    func ticketDetail(id: String, recentOrderLimit: Int, earlierLimit: Int) throws -> TicketDetail?
    /// The threads of several tickets at once (a screen of search results), by ticket id,
    /// each in the order `ticketDetail` gives it; a ticket without messages is left out.
    func messages(ofTickets ids: [String]) throws -> [String: [Message]]
}

/// What agents do to a complaint, each version-checked.
public protocol TicketChanging {
    @discardableResult
    func giveCompensations(ticketID: String, expectedVersion: Int, gifts: [Playbook.Gift], agent: String,
                           at: Date) throws -> [Compensation]
    @discardableResult
    func resolve(ticketID: String, expectedVersion: Int, resolution: Resolution, satisfaction: Int?, agent: String,
                 at: Date) throws -> ResolutionRecord
    /// Resolves with a refund's or replacement's amount recorded as a compensation, in one
    /// transaction (one version, one event): both or neither.
    @discardableResult
    func resolve(ticketID: String, expectedVersion: Int, resolution: Resolution, satisfaction: Int?, refund: Playbook.Gift?,
                 agent: String, at: Date) throws -> (before: ResolutionRecord, refund: Compensation?)
    @discardableResult
    func reopen(ticketID: String, expectedVersion: Int, to status: TicketStatus, agent: String, at: Date) throws -> ResolutionRecord
    @discardableResult
    func setRecovery(ticketID: String, expectedVersion: Int, state: RecoveryState, followUpOn: Date?, agent: String,
                     at: Date) throws -> ResolutionRecord
    /// Puts a complaint's resolution back exactly as `record` has it and revokes the
    /// compensations `revoking` names (a refund recorded with it), in one transaction (an undo).
    func restore(_ record: ResolutionRecord, ticketID: String, expectedVersion: Int, revoking: [Int64], agent: String,
                 at: Date) throws
    func take(ticketID: String, expectedVersion: Int, agent: String, at: Date) throws
    /// Assigns the ticket to `assignee` (nil: nobody); with `status`, sets that too (the undo
    /// of a take puts back a new ticket's status).
    func assign(ticketID: String, expectedVersion: Int, to assignee: String?, status: TicketStatus?, agent: String, at: Date) throws
    func setFault(ticketID: String, expectedVersion: Int, fault: Fault, agent: String, at: Date) throws
    /// With `outbox` (mail set up), a reply to a customer with an e-mail is queued to be sent too.
    func addMessage(ticketID: String, expectedVersion: Int, body: String, isInternal: Bool, agent: String, at: Date,
                    outbox: Outbox?) throws
    /// Revokes compensations (an undo): they stay, marked revoked.
    func revokeCompensations(ids: [Int64], ticketID: String, expectedVersion: Int, agent: String, at: Date) throws
    /// Marks followed complaints recovered (the customer ordered again) or lost (the window passed).
    @discardableResult
    func sweepRecovery(windowDays: Int, agent: String, now: Date) throws -> (recovered: Int, lost: Int)
}

/// The team: members and roles, the shared policy, and requests to a lead. Until a store
/// has a lead anyone may name the first; after, only leads add people, set the policy and
/// decide requests (`TeamError.leadsOnly`).
public protocol TeamDesk {
    func team() throws -> [TeamMember]
    func role(of name: String) throws -> Role?
    func addMember(_ name: String, role: Role, by: String, at: Date) throws
    /// Whether anyone may act as any agent: no team is kept, or the store allows it (demo).
    func identityIsFree() throws -> Bool
    func allowAnyIdentity() throws
    /// The policy a lead set, as TOML; nil when none was.
    func sharedPolicy() throws -> String?
    func setSharedPolicy(_ text: String, by: String, at: Date) throws
    /// Asks a lead for a compensation above the agent's limit; the ticket is told.
    @discardableResult
    func requestApproval(ticketID: String, expectedVersion: Int, gift: Playbook.Gift, reason: String, agent: String,
                         at: Date) throws -> Int64
    func pendingRequests() throws -> [ApprovalRequest]
    func pendingRequest(ticketID: String) throws -> ApprovalRequest?
    /// Approves (gives it, in the lead's name) or declines; the ticket is told. Made on the
    /// ticket's version at the time, which it moves on (`Decision.version`).
    @discardableResult
    func decide(requestID: Int64, approve: Bool, lead: String, at: Date) throws -> Decision
}

/// Mail in and out: what `cdesk mail` asks of a store.
public protocol MailDesk {
    /// Takes one parsed message: joins its ticket or opens one, idempotent by Message-ID.
    func receive(_ mail: ParsedMail, options: MailIntakeOptions) throws -> MailIntakeResult
    /// Takes several messages in one transaction, each in a savepoint of its own; when this
    /// returns they are committed and on disk.
    func receiveGroup(_ body: (_ take: (ParsedMail, MailIntakeOptions) throws -> MailIntakeResult) throws -> Void) throws
    /// Queued replies whose next try is due.
    func dueMail(now: Date) throws -> [OutboxItem]
    /// Claims a queued reply for this sender until `until`; false when another sender has it,
    /// or it is no longer queued, or (unless `ignoringBackoff`) not due. Only one of two
    /// senders claiming the same reply gets it.
    func claimMail(messageID: String, now: Date, until: Date, ignoringBackoff: Bool) throws -> Bool
    /// How many replies are still queued, due or waiting for their next try.
    func queuedMailCount() throws -> Int
    func markMailSent(messageID: String, at: Date) throws
    func markMailRetry(messageID: String, reason: String, at: Date, nextTry: Date) throws
    func markMailFailed(messageID: String, reason: String, at: Date) throws
    func failedMail(limit: Int) throws -> [FailedReply]
    func outboxStatus() throws -> OutboxStatus
    /// One attachment's content (nil: not kept, it was over the size limit).
    func mailAttachmentData(id: Int64) throws -> Data?
    /// Where mail that cannot be read is kept: beside the store.
    var quarantineFolder: String { get }
    /// Whether `error` says the store stayed locked by another writer past the wait.
    func isBusy(_ error: any Error) -> Bool
}

/// Files in and out, the report, and filling a new store.
public protocol CaseExchange {
    func importRows(from rows: any RowSource, options: ImportOptions, progress: ((ImportProgress) -> Void)?) throws -> ImportSummary
    /// Writes the done cases `filter` selects to `handle`; returns how many.
    func exportCases(_ filter: ExportFilter, format: ExchangeFormat, to handle: FileHandle, splitAbove: Int) throws -> Int
    /// Calls `body` with each done case `filter` selects, oldest resolution first (for a
    /// writer outside the core: the xlsx workbook); returns how many.
    @discardableResult
    func exportCases(_ filter: ExportFilter, _ body: (ExportCase) throws -> Void) throws -> Int
    func report(_ options: ReportOptions) throws -> Report
    func isEmpty() throws -> Bool
    func add(_ batch: RecordBatch, agent: String, note: String) throws
    /// Fills an empty store with a demo. `indexesLast`: for a store in a file of its own that
    /// nobody else opens until it is whole: its indexes are dropped and built once at the end.
    /// The store is left swept for recovery at the demo's `now` (its generator settled them).
    func loadDemo(_ generator: DemoGenerator, agent: String, indexesLast: Bool, progress: (Int) -> Void) throws
}

// The everyday forms: now, the usual limits.
extension TicketChanging {
    public func restore(_ record: ResolutionRecord, ticketID: String, expectedVersion: Int, agent: String, at: Date) throws {
        try restore(record, ticketID: ticketID, expectedVersion: expectedVersion, revoking: [], agent: agent, at: at)
    }
}

extension QueueReading {
    public func queuePage(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection, limit: Int) throws -> [QueueRow] {
        try queuePage(query, from: cursor, direction: direction, limit: limit, including: false)
    }
    public func ticketDetail(id: String) throws -> TicketDetail? {
        try ticketDetail(id: id, recentOrderLimit: 5, earlierLimit: 10)
    }
    /// One ticket at a time, for a reader with no better way.
    public func messages(ofTickets ids: [String]) throws -> [String: [Message]] {
        var threads: [String: [Message]] = [:]
        for id in ids {
            if let messages = try ticketDetail(id: id, recentOrderLimit: 0, earlierLimit: 0)?.messages, !messages.isEmpty {
                threads[id] = messages
            }
        }
        return threads
    }
}

extension TicketChanging {
    /// A reply or note not sent as mail.
    public func addMessage(ticketID: String, expectedVersion: Int, body: String, isInternal: Bool, agent: String,
                           at: Date = Date()) throws {
        try addMessage(ticketID: ticketID, expectedVersion: expectedVersion, body: body, isInternal: isInternal, agent: agent,
                       at: at, outbox: nil)
    }
    /// Reopens a done complaint as open.
    @discardableResult
    public func reopen(ticketID: String, expectedVersion: Int, agent: String, at: Date = Date()) throws -> ResolutionRecord {
        try reopen(ticketID: ticketID, expectedVersion: expectedVersion, to: .open, agent: agent, at: at)
    }
    @discardableResult
    public func giveCompensation(ticketID: String, expectedVersion: Int, kind: CompensationKind, value: Int64,
                                 agent: String, at: Date = Date()) throws -> Compensation {
        try giveCompensations(ticketID: ticketID, expectedVersion: expectedVersion, gifts: [Playbook.Gift(kind, value)],
                              agent: agent, at: at)[0]
    }
}

extension CaseExchange {
    /// All time, by the standard period basis.
    public func report() throws -> Report { try report(ReportOptions()) }
    public func importRows(from rows: any RowSource, options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        try importRows(from: rows, options: options, progress: nil)
    }
    public func exportCases(_ filter: ExportFilter, format: ExchangeFormat, to handle: FileHandle) throws -> Int {
        try exportCases(filter, format: format, to: handle, splitAbove: 20_000)
    }
}
