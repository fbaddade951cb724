/// The field-dispatch promises (SPEC.md "Support service levels") and how engineers are chosen.
/// Every value is a default the `dispatch` config section can change.
public struct DispatchPolicy: Sendable, Equatable {
    /// Arrival deadline where a branch covering the region sends someone (1 hour).
    public var arrivalWithCoverage: Duration
    /// Arrival deadline otherwise: no branch covers the region, or none of the covering
    /// branches has anyone available (48 hours, wall-clock).
    public var arrivalWithoutCoverage: Duration
    /// How long the engineer has to accept before the PM is told (10 minutes).
    public var acceptWithin: Duration
    /// Working time within which an in-warranty customer is phoned back (4 working hours).
    public var callbackWithin: Duration
    /// An out-of-warranty repair is expected no sooner than this many working days after the customer confirms (3).
    public var repairMinDays: Int
    /// …and is due by the end of this many working days after it (7).
    public var repairMaxDays: Int
    /// After a deadline is breached the PM is told at once; if the visit is still behind this
    /// long after, the emergency group is told too (10 minutes, as for incidents).
    public var emergencyAfterBreach: Duration
    /// The look-back over which engineers' dispatches are counted as their load (30 days);
    /// the caller counts, the planner only reports the window in explanations.
    public var loadWindow: Duration
    /// The branch used when no covering branch can send anyone; nil means the headquarters.
    public var fallbackBranch: String?

    /// A policy; every parameter defaults to the SPEC.md value.
    public init(
        arrivalWithCoverage: Duration = .seconds(3600),
        arrivalWithoutCoverage: Duration = .seconds(48 * 3600),
        acceptWithin: Duration = .seconds(600),
        callbackWithin: Duration = .seconds(4 * 3600),
        repairMinDays: Int = 3,
        repairMaxDays: Int = 7,
        emergencyAfterBreach: Duration = .seconds(600),
        loadWindow: Duration = .seconds(30 * 86_400),
        fallbackBranch: String? = nil
    ) {
        self.arrivalWithCoverage = arrivalWithCoverage
        self.arrivalWithoutCoverage = arrivalWithoutCoverage
        self.acceptWithin = acceptWithin
        self.callbackWithin = callbackWithin
        self.repairMinDays = repairMinDays
        self.repairMaxDays = repairMaxDays
        self.emergencyAfterBreach = emergencyAfterBreach
        self.loadWindow = loadWindow
        self.fallbackBranch = fallbackBranch
    }

    /// The arrival time allowed under `sla`.
    public func arrivalWithin(_ sla: DispatchSLAKind) -> Duration {
        sla == .covered ? arrivalWithCoverage : arrivalWithoutCoverage
    }
}
