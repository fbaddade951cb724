/// The TCP HTTP API listener (`http.*` in the config).
public struct HTTPConfig: Sendable, Equatable {
    /// Address to bind, without brackets for IPv6 (e.g. `127.0.0.1`, `::1`).
    public var host: String
    /// TCP port, 1...65535.
    public var port: Int
    /// Largest accepted request body in bytes (`http.max_body`).
    public var maxBodyBytes: Int
    /// Bearer tokens accepted by the API (`http.tokens`).
    public var tokens: [APIToken]

    /// Creates a listener configuration; the defaults are those of an empty config file.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, tokens: [APIToken] = []) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.tokens = tokens
    }
}
