import Testing
@testable import OncallConfig

@Suite struct ZZPrint {
    @Test func show() {
        let cases = [
            "http:\n  listen: [::1]:8080\n",
            "state_dir: /a\nsocket:\n  path: /run/x.sock\n   mode: \"0660\"\n",
            "state_dir: /a\nlog:\n\tlevel: info\n",
            "state_dir: /a\nlog:\n  level: \"info\n",
            "people:\n  - id: a\n    name: No\n",
            "a: &x {b: 1}\nc: *y\n",
            "state_dir: /a\n---\nstate_dir: /b\n",
            "people:\n  - {id: a, name: A, id: b}\n",
            "x: 1\nx: 2\nx: 3\n",
            "\"state_dir\": /a\nstate_dir: /b\n",
            "levels:\n  level2_after: 2h\n",
            "calendar:\n  working_hours: [\"09:00-12:00\", \"11:00-18:00\"]\n",
            "escalation: {emergency_after_by_level: {1: 0s, \"1\": 1m}}\n",
            "state_dir: \"a\u{1}\"\n",
            "? [a, b]\n: c\n",
            "<<: {state_dir: /a}\n",
            "project_managers: [nobody]\n",
            "state_dir: !!binary aGVsbG8=\n",
            "\u{FEFF}state_dir: /a\r\nlog:\r\n  levl: info\r\n",
            "\u{FEFF}state_dir: /a\nlog:\n  levl: info\n",
            "state_dir: /a\r\nlog:\r\n  levl: info\r\n",
        ]
        for yaml in cases {
            print("-----\n\(yaml)=> \(ConfigFixtures.error(yaml).map { "\($0)" } ?? "OK")")
        }
    }
}
