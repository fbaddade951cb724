import OncallCore
import OncallMail

/// What an authenticated inbound request carried, ready for the intake to act on.
public enum InboundPayload: Sendable {
    /// A mail message.
    ///
    /// `envelopeTo` holds the SMTP envelope recipients when the provider reports them (they
    /// carry the plus-address tag even when the `To` header names a list); it may be empty.
    /// `eventID` is the provider's own id for this message, a dedup key that survives the
    /// provider's retries: Postmark `MessageID`, SES `mail.messageId`. It is nil for Mailgun
    /// (its `token` is a random per-request string for the replay guard, not a message id),
    /// SendGrid and rfc822, whose dedup relies on `Message-ID`, else `ParsedMail.rawSHA256`
    /// (for provider-parsed mail a digest of the posted content without the signature fields,
    /// so a re-post of the same message gets the same digest).
    case mail(ParsedMail, envelopeTo: [String], eventID: String?)
    /// An Alertmanager notification (webhook payload version 4).
    case alertmanager(AlertmanagerWebhook)
    /// The generic JSON report form, decoded but not yet validated, and the sender's idempotency key.
    case report(ReportForm, idempotencyKey: String?)
    /// SNS asks to confirm the subscription: log `subscribeURL` for an operator to visit (it is
    /// never fetched by oncalld) and answer 2xx.
    case subscriptionConfirmation(subscribeURL: String, topicARN: String)
}
