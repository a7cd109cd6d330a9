/// Records written to the store together, in one transaction: a demo batch, a test's fixture.
/// Within a batch, what a record refers to comes first (customers before their orders…).
public struct RecordBatch: Sendable {
    public var customers: [Customer] = []
    public var orders: [Order] = []
    public var tickets: [Ticket] = []
    public var messages: [Message] = []
    public var compensations: [Compensation] = []
    public var outcomes: [Outcome] = []
    public var recoveries: [Recovery] = []

    public init(customers: [Customer] = [], orders: [Order] = [], tickets: [Ticket] = [], messages: [Message] = [],
                compensations: [Compensation] = [], outcomes: [Outcome] = [], recoveries: [Recovery] = []) {
        self.customers = customers; self.orders = orders; self.tickets = tickets; self.messages = messages
        self.compensations = compensations; self.outcomes = outcomes; self.recoveries = recoveries
    }
}
