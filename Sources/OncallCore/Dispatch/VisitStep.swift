/// Something reported about a visit, by the engineer, the PM or the daemon.
public enum VisitStep: Sendable, Equatable {
    /// The engineer takes the visit (dispatched → accepted).
    case accept
    /// The engineer sets off, "on the way" (accepted → en route).
    case depart
    /// The engineer is at the site (en route → on site).
    case arrive
    /// The work is done (on site → completed), with an optional summary.
    case complete(summary: String?)
    /// The engineer turns the visit down before accepting (dispatched → declined); the caller
    /// then dispatches again, excluding the engineer.
    case decline(reason: String?)
    /// The visit is called off from any open state (e.g. to re-assign it after a breach).
    case cancel(reason: String)
    /// The in-warranty customer was phoned back (the 4-working-hour promise); any open state, once.
    case callBack(note: String?)
    /// The out-of-warranty customer confirmed the chargeable repair, which starts the 3–7
    /// working-day repair window; any open state, once, chargeable visits only.
    case confirmRepair

    /// The past participle for refusals: "cannot be <verb>".
    public var verb: String {
        switch self {
        case .accept: "accepted"
        case .depart: "marked on the way"
        case .arrive: "marked on site"
        case .complete: "completed"
        case .decline: "declined"
        case .cancel: "cancelled"
        case .callBack: "marked called back"
        case .confirmRepair: "confirmed for repair"
        }
    }
}
