/// A promise a service request carries, named as config keys and the timeline name it
/// (`requests.promises.bug_report.decision`).
public enum RequestDeadlineName: String, Sendable, Codable, CaseIterable {
    /// A software upgrade is done.
    case done
    /// A returned-for-repair product is back.
    case returned
    /// An out-of-warranty product is inspected the day it arrives.
    case inspection
    /// An out-of-warranty repair is finished after the customer confirms.
    case repair
    /// A bug's fix-or-not decision.
    case decision
    /// The customer's feedback on a fix is checked.
    case feedbackCheck = "feedback_check"
    /// A new requirement's approval.
    case approval
    /// The customer is told before a promised date that it will be missed.
    case delayNotice = "delay_notice"
    /// A release is tested, approved and agreed before its window opens.
    case readiness
    /// A release goes out within its window.
    case release
}
