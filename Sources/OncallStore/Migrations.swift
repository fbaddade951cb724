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
        return migrator
    }
}
