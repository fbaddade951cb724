import Foundation
import OncallCore

/// `/web/heartbeats`: every declared heartbeat, when it last beat, when it is due, and the incident a miss opened.
struct HeartbeatsPage {
    struct Row {
        let name: String
        let interval: String
        let grace: String
        let lastBeat: String
        let lastBeatBy: String?
        let due: String
        let status: String
        let missed: Bool
        let incident: String?
        let incidentHref: String?
    }

    let rows: [Row]
    let isEmpty: Bool

    static let title = "心跳监控 Heartbeats"

    init(readings: [HeartbeatService.Reading], format: DisplayFormat) {
        rows = readings.sorted { $0.heartbeat.name < $1.heartbeat.name }.map { reading in
            let state = reading.state
            return Row(
                name: reading.heartbeat.name, interval: DisplayFormat.duration(reading.heartbeat.interval),
                grace: DisplayFormat.duration(reading.heartbeat.grace), lastBeat: format.dateTime(state.lastBeatAt) ?? "–",
                lastBeatBy: state.lastBeatBy, due: format.dateTime(state.dueAt), status: Labels.heartbeatStatus(reading.status),
                missed: reading.status == .missed, incident: state.incident?.description,
                incidentHref: state.incident.map { "/web/incidents/\($0)" })
        }
        isEmpty = rows.isEmpty
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        {{#isEmpty}}<p class="muted">没有配置心跳监控。No heartbeats are configured.</p>{{/isEmpty}}
        {{^isEmpty}}
        <div class="scroll"><table>
        <thead><tr><th>名称 Name</th><th>间隔 Interval</th><th>宽限 Grace</th><th>上次心跳 Last beat</th><th>到期 Due</th><th>状态 Status</th><th>事件 Incident</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{name}}</td><td class="num">{{interval}}</td><td class="num">{{grace}}</td><td class="num">{{lastBeat}}{{#lastBeatBy}} <span class="muted">{{lastBeatBy}}</span>{{/lastBeatBy}}</td><td class="num">{{due}}</td><td>{{#missed}}<span class="missed">{{status}}</span>{{/missed}}{{^missed}}{{status}}{{/missed}}</td><td>{{#incidentHref}}<a href="{{incidentHref}}">{{incident}}</a>{{/incidentHref}}{{^incidentHref}}–{{/incidentHref}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/isEmpty}}
        """)
}
