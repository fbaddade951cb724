import Foundation
import OncallCore

/// The fixed epoch tests start from (never `Date()` in a test body).
public let t0 = Date(timeIntervalSince1970: 1_700_000_000)

extension ReportForm {
    /// A valid report with defaults; override what a test is about.
    public static func fixture(
        subject: String = "订单系统无法登录", organisation: String = "仓储中心", reporter: String = "仓储中心值班员",
        scope: Scope? = nil, outageStarted: Date? = nil, outageEnded: Date? = nil
    ) -> ReportForm {
        ReportForm(
            subject: subject, organisation: organisation, reporter: reporter, description: "所有用户登录超时",
            scope: scope, outageStarted: outageStarted, outageEnded: outageEnded)
    }
}

extension Duration {
    /// `n` minutes.
    public static func minutes(_ n: Int64) -> Duration { .seconds(n * 60) }
}

/// An instant written as wall-clock text at a fixed UTC offset (hours, +8 by default):
/// `at("2026-11-09 09:00")`, `at("2026-03-13 16:00:30", offset: -5)`. Built with a fixed-offset
/// zone, so expectations depend neither on the code under test nor on tzdata.
public func at(_ text: String, offset: Int = 8) -> Date {
    let halves = text.split(separator: " ")
    let ymd = halves[0].split(separator: "-").map { Int($0)! }
    let hms = halves[1].split(separator: ":").map { Int($0)! }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: offset * 3600)!
    let parts = DateComponents(
        year: ymd[0], month: ymd[1], day: ymd[2], hour: hms[0], minute: hms[1], second: hms.count > 2 ? hms[2] : 0)
    return calendar.date(from: parts)!
}
