import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 13, part 3: "an alert during a window is held and paged at its end if still open" — with the
/// real daemon, `oncallctl` and real mail. Holding is proved by the outbox and a later message about
/// another incident arriving first, never by waiting for nothing.
@Suite("Maintenance windows end to end: held during the window, paged at its end")
struct MaintenanceEndToEndTests {
    /// `oncallctl --socket S maintenance …`, the socket given before the group as operators type it.
    func maintenance(_ sandbox: Sandbox, _ arguments: [String]) async throws -> ProcessResult {
        try await oncallctl(["--socket", sandbox.socketPath, "maintenance"] + arguments)
    }

    @Test("WMS muted for 1h: its incident is marked and not mailed while another's mail goes out; ending the window mails the open one, not the resolved one")
    func heldThenPaged() async throws {
        let world = try await NotifySandbox(smtp: true)
        defer { world.cleanup() }
        try world.writeConfig(world.config())
        _ = try await world.startDaemon()
        let sink = try #require(world.sink)
        let sandbox = world.sandbox

        let added = try await maintenance(sandbox, ["add", "--service", "WMS", "--for", "1h", "--reason", "WMS 升级"])
        #expect(added.status == 0, "\(added)")
        #expect(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "MW-1")
        let listed = try await maintenance(sandbox, ["list"])
        #expect(listed.stdout.contains("MW-1") && listed.stdout.contains("active") && listed.stdout.contains("WMS"), "\(listed)")

        var wms = sampleReport("WMS 出库接口超时")
        wms.service = "wms"
        let held = try await sandbox.report(wms)
        var quiet = sampleReport("WMS 报表导出慢")
        quiet.service = "WMS"
        let resolvedInWindow = try await sandbox.report(quiet)
        let other = try await sandbox.report(sampleReport("门户登录失败"))
        #expect(held.maintenance?.window == "MW-1")
        #expect(held.timeline?.map(\.kind) == ["reported", "maintenance_held"])
        #expect(other.maintenance == nil)
        _ = try await sandbox.call { try $0.resolve(resolvedInWindow.id, summary: "导出任务已重启") }
        let shown = try await sandbox.ctl("show", [held.id])
        #expect(shown.stdout.contains("pages held by MW-1"), "\(shown)")

        // The unheld incident's mail goes out while the held ones have nothing queued at all.
        try await sink.waitForMessages("the other incident's report mails", count: 2) { mails in
            mails.filter { $0.incident == other.id }.count == 2
        }
        try await world.waitUntilOutboxSettled()
        #expect(try await world.deliveries(held.id).isEmpty)
        #expect(try await world.deliveries(resolvedInWindow.id).allSatisfy { $0.purpose.contains("fault report") })
        #expect(try sink.messages().allSatisfy { $0.incident == other.id || $0.subject.contains("fault report") })

        let ended = try await maintenance(sandbox, ["end", "MW-1"])
        #expect(ended.status == 0, "\(ended)")
        let mails = try await sink.waitForMessages("the held incident's report mails after the window", count: 4) { mails in
            mails.filter { $0.incident == held.id }.count == 2
        }
        #expect(mails.filter { $0.incident == held.id }.allSatisfy { $0.subject.hasSuffix("— new fault") })
        let released = try await eventually("the release on the timeline", timeout: .seconds(5)) { () async throws -> IncidentDTO? in
            let incident = try await sandbox.show(held.id)
            return incident.timeline?.last?.kind == "maintenance_released" ? incident : nil
        }
        #expect(released.maintenance == nil)
        // Both release timers were due at the same moment and fire in one cycle: once the open one's mail
        // is out and the outbox settled, the resolved one would have been mailed too.
        try await world.waitUntilOutboxSettled()
        #expect(try await world.deliveries(resolvedInWindow.id).allSatisfy { $0.purpose.contains("fault report") }, "only the fault report's owner is asked to write it")
        let quietTimeline = try await sandbox.show(resolvedInWindow.id).timeline?.map(\.kind) ?? []
        #expect(Array(quietTimeline.prefix(3)) == ["reported", "maintenance_held", "resolved"])
        #expect(!quietTimeline.contains("maintenance_released"))

        let refused = try await maintenance(sandbox, ["add", "--service", "WMS", "--end", "-1h", "--reason", "过去的窗口"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("ends_at"), "\(refused)")
        let unknown = try await maintenance(sandbox, ["end", "MW-9"])
        #expect(unknown.status == 1, "\(unknown)")
    }
}
}
