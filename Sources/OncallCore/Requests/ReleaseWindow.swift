import Foundation

/// One release evening: when it opens and closes, and the release day it stands for when a
/// holiday moved it ("遇节假日顺延").
public struct ReleaseWindow: Sendable, Equatable, Codable {
    public var day: LocalDate
    public var start: Date
    public var end: Date
    /// The planned release day this window replaces, when that day was not a working day.
    public var movedFrom: LocalDate?

    public init(day: LocalDate, start: Date, end: Date, movedFrom: LocalDate? = nil) {
        self.day = day
        self.start = start
        self.end = end
        self.movedFrom = movedFrom
    }
}
