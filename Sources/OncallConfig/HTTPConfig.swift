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
    /// How long a client has to send a whole request, from connecting or from the previous answer
    /// (`http.request_timeout`); also how long an idle keep-alive connection stays open.
    public var requestTimeout: Duration
    /// Connections open at once on each listener, beyond which new ones are closed (`http.max_connections`).
    public var maxConnections: Int

    /// Creates a listener configuration; the defaults are those of an empty config file.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, tokens: [APIToken] = [],
        requestTimeout: Duration = .seconds(30), maxConnections: Int = 512
    ) {
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.tokens = tokens
    }
}
