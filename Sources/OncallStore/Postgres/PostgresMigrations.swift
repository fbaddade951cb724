import Logging
import PostgresNIO

/// The PostgreSQL schema, as a list of named migrations applied once each (recorded in
/// `schema_migration`). Never edit a shipped migration: add a new one. Two nodes starting at
/// once take turns: migrations run under a transaction-scoped advisory lock.
///
/// The tables hold what the SQLite schema holds (its v1–v7), in snake_case; instants are Unix
/// seconds (`double precision`) in both, so the same values round-trip the same way.
enum PostgresMigrations {
    static let lockKey: Int64 = 0x6F6E_6361_6C6C_0001  // "oncall" + 1: the migration lock

    static let all: [(name: String, sql: [String])] = [
        ("pg1-createSchema", [
            """
            CREATE TABLE incident (
                id bigint PRIMARY KEY,
                level bigint NOT NULL CHECK (level IN (1, 2, 3)),
                state text NOT NULL CHECK (state IN ('reported', 'acknowledged', 'escalated', 'resolved', 'closed')),
                reported_at double precision NOT NULL,
                resolved_at double precision,
                organisation text NOT NULL,
                service text,
                idempotency_key text UNIQUE,
                data text NOT NULL
            )
            """,
            "CREATE SEQUENCE incident_number",
            "CREATE INDEX incident_state ON incident(state)",
            "CREATE INDEX incident_reported_at ON incident(reported_at)",
            """
            CREATE TABLE timeline_event (
                id bigserial PRIMARY KEY,
                incident_id bigint NOT NULL REFERENCES incident(id),
                at double precision NOT NULL,
                kind text NOT NULL,
                actor text NOT NULL,
                details text NOT NULL DEFAULT '{}'
            )
            """,
            "CREATE INDEX timeline_event_incident ON timeline_event(incident_id, id)",
            // Append-only is enforced by the database itself, not by convention.
            """
            CREATE FUNCTION timeline_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the timeline is append-only'; END $$
            """,
            """
            CREATE TRIGGER timeline_event_no_change BEFORE UPDATE OR DELETE ON timeline_event
                FOR EACH ROW EXECUTE FUNCTION timeline_event_append_only()
            """,
            """
            CREATE TABLE timer (
                id bigserial PRIMARY KEY,
                incident_id bigint NOT NULL REFERENCES incident(id),
                kind text NOT NULL,
                due_at double precision NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
                fired_at double precision,
                fired_by text
            )
            """,
            "CREATE UNIQUE INDEX timer_one_pending ON timer(incident_id, kind) WHERE status = 'pending'",
            "CREATE INDEX timer_due ON timer(due_at) WHERE status = 'pending'",
            """
            CREATE TABLE outbox_message (
                id text PRIMARY KEY,
                incident_id bigint REFERENCES incident(id),
                channel text NOT NULL,
                target text NOT NULL,
                recipients text NOT NULL,
                subject text NOT NULL,
                body text NOT NULL,
                extras text NOT NULL DEFAULT '{}',
                purpose text NOT NULL,
                created_at double precision NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
                attempts bigint NOT NULL DEFAULT 0,
                next_attempt_at double precision,
                seq bigserial,
                claimed_by text,
                claimed_until double precision
            )
            """,
            "CREATE INDEX outbox_message_due ON outbox_message(next_attempt_at) WHERE status = 'pending'",
            "CREATE INDEX outbox_message_incident ON outbox_message(incident_id)",
            """
            CREATE TABLE delivery_attempt (
                id bigserial PRIMARY KEY,
                message_id text NOT NULL REFERENCES outbox_message(id),
                number bigint NOT NULL,
                at double precision NOT NULL,
                result text NOT NULL CHECK (result IN ('delivered', 'retryable', 'permanent')),
                detail text NOT NULL
            )
            """,
            "CREATE INDEX delivery_attempt_message ON delivery_attempt(message_id, number)",
            """
            CREATE TABLE visit (
                incident_id bigint NOT NULL REFERENCES incident(id),
                attempt bigint NOT NULL,
                engineer text NOT NULL,
                branch text NOT NULL,
                state text NOT NULL,
                sla_kind text NOT NULL,
                dispatched_at double precision NOT NULL,
                data text NOT NULL,
                PRIMARY KEY (incident_id, attempt)
            )
            """,
            "CREATE INDEX visit_engineer ON visit(engineer, dispatched_at)",
            "CREATE INDEX visit_branch ON visit(branch, dispatched_at)",
            """
            CREATE TABLE inbound_message (
                key text PRIMARY KEY,
                integration text NOT NULL,
                kind text NOT NULL,
                message_id text,
                received_at double precision NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('incident', 'note', 'command', 'ignored', 'quarantined', 'updated')),
                incident_id bigint REFERENCES incident(id),
                detail text NOT NULL
            )
            """,
            "CREATE INDEX inbound_message_message_id ON inbound_message(message_id)",
            """
            CREATE TABLE quarantine (
                id bigserial PRIMARY KEY,
                inbound_key text NOT NULL,
                integration text NOT NULL,
                kind text NOT NULL,
                received_at double precision NOT NULL,
                reason text NOT NULL,
                raw bytea NOT NULL,
                status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'retried', 'dropped'))
            )
            """,
            """
            CREATE TABLE postmortem (
                incident_id bigint PRIMARY KEY REFERENCES incident(id),
                state text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved')),
                owner text NOT NULL,
                language text NOT NULL,
                sections text NOT NULL,
                created_at double precision NOT NULL,
                updated_at double precision NOT NULL,
                submitted_at double precision,
                reviews text NOT NULL DEFAULT '[]',
                archive_markdown text,
                archive_sha256 text,
                approved_by text,
                approved_at double precision,
                reminders_sent bigint NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX postmortem_state ON postmortem(state, owner)",
            // An approved report is frozen by the database itself.
            """
            CREATE FUNCTION postmortem_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.state = 'approved' THEN RAISE EXCEPTION 'an approved fault report cannot change'; END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END $$
            """,
            """
            CREATE TRIGGER postmortem_approved_no_change BEFORE UPDATE OR DELETE ON postmortem
                FOR EACH ROW EXECUTE FUNCTION postmortem_frozen()
            """,
            // The archive's search text, one row per incident, rewritten when the incident's text changes.
            """
            CREATE TABLE incident_search (
                incident_id bigint PRIMARY KEY REFERENCES incident(id),
                subject text NOT NULL,
                body text NOT NULL,
                notes text NOT NULL,
                report text NOT NULL
            )
            """,
            "CREATE TABLE periodic_job (kind text PRIMARY KEY, due_at double precision NOT NULL)",
            """
            CREATE TABLE periodic_document (
                kind text NOT NULL,
                period text NOT NULL,
                from_at double precision NOT NULL,
                until_at double precision NOT NULL,
                markdown text NOT NULL,
                generated_at double precision NOT NULL,
                PRIMARY KEY (kind, period)
            )
            """,
            "CREATE INDEX periodic_document_generated_at ON periodic_document(generated_at)",
            // Which node holds the active role (the advisory lock is the truth; this row says who and since when).
            "CREATE TABLE active_node (role text PRIMARY KEY, node text NOT NULL, since double precision NOT NULL)",
        ]),
        // Each recipient's pending messages in the order they were written, for finding a queue's head.
        ("pg2-indexOutboxQueue", [
            "CREATE INDEX outbox_message_queue ON outbox_message(channel, target, seq) WHERE status = 'pending'",
        ]),
        // Maintenance windows; an incident's hold is in its `data`, the window also as a column so
        // ending a window finds the incidents it holds.
        ("pg3-createMaintenanceWindow", [
            """
            CREATE TABLE maintenance_window (
                id bigserial PRIMARY KEY,
                starts_at double precision NOT NULL,
                ends_at double precision NOT NULL,
                services text NOT NULL,
                matchers text NOT NULL,
                reason text NOT NULL,
                created_by text NOT NULL,
                created_at double precision NOT NULL,
                ended_at double precision,
                ended_by text,
                CHECK (ends_at > starts_at)
            )
            """,
            "CREATE INDEX maintenance_window_ends_at ON maintenance_window(ends_at)",
            "ALTER TABLE incident ADD COLUMN maintenance_window bigint REFERENCES maintenance_window(id)",
            "CREATE INDEX incident_maintenance_window ON incident(maintenance_window) WHERE maintenance_window IS NOT NULL",
        ]),
        // Service requests, stored whole as JSON with the columns lists filter on; a promise timer's row lives while it is pending.
        ("pg4-createServiceRequest", [
            """
            CREATE TABLE service_request (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                owner text,
                submitted_at double precision NOT NULL,
                closed_at double precision,
                data text NOT NULL
            )
            """,
            "CREATE INDEX service_request_open ON service_request(id) WHERE closed_at IS NULL",
            """
            CREATE TABLE request_timer (
                request_id bigint NOT NULL REFERENCES service_request(id),
                deadline text NOT NULL,
                action text NOT NULL CHECK (action IN ('warn', 'missed')),
                due_at double precision NOT NULL,
                PRIMARY KEY (request_id, deadline, action)
            )
            """,
            "CREATE INDEX request_timer_due_at ON request_timer(due_at)",
        ]),
        ("pg5-createHeartbeat", [
            """
            CREATE TABLE heartbeat (
                name text PRIMARY KEY,
                armed_at double precision NOT NULL,
                last_beat_at double precision,
                last_beat_by text,
                due_at double precision NOT NULL,
                incident_id bigint REFERENCES incident(id),
                beats bigint NOT NULL DEFAULT 0 CHECK (beats >= 0)
            )
            """,
        ]),
        // Calendar subscriptions keep the secret token's hash, never the token; unique, so one look-up finds it.
        ("pg6-createCalendarFeed", [
            """
            CREATE TABLE calendar_feed (
                id bigserial PRIMARY KEY,
                subject_kind text NOT NULL CHECK (subject_kind IN ('schedule', 'person')),
                subject_id text NOT NULL CHECK (subject_id <> ''),
                token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                created_by text NOT NULL,
                created_at double precision NOT NULL,
                revoked_at double precision,
                revoked_by text,
                CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
            )
            """,
        ]),
        // The inbound mail that made a request, by its dedup key. The key is claimed before the request row
        // is written (so a concurrent retry waits on it), hence the deferred reference.
        ("pg7-createRequestInbound", [
            """
            CREATE TABLE request_inbound (
                key text PRIMARY KEY,
                request_id bigint NOT NULL REFERENCES service_request(id) DEFERRABLE INITIALLY DEFERRED
            )
            """,
        ]),
    ]

    /// Applies the migrations not yet recorded; returns the names of all applied ones.
    static func migrate(_ database: PostgresDatabase) async throws -> [String] {
        try await database.transaction(counted: false) { connection in
            let logger = database.logger
            try await connection.run("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.run(
                "CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            let applied = Set(try await connection.rows("SELECT name FROM schema_migration", logger: logger).map { try $0.value("name", as: String.self) })
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.sql {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.run("INSERT INTO schema_migration (name) VALUES (\(migration.name))", logger: logger)
            }
            return all.map(\.name)
        }
    }
}
