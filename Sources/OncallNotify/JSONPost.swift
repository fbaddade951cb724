import Foundation
import OncallCurl

/// The `CurlRequest` every webhook and chat robot sends: a JSON POST, with the delivery's idempotency key.
enum JSONPost {
    /// Encodes `payload` with sorted keys (the same message always makes the same bytes).
    static func body(_ payload: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only plain strings, numbers, booleans and arrays go in, so encoding cannot fail.
        return (try? encoder.encode(payload)) ?? Data("{}".utf8)
    }

    static func request(
        url: String, body: Data, idempotencyKey: String?, extraHeaders: [(String, String)] = [], timeout: Duration
    ) -> CurlRequest {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("User-Agent", "oncalld")]
        if let idempotencyKey { headers.append(("Idempotency-Key", TextEscaping.headerValue(idempotencyKey))) }
        headers += extraHeaders
        return CurlRequest(
            method: "POST", url: url, headers: headers, body: body, timeout: timeout,
            connectTimeout: min(timeout, .seconds(10)))
    }
}
