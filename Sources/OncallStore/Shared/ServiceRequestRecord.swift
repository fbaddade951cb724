import Foundation
import OncallCore

/// A service request as both backends store it: the whole value as JSON text, plus the columns
/// the lists filter on. The JSON is the truth; the columns are rewritten from it on every change.
enum ServiceRequestRecord {
    static func encode(_ request: ServiceRequest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(request), as: UTF8.self)
    }

    static func decode(_ text: String, number: Int64) throws -> ServiceRequest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(ServiceRequest.self, from: Data(text.utf8))
        } catch {
            throw StoreError.unreadable("service request \(RequestNumber(number)): \(error)")
        }
    }
}
