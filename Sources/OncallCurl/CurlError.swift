/// A transfer that libcurl could not complete (no HTTP status is an error here; only transport failures are).
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, for callers that decide whether to retry.
    public enum Kind: Sendable, Equatable {
        /// Nothing was sent: the connection was refused, or the Unix socket file is missing or not accessible
        /// (`CURLE_COULDNT_CONNECT`).
        case couldNotConnect
        /// The host name (or proxy name) did not resolve (`CURLE_COULDNT_RESOLVE_HOST`, `CURLE_COULDNT_RESOLVE_PROXY`).
        case couldNotResolveHost
        /// The connection broke after it was made, so the request may have been received
        /// (`CURLE_GOT_NOTHING`, `CURLE_SEND_ERROR`, `CURLE_RECV_ERROR`).
        case connectionLost
        /// A time limit ran out (`CURLE_OPERATION_TIMEDOUT`), while connecting or later.
        case timedOut
        /// Anything else: TLS, bad URL, protocol errors, refused SMTP commands, …
        case other
    }

    public var kind: Kind
    /// The `CURLcode`, e.g. 7 for `CURLE_COULDNT_CONNECT`.
    public var code: Int
    /// `curl_easy_strerror(code)`, e.g. "Couldn't connect to server".
    public var message: String
    /// The `CURLOPT_ERRORBUFFER` text, often more specific; empty when libcurl wrote none.
    public var detail: String
    /// The `errno` of the failing system call (`CURLINFO_OS_ERRNO`), or 0.
    public var osErrno: Int32

    public init(kind: Kind, code: Int, message: String, detail: String = "", osErrno: Int32 = 0) {
        self.kind = kind
        self.code = code
        self.message = message
        self.detail = detail
        self.osErrno = osErrno
    }

    public var description: String {
        "\(detail.isEmpty ? message : detail) (curl error \(code))"
    }

    /// The kind a `CURLcode` belongs to.
    static func kind(of code: Int) -> Kind {
        switch code {
        case 7: .couldNotConnect  // CURLE_COULDNT_CONNECT
        case 5, 6: .couldNotResolveHost  // CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST
        case 52, 55, 56: .connectionLost  // CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR
        case 28: .timedOut  // CURLE_OPERATION_TIMEDOUT
        default: .other
        }
    }
}
