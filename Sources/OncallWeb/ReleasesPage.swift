import Foundation
import OncallCore

/// `/web/releases`: the coming release windows (Monday and Thursday evenings), noting the ones a holiday moved.
struct ReleasesPage {
    struct Row {
        let day: String
        let weekday: String
        let start: String
        let end: String
        /// "Moved from …" when the planned release day was not a working day.
        let movedFrom: String?
    }

    let rows: [Row]
    let isEmpty: Bool

    static let title = "发布窗口 Release windows"
    /// How far ahead the page looks.
    static let weeks = 8

    init(windows: [ReleaseWindow], format: DisplayFormat) {
        rows = windows.sorted { $0.start < $1.start }.map { window in
            Row(
                day: window.day.description, weekday: Labels.weekday(window.day.weekday), start: format.dateTime(window.start),
                end: format.dateTime(window.end),
                movedFrom: window.movedFrom.map { "由 \($0) \(Labels.weekday($0.weekday)) 顺延 moved from \($0)" })
        }
        isEmpty = rows.isEmpty
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <p class="muted">未来 \(weeks) 周 The next \(weeks) weeks; a release day on a holiday moves to the next working day (遇节假日顺延).</p>
        {{#isEmpty}}<p class="muted">没有发布窗口。No release windows.</p>{{/isEmpty}}
        {{^isEmpty}}
        <div class="scroll"><table>
        <thead><tr><th>日期 Day</th><th>星期 Weekday</th><th>开始 Opens</th><th>结束 Closes</th><th>说明 Note</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td class="num">{{day}}</td><td>{{weekday}}</td><td class="num">{{start}}</td><td class="num">{{end}}</td><td>{{#movedFrom}}<strong>{{movedFrom}}</strong>{{/movedFrom}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/isEmpty}}
        """)
}
