import Foundation

/// The fault report (故障报告) as Markdown: the facts oncalld recorded, regenerated on every
/// render, and the four sections people write, which `sections(from:)` reads back from an edited copy.
public enum PostmortemDocument {
    /// What oncalld knows about the incident, gathered by the caller from the stores.
    public struct Facts: Sendable, Equatable {
        public var incident: Incident
        /// Oldest first.
        public var timeline: [TimelineEvent]
        /// Every message sent about the incident, with its attempts.
        public var deliveries: [DeliveryRecord]
        public var visits: [Visit]
        /// Person id → display name; actors (`unix:alice`) are looked up whole, then by the part after `:`.
        public var names: [String: String]
        /// Branch id → display name.
        public var branchNames: [String: String]
        /// The zone times are shown in.
        public var timeZone: TimeZone

        public init(
            incident: Incident, timeline: [TimelineEvent] = [], deliveries: [DeliveryRecord] = [], visits: [Visit] = [],
            names: [String: String] = [:], branchNames: [String: String] = [:], timeZone: TimeZone
        ) {
            self.incident = incident
            self.timeline = timeline
            self.deliveries = deliveries
            self.visits = visits
            self.names = names
            self.branchNames = branchNames
            self.timeZone = timeZone
        }
    }

    /// The whole document in the report's language: facts, times, form, timeline, notifications,
    /// field visits, the four written sections (an HTML comment hint where one is empty), reviews.
    public static func render(_ facts: Facts, postmortem: Postmortem) -> String {
        PostmortemRenderer(facts: facts, postmortem: postmortem).document()
    }

    /// What to write in an empty section, shown as an HTML comment so an untouched draft reads back empty.
    static func hint(_ section: PostmortemSection, _ language: ReportLanguage) -> String {
        switch (section, language) {
        case (.cause, .zh): "写明故障的根本原因"
        case (.fix, .zh): "写明采取了哪些措施解决故障"
        case (.process, .zh): "写明解决的经过：何时发现、如何定位、如何恢复"
        case (.prevention, .zh): "写明今后防止再次发生的措施"
        case (.cause, .en): "What caused it?"
        case (.fix, .en): "What fixed it?"
        case (.process, .en): "How did the fix go: when was it found, how was it located, how was service restored?"
        case (.prevention, .en): "What will stop it happening again?"
        }
    }
}
