import Testing
@testable import OncallConfig

@Suite("Errors: people and groups")
struct PeopleErrorTests {
    static let people = """
        people:
          - id: zhang.wei
            name: 张伟
            unix_user: zhangwei
          - id: li.na
            name: 李娜
          - id: chen.jie
            name: 陈杰

        """

    @Test("a group member not defined under people fails at the member's own line")
    func undefinedMember() throws {
        let yaml = Self.people + """
            project_managers: [zhang.wei]
            emergency_group:
              - chen.jie
              - li.nа
            """
        // "li.nа" above ends in a Cyrillic "а": the kind of slip this check exists for.
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 12)
        #expect(error.column == 5)
        #expect(error.key == "emergency_group[1]")
        #expect(error.message.contains("not defined under people"))
        #expect(error.message.contains("did you mean 'li.na'?"))
    }

    @Test("undefined members in each group", arguments: ["project_managers", "oncall_engineers", "emergency_group"])
    func undefinedInEachGroup(group: String) throws {
        let error = try #require(ConfigFixtures.error(Self.people + "\(group): [zhang.wei, nobody]\n"))
        #expect(error.line == 9)
        #expect(error.key == "\(group)[1]")
    }

    @Test("a member listed twice in one group")
    func repeatedMember() throws {
        let error = try #require(ConfigFixtures.error(Self.people + "oncall_engineers:\n  - li.na\n  - li.na\n"))
        #expect(error.line == 11)
        #expect(error.key == "oncall_engineers[1]")
        #expect(error.message.contains("listed twice"))
    }

    @Test("a duplicate person id fails at the second id, naming the first line")
    func duplicateId() throws {
        let yaml = """
            people:
              - id: li.na
                name: 李娜
              - name: 另一个李娜
                id: li.na
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 5)
        #expect(error.key == "people[1].id")
        #expect(error.message == "duplicate person id 'li.na' (first at line 2)")
    }

    @Test("person errors", arguments: [
        ("people:\n  - id: a\n", 2, "people[0].name", "required key is missing"),
        ("people:\n  - name: A\n", 2, "people[0].id", "required key is missing"),
        ("people:\n  - id: a b\n    name: A\n", 2, "people[0].id", "must not contain spaces"),
        ("people:\n  - id: a\n    name: A\n    email: not-an-address\n", 4, "people[0].email", "not an email"),
        ("people:\n  - id: a\n    name: A\n    phone: call me\n", 4, "people[0].phone", "not a phone number"),
        ("people:\n  - id: a\n    name: A\n    chat: {dingtlak: x}\n", 4, "people[0].chat.dingtlak", "did you mean 'dingtalk'"),
        ("people:\n  - id: a\n    name: A\n    chat:\n      teams: x\n", 5, "people[0].chat.teams", "expected one of: wecom, dingtalk, feishu, slack"),
        ("people:\n  - id: a\n    name: A\n    unix_user: x\n  - id: b\n    name: B\n    unix_user: x\n", 7, "people[1].unix_user", "already belongs to 'a'"),
        ("people:\n  - just-a-name\n", 2, "people[0]", "expected a mapping, found a string"),
    ] as [(String, Int, String, String)])
    func personError(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("optional person fields may be left empty")
    func emptyOptionals() throws {
        let config = try ConfigLoader.parse(
            yaml: "people:\n  - id: a\n    name: A\n    email:\n    phone: ~\n    chat:\n    unix_user:\n", file: "t.yaml")
        #expect(config.people == [.init(id: "a", name: "A")])
    }
}
