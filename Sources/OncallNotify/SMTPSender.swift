import Foundation
import OncallCurl

/// Sends email through one SMTP relay with libcurl: STARTTLS or implicit TLS, optional AUTH.
public struct SMTPSender: Sendable {
    /// `smtp://host:port` (plain, or STARTTLS with `requireTLS`) or `smtps://host:port` (implicit TLS).
    public var url: String
    /// The envelope sender (`MAIL FROM`), where bounces go; a bare address or `Name <address>`.
    public var from: String
    /// The AUTH user name; no AUTH without one.
    public var username: String?
    /// The AUTH password.
    public var password: String?
    /// Refuse to send without TLS: STARTTLS is required for `smtp://`.
    public var requireTLS: Bool
    /// The limit for one whole SMTP conversation.
    public var timeout: Duration

    public init(
        url: String, from: String, username: String? = nil, password: String? = nil, requireTLS: Bool = false,
        timeout: Duration = .seconds(60)
    ) {
        self.url = url
        self.from = from
        self.username = username
        self.password = password
        self.requireTLS = requireTLS
        self.timeout = timeout
    }

    /// The libcurl transfer for `email`: the formatted message, the envelope from `from` and `email.to`.
    public func request(_ email: OutgoingEmail, date: Date) -> CurlRequest {
        CurlRequest(
            url: url, body: EmailFormatter.format(email, date: date), timeout: timeout,
            connectTimeout: min(timeout, .seconds(15)), username: username, password: password,
            requireTLS: requireTLS, mailFrom: MailboxAddress(parsing: from).envelope,
            mailRecipients: Self.recipients(of: email))
    }

    /// Sends `email` on a thread of its own, or through `multi` when given. `delivered` carries the last SMTP
    /// reply code (`SMTP 250`); a failure is classified by `DeliveryClassifier.classify(smtpError:)`.
    public func send(_ email: OutgoingEmail, date: Date, multi: CurlMulti? = nil) async -> DeliveryOutcome {
        guard !Self.recipients(of: email).isEmpty else { return .permanent(detail: "no recipient addresses") }
        let request = request(email, date: date)
        do {
            let response = try await CurlTransport.perform(request, multi: multi)
            return .delivered(detail: "SMTP \(response.status)")
        } catch {
            return DeliveryClassifier.classify(smtpError: error)
        }
    }

    /// The envelope recipients, `<address>` each, without duplicates.
    static func recipients(of email: OutgoingEmail) -> [String] {
        var seen = Set<String>()
        return email.to.map { MailboxAddress(parsing: $0) }.filter { !$0.address.isEmpty }
            .map(\.envelope).filter { seen.insert($0.lowercased()).inserted }
    }
}
