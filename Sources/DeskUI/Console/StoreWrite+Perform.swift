import DeskCore
import Foundation

extension StoreWrite {
    /// Does the write on `store` in `agent`'s name, each version-checked as the store's
    /// contract says.
    func perform(on store: any DeskStore, agent: String, at now: Date, outbox: Outbox?) throws -> WriteReceipt {
        switch self {
        case let .compensate(id, version, gifts, _):
            return .compensations(try store.giveCompensations(ticketID: id, expectedVersion: version, gifts: gifts,
                                                              agent: agent, at: now))
        case let .resolve(id, version, resolution, satisfaction, refund):
            // The refund's amount goes in the resolve's own transaction: both, or neither.
            let resolved = try store.resolve(ticketID: id, expectedVersion: version, resolution: resolution,
                                             satisfaction: satisfaction, refund: refund, agent: agent, at: now)
            return .before(resolved.before, refund: resolved.refund)
        case let .recovery(id, version, state, followUp):
            return .before(try store.setRecovery(ticketID: id, expectedVersion: version, state: state, followUpOn: followUp,
                                                 agent: agent, at: now))
        case let .fault(id, version, fault, _):
            try store.setFault(ticketID: id, expectedVersion: version, fault: fault, agent: agent, at: now)
        case let .take(id, version, _, _):
            try store.take(ticketID: id, expectedVersion: version, agent: agent, at: now)
        case let .reopen(id, version):
            return .before(try store.reopen(ticketID: id, expectedVersion: version, agent: agent, at: now))
        case let .post(id, seen, body, isNote):
            // A message overwrites nothing: it goes on the ticket as it is now, so another
            // agent's change meanwhile does not refuse what was written in the editor.
            let version = try store.ticketDetail(id: id)?.ticket.version ?? seen
            try store.addMessage(ticketID: id, expectedVersion: version, body: body, isInternal: isNote, agent: agent,
                                 at: now, outbox: outbox)
            return .posted(version: version)
        case let .request(id, version, gift, reason):
            try store.requestApproval(ticketID: id, expectedVersion: version, gift: gift, reason: reason, agent: agent, at: now)
        case let .decide(_, requestID, approve):
            return .decided(try store.decide(requestID: requestID, approve: approve, lead: agent, at: now))
        case let .undo(undo, version):
            switch undo {
            case let .compensations(id, ids, _, _):
                try store.revokeCompensations(ids: ids, ticketID: id, expectedVersion: version, agent: agent, at: now)
            case let .resolution(id, before, revoking, _):
                try store.restore(before, ticketID: id, expectedVersion: version, revoking: revoking, agent: agent, at: now)
            case let .take(id, previous, status):
                try store.assign(ticketID: id, expectedVersion: version, to: previous, status: status, agent: agent, at: now)
            case let .fault(id, previous):
                try store.setFault(ticketID: id, expectedVersion: version, fault: previous, agent: agent, at: now)
            }
        }
        return .done
    }
}
