import Foundation

/// Verifies and decodes inbound webhook requests, one provider format per integration kind.
///
/// Pure: the request, the integration, `now` and the replay question in; a payload or an
/// `InboundError` out. Nothing here stores, logs or touches the network, so the HTTP route can
/// answer the provider only after the store has committed what the payload became.
public enum InboundDecoder {
    /// Verifies the request's credentials for `integration`, then decodes it.
    ///
    /// Kinds that authenticate with a header (basic auth, URL secret, bearer token) are checked
    /// before the body is looked at; Mailgun and SES sign inside the body, so their body is
    /// size-checked and parsed first and the signature is verified before anything else is
    /// read from it. Every credential comparison takes the same time whatever the input.
    ///
    /// - Parameters:
    ///   - request: The HTTP request.
    ///   - integration: The endpoint's kind and credentials.
    ///   - now: The current time, for Mailgun's timestamp window and certificate validity.
    ///   - seenToken: Whether a Mailgun token was used before (the replay guard; the lead
    ///     persists tokens). Called only after the signature and timestamp checks pass, so an
    ///     attacker cannot probe or fill the token store. Persist the token in the same
    ///     transaction as the message, so a failed commit does not burn it.
    /// - Throws: `InboundError`; see its table for each status.
    public static func decode(
        _ request: InboundHTTPRequest, integration: InboundIntegration, now: Date,
        seenToken: @Sendable (String) -> Bool
    ) throws(InboundError) -> InboundPayload {
        switch integration.kind {
        case .mailgun:
            try checkSize(request, integration)
            return try MailgunDecoder.decode(request, integration: integration, now: now, seenToken: seenToken)
        case .sendgrid:
            try Credentials.requireSendGrid(request, integration)
            try checkSize(request, integration)
            return try SendGridDecoder.decode(request, integration: integration)
        case .postmark:
            try Credentials.requireBasic(request, integration)
            try checkSize(request, integration)
            return try PostmarkDecoder.decode(request, integration: integration)
        case .ses:
            try checkSize(request, integration)
            return try SESDecoder.decode(request, integration: integration, now: now)
        case .rfc822:
            try Credentials.requireBearer(request, integration)
            try checkSize(request, integration)
            return try RawMailDecoder.decode(request, integration: integration)
        case .alertmanager:
            try Credentials.requireBearer(request, integration)
            try checkSize(request, integration)
            return try AlertmanagerDecoder.decode(request.body)
        case .json:
            try Credentials.requireBearer(request, integration)
            try checkSize(request, integration)
            return try ReportJSONDecoder.decode(request.body)
        }
    }

    /// The status a provider reads as "do not retry" for a message refused for good, for the
    /// lead's refusal answers (a message that is authentic but must never be accepted).
    ///
    /// - Mailgun route forwarding: 406 ("the POST is rejected and it will not be retried");
    ///   every other non-200 is retried for 8 hours.
    /// - Postmark inbound: 403 stops retries; anything else non-200 is retried 10 times.
    /// - SendGrid Inbound Parse: only 5xx is retried, so 400 ends it.
    /// - SES through SNS: SNS retries HTTP/S deliveries only on 5xx and network errors.
    /// - Alertmanager: its webhook notifier retries 5xx only.
    /// - rfc822 and json: our own clients (`oncallctl`, an MTA pipe with `curl --fail`); 400
    ///   tells them the message is wrong, not the server.
    public static func permanentRefusalStatus(for kind: InboundIntegration.Kind) -> Int {
        switch kind {
        case .mailgun: 406
        case .postmark: 403
        case .sendgrid, .ses, .rfc822, .alertmanager, .json: 400
        }
    }

    /// Refuses bodies over the integration's message limit before any parsing work.
    static func checkSize(_ request: InboundHTTPRequest, _ integration: InboundIntegration) throws(InboundError) {
        let limit = integration.limits.maxMessageBytes
        if request.body.count > limit { throw .tooLarge(size: request.body.count, limit: limit) }
    }
}
