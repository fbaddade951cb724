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
        return migrator
    }
}
