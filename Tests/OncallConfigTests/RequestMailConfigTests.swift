import OncallCore
import Testing
@testable import OncallConfig

@Suite("Config: requests.mail")
struct RequestMailConfigTests {
    @Test("addresses per kind and subject tags are read; both are off by default")
    func reads() throws {
        let yaml = """
            requests:
              mail:
                addresses:
                  bug_report: bugs@support.example.com
                  software_upgrade: Upgrades@support.example.com
                subject_tags: true
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "test.yaml")
        #expect(config.requests.mailAddresses == [.bugReport: "bugs@support.example.com", .softwareUpgrade: "Upgrades@support.example.com"])
        #expect(config.requests.mailSubjectTags)
        let defaults = try ConfigLoader.parse(yaml: "requests:\n  warn_before: 1h\n", file: "test.yaml")
        #expect(defaults.requests.mailAddresses.isEmpty)
        #expect(!defaults.requests.mailSubjectTags)
    }

    @Test("bad values fail at their line and key", arguments: [
        ("requests:\n  mail:\n    adresses: {}\n", 3, "requests.mail.adresses", "unknown key"),
        ("requests:\n  mail:\n    subject_tags: sometimes\n", 3, "requests.mail.subject_tags", "true or false"),
        ("requests:\n  mail:\n    addresses:\n      bug: bugs@x.example\n", 4, "requests.mail.addresses.bug", "unknown request kind 'bug'; use one of software_upgrade"),
        ("requests:\n  mail:\n    addresses:\n      release: rel@x.example\n", 4, "requests.mail.addresses.release", "not by mail"),
        ("requests:\n  mail:\n    addresses:\n      bug_report: bugs at x\n", 4, "requests.mail.addresses.bug_report", "not an email address"),
        ("requests:\n  mail:\n    addresses:\n      bug_report: a@x.example\n      repair_return: A@x.example\n", 5,
         "requests.mail.addresses.repair_return", "already the address of bug_report"),
        ("requests:\n  mail: [bugs@x.example]\n", 2, "requests.mail", "mapping"),
    ] as [(String, Int, String, String)])
    func badValue(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
    }
}
