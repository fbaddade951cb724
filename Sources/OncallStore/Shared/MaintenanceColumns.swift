import Foundation
import OncallCore

/// How both backends store a window's services and matchers: JSON text with sorted keys, so
/// rows written by SQLite and PostgreSQL read back the same way.
enum MaintenanceColumns {
    static func services(_ services: [String]) -> String {
        String(decoding: (try? JSONEncoder.sorted.encode(services)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func matchers(_ matchers: [String: String]) -> String {
        String(decoding: (try? JSONEncoder.sorted.encode(matchers)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads both columns back; `row` names the window in the error.
    static func decode(services: String, matchers: String, row: String) throws -> ([String], [String: String]) {
        do {
            return (try JSONDecoder().decode([String].self, from: Data(services.utf8)),
                    try JSONDecoder().decode([String: String].self, from: Data(matchers.utf8)))
        } catch {
            throw StoreError.unreadable("\(row): its services or matchers do not read")
        }
    }
}
