/// What a service request asks for (SPEC.md, "Support service levels" and "Regular work").
/// Each kind's steps and promises are defined once, in `flow`.
public enum RequestKind: String, Sendable, Codable, CaseIterable {
    /// 软件升级: done within 5 working days.
    case softwareUpgrade = "software_upgrade"
    /// 返修: a returned product is back within 10 working days of arrival.
    case repairReturn = "repair_return"
    /// 保外维修: inspected the day it arrives; repaired 3–7 working days after the customer confirms.
    case outOfWarrantyRepair = "out_of_warranty_repair"
    /// Bug: fix-or-not within 2 working days; feedback on a fix checked within 2 working days.
    case bugReport = "bug_report"
    /// 新需求: approval within 1 working day; the customer told 1 working day before a missed promised date.
    case newRequirement = "new_requirement"
    /// 版本发布: applied, tested, approved by the PM, agreed by the customer, released in the release window, confirmed.
    case release

    /// The kind's steps and promises.
    public var flow: RequestFlow {
        switch self {
        case .softwareUpgrade:
            RequestFlow(
                first: .received,
                steps: [.init(.done, after: .received)],
                promises: [.init(.done, startsAt: .received, metBy: [.done], due: .workingDays(5))])
        case .repairReturn:
            RequestFlow(
                first: .received,
                steps: [.init(.done, after: .received)],
                promises: [.init(.returned, startsAt: .received, metBy: [.done], due: .workingDays(10))])
        case .outOfWarrantyRepair:
            RequestFlow(
                first: .received,
                steps: [.init(.inspected, after: .received), .init(.confirmed, after: .inspected), .init(.done, after: .confirmed)],
                promises: [
                    .init(.inspection, startsAt: .received, metBy: [.inspected], due: .workingDays(0)),
                    // The plan's 3–7 days: the promise is the later bound, counted from the customer's confirmation.
                    .init(.repair, startsAt: .confirmed, metBy: [.done], due: .workingDays(7)),
                ])
        case .bugReport:
            RequestFlow(
                first: .received,
                steps: [
                    .init(.decided, after: .received), .init(.fixDelivered, after: .decided, repeatable: true),
                    .init(.feedback, after: .fixDelivered, repeatable: true), .init(.feedbackChecked, after: .feedback, repeatable: true),
                    .init(.done, after: .decided),
                ],
                promises: [
                    .init(.decision, startsAt: .received, metBy: [.decided], due: .workingDays(2)),
                    .init(.feedbackCheck, startsAt: .feedback, metBy: [.feedbackChecked, .done], due: .workingDays(2)),
                ])
        case .newRequirement:
            RequestFlow(
                first: .received,
                steps: [.init(.decided, after: .received), .init(.delayNotified, after: .decided, repeatable: true), .init(.done, after: .decided)],
                promises: [
                    .init(.approval, startsAt: .received, metBy: [.decided], due: .workingDays(1)),
                    .init(.delayNotice, startsAt: .decided, metBy: [.delayNotified, .done], due: .workingDaysBeforePromisedDate(1)),
                ])
        case .release:
            RequestFlow(
                first: .applied,
                steps: [
                    .init(.tested, after: .applied), .init(.approved, after: .tested), .init(.agreed, after: .approved),
                    .init(.released, after: .agreed), .init(.confirmed, after: .released),
                ],
                promises: [
                    .init(.readiness, startsAt: .applied, metBy: [.agreed], due: .releaseWindowStart),
                    .init(.release, startsAt: .applied, metBy: [.released], due: .releaseWindowEnd),
                ],
                closingStep: .confirmed)
        }
    }
}

/// A kind's steps and promises: the single definition the lifecycle, the config and the CLI derive from.
public struct RequestFlow: Sendable {
    /// A step the flow allows, once its prerequisite is on the timeline.
    public struct Step: Sendable {
        public var step: RequestStep
        public var after: RequestStep
        /// Whether it may be recorded more than once (each fix delivered, each feedback).
        public var repeatable: Bool

        init(_ step: RequestStep, after: RequestStep, repeatable: Bool = false) {
            self.step = step
            self.after = after
            self.repeatable = repeatable
        }
    }

    /// When a promise falls due.
    public enum Due: Sendable, Equatable {
        /// The end of working hours of the n-th working day after the starting step's day (0: that day).
        case workingDays(Int)
        /// The end of working hours n working days before the request's promised date.
        case workingDaysBeforePromisedDate(Int)
        /// The release window's opening.
        case releaseWindowStart
        /// The release window's close.
        case releaseWindowEnd

        /// The configurable number of working days, for the kinds counted in working days.
        public var workingDays: Int? {
            switch self {
            case let .workingDays(days), let .workingDaysBeforePromisedDate(days): days
            case .releaseWindowStart, .releaseWindowEnd: nil
            }
        }
    }

    /// A promise: started by a step, kept by one of `metBy` before `due`.
    public struct Promise: Sendable {
        public var name: RequestDeadlineName
        public var startsAt: RequestStep
        public var metBy: Set<RequestStep>
        public var due: Due

        init(_ name: RequestDeadlineName, startsAt: RequestStep, metBy: Set<RequestStep>, due: Due) {
            self.name = name
            self.startsAt = startsAt
            self.metBy = metBy
            self.due = due
        }
    }

    /// The step recorded at submission.
    public var first: RequestStep
    public var steps: [Step]
    public var promises: [Promise]
    /// The step that closes the request (`cancelled` always does too).
    public var closingStep: RequestStep

    init(first: RequestStep, steps: [Step], promises: [Promise], closingStep: RequestStep = .done) {
        self.first = first
        self.steps = steps
        self.promises = promises
        self.closingStep = closingStep
    }

    /// Every step name this kind accepts after submission, in flow order, `cancelled` last.
    public var stepNames: [RequestStep] { steps.map(\.step) + [.cancelled] }
}
