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
