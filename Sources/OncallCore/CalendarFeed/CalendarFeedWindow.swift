import Foundation

/// The span of time a calendar feed lists: some days back and some days ahead of now.
public struct CalendarFeedWindow: Sendable, Equatable {
    public var from: Date
    public var until: Date

    /// Days back when the address does not say (`?days_back=`).
    public static let defaultDaysBack = 7
    /// Days ahead when the address does not say (`?days_ahead=`).
    public static let defaultDaysAhead = 60
    /// What an address may ask for: the bound keeps one fetch's work small.
    public static let daysBackRange = 0...90
    public static let daysAheadRange = 1...366

    public init(from: Date, until: Date) {
        self.from = from
        self.until = until
    }

    /// `daysBack` days before `now` to `daysAhead` days after; out-of-range days are refused.
    public static func around(
        _ now: Date, daysBack: Int = defaultDaysBack, daysAhead: Int = defaultDaysAhead
    ) throws(LifecycleError) -> CalendarFeedWindow {
        guard daysBackRange.contains(daysBack) else {
            throw .invalidField("days_back", reason: "must be \(daysBackRange.lowerBound) to \(daysBackRange.upperBound)")
        }
        guard daysAheadRange.contains(daysAhead) else {
            throw .invalidField("days_ahead", reason: "must be \(daysAheadRange.lowerBound) to \(daysAheadRange.upperBound)")
        }
        return CalendarFeedWindow(
            from: now.addingTimeInterval(-TimeInterval(daysBack) * 86_400), until: now.addingTimeInterval(TimeInterval(daysAhead) * 86_400))
    }
}
