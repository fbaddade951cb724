import Foundation
import OncallMail

/// A whole RFC 5322 message as the request body, from an MTA pipe or `oncallctl report --eml`.
///
/// ```sh
/// # Postfix master.cf pipe, or an Exim transport: the recipient keeps its plus tag
/// curl --fail -sS -H 'Authorization: Bearer …' -H 'Content-Type: message/rfc822' \
///      --data-binary @- "http://127.0.0.1:8080/v1/inbound/rfc822/mta?recipient=${recipient}"
/// ```
///
/// `?recipient=` (comma-separated) gives the envelope recipients, which an MTA knows and the
/// headers may not. Authenticated by the bearer token, checked before this.
enum RawMailDecoder {
    /// Media types accepted: the right one, plus what `curl --data-binary` and scripts send
    /// when nobody set one. Anything else (a form, JSON) is a caller mistake worth a 415.
    static let acceptedTypes: Set<String> = ["message/rfc822", "application/octet-stream", "text/plain"]

    /// Parses the body as a message.
    static func decode(_ request: InboundHTTPRequest, integration: InboundIntegration) throws(InboundError) -> InboundPayload {
        if let contentType = request.header("Content-Type") {
            let type = ParameterizedValue.parse(contentType).value
            guard type.isEmpty || acceptedTypes.contains(type) else {
                throw .unsupportedMediaType("send the message as Content-Type: message/rfc822, not \(type)")
            }
        }
        guard !request.body.isEmpty else { throw .malformed("the body is empty; it must be a whole RFC 5322 message") }
        let mail = try ProviderMail.parseMIME(request.body, limits: integration.limits)
        return .mail(mail, envelopeTo: ProviderMail.recipients(request.query["recipient"]), eventID: nil)
    }
}
