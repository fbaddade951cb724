import Foundation
import OncallCore
import Testing
@testable import OncallConfig

@Suite("Heartbeats config")
struct HeartbeatConfigTests {
    @Test("a full entry reads back; level stands for a scope; defaults fill the rest")
    func reads() throws {
        let tokenFile = try ConfigFixtures.scratchFile("api-secret-0123456789\n", name: "api.token")
        let ownFile = try ConfigFixtures.scratchFile("beat-secret-0123456789\n", name: "beat.token")
        let yaml = """
            http:
              tokens:
                - {name: cron, token_file: \(tokenFile)}
            integrations:
              - {name: prom, kind: alertmanager, token_file: \(tokenFile).missing}
            """
        // The integration's file is missing: that error comes first, so use a real one below.
        #expect(ConfigFixtures.error(yaml) != nil)
        let config = try ConfigLoader.parse(yaml: """
            http:
              tokens:
                - {name: cron, token_file: \(tokenFile)}
            integrations:
              - {name: prom, kind: alertmanager, token_file: \(ownFile)}
            heartbeats:
              - name: nightly-backup
                interval: 24h
                grace: 1h
                level: 2
                service: backup
                title: 夜间备份未完成
                organisation: 运维中心
                tokens: [cron]
                token_file: \(ownFile)
              - name: watchdog
                interval: 5m
                alertmanager_alertname: Watchdog
                alertmanager_integration: prom
            """, file: "test.yaml")
        #expect(config.heartbeats.count == 2)
        let backup = config.heartbeats[0]
        #expect(backup.heartbeat == Heartbeat(
            name: "nightly-backup", interval: .seconds(86400), grace: .seconds(3600), scope: .part, service: "backup",
            title: "夜间备份未完成", organisation: "运维中心"))
        #expect(backup.tokens == ["cron"])
        #expect(backup.secret == "beat-secret-0123456789")
        #expect(!"\(backup)".contains("beat-secret"))
        let watchdog = config.heartbeats[1]
        #expect(watchdog.heartbeat == Heartbeat(
            name: "watchdog", interval: .seconds(300), scope: .single, alertmanagerAlertname: "Watchdog", alertmanagerIntegration: "prom"))
        #expect(watchdog.heartbeat.title == "Heartbeat watchdog missed")
        #expect(watchdog.tokens.isEmpty && watchdog.secret == nil)
    }

    @Test("bad entries fail at their line and key", arguments: [
        ("heartbeats:\n  - name: backup\n    interval: 1h\n    graze: 5m\n", 4, "heartbeats[0].graze", "did you mean 'grace'"),
        ("heartbeats:\n  - name: Backup\n    interval: 1h\n", 2, "heartbeats[0].name", "not a heartbeat name"),
        ("heartbeats:\n  - name: backup\n", 2, "heartbeats[0].interval", "required key is missing"),
        ("heartbeats:\n  - name: backup\n    interval: 0s\n", 3, "heartbeats[0].interval", "from 1s to 744h"),
        ("heartbeats:\n  - name: backup\n    interval: hourly\n", 3, "heartbeats[0].interval", "not a duration"),
        ("heartbeats:\n  - name: backup\n    interval: 1h\n  - name: backup\n    interval: 2h\n", 4, "heartbeats[1].name", "duplicate heartbeat"),
        ("heartbeats:\n  - name: backup\n    interval: 1h\n    level: 4\n", 4, "heartbeats[0].level", "expected 1, 2 or 3"),
        ("heartbeats:\n  - name: backup\n    interval: 1h\n    level: 1\n    scope: part\n", 4, "heartbeats[0].level", "scope 'part' means level 2"),
        ("heartbeats:\n  - name: backup\n    interval: 1h\n    scope: some\n", 4, "heartbeats[0].scope", "unknown scope"),
        ("heartbeats:\n  - name: backup\n    interval: 1h\n    tokens: [cron]\n", 4, "heartbeats[0].tokens[0]", "no API token named 'cron'"),
        ("heartbeats:\n  - name: w\n    interval: 1h\n    alertmanager_alertname: Watchdog\n    alertmanager_integration: prom\n", 5,
         "heartbeats[0].alertmanager_integration", "no alertmanager integration named 'prom'"),
        ("heartbeats:\n  - name: backup\n    interval: 1h\n    token_file: /nonexistent/heartbeat.token\n", 4, "heartbeats[0].token_file", "heartbeat.token"),
        ("heartbeats:\n  name: backup\n", 2, "heartbeats", "list"),
    ] as [(String, Int, String, String)])
    func badEntry(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("a heartbeat's own token may not be an API token's")
    func sharedSecret() throws {
        let file = try ConfigFixtures.scratchFile("shared-secret-0123456789\n", name: "shared.token")
        let error = try #require(ConfigFixtures.error("""
            http:
              tokens:
                - {name: cron, token_file: \(file)}
            heartbeats:
              - name: backup
                interval: 1h
                token_file: \(file)
            """))
        #expect(error.line == 7)
        #expect(error.key == "heartbeats[0].token_file")
        #expect(error.message.contains("same token as API token 'cron'"))
    }
}
