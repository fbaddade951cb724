import Foundation
import GRDB
import OncallCore

/// An `Incident` as a row of the `incident` table, through `Codable`: the report form encodes
/// its own fields, so a new form field needs only its column (a migration), never a change here.
///
/// Keys are the wire names (snake_case); columns are their camelCase spelling. Dates are Unix seconds (REAL).
struct IncidentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "incident"
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSince1970 }
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.custom { ColumnName.camelCase($0.stringValue) }
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.custom { AnyCodingKey(ColumnName.snakeCase($0)) }

    var incident: Incident
    /// Set on create only: a repeat of the key returns the incident made with it.
    var idempotencyKey: String?

    enum CodingKeys: String, CodingKey {
        case id, level, state
        case reportedAt = "reported_at"
        case acknowledgedAt = "acknowledged_at"
        case escalatedAt = "escalated_at"
        case resolvedAt = "resolved_at"
        case closedAt = "closed_at"
        case resolutionSummary = "resolution_summary"
        case reportedBy = "reported_by"
        case remindersSent = "reminders_sent"
        case maintenanceWindow = "maintenance_window"
        case maintenanceUntil = "maintenance_until"
        case idempotencyKey = "idempotency_key"
    }

    init(_ incident: Incident, idempotencyKey: String? = nil) {
        self.incident = incident
        self.idempotencyKey = idempotencyKey
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decode(Int64.self, forKey: .id)
        let levelValue = try container.decode(Int.self, forKey: .level)
        let stateText = try container.decode(String.self, forKey: .state)
        guard let level = Level(rawValue: levelValue), let state = IncidentState(rawValue: stateText) else {
            throw DatabaseError(message: "incident \(id): unknown level \(levelValue) or state \(stateText)")
        }
        incident = Incident(
            id: IncidentNumber(id), form: try ReportForm(from: decoder), level: level, state: state,
            reportedAt: try container.decode(Date.self, forKey: .reportedAt),
            acknowledgedAt: try container.decodeIfPresent(Date.self, forKey: .acknowledgedAt),
            escalatedAt: try container.decodeIfPresent(Date.self, forKey: .escalatedAt),
            resolvedAt: try container.decodeIfPresent(Date.self, forKey: .resolvedAt),
            closedAt: try container.decodeIfPresent(Date.self, forKey: .closedAt),
            resolutionSummary: try container.decodeIfPresent(String.self, forKey: .resolutionSummary),
            reportedBy: try container.decode(String.self, forKey: .reportedBy),
            remindersSent: try container.decode(Int.self, forKey: .remindersSent),
            maintenance: try Self.hold(container))
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(incident.id.value, forKey: .id)
        try incident.form.encode(to: encoder)
        try container.encode(incident.level.rawValue, forKey: .level)
        try container.encode(incident.state.rawValue, forKey: .state)
        try container.encode(incident.reportedAt, forKey: .reportedAt)
        try container.encode(incident.acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(incident.escalatedAt, forKey: .escalatedAt)
        try container.encode(incident.resolvedAt, forKey: .resolvedAt)
        try container.encode(incident.closedAt, forKey: .closedAt)
        try container.encode(incident.resolutionSummary, forKey: .resolutionSummary)
        try container.encode(incident.reportedBy, forKey: .reportedBy)
        try container.encode(incident.remindersSent, forKey: .remindersSent)
        // Always written (null when not held), so releasing a hold clears the columns.
        try container.encode(incident.maintenance?.window, forKey: .maintenanceWindow)
        try container.encode(incident.maintenance?.until, forKey: .maintenanceUntil)
        // Present on create only, so an update (which writes the encoded columns) leaves it as it is.
        try container.encodeIfPresent(idempotencyKey, forKey: .idempotencyKey)
    }

    /// The maintenance hold, from its two columns (absent in rows written before v8: not held).
    private static func hold(_ container: KeyedDecodingContainer<CodingKeys>) throws -> MaintenanceHold? {
        guard let window = try container.decodeIfPresent(Int64.self, forKey: .maintenanceWindow),
              let until = try container.decodeIfPresent(Date.self, forKey: .maintenanceUntil) else { return nil }
        return MaintenanceHold(window: window, until: until)
    }

    /// The incident with this number, if any.
    static func fetch(_ id: IncidentNumber, _ db: Database) throws -> Incident? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM incident WHERE id = ?"), arguments: [id.value])?.incident
    }

    /// Saves a changed incident; the idempotency key written at creation stays.
    static func save(_ incident: Incident, _ db: Database) throws {
        try IncidentRecord(incident).update(db)
    }
}

/// Column names from coding keys and back: `reporter_contact` ↔ `reporterContact`.
enum ColumnName {
    // Byte by byte: these run for every column of every incident row read or written, and names are ASCII.
    static func camelCase(_ key: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        var upperNext = false
        for byte in key.utf8 {
            if byte == UInt8(ascii: "_"), !bytes.isEmpty {
                upperNext = true
            } else {
                bytes.append(upperNext && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte)
                upperNext = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func snakeCase(_ column: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(column.utf8.count + 4)
        for byte in column.utf8 {
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                bytes += [UInt8(ascii: "_"), byte + 32]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A coding key made from a column name.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
