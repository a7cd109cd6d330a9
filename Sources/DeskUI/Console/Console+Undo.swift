import DeskCore
import Foundation

/// Undo: this session's own changes, taken back newest first, each by recording the opposite
/// change (a compensation is revoked, a resolution put back as it was), never by erasing.
extension Console {
    enum Undo {
        /// Compensations given, with the promo codes they carry.
        case compensations(ticketID: String, ids: [Int64], codes: [String], label: String)
        /// Resolve, reopen or a win-back change: where the complaint stood before.
        case resolution(ticketID: String, before: ResolutionRecord, label: String)
        /// Taking: who had it, and the status a new ticket had before it opened.
        case take(ticketID: String, previous: String?, status: TicketStatus)
        case fault(ticketID: String, previous: Fault)

        var ticketID: String {
            switch self {
            case let .compensations(id, _, _, _), let .resolution(id, _, _), let .take(id, _, _), let .fault(id, _): id
            }
        }
    }

    func remember(_ undo: Undo, version: Int) {
        undoStack.append(undo)
        ownVersion[undo.ticketID] = version
    }

    /// Takes back this session's last change. A promo code that a sent reply already gave
    /// the customer is not revoked without a yes.
    func undoLast(confirmed: Bool = false) throws {
        guard let last = undoStack.last else {
            state.message = StatusMessage(L10n.nothingToUndo)
            return
        }
        if !confirmed, case let .compensations(id, _, codes, _) = last, !codes.isEmpty,
           let detail = try store.ticketDetail(id: id),
           let reply = detail.messages.last(where: { m in !m.isInternal && m.author == .agent && codes.contains(where: m.body.contains) }) {
            let quoted = codes.filter(reply.body.contains)
            var prompt = PromptState(purpose: .confirmUndo, label: L10n.undoRevokeAnyway(ticket: id),
                                     text: "", ticketID: id, version: detail.ticket.version)
            prompt.detail = L10n.undoQuotedCode(quoted, at: reply.at)
            state.prompt = prompt
            return
        }
        // The entry goes once undone, or once it never can be (someone else changed the
        // ticket since); a busy store leaves it for the next try.
        do {
            try undo(last)
            undoStack.removeLast()
        } catch let error as StoreError {
            undoStack.removeLast()
            try afterOwnWrite()
            state.message = StatusMessage(error.description, isError: true)
        }
    }

    private func undo(_ last: Undo) throws {
        let agent = state.agent, now = state.now
        let expected = ownVersion[last.ticketID] ?? 0
        switch last {
        case let .compensations(id, ids, _, label):
            try store.revokeCompensations(ids: ids, ticketID: id, expectedVersion: expected, agent: agent, at: now)
            state.message = StatusMessage(L10n.undone(label, ticket: id))
        case let .resolution(id, before, label):
            try store.restore(before, ticketID: id, expectedVersion: expected, agent: agent, at: now)
            state.message = StatusMessage(L10n.undone(label, ticket: id))
        case let .take(id, previous, status):
            try store.assign(ticketID: id, expectedVersion: expected, to: previous, status: status, agent: agent, at: now)
            state.message = StatusMessage(L10n.undone(L10n.Undo.take, ticket: id))
        case let .fault(id, previous):
            try store.setFault(ticketID: id, expectedVersion: expected, fault: previous, agent: agent, at: now)
            state.message = StatusMessage(L10n.undone(L10n.Undo.fault, ticket: id))
        }
        ownVersion[last.ticketID] = expected + 1
        try afterOwnWrite()
    }
}
