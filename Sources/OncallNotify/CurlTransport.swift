import OncallCurl

/// Runs a transfer the way the caller chose: through a shared multi handle, or on a thread of its own.
enum CurlTransport {
    static func perform(_ request: CurlRequest, multi: CurlMulti?) async throws(CurlError) -> CurlResponse {
        if let multi { return try await multi.perform(request) }
        return try await performDetached(request)
    }
}
