import GRDB

/// The schema, as a list of named migrations. Never edit a shipped migration: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-createIncident") { db in
            try db.execute(sql: """
                CREATE TABLE incident (
                    id INTEGER PRIMARY KEY,
                    subject TEXT NOT NULL,
                    organisation TEXT NOT NULL,
                    reporter TEXT NOT NULL,
                    reporterContact TEXT,
                    situation TEXT,
                    description TEXT,
                    requiredBy TEXT,
                    other TEXT,
                    scope TEXT CHECK (scope IN ('all', 'most', 'part', 'few', 'single')),
                    service TEXT,
                    site TEXT,
                    outageStarted REAL,
                    outageEnded REAL,
                    level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
                    state TEXT NOT NULL CHECK (state IN ('reported', 'acknowledged', 'escalated', 'resolved', 'closed')),
                    reportedAt REAL NOT NULL,
                    acknowledgedAt REAL,
                    escalatedAt REAL,
                    resolvedAt REAL,
                    closedAt REAL,
                    resolutionSummary TEXT,
                    reportedBy TEXT NOT NULL,
                    idempotencyKey TEXT UNIQUE
                );
                CREATE INDEX incident_state ON incident(state);
                CREATE INDEX incident_reportedAt ON incident(reportedAt);
                """)
        }
        migrator.registerMigration("v1-createTimelineEvent") { db in
            // Append-only is enforced by the database itself, not by convention.
            try db.execute(sql: """
                CREATE TABLE timelineEvent (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incidentId INTEGER NOT NULL REFERENCES incident(id),
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    details TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX timelineEvent_incident ON timelineEvent(incidentId, id);
                CREATE TRIGGER timelineEvent_noUpdate BEFORE UPDATE ON timelineEvent
                    BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
                CREATE TRIGGER timelineEvent_noDelete BEFORE DELETE ON timelineEvent
                    BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
                """)
        }
        migrator.registerMigration("v1-createTimer") { db in
            try db.execute(sql: """
                CREATE TABLE timer (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incidentId INTEGER NOT NULL REFERENCES incident(id),
                    kind TEXT NOT NULL,
                    dueAt REAL NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
                    firedAt REAL
                );
                CREATE UNIQUE INDEX timer_onePending ON timer(incidentId, kind) WHERE status = 'pending';
                CREATE INDEX timer_due ON timer(dueAt) WHERE status = 'pending';
                """)
        }
        migrator.registerMigration("v2-createOutbox") { db in
            // The transactional outbox: a message is written with the event that causes it and
            // leaves 'pending' only when delivered or given up on ('dead').
            try db.execute(sql: """
                ALTER TABLE incident ADD COLUMN remindersSent INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE outboxMessage (
                    id TEXT PRIMARY KEY,
                    incidentId INTEGER NOT NULL REFERENCES incident(id),
                    channel TEXT NOT NULL,
                    target TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    extras TEXT NOT NULL DEFAULT '{}',
                    purpose TEXT NOT NULL,
                    createdAt REAL NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    nextAttemptAt REAL
                );
                CREATE INDEX outboxMessage_due ON outboxMessage(nextAttemptAt) WHERE status = 'pending';
                CREATE INDEX outboxMessage_incident ON outboxMessage(incidentId);
                CREATE TABLE deliveryAttempt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    messageId TEXT NOT NULL REFERENCES outboxMessage(id),
                    number INTEGER NOT NULL,
                    at REAL NOT NULL,
                    result TEXT NOT NULL CHECK (result IN ('delivered', 'retryable', 'permanent')),
                    detail TEXT NOT NULL
                );
                CREATE INDEX deliveryAttempt_message ON deliveryAttempt(messageId, number);
                """)
        }
        migrator.registerMigration("v3-createVisit") { db in
            // A field visit per dispatch attempt; the whole visit is JSON in `data`, the fields
            // that listings and reports filter on are columns.
            try db.execute(sql: """
                CREATE TABLE visit (
                    incidentId INTEGER NOT NULL REFERENCES incident(id),
                    attempt INTEGER NOT NULL,
                    engineer TEXT NOT NULL,
                    branch TEXT NOT NULL,
                    state TEXT NOT NULL,
                    slaKind TEXT NOT NULL,
                    dispatchedAt REAL NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (incidentId, attempt)
                );
                CREATE INDEX visit_engineer ON visit(engineer, dispatchedAt);
                CREATE INDEX visit_branch ON visit(branch, dispatchedAt);
                """)
        }
        migrator.registerMigration("v4-createInbound") { db in
            // Every inbound message once (dedup by key), the Message-IDs that thread replies to
            // incidents, and the quarantine of authentic messages that could not be understood.
            try db.execute(sql: """
                CREATE TABLE inboundMessage (
                    key TEXT PRIMARY KEY,
                    integration TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    messageId TEXT,
                    receivedAt REAL NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('incident', 'note', 'command', 'ignored', 'quarantined', 'updated')),
                    incidentId INTEGER REFERENCES incident(id),
                    detail TEXT NOT NULL
                );
                CREATE INDEX inboundMessage_messageId ON inboundMessage(messageId);
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    inboundKey TEXT NOT NULL,
                    integration TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    receivedAt REAL NOT NULL,
                    reason TEXT NOT NULL,
                    raw BLOB NOT NULL,
                    status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'retried', 'dropped'))
                );
                """)
        }
        migrator.registerMigration("v5-createPostmortem") { db in
            try createPostmortem(db)
            try rebuildOutboxWithOptionalIncident(db)
            try createArchiveSearch(db)
            try createPeriodic(db)
        }
        migrator.registerMigration("v6-addAffectedCustomers") { db in
            try db.execute(sql: "ALTER TABLE incident ADD COLUMN affectedCustomers INTEGER")
        }
        migrator.registerMigration("v7-indexOutboxQueue") { db in
            // Each recipient's pending messages in the order they were written (the index holds the
            // rowid), so finding a queue's head and what waits behind it is one short range scan.
            try db.execute(sql: "CREATE INDEX outboxMessage_queue ON outboxMessage(channel, target) WHERE status = 'pending'")
        }
        migrator.registerMigration("v8-createMaintenanceWindow") { db in
            try createMaintenance(db)
        }
        migrator.registerMigration("v9-createServiceRequest") { db in
            try createServiceRequests(db)
        }
        migrator.registerMigration("v10-createHeartbeat") { db in
            try createHeartbeat(db)
        }
        migrator.registerMigration("v11-createCalendarFeed") { db in
            try createCalendarFeed(db)
        }
        migrator.registerMigration("v12-createRequestInbound") { db in
            // The inbound mail that made a request, by its dedup key: a provider's retry finds it and makes no second request.
            try db.execute(sql: """
                CREATE TABLE requestInbound (
                    key TEXT PRIMARY KEY,
                    requestId INTEGER NOT NULL REFERENCES serviceRequest(id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v13-createArchiveBigrams") { db in
            try createArchiveBigrams(db)
        }
        return migrator
    }

    /// Service requests, stored whole as JSON with the columns lists filter on, and their promise timers.
    private static func createServiceRequests(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE serviceRequest (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                owner TEXT,
                submittedAt REAL NOT NULL,
                closedAt REAL,
                data TEXT NOT NULL CHECK (json_valid(data))
            );
            CREATE INDEX serviceRequest_open ON serviceRequest(id) WHERE closedAt IS NULL;
            CREATE TABLE requestTimer (
                requestId INTEGER NOT NULL REFERENCES serviceRequest(id),
                deadline TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('warn', 'missed')),
                dueAt REAL NOT NULL,
                PRIMARY KEY (requestId, deadline, action)
            ) WITHOUT ROWID;
            CREATE INDEX requestTimer_dueAt ON requestTimer(dueAt);
            """)
    }

    /// Heartbeat monitors' durable state: the due time a miss fires at, and the outage's incident.
    private static func createHeartbeat(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE heartbeat (
                name TEXT PRIMARY KEY,
                armedAt REAL NOT NULL,
                lastBeatAt REAL,
                lastBeatBy TEXT,
                dueAt REAL NOT NULL,
                incidentId INTEGER REFERENCES incident(id),
                beats INTEGER NOT NULL DEFAULT 0 CHECK (beats >= 0)
            );
            """)
    }

    /// Maintenance windows, and the hold a window puts on an incident that arrives in it.
    private static func createMaintenance(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE maintenanceWindow (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                startsAt REAL NOT NULL,
                endsAt REAL NOT NULL,
                services TEXT NOT NULL,
                matchers TEXT NOT NULL,
                reason TEXT NOT NULL,
                createdBy TEXT NOT NULL,
                createdAt REAL NOT NULL,
                endedAt REAL,
                endedBy TEXT,
                CHECK (endsAt > startsAt)
            );
            CREATE INDEX maintenanceWindow_endsAt ON maintenanceWindow(endsAt);
            ALTER TABLE incident ADD COLUMN maintenanceWindow INTEGER REFERENCES maintenanceWindow(id);
            ALTER TABLE incident ADD COLUMN maintenanceUntil REAL;
            CREATE INDEX incident_maintenanceWindow ON incident(maintenanceWindow) WHERE maintenanceWindow IS NOT NULL;
            """)
    }

    /// Calendar subscriptions: the secret token's hash (never the token), unique so one look-up finds it.
    private static func createCalendarFeed(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE calendarFeed (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                subjectKind TEXT NOT NULL CHECK (subjectKind IN ('schedule', 'person')),
                subjectId TEXT NOT NULL CHECK (subjectId <> ''),
                tokenHash TEXT NOT NULL UNIQUE CHECK (length(tokenHash) = 64),
                createdBy TEXT NOT NULL,
                createdAt REAL NOT NULL,
                revokedAt REAL,
                revokedBy TEXT,
                CHECK ((revokedAt IS NULL) = (revokedBy IS NULL))
            );
            """)
    }

    /// Fault reports, one per incident. An approved report is frozen by the database itself.
    private static func createPostmortem(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE postmortem (
                incidentId INTEGER PRIMARY KEY REFERENCES incident(id),
                state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved')),
                owner TEXT NOT NULL,
                language TEXT NOT NULL,
                sections TEXT NOT NULL,
                createdAt REAL NOT NULL,
                updatedAt REAL NOT NULL,
                submittedAt REAL,
                reviews TEXT NOT NULL DEFAULT '[]',
                archiveMarkdown TEXT,
                archiveSha256 TEXT,
                approvedBy TEXT,
                approvedAt REAL,
                remindersSent INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX postmortem_state ON postmortem(state, owner);
            CREATE TRIGGER postmortem_approvedNoUpdate BEFORE UPDATE ON postmortem WHEN OLD.state = 'approved'
                BEGIN SELECT RAISE(ABORT, 'an approved fault report cannot change'); END;
            CREATE TRIGGER postmortem_approvedNoDelete BEFORE DELETE ON postmortem WHEN OLD.state = 'approved'
                BEGIN SELECT RAISE(ABORT, 'an approved fault report cannot change'); END;
            """)
    }

    /// A message may be about no single incident (a weekly report): `incidentId` becomes nullable.
    /// SQLite cannot relax NOT NULL in place, so the table is rebuilt (create, copy, drop, rename);
    /// the migrator runs this with foreign keys off and checks them before committing, and
    /// `deliveryAttempt` names the table, so it refers to the new one after the rename.
    private static func rebuildOutboxWithOptionalIncident(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outboxMessage_v5 (
                id TEXT PRIMARY KEY,
                incidentId INTEGER REFERENCES incident(id),
                channel TEXT NOT NULL,
                target TEXT NOT NULL,
                recipients TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                extras TEXT NOT NULL DEFAULT '{}',
                purpose TEXT NOT NULL,
                createdAt REAL NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
                attempts INTEGER NOT NULL DEFAULT 0,
                nextAttemptAt REAL
            );
            INSERT INTO outboxMessage_v5 (rowid, id, incidentId, channel, target, recipients, subject, body, extras, purpose, createdAt,
                                          status, attempts, nextAttemptAt)
                SELECT rowid, id, incidentId, channel, target, recipients, subject, body, extras, purpose, createdAt,
                       status, attempts, nextAttemptAt
                FROM outboxMessage;
            DROP TABLE outboxMessage;
            ALTER TABLE outboxMessage_v5 RENAME TO outboxMessage;
            CREATE INDEX outboxMessage_due ON outboxMessage(nextAttemptAt) WHERE status = 'pending';
            CREATE INDEX outboxMessage_incident ON outboxMessage(incidentId);
            """)
    }

    /// The archive's full-text index: one row per incident (rowid = incident id). The trigram
    /// tokenizer finds any substring of three or more characters, Chinese included; shorter
    /// terms are matched with LIKE on the same columns.
    private static func createArchiveSearch(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE incidentSearch USING fts5(subject, body, notes, report, tokenize = 'trigram');
            INSERT INTO incidentSearch (rowid, subject, body, notes, report)
                SELECT i.id, i.subject,
                       COALESCE(i.description, '') || char(10) || COALESCE(i.situation, '') || char(10)
                           || COALESCE(i.other, '') || char(10) || COALESCE(i.resolutionSummary, ''),
                       COALESCE((SELECT group_concat(n.text, char(10)) FROM (
                           SELECT json_extract(e.details, '$.text') AS text FROM timelineEvent e
                           WHERE e.incidentId = i.id AND e.kind = 'note' ORDER BY e.id) n), ''),
                       ''
                FROM incident i;
            """)
    }

    /// Two-character Chinese terms, which the trigram index cannot find, as tokens of their own
    /// (`ArchiveBigrams`): one row per incident, the same rowid, no positions needed.
    private static func createArchiveBigrams(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE incidentSearchBigram USING fts5(text, tokenize = 'unicode61', detail = 'none', columnsize = 0);
            INSERT INTO incidentSearchBigram (rowid, text)
                SELECT rowid, oncall_bigrams(subject || char(10) || body || char(10) || notes || char(10) || report) FROM incidentSearch;
            """)
    }

    /// When each regular document is next due, and the documents generated.
    private static func createPeriodic(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE periodicJob (
                kind TEXT PRIMARY KEY,
                dueAt REAL NOT NULL
            );
            CREATE TABLE periodicDocument (
                kind TEXT NOT NULL,
                period TEXT NOT NULL,
                fromAt REAL NOT NULL,
                untilAt REAL NOT NULL,
                markdown TEXT NOT NULL,
                generatedAt REAL NOT NULL,
                PRIMARY KEY (kind, period)
            );
            CREATE INDEX periodicDocument_generatedAt ON periodicDocument(generatedAt);
            """)
    }
}
