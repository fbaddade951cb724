/// A step on a service request's timeline. Which steps a kind has, and in what order, is its
/// `RequestFlow`; the names are the ones the CLI and the API take (`oncallctl request step REQ-1 decided`).
public enum RequestStep: String, Sendable, Codable, CaseIterable {
    /// The request (or the returned product) arrived; recorded at submission.
    case received
    /// A release was applied for, with its reason and the issues it fixes; recorded at submission.
    case applied
    /// An out-of-warranty product was inspected.
    case inspected
    /// The customer confirmed (a repair quote, or that a release works).
    case confirmed
    /// A bug's fix-or-not decision, or a new requirement's approval decision.
    case decided
    /// A fix was delivered to the customer.
    case fixDelivered = "fix_delivered"
    /// The customer's feedback on a fix arrived.
    case feedback
    /// The customer's feedback was checked.
    case feedbackChecked = "feedback_checked"
    /// The customer was told a promised date will be missed.
    case delayNotified = "delay_notified"
    /// A release was tested.
    case tested
    /// The project manager approved a release.
    case approved
    /// The customer agreed to a release.
    case agreed
    /// A release went out.
    case released
    /// The work is done (upgrade installed, product returned or repaired, requirement delivered, bug closed).
    case done
    /// The request was withdrawn; its open promises are neither kept nor missed.
    case cancelled
}
