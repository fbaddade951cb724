import Foundation
import OncallSupport

/// How every store backend writes a timeline entry's facts: one JSON object of strings, keys
/// sorted, so rows written by SQLite and PostgreSQL read back the same way.
extension TimelineEvent {
    /// The facts as stored (a JSON object of strings).
    public var storedDetails: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Every facts type encodes to an object of strings.
        return String(decoding: (try? encoder.encode(TimelineFacts.Encoded(facts: facts))) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads an entry as stored. Throws `StoreError.unreadable` for a kind this version does not
    /// know or facts it cannot read; `row` names the entry in the error.
    public init(storedKind: String, at: Date, actor: String, storedDetails: String, row: String) throws {
        guard let kind = Kind(rawValue: storedKind) else {
            throw StoreError.unreadable("\(row): unknown kind '\(storedKind)'")
        }
        do {
            self.init(try TimelineFacts(kind: kind, details: Data(storedDetails.utf8)), at: at, actor: actor)
        } catch let error as DecodingError {
            throw StoreError.unreadable("\(row): its \(storedKind) details do not read: \(DecodingProblem(error))")
        } catch {
            throw StoreError.unreadable("\(row): its \(storedKind) details do not read: \(error)")
        }
    }
}
