import DeskCore
import Foundation

/// Everything that can happen to the console: a key, the clock, and what work it asked for
/// brought back. `ConsoleStep.update` turns each into a new state and the effects it needs.
public enum ConsoleEvent {
    case key(Key)
    /// An action as if its key were pressed (tests, and the run loop's own needs).
    case action(Action)
    case resized(Size)
    /// The clock moved on; `stamp` is the store's change stamp now (nil: it could not be read).
    case tick(Date, stamp: Int64?)
    /// Typing in the search prompt paused: its results are due.
    case searchPaused
    /// Counts made in the background since the last ones came.
    case counted(CountBatch)
    /// An export's file could be set up (its full path) or not.
    case exportStarted(Result<String, any Error>)
    /// An export finished, its file in place or discarded.
    case exportFinished(ExportOutcome)
    case reportFinished(Result<Report, any Error>)
    /// The editor closed with this text; nil when it failed.
    case editorClosed(String?)
    /// An attachment was written (its path), or could not be.
    case attachmentSaved(Result<String, any Error>)
    /// Replies were handed to the mail server in the background (or the outbox could not be read).
    case mailSent(Result<MailSender.Summary, any Error>)
    /// A store write was done, or refused; `stamp` is the change stamp after it.
    case wrote(StoreWrite, Result<WriteReceipt, any Error>, stamp: Int64?)
}

/// Work the console's state asks for, done by the runner (`Console`) outside the pure
/// update: writes, work in the background. Its results come back as events. (The editor is
/// asked for by `ConsoleState.editing`, because it takes the terminal from the run loop.)
public enum ConsoleEffect {
    case write(StoreWrite, agent: String, at: Date)
    /// Count these in the background, dropping what an earlier request has not done.
    case count([CountJob])
    case startExport(ExportRequest)
    case startReport(ReportOptions)
    /// Hand the queued replies to the mail server, in the background.
    case sendMail
    /// Write an attachment's content into `folder`, never over a file there.
    case saveAttachment(id: Int64, name: String, folder: String)
}

/// A change to the store the agent asked for, with what undoing it needs to know.
public enum StoreWrite {
    /// One compensation from its prompt, or the playbook's suggestion (`suggested`).
    case compensate(ticketID: String, version: Int, gifts: [Playbook.Gift], suggested: Bool)
    /// With `refund`, a refund's or replacement's amount is recorded with it, as a compensation
    /// (one store call, one undo).
    case resolve(ticketID: String, version: Int, resolution: Resolution, satisfaction: Int?, refund: Playbook.Gift?)
    case recovery(ticketID: String, version: Int, state: RecoveryState, followUp: Date?)
    case fault(ticketID: String, version: Int, fault: Fault, previous: Fault)
    case take(ticketID: String, version: Int, previous: String?, status: TicketStatus)
    case reopen(ticketID: String, version: Int)
    /// A reply or note. A message overwrites nothing: it is written on the ticket's version
    /// at the time, so that another agent's change never loses what was written.
    case post(ticketID: String, version: Int, body: String, isNote: Bool)
    /// Takes back one of this session's changes.
    case undo(Undo, version: Int)
    /// Asks a lead for a compensation above the agent's limit, with a reason.
    case request(ticketID: String, version: Int, gift: Playbook.Gift, reason: String)
    /// A lead approves or declines the request waiting on a ticket.
    case decide(ticketID: String, requestID: Int64, approve: Bool)

    public var ticketID: String {
        switch self {
        case let .compensate(id, _, _, _), let .resolve(id, _, _, _, _), let .recovery(id, _, _, _), let .fault(id, _, _, _),
             let .take(id, _, _, _), let .reopen(id, _), let .post(id, _, _, _), let .request(id, _, _, _), let .decide(id, _, _):
            id
        case let .undo(undo, _): undo.ticketID
        }
    }
}

/// What a write brought back.
public enum WriteReceipt {
    case done
    case compensations([Compensation])
    /// Where the complaint's resolution stood before (for its undo), and a refund recorded with it.
    case before(ResolutionRecord, refund: Compensation? = nil)
    /// The message was written on this version of the ticket.
    case posted(version: Int)
    /// A lead approved (what was given) or declined, on this version of the ticket.
    case decided(Decision)
}

/// One of this session's own changes and how to take it back: by recording the opposite
/// change (a compensation is revoked, a resolution put back as it was), never by erasing.
public enum Undo: Equatable {
    /// Compensations given, with the promo codes they carry.
    case compensations(ticketID: String, ids: [Int64], codes: [String], label: String)
    /// Resolve, reopen or a win-back change: where the complaint stood before, and the
    /// compensations recorded with it (a resolve's refund), revoked with it.
    case resolution(ticketID: String, before: ResolutionRecord, revoking: [Int64] = [], label: String)
    /// Taking: who had it, and the status a new ticket had before it opened.
    case take(ticketID: String, previous: String?, status: TicketStatus)
    case fault(ticketID: String, previous: Fault)

    public var ticketID: String {
        switch self {
        case let .compensations(id, _, _, _), let .resolution(id, _, _, _), let .take(id, _, _), let .fault(id, _): id
        }
    }
}

/// A count the queue needs: how many a queue holds, or how many come before a row.
public enum CountJob: Hashable, Sendable {
    case total(QueueQuery)
    /// The position of a row, after the queue changed under it.
    case before(QueueQuery, QueueCursor)
}

/// Counts that came from the background, the jobs that failed, and why.
public struct CountBatch {
    public var results: [CountJob: Int]
    public var failed: Set<CountJob>
    public var failure: String?
}

/// Resolved cases of a view to be written to a file.
public struct ExportRequest {
    public var filter: ExportFilter
    public var format: ExchangeFormat
    /// The full path, never overwritten.
    public var path: String
}

/// How an export ended.
public enum ExportOutcome {
    case written(count: Int, path: String)
    /// No case matched: no file is left.
    case empty
    /// The file appeared meanwhile: it is not overwritten.
    case exists(String)
    case failed(any Error)
}
