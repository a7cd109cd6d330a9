import GRDB

/// The store's schema, as named migrations. A shipped migration is never edited: a change
/// is a new migration appended at the end.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(sql: initial)
        }
        migrator.registerMigration("v2-queue-sorts") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-deadlines-and-tiers") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4-partial-indexes") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5-message-agent") { db in
            // Who wrote an agent's reply or note, for the thread (imported ones may say nobody).
            try db.execute(sql: "ALTER TABLE message ADD COLUMN agent TEXT")
        }
        migrator.registerMigration("v6-done-views") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7-search-folds-yo") { db in
            // The index outgrows SQLite's default 2 MB cache at once (as in an import).
            let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-mail") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9-outbox") { db in
            // A sent message's parent, and its tries: a queued one waits until next_try_at.
            try db.execute(sql: """
                ALTER TABLE mail_message ADD COLUMN in_reply_to TEXT;
                ALTER TABLE mail_message ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE mail_message ADD COLUMN next_try_at INTEGER;
                """)
        }
        migrator.registerMigration("v10-mail-references") { db in
            // The thread chain a reply's References continues: a received message's
            // References (at most `ThreadReferences.limit` ids, space-separated; its
            // In-Reply-To ids go in in_reply_to), a sent one's as sent.
            try db.execute(sql: "ALTER TABLE mail_message ADD COLUMN references_ids TEXT")
        }
        migrator.registerMigration("v11-lead-resolution-time-unknown") { db in
            try db.execute(sql: v11LeadResolutionTimeUnknown)
        }
        migrator.registerMigration("v12-lead-team") { db in
            try db.execute(sql: v12LeadTeam)
        }
        migrator.registerMigration("v13-perf-indexes") { db in
            try db.execute(sql: v13PerfIndexes)
        }
        migrator.registerMigration("v14-mail-claim") { db in
            // A sender (a console, `cdesk mail send`) claims a queued reply until this time
            // before it hands it to the mail server, so that no other sender sends it too.
            try db.execute(sql: "ALTER TABLE mail_message ADD COLUMN claimed_until INTEGER")
        }
        migrator.registerMigration("v15-mine-orders") { db in
            try db.execute(sql: v15MineOrders)
        }
        migrator.registerMigration("v16-unassigned-due") { db in
            try db.execute(sql: v16UnassignedDue)
        }
        migrator.registerMigration("v17-search-terms") { db in
            // The index's words, for widening a word's beginning (`SearchTerms`); those
            // already in the index are listed from it (about 3 s a million tickets).
            try db.execute(sql: "CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID")
            try SearchTerms.rebuild(db)
        }
        migrator.registerMigration("v18-orders-hold-the-views-columns") { db in
            try db.execute(sql: v18OrdersHoldTheViewsColumns)
        }
        return migrator
    }

    /// A tickets file may say a complaint is done without saying when; it is stored as
    /// resolved when it was created (so that it is exported and counted with the others),
    /// and that assumed time is kept in `resolved_at_assumed`. While `resolved_at` still
    /// equals it, the time is unknown and the report leaves the complaint out of time figures;
    /// a reopened and resolved-again complaint has a real time again without anyone clearing
    /// the mark. Stores made before this held such tickets as resolved in 0 s: those are marked.
    private static let v11LeadResolutionTimeUnknown = """
        ALTER TABLE ticket ADD COLUMN resolved_at_assumed INTEGER;
        UPDATE ticket SET resolved_at_assumed = resolved_at WHERE resolved_at IS NOT NULL AND resolved_at = created_at;
        """

    /// A ticket write maintains every index that holds the ticket. The open views' orders,
    /// the tier's and the assignee's read open tickets only (`active = 1`, a fifth of a large
    /// store): as partial indexes they hold only those, so a done complaint (most of the demo,
    /// of an import of history, every resolve) writes none of them. Nothing reads customers
    /// by tier. Queries name `t.active = 1` (and `t.assignee = ?`), which tells SQLite these
    /// indexes serve them; `QueryPlanTests` checks each view and order.
    private static let v13PerfIndexes = """
        DROP INDEX ticket_queue_due;
        CREATE INDEX ticket_queue_due ON ticket(due_at, seq) WHERE active = 1;
        DROP INDEX ticket_queue_priority;
        CREATE INDEX ticket_queue_priority ON ticket(priority_due, seq) WHERE active = 1;
        DROP INDEX ticket_queue_age;
        CREATE INDEX ticket_queue_age ON ticket(created_at, seq) WHERE active = 1;
        DROP INDEX ticket_queue_updated;
        CREATE INDEX ticket_queue_updated ON ticket(updated_at, seq) WHERE active = 1;
        DROP INDEX ticket_by_tier;
        CREATE INDEX ticket_by_tier ON ticket(tier, due_at, seq) WHERE active = 1;
        DROP INDEX ticket_by_assignee;
        CREATE INDEX ticket_by_assignee ON ticket(assignee, due_at, seq) WHERE assignee IS NOT NULL AND active = 1;
        DROP INDEX customer_by_tier;
        """

    /// Mine in each of its orders reads its own index, as it does by deadline: an agent who
    /// holds thousands of open tickets (the demo's do) no longer has them all read and sorted
    /// for every page (30–70 ms at a million tickets). They hold assigned open tickets only,
    /// so an import of new complaints or a resolve writes none of them.
    private static let v15MineOrders = """
        CREATE INDEX ticket_mine_priority ON ticket(assignee, priority_due, seq) WHERE assignee IS NOT NULL AND active = 1;
        CREATE INDEX ticket_mine_age ON ticket(assignee, created_at, seq) WHERE assignee IS NOT NULL AND active = 1;
        CREATE INDEX ticket_mine_updated ON ticket(assignee, updated_at, seq) WHERE assignee IS NOT NULL AND active = 1;
        """

    /// Unassigned by deadline, its default order, walked the deadline order of every open
    /// ticket and kept the unassigned ones: at ten million tickets, 3% of the open ones, and
    /// fewest at the far end, so End took over a second. Its own index holds only them: every
    /// new complaint is written into it (one index more for an import of new tickets), and
    /// taking a complaint removes it again.
    private static let v16UnassignedDue = """
        CREATE INDEX ticket_unassigned_due ON ticket(due_at, seq) WHERE assignee IS NULL AND active = 1;
        """

    /// Overdue, VIP and Unassigned in an order other than their own walk that order's index
    /// over every open ticket and keep their own: at the far end, where few of them are (no
    /// new complaint is overdue yet), a page tested hundreds of thousands of tickets at ten
    /// million, each read from the table (up to 400 ms). The orders' indexes now hold the
    /// columns those views test (deadline, tier, assignee), so a ticket is tested in the index
    /// and read only when it is shown: 46 ms to under 1 ms at a million. The same indexes,
    /// no more of them; each entry is some bytes longer.
    private static let v18OrdersHoldTheViewsColumns = """
        DROP INDEX ticket_queue_priority;
        CREATE INDEX ticket_queue_priority ON ticket(priority_due, seq, due_at, tier, assignee) WHERE active = 1;
        DROP INDEX ticket_queue_age;
        CREATE INDEX ticket_queue_age ON ticket(created_at, seq, due_at, tier, assignee) WHERE active = 1;
        DROP INDEX ticket_queue_updated;
        CREATE INDEX ticket_queue_updated ON ticket(updated_at, seq, due_at, tier, assignee) WHERE active = 1;
        """

    /// The team: who works the store and in which role, and the compensations an agent asked
    /// a lead for (at most one pending a ticket). The shared policy is `setting`
    /// `policy.toml`; `identity.free` lets anyone act as any agent (demo stores, tests).
    private static let v12LeadTeam = """
        CREATE TABLE team_member (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('agent','lead')),
            added_at INTEGER NOT NULL,
            added_by TEXT NOT NULL
        );
        CREATE TABLE approval (
            id INTEGER PRIMARY KEY,
            ticket_id TEXT NOT NULL REFERENCES ticket(id),
            kind TEXT NOT NULL,
            value INTEGER NOT NULL,
            reason TEXT NOT NULL,
            agent TEXT NOT NULL,
            at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','declined')),
            decided_by TEXT,
            decided_at INTEGER,
            compensation_id INTEGER
        );
        CREATE UNIQUE INDEX approval_pending ON approval(ticket_id) WHERE state = 'pending';
        """

    /// Sorting by priority (then SLA) and by last change, on the open views; the overdue
    /// view reads ticket_queue_sla; order ids typed into search.
    private static let v2 = """
        ALTER TABLE ticket ADD COLUMN priority_sla INTEGER GENERATED ALWAYS AS (
            (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) * 10000000000
            + sla_due_at) VIRTUAL;
        CREATE INDEX ticket_queue_priority ON ticket(active, priority_sla, seq);
        CREATE INDEX ticket_queue_age ON ticket(active, created_at, seq);
        CREATE INDEX ticket_queue_updated ON ticket(active, updated_at, seq);
        CREATE INDEX ticket_all_updated ON ticket(updated_at, seq);
        CREATE INDEX ticket_by_order ON ticket(order_id);
        """

    /// E-mail. `mail_message` holds every message the desk received or (later) sent, keyed by
    /// its Message-ID (without angle brackets), so that receiving one twice changes nothing
    /// and an answer's In-Reply-To finds its ticket. A received message that became part of a
    /// thread points at its `message` row; one dropped (machine mail about no ticket) has no
    /// ticket. `state`: a received one is `taken` or `dropped`; a sent one `queued`, `sent` or
    /// `failed` with `state_reason` (a bounce sets it). Attachments are kept as BLOBs up to
    /// `[mail] max_attachment_mb`; over it, `data` is NULL and `note` says why.
    /// `message.quoted` is the earlier text a received reply quoted (the thread folds it).
    /// `setting` holds the store's own values: `mail.secret` signs the desk's Message-IDs.
    private static let v8 = """
        CREATE TABLE setting (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        ALTER TABLE message ADD COLUMN quoted TEXT;
        CREATE TABLE mail_message (
            message_id TEXT PRIMARY KEY NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('in','out')),
            kind TEXT NOT NULL CHECK (kind IN ('mail','auto-reply','bounce')),
            ticket_id TEXT REFERENCES ticket(id),
            message_row INTEGER REFERENCES message(id),
            from_address TEXT,
            to_address TEXT,
            subject TEXT NOT NULL DEFAULT '',
            date_header INTEGER,
            at INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('taken','dropped','queued','sent','failed')),
            state_reason TEXT,
            state_at INTEGER
        );
        CREATE INDEX mail_message_by_ticket ON mail_message(ticket_id, at) WHERE ticket_id IS NOT NULL;
        CREATE INDEX mail_message_by_state ON mail_message(state, at) WHERE state IN ('queued','failed');
        CREATE TABLE mail_attachment (
            id INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL REFERENCES mail_message(message_id),
            ticket_id TEXT REFERENCES ticket(id),
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            size INTEGER NOT NULL,
            data BLOB,
            note TEXT
        );
        CREATE INDEX mail_attachment_by_message ON mail_attachment(message_id);
        CREATE INDEX mail_attachment_by_ticket ON mail_attachment(ticket_id) WHERE ticket_id IS NOT NULL;
        -- Mail finds its customer by address, any case.
        CREATE INDEX customer_by_email ON customer(email COLLATE NOCASE) WHERE email IS NOT NULL;
        """

    /// The search index holds ё as е, and a phone number's digits as one word
    /// (`SearchIndex`). Every row changes (nearly every customer has a phone), so the index
    /// is made again from the tables rather than updated row by row: an FTS5 update
    /// removes and re-adds each word of the row, and a new table built after the old one is
    /// dropped reuses its pages, where a copy would double the index's space. About 10 s
    /// at 200,000 tickets. A ticket's messages are joined in whatever order SQLite reads
    /// them: the index is searched, never shown.
    private static let v7 = """
        DROP TABLE ticket_search;
        CREATE VIRTUAL TABLE ticket_search USING fts5(
            subject, customer, body,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO ticket_search (rowid, subject, customer, body)
        SELECT t.seq, cdesk_search_fold(t.subject), cdesk_search_customer(c.name, c.email, c.phone),
               cdesk_search_fold(coalesce((SELECT group_concat(m.body, char(10)) FROM message m WHERE m.ticket_id = t.id), ''))
        FROM ticket t JOIN customer c ON c.id = t.customer_id;
        """

    /// Indexes that only some tickets need hold only those: a new complaint has no order
    /// (often), no assignee and no resolution, so an import of new complaints writes three
    /// index entries fewer for each. Every query that reads these names the column with
    /// `=` or a range, which tells SQLite the column is not null.
    private static let v4 = """
        DROP INDEX ticket_by_order;
        CREATE INDEX ticket_by_order ON ticket(order_id) WHERE order_id IS NOT NULL;
        DROP INDEX ticket_by_assignee;
        CREATE INDEX ticket_by_assignee ON ticket(assignee, active, due_at, seq) WHERE assignee IS NOT NULL;
        DROP INDEX ticket_by_status_resolved;
        CREATE INDEX ticket_by_status_resolved ON ticket(status, resolved_at, seq) WHERE resolved_at IS NOT NULL;
        """

    /// The queue follows the deadline that matters now: the first answer's while a
    /// complaint has none (`first_due_at`, set from the SLA targets when the ticket is
    /// written), else the resolution's. The customer's tier is kept on each ticket
    /// (triggers follow a changed tier) so that the VIP view and the tier filter need no
    /// join. `ticket_facets` holds the status and every column a filter tests, so that the
    /// count of a view under any filter reads that index alone. Stores made before this learn
    /// the first-answer deadline from the standard targets.
    private static let v3 = """
        ALTER TABLE ticket ADD COLUMN first_due_at INTEGER;
        ALTER TABLE ticket ADD COLUMN tier TEXT;
        UPDATE ticket SET
            first_due_at = created_at + 3600 * (CASE priority WHEN 'urgent' THEN 1 WHEN 'high' THEN 4
                                                              WHEN 'normal' THEN 8 ELSE 24 END),
            tier = (SELECT c.tier FROM customer c WHERE c.id = ticket.customer_id);
        ALTER TABLE ticket ADD COLUMN due_at INTEGER GENERATED ALWAYS AS (
            CASE WHEN first_response_at IS NULL AND first_due_at < sla_due_at THEN first_due_at ELSE sla_due_at END) VIRTUAL;
        -- priority_sla (v2) stays, unused: a virtual column costs nothing, and DROP COLUMN
        -- would need SQLite 3.35.
        DROP INDEX ticket_queue_priority;
        ALTER TABLE ticket ADD COLUMN priority_due INTEGER GENERATED ALWAYS AS (
            (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) * 10000000000
            + due_at) VIRTUAL;
        DROP INDEX ticket_queue_sla;
        DROP INDEX ticket_by_status_sla;
        DROP INDEX ticket_by_assignee;
        CREATE INDEX ticket_queue_due ON ticket(active, due_at, seq);
        CREATE INDEX ticket_queue_priority ON ticket(active, priority_due, seq);
        CREATE INDEX ticket_by_assignee ON ticket(assignee, active, due_at, seq);
        -- VIP tickets are never low priority, so the end of the deadline order holds none:
        -- the VIP view and a tier filter walk their own index instead of skipping thousands.
        CREATE INDEX ticket_by_tier ON ticket(tier, active, due_at, seq);
        CREATE INDEX ticket_facets ON ticket(status, reason, channel, priority, tier, assignee, resolved_at);
        -- Unassigned tickets are the newest: oldest first, or by last change, the open
        -- indexes would pass over every assigned ticket before the first of them.
        CREATE INDEX ticket_unassigned_age ON ticket(created_at, seq) WHERE assignee IS NULL AND active = 1;
        CREATE INDEX ticket_unassigned_updated ON ticket(updated_at, seq) WHERE assignee IS NULL AND active = 1;
        -- The newest tickets are open, not resolved; VIP tickets are never low priority:
        -- the ends of these orders would pass over thousands of others.
        CREATE INDEX ticket_resolved_created ON ticket(created_at, seq) WHERE status = 'resolved';
        CREATE INDEX ticket_vip_priority ON ticket(priority_due, seq) WHERE tier = 'vip' AND active = 1;
        -- The follow-ups view in date order: only the complaints still being followed.
        CREATE INDEX recovery_due ON recovery(follow_up_on) WHERE state IN ('at-risk','contacted','offered');

        -- Whoever writes a ticket writes its customer's tier; these follow later changes.
        CREATE TRIGGER ticket_tier_on_move AFTER UPDATE OF customer_id ON ticket
            WHEN NEW.customer_id IS NOT OLD.customer_id BEGIN
            UPDATE ticket SET tier = (SELECT tier FROM customer WHERE id = NEW.customer_id) WHERE seq = NEW.seq;
        END;
        CREATE TRIGGER customer_tier_to_tickets AFTER UPDATE OF tier ON customer WHEN NEW.tier IS NOT OLD.tier BEGIN
            UPDATE ticket SET tier = NEW.tier WHERE customer_id = NEW.id;
        END;
        """

    /// The Resolved view holds every done complaint, resolved or closed, as the export and
    /// the report count them; a done complaint, and only one, has a resolution time. Its two
    /// orders read these partial indexes.
    private static let v6 = """
        DROP INDEX ticket_resolved_created;
        CREATE INDEX ticket_done_created ON ticket(created_at, seq) WHERE resolved_at IS NOT NULL;
        CREATE INDEX ticket_done_resolved ON ticket(resolved_at, seq) WHERE resolved_at IS NOT NULL;
        """

    private static func list<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> String where T.RawValue == String {
        T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
    }

    // Times are INTEGER seconds since 1970 UTC, money INTEGER minor units.
    private static let initial = """
        CREATE TABLE customer (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            email TEXT,
            phone TEXT,
            region TEXT,
            tier TEXT NOT NULL CHECK (tier IN (\(list(Tier.self)))),
            referrals INTEGER NOT NULL DEFAULT 0,
            joined_at INTEGER NOT NULL
        );
        CREATE INDEX customer_by_tier ON customer(tier);

        CREATE TABLE "order" (
            id TEXT PRIMARY KEY NOT NULL,
            customer_id TEXT NOT NULL REFERENCES customer(id),
            placed_at INTEGER NOT NULL,
            total INTEGER NOT NULL,
            delivery_fee INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN (\(list(OrderStatus.self)))),
            delivered_at INTEGER
        );
        CREATE INDEX order_by_customer ON "order"(customer_id, placed_at);

        CREATE TABLE ticket (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            customer_id TEXT NOT NULL REFERENCES customer(id),
            order_id TEXT REFERENCES "order"(id),
            channel TEXT NOT NULL CHECK (channel IN (\(list(Channel.self)))),
            reason TEXT NOT NULL CHECK (reason IN (\(list(Reason.self)))),
            subject TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN (\(list(TicketStatus.self)))),
            priority TEXT NOT NULL CHECK (priority IN (\(list(Priority.self)))),
            fault TEXT NOT NULL DEFAULT 'unknown' CHECK (fault IN (\(list(Fault.self)))),
            assignee TEXT,
            created_at INTEGER NOT NULL,
            first_response_at INTEGER,
            resolved_at INTEGER,
            sla_due_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            active INTEGER GENERATED ALWAYS AS (status IN ('new','open','waiting')) VIRTUAL
        );
        -- One index per list the console shows; each ends in seq for keyset paging.
        CREATE INDEX ticket_queue_sla ON ticket(active, sla_due_at, seq);
        CREATE INDEX ticket_queue_created ON ticket(created_at, seq);
        CREATE INDEX ticket_by_status_sla ON ticket(status, sla_due_at, seq);
        CREATE INDEX ticket_by_status_resolved ON ticket(status, resolved_at, seq);
        CREATE INDEX ticket_by_assignee ON ticket(assignee, active, sla_due_at, seq);
        CREATE INDEX ticket_by_customer ON ticket(customer_id, created_at);

        CREATE TABLE message (
            id INTEGER PRIMARY KEY,
            ticket_id TEXT NOT NULL REFERENCES ticket(id),
            author TEXT NOT NULL CHECK (author IN (\(list(Author.self)))),
            body TEXT NOT NULL,
            internal INTEGER NOT NULL DEFAULT 0,
            at INTEGER NOT NULL
        );
        CREATE INDEX message_by_ticket ON message(ticket_id, at);

        CREATE TABLE compensation (
            id INTEGER PRIMARY KEY,
            ticket_id TEXT NOT NULL REFERENCES ticket(id),
            customer_id TEXT NOT NULL REFERENCES customer(id),
            kind TEXT NOT NULL CHECK (kind IN (\(list(CompensationKind.self)))),
            value INTEGER NOT NULL DEFAULT 0,
            promo_code TEXT UNIQUE,
            agent TEXT NOT NULL,
            at INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN (\(list(CompensationState.self))))
        );
        CREATE INDEX compensation_by_customer ON compensation(customer_id, at);
        CREATE INDEX compensation_by_ticket ON compensation(ticket_id, at);

        CREATE TABLE outcome (
            ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES ticket(id),
            resolution TEXT NOT NULL CHECK (resolution IN (\(list(Resolution.self)))),
            satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
            note TEXT,
            agent TEXT,
            at INTEGER NOT NULL
        );

        CREATE TABLE recovery (
            ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES ticket(id),
            customer_id TEXT NOT NULL REFERENCES customer(id),
            state TEXT NOT NULL CHECK (state IN (\(list(RecoveryState.self)))),
            follow_up_on INTEGER,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX recovery_by_customer ON recovery(customer_id, state);
        CREATE INDEX recovery_follow_up ON recovery(state, follow_up_on);

        -- Append-only: rows are inserted, never updated or deleted.
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            agent TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            action TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT
        );
        CREATE INDEX event_by_entity ON event(entity, entity_id, id);
        CREATE TRIGGER event_no_update BEFORE UPDATE ON event
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER event_no_delete BEFORE DELETE ON event
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        -- Full-text search over a ticket's subject, its customer's name and contacts, and
        -- its messages; rowid is ticket.seq.
        CREATE VIRTUAL TABLE ticket_search USING fts5(
            subject, customer, body,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """
}
