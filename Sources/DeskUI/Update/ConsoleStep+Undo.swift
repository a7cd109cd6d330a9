import DeskCore
import Foundation

/// Undo: this session's own changes, taken back newest first, each by recording the opposite
/// change, never by erasing (see `Undo`).
extension ConsoleStep {
    /// Takes back this session's last change. A promo code that a sent reply already gave
    /// the customer is not revoked without a yes.
    mutating func undoLast(confirmed: Bool = false) throws {
        guard let last = state.session.undoStack.last else { return say(t.nothingToUndo) }
        if !confirmed, case let .compensations(id, _, codes, _) = last, !codes.isEmpty,
           let detail = try reader.ticketDetail(id: id),
           let reply = detail.messages.last(where: { m in !m.isInternal && m.author == .agent && codes.contains(where: m.body.contains) }) {
            let quoted = codes.filter(reply.body.contains)
            var prompt = PromptState(purpose: .confirmUndo, label: t.undoRevokeAnyway(ticket: id),
                                     text: "", ticketID: id, version: detail.ticket.version)
            prompt.detail = t.undoQuotedCode(quoted, at: reply.at)
            state.prompt = prompt
            return
        }
        // The entry goes once undone (see `wrote`), or once it never can be (someone else
        // changed the ticket since); a busy store leaves it for the next try.
        write(.undo(last, version: state.session.ownVersion[last.ticketID] ?? 0))
    }
}
