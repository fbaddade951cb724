import OncallCore

/// A heartbeat monitor and who may beat it over TCP (`heartbeats[]`). Its secret never appears in
/// descriptions or logs.
public struct HeartbeatConfig: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var heartbeat: Heartbeat
    /// Names of `http.tokens` that may beat it (`tokens`); empty: every API token may.
    public var tokens: [String]
    /// Its own bearer secret, read from `token_file`: it beats this heartbeat and opens nothing else.
    public var secret: String?

    public init(heartbeat: Heartbeat, tokens: [String] = [], secret: String? = nil) {
        self.heartbeat = heartbeat
        self.tokens = tokens
        self.secret = secret
    }

    /// `HeartbeatConfig(nightly-backup, every 24h, secret: <redacted>)`.
    public var description: String {
        "HeartbeatConfig(\(heartbeat.name), every \(heartbeat.interval.compact)\(secret == nil ? "" : ", secret: <redacted>"))"
    }

    public var debugDescription: String { description }

    /// A mirror without the secret, so `dump(_:)` cannot leak it.
    public var customMirror: Mirror {
        Mirror(self, children: ["heartbeat": heartbeat, "tokens": tokens, "secret": secret == nil ? "none" : "<redacted>"], displayStyle: .struct)
    }
}
