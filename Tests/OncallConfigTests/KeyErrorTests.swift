import Testing
@testable import OncallConfig

@Suite("Errors: unknown keys, duplicates, wrong types, YAML syntax")
struct KeyErrorTests {
    @Test("a typo'd top-level key names its line and suggests the right one")
    func unknownTopLevelKey() throws {
        let yaml = """
            # oncalld
            state_dir: /var/lib/oncalld
            socket:
              path: /run/oncalld/oncalld.sock
            http:
              listen: 127.0.0.1:8080
            escalaton:
              emergency_after: 10m
            """
        let error = try #require(ConfigFixtures.error(yaml, file: "config/oncalld.yaml"))
        #expect(error.line == 7)
        #expect(error.column == 1)
        #expect(error.key == "escalaton")
        #expect(error.message.contains("'escalation'"))
    }

    @Test("a nested typo reads file:line:col: dotted.key: message")
    func unknownNestedKey() throws {
        let yaml = """
            escalation:
              emergency_aftr: 10m
            """
        let error = try #require(ConfigFixtures.error(yaml, file: "config/oncalld.yaml"))
        #expect(error == ConfigError(
            file: "config/oncalld.yaml", line: 2, column: 3, key: "escalation.emergency_aftr",
            message: "unknown key (did you mean 'emergency_after'?)"))
        #expect(error.description
            == "config/oncalld.yaml:2:3: escalation.emergency_aftr: unknown key (did you mean 'emergency_after'?)")
    }

    @Test("an unknown key with no close match lists the keys allowed there")
    func unknownKeyWithoutSuggestion() throws {
        let error = try #require(ConfigFixtures.error("log:\n  colour: true\n"))
        #expect(error.line == 2)
        #expect(error.key == "log.colour")
        #expect(error.message == "unknown key (expected one of: level)")
    }

    @Test("a key inside a list element names the element index")
    func unknownKeyInList() throws {
        let yaml = """
            people:
              - id: a
                name: A
              - id: b
                name: B
                mail: b@example.com
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 6)
        #expect(error.key == "people[1].mail")
        #expect(error.message.contains("'email'"))
    }

    @Test("a duplicate key is reported at the repeat, with its full path and the first line")
    func duplicateKey() throws {
        let yaml = """
            state_dir: /a
            http:
              listen: 127.0.0.1:8080
              max_body: 1MiB
              listen: 127.0.0.1:9090
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 5)
        #expect(error.column == 3)
        #expect(error.key == "http.listen")
        #expect(error.message.contains("line 3"))
    }

    @Test("a duplicate top-level key")
    func duplicateTopLevelKey() throws {
        let error = try #require(ConfigFixtures.error("state_dir: /a\nlog: {level: info}\nstate_dir: /b\n"))
        #expect(error.line == 3)
        #expect(error.key == "state_dir")
    }

    @Test("a duplicate key inside a list element")
    func duplicateKeyInList() throws {
        let yaml = """
            people:
              - id: a
                name: A
                name: "A again"
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 4)
        #expect(error.key == "people[0].name")
    }

    @Test("wrong types name what was expected and what was found", arguments: [
        ("state_dir: {a: 1}\n", 1, "state_dir", "expected a string, found a mapping"),
        ("project_managers: zhang.wei\n", 1, "project_managers", "expected a list, found a string"),
        ("socket: [a]\n", 1, "socket", "expected a mapping, found a list"),
        ("socket:\n  allowed_users: alice\n", 2, "socket.allowed_users", "expected a list, found a string"),
        ("people:\n  - id: a\n    name: [A]\n", 3, "people[0].name", "expected a string, found a list"),
        ("people:\n  - id: a\n    name: No\n", 3, "people[0].name", "expected a string, found a boolean (No); quote it (\"No\") if you mean the text"),
        ("people:\n  - id: 42\n    name: A\n", 2, "people[0].id", "expected a string, found a number (42)"),
        ("state_dir:\n", 1, "state_dir", "expected a string, found an empty value"),
        ("calendar:\n  working_hours: [\"09:00-12:00\", {a: b}]\n", 2, "calendar.working_hours[1]", "expected a string, found a mapping"),
        ("people: {id: a}\n", 1, "people", "expected a list, found a mapping"),
    ] as [(String, Int, String, String)])
    func wrongType(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.hasPrefix(message), "\(error)")
    }

    @Test("a top level that is not a mapping")
    func topLevelNotMapping() throws {
        let error = try #require(ConfigFixtures.error("- a\n- b\n"))
        #expect(error.line == 1)
        #expect(error.key == nil)
        #expect(error.message.contains("mapping"))
    }

    @Test("a YAML syntax error passes on Yams' line")
    func syntaxError() throws {
        let yaml = """
            state_dir: /a
            socket:
              path: /run/x.sock
               mode: "0660"
            """
        let error = try #require(ConfigFixtures.error(yaml, file: "bad.yaml"))
        #expect(error.line == 4)
        #expect(error.key == nil)
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.description.hasPrefix("bad.yaml:4:"))
    }

    @Test("an unclosed quote and a tab are syntax errors with lines")
    func moreSyntaxErrors() throws {
        #expect(ConfigFixtures.error("state_dir: /a\nlog:\n  level: \"info\n")?.line != nil)
        let tab = try #require(ConfigFixtures.error("state_dir: /a\nlog:\n\tlevel: info\n"))
        #expect(tab.line == 3)
    }

    @Test("CRLF line ends and a byte-order mark keep line numbers right")
    func crlfAndBOM() throws {
        let error = try #require(ConfigFixtures.error("\u{FEFF}state_dir: /a\r\nlog:\r\n  levl: info\r\n"))
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.key == "log.levl")
        #expect(error.message.contains("'level'"))
    }

    @Test("a duplicate key inside a flow mapping, and one repeated three times")
    func moreDuplicates() throws {
        let flow = try #require(ConfigFixtures.error("people:\n  - {id: a, name: A, id: b}\n"))
        #expect(flow.line == 2)
        #expect(flow.key == "people[0].id")
        // Three copies defeat the repeat search; the first copy is still named.
        let thrice = try #require(ConfigFixtures.error("state_dir: /a\nstate_dir: /b\nstate_dir: /c\n"))
        #expect(thrice.line == 1)
        #expect(thrice.key == "state_dir")
        #expect(thrice.message.contains("duplicate key"))
    }

    @Test("YAML-level problems: another document, an undefined alias, a complex key, an odd tag", arguments: [
        ("state_dir: /a\n---\nstate_dir: /b\n", 2, nil, "another document"),
        ("state_dir: *nowhere\n", 1, nil, "undefined alias"),
        ("? [a, b]\n: c\n", 1, nil, "keys must be plain names"),
        ("state_dir: !!binary aGVsbG8=\n", 1, "state_dir", "found a value tagged !!binary"),
        ("http:\n  listen: [::1]:8080\n", 2, nil, "must be quoted"),
    ] as [(String, Int, String?, String)])
    func yamlLevel(yaml: String, line: Int, key: String?, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
    }
}
