/// How one level escalates through people: who is told at report, how often unacknowledged
/// incidents are re-sent, and who is told on escalation and resolution (`escalation.chains`).
public struct EscalationChain: Sendable, Equatable {
    /// Told when the incident is reported (and again when it is re-levelled to this level).
    public var atReport: [Audience]
    /// Told when the incident is escalated, by timer or by hand.
    public var onEscalation: [Audience]
    /// Re-send to `atReport` while nobody has acknowledged, every `reminderEvery`, up to `reminderTimes` times.
    public var reminderEvery: Duration?
    public var reminderTimes: Int
    /// Tell everyone told so far when the incident is resolved.
    public var notifyOnResolve: Bool

    public init(
        atReport: [Audience] = [.oncallEngineers, .projectManagers], onEscalation: [Audience] = [.emergencyGroup],
        reminderEvery: Duration? = .seconds(300), reminderTimes: Int = 3, notifyOnResolve: Bool = true
    ) {
        self.atReport = atReport
        self.onEscalation = onEscalation
        self.reminderEvery = reminderEvery
        self.reminderTimes = reminderTimes
        self.notifyOnResolve = notifyOnResolve
    }

    /// The default chain for a level: level 1 also tells the emergency group at report.
    public static func standard(for level: Level) -> EscalationChain {
        level == .level1
            ? EscalationChain(atReport: [.oncallEngineers, .projectManagers, .emergencyGroup])
            : EscalationChain()
    }
}
