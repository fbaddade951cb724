import Foundation
import Testing
@testable import OncallConfig

@Suite("Config: web")
struct WebConfigTests {
    static let hashA = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"
    static let hashB = "$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
    static let hashC = "$2a$04$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0"

    /// The file `password_hash_file` names in the fixture: hashC with surrounding blank lines.
    static let hashFile: String = try! ConfigFixtures.scratchFile("\n\(hashC)\n", name: "ops-lead.bcrypt")

    /// A valid file, lines 1–22, that the error tests break one line at a time; HASHFILE is `hashFile`.
    static let template = """
        people:
          - id: zhang.wei
            name: 张伟
          - id: li.na
            name: 李娜
        web:
          enabled: true
          secure_cookies: always
          session_lifetime: 12h
          users:
            - login: zhang
              person: zhang.wei
              role: manager
              password_hash: "\(hashA)"
            - login: li.na
              name: Li Na (on call)
              person: li.na
              role: engineer
              password_hash: \(hashB)
            - login: ops-lead
              role: manager
              password_hash_file: HASHFILE

        """

    static var valid: String { template.replacingOccurrences(of: "HASHFILE", with: hashFile) }

    /// `valid` with `old` (which must occur exactly once) replaced by `new`.
    static func broken(_ old: String, _ new: String) -> String {
        precondition(valid.components(separatedBy: old).count == 2, "'\(old)' must occur once in the fixture")
        return valid.replacingOccurrences(of: old, with: new)
    }

    static func error(_ old: String, _ new: String) throws -> ConfigError {
        try #require(ConfigFixtures.error(broken(old, new), file: "t.yaml"))
    }

    // MARK: - Defaults and the valid example

    @Test("an empty file, or an empty section, gives the defaults")
    func defaults() throws {
        for yaml in ["", "web: {}\n", "web:\n  users: []\n"] {
            let web = try ConfigLoader.parse(yaml: yaml, file: "t.yaml").web
            #expect(web == WebConfig(enabled: true, secureCookies: "auto", sessionLifetime: .seconds(8 * 3600), users: []))
        }
        #expect(DaemonConfig.defaults.web == WebConfig())
    }

    @Test("the valid example reads back; names default to the person's name, then the login")
    func readsBack() throws {
        let web = try ConfigLoader.parse(yaml: Self.valid, file: "t.yaml").web
        #expect(web.enabled)
        #expect(web.secureCookies == "always")
        #expect(web.sessionLifetime == .seconds(12 * 3600))
        #expect(web.users == [
            WebUserConfig(login: "zhang", name: "张伟", person: "zhang.wei", role: "manager", passwordHash: Self.hashA),
            WebUserConfig(login: "li.na", name: "Li Na (on call)", person: "li.na", role: "engineer", passwordHash: Self.hashB),
            WebUserConfig(login: "ops-lead", name: "ops-lead", person: nil, role: "manager", passwordHash: Self.hashC),
        ])
        #expect(web.user("li.na")?.role == "engineer")
        #expect(web.user("nobody") == nil)
    }

    @Test("enabled, secure_cookies and session_lifetime accept their whole range", arguments: [
        ("enabled: true", "enabled: false"), ("secure_cookies: always", "secure_cookies: auto"),
        ("secure_cookies: always", "secure_cookies: never"), ("session_lifetime: 12h", "session_lifetime: 5m"),
        ("session_lifetime: 12h", "session_lifetime: 720h"), ("session_lifetime: 12h", "session_lifetime: 1h30m"),
        ("login: ops-lead", "login: a"), ("login: ops-lead", "login: \(String(repeating: "x", count: 64))"),
        ("login: ops-lead", "login: ops_lead.2"), ("person: zhang.wei", "person: ~"),
    ])
    func accepted(old: String, new: String) throws {
        _ = try ConfigLoader.parse(yaml: Self.broken(old, new), file: "t.yaml")
    }

    @Test("a password hash may come from a relative file")
    func relativeHashFile() throws {
        let directory = URL(fileURLWithPath: Self.hashFile).deletingLastPathComponent().path
        let cwd = FileManager.default.currentDirectoryPath
        // Relative to the working directory, like token files.
        let relative = String(repeating: "../", count: cwd.split(separator: "/").count) + directory.dropFirst() + "/ops-lead.bcrypt"
        let web = try ConfigLoader.parse(yaml: Self.broken(Self.hashFile, relative), file: "t.yaml").web
        #expect(web.user("ops-lead")?.passwordHash == Self.hashC)
    }

    // MARK: - Unknown keys

    @Test("unknown keys fail at their line with a suggestion", arguments: [
        ("web:", "webb:", 6, "webb", "'web'"),
        ("enabled: true", "enable: true", 7, "web.enable", "'enabled'"),
        ("secure_cookies: always", "secure_cookie: always", 8, "web.secure_cookie", "'secure_cookies'"),
        ("session_lifetime: 12h", "sesion_lifetime: 12h", 9, "web.sesion_lifetime", "'session_lifetime'"),
        ("users:", "user:", 10, "web.user", "'users'"),
        ("password_hash: \"", "passwd_hash: \"", 14, "web.users[0].passwd_hash", "'password_hash'"),
        ("role: engineer", "rol: engineer", 18, "web.users[1].rol", "'role'"),
        ("password_hash_file:", "password_hash_files:", 22, "web.users[2].password_hash_files", "'password_hash_file'"),
        ("name: Li Na (on call)", "display_name: Li Na", 16, "web.users[1].display_name",
         "expected one of: login, name, person, role, password_hash, password_hash_file"),
    ])
    func unknownKey(old: String, new: String, line: Int, key: String, hint: String) throws {
        let error = try Self.error(old, new)
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.hasPrefix("unknown key"))
        #expect(error.message.contains(hint), "\(error)")
    }

    // MARK: - Bad values

    @Test("bad values fail at file:line:col of the value", arguments: [
        ("enabled: true", "enabled: maybe", 7, 12, "web.enabled", "expected true or false, found 'maybe'"),
        ("secure_cookies: always", "secure_cookies: sometimes", 8, 19, "web.secure_cookies",
         "unknown secure_cookies 'sometimes' (expected one of: auto, always, never)"),
        ("secure_cookies: always", "secure_cookies: alway", 8, 19, "web.secure_cookies", "(did you mean 'always'?)"),
        ("secure_cookies: always", "secure_cookies: true", 8, 19, "web.secure_cookies", "expected auto, always or never, found a boolean"),
        ("session_lifetime: 12h", "session_lifetime: 4m59s", 9, 21, "web.session_lifetime",
         "session lifetime 4m59s is out of range; use 5m to 720h (30 days)"),
        ("session_lifetime: 12h", "session_lifetime: 721h", 9, 21, "web.session_lifetime", "out of range"),
        ("session_lifetime: 12h", "session_lifetime: 0", 9, 21, "web.session_lifetime", "out of range"),
        ("session_lifetime: 12h", "session_lifetime: 8 hours", 9, 21, "web.session_lifetime", "'8 hours' is not a duration"),
        ("session_lifetime: 12h", "session_lifetime: 30d", 9, 21, "web.session_lifetime", "no day unit, write 720h"),
        ("login: zhang", "login: Zhang", 11, 14, "web.users[0].login", "'Zhang' is not a login"),
        ("login: zhang", "login: zhang wei", 11, 14, "web.users[0].login", "'zhang wei' is not a login; use 1 to 64"),
        ("login: zhang", "login: \(String(repeating: "z", count: 65))", 11, 14, "web.users[0].login", "is not a login"),
        ("login: zhang", "login: 007", 11, 14, "web.users[0].login", "expected a string, found a number"),
        ("login: zhang", "login: \"\"", 11, 14, "web.users[0].login", "'' is not a login"),
        ("role: manager\n      password_hash: \"", "role: admin\n      password_hash: \"", 13, 13, "web.users[0].role",
         "unknown role 'admin' (expected one of: manager, engineer)"),
        ("role: engineer", "role: engineers", 18, 13, "web.users[1].role", "(did you mean 'engineer'?)"),
        ("name: Li Na (on call)", "name: \" \"", 16, 13, "web.users[1].name", "must not be empty"),
    ])
    func badValue(old: String, new: String, line: Int, column: Int, key: String, message: String) throws {
        let error = try Self.error(old, new)
        #expect(error.file == "t.yaml")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.description.hasPrefix("t.yaml:\(line):\(column): \(key): "))
    }

    @Test("users must be a list of mappings")
    func usersShape() throws {
        let mapping = try #require(ConfigFixtures.error("web:\n  users: {}\n", file: "t.yaml"))
        #expect(mapping == ConfigError(
            file: "t.yaml", line: 2, column: 10, key: "web.users", message: "expected a list, found a mapping"))
        let scalar = try #require(ConfigFixtures.error("web:\n  users: [zhang]\n", file: "t.yaml"))
        #expect(scalar.key == "web.users[0]")
        #expect(scalar.message == "expected a mapping, found a string")
    }

    @Test("a required key that is missing is named")
    func missingKeys() throws {
        let login = try Self.error("- login: ops-lead\n      role", "- role")
        #expect(login.key == "web.users[2].login")
        #expect(login.line == 20)
        #expect(login.message == "required key is missing")
        let role = try Self.error("role: manager\n      password_hash_file", "password_hash_file")
        #expect(role.key == "web.users[2].role")
        #expect(role.message == "required key is missing")
    }

    @Test("a person not under people is named, with a suggestion")
    func unknownPerson() throws {
        let error = try Self.error("person: li.na", "person: li.nb")
        #expect(error == ConfigError(
            file: "t.yaml", line: 17, column: 15, key: "web.users[1].person",
            message: "'li.nb' is not defined under people (did you mean 'li.na'?)"))
        let far = try Self.error("person: li.na", "person: somebody.else")
        #expect(far.message == "'somebody.else' is not defined under people")
    }

    @Test("an engineer must have a person")
    func engineerNeedsPerson() throws {
        let error = try Self.error("      person: li.na\n", "")
        #expect(error.key == "web.users[1].person")
        #expect(error.line == 15)
        #expect(error.column == 7)
        #expect(error.message.contains("required for role engineer"), "\(error)")
        // A manager needs none (ops-lead has none), and `person: ~` is no person.
        let null = try Self.error("person: li.na", "person: ~")
        #expect(null.key == "web.users[1].person")
    }

    @Test("a duplicate login names the first one's line")
    func duplicateLogin() throws {
        let error = try Self.error("login: li.na", "login: zhang")
        #expect(error == ConfigError(
            file: "t.yaml", line: 15, column: 14, key: "web.users[1].login",
            message: "duplicate login 'zhang' (first at line 11)"))
    }

    // MARK: - Password hashes

    static let badHashes = [
        "hunter2-Secret",
        "$2x$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  // unknown variant
        "$2$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUWx",  // no variant letter
        "$2b$03$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  // cost too low
        "$2b$32$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  // cost too high
        "$2b$4$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUWx",  // one-digit cost
        "$2b$1a$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  // cost not digits
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMU",  // 52 characters
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUWx",  // 54 characters
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMU!",  // not the bcrypt alphabet
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUé",  // not ASCII
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
    ]

    @Test("a bad password_hash fails at its value and is never echoed", arguments: badHashes)
    func badHash(hash: String) throws {
        let error = try Self.error("password_hash: \"\(Self.hashA)\"", "password_hash: \"\(hash)\"")
        #expect(error == ConfigError(
            file: "t.yaml", line: 14, column: 22, key: "web.users[0].password_hash",
            message: "not a bcrypt hash; make one with `oncalld --hash-password`"))
        #expect(!error.description.contains(hash))
    }

    @Test("a password_hash YAML reads as a number, date or list is not echoed either", arguments: [
        "31415926535", "2026-01-01", "true", "[hunter2secret]", "{pw: hunter2secret}", "\"\"", "~",
    ])
    func nonStringHash(value: String) throws {
        let error = try Self.error("password_hash: \"\(Self.hashA)\"", "password_hash: \(value)")
        #expect(error.key == "web.users[0].password_hash")
        #expect(error.line == 14)
        #expect(error.message.hasPrefix("not a bcrypt hash; make one with `oncalld --hash-password`"), "\(error)")
        for secret in ["31415926535", "2026-01-01", "hunter2secret"] {
            #expect(!error.description.contains(secret))
        }
    }

    @Test("the bcrypt shape check")
    func bcryptShape() {
        for hash in [Self.hashA, Self.hashB, Self.hashC, "$2b$31$" + String(repeating: ".", count: 53)] {
            #expect(DaemonConfigReader.isBcryptHash(hash), "\(hash)")
        }
        for hash in Self.badHashes + ["", "$2b$12$"] {
            #expect(!DaemonConfigReader.isBcryptHash(hash), "\(hash)")
        }
    }

    @Test("password_hash and password_hash_file together, or neither, fail at the user")
    func exactlyOneHash() throws {
        let both = try Self.error(
            "password_hash: \"\(Self.hashA)\"", "password_hash: \"\(Self.hashA)\"\n      password_hash_file: \(Self.hashFile)")
        #expect(both == ConfigError(
            file: "t.yaml", line: 11, column: 7, key: "web.users[0]",
            message: "give either password_hash or password_hash_file, not both"))
        #expect(!both.description.contains(Self.hashA))
        let neither = try Self.error("      password_hash: \"\(Self.hashA)\"\n", "")
        #expect(neither == ConfigError(
            file: "t.yaml", line: 11, column: 7, key: "web.users[0].password_hash",
            message: "required key is missing (or give password_hash_file)"))
    }

    @Test("a bad password_hash_file fails at its line without showing its contents", arguments: [
        ("missing", "password hash file '/nonexistent"), ("empty", "is empty"), ("two words", "exactly one hash"),
        ("plain password", "does not hold a bcrypt hash; make one with `oncalld --hash-password`"),
        ("bad cost", "does not hold a bcrypt hash"),
    ])
    func badHashFile(kind: String, message: String) throws {
        let path: String
        switch kind {
        case "missing": path = "/nonexistent/oncalld-test/\(UUID().uuidString)"
        case "empty": path = try ConfigFixtures.scratchFile("\n \n")
        case "two words": path = try ConfigFixtures.scratchFile("\(Self.hashA) hunter2secret\n")
        case "plain password": path = try ConfigFixtures.scratchFile("hunter2secret\n")
        default: path = try ConfigFixtures.scratchFile("$2b$99$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW\n")
        }
        let error = try #require(ConfigFixtures.error(Self.broken(Self.hashFile, path), file: "t.yaml"))
        #expect(error.line == 22)
        #expect(error.column == 27)
        #expect(error.key == "web.users[2].password_hash_file")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.message.contains(path))
        #expect(!error.description.contains("hunter2secret"))
        #expect(!error.description.contains("R9h/cIPz0gi"))
    }

    // MARK: - Redaction

    @Test("password hashes are redacted in descriptions, interpolation and dumps")
    func redacted() throws {
        let config = try ConfigLoader.parse(yaml: Self.valid, file: "t.yaml")
        let user = try #require(config.web.users.first)
        #expect(String(describing: user) == "WebUserConfig(zhang, role: manager, person: zhang.wei, passwordHash: <redacted>)")
        #expect(String(reflecting: user) == String(describing: user))
        var dumped = ""
        dump(config, to: &dumped)
        var dumpedWeb = ""
        dump(config.web, to: &dumpedWeb)
        let texts = [
            "\(user)", "\(config)", String(describing: config), String(reflecting: config), "\(config.web)",
            String(reflecting: config.web), "\(config.web.users)", dumped, dumpedWeb,
        ]
        for text in texts {
            for hash in [Self.hashA, Self.hashB, Self.hashC] {
                #expect(!text.contains(hash))
                #expect(!text.contains(hash.dropFirst(7)))
            }
            #expect(text.contains("zhang"))
            #expect(text.contains("redacted"))
        }
        #expect(dumped.contains("ops-lead"))
    }
}
