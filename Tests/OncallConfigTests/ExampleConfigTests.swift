import Foundation
import OncallCore
import Testing
@testable import OncallConfig

@Suite("The documented example config/oncalld.yaml")
struct ExampleConfigTests {
    func load() throws -> DaemonConfig {
        try ConfigLoader.load(path: ConfigFixtures.examplePath)
    }

    @Test("loads")
    func loads() throws {
        _ = try load()
    }

    @Test("daemon, socket, http and log keys read back")
    func daemonKeys() throws {
        let config = try load()
        #expect(config.stateDir == "run/state")
        #expect(config.socket == SocketConfig(path: "run/oncalld.sock", mode: 0o660, group: nil, allowedUsers: []))
        #expect(config.http == HTTPConfig(host: "127.0.0.1", port: 8080, maxBodyBytes: 1 << 20, tokens: []))
        #expect(config.logLevel == "info")
    }

    @Test("escalation and level keys read back")
    func policyKeys() throws {
        let policy = try load().policy
        #expect(policy.escalation.emergencyAfter == .seconds(600))
        #expect(policy.escalation.emergencyAfterByLevel == [.level1: .zero])
        #expect(policy.escalation.delay(for: .level1) == .zero)
        #expect(policy.escalation.delay(for: .level2) == .seconds(600))
        #expect(policy.thresholds == LevelThresholds(level2After: .seconds(1200), level1After: .seconds(3600)))
    }

    @Test("people and groups read back")
    func peopleKeys() throws {
        let config = try load()
        #expect(config.people.map(\.id)
            == ["zhang.wei", "li.na", "wang.fang", "chen.jie", "liu.yang", "zhao.lei", "sun.li", "zhou.qiang"])
        #expect(config.people.map(\.name) == ["张伟", "李娜", "王芳", "陈杰", "刘洋", "赵磊", "孙丽", "周强"])
        #expect(config.person("zhang.wei") == Person(
            id: "zhang.wei", name: "张伟", email: "zhang.wei@example.com", phone: "+86 138 0000 0001",
            chat: ["wecom": "ZhangWei", "dingtalk": "zhangwei01"], unixUser: "zhangwei"))
        for person in config.people {
            #expect(person.email == "\(person.id)@example.com")
            #expect(person.phone?.hasPrefix("+86 138") == true)
            #expect(Set(person.chat.keys) == ["wecom", "dingtalk"])
            #expect(person.unixUser != nil)
        }
        #expect(config.projectManagers == ["zhang.wei"])
        #expect(config.oncallEngineers == ["li.na", "wang.fang"])
        #expect(config.emergencyGroup == ["chen.jie", "liu.yang"])
    }

    @Test("calendar keys read back, with 2026 holidays and weekend make-up days")
    func calendarKeys() throws {
        let calendar = try load().calendar
        #expect(calendar.timeZone.identifier == "Asia/Shanghai")
        #expect(calendar.workingHours.map(\.description) == ["09:00-12:00", "13:00-18:00"])
        #expect(calendar.restDays == [.saturday, .sunday])
        // 3 + 9 + 3 + 5 + 3 + 3 + 7 days in 2026, and New Year's Day 2027.
        #expect(calendar.holidays.count == 34)
        for day in ["2026-01-01", "2026-02-15", "2026-02-23", "2026-10-07", "2027-01-01"] {
            #expect(calendar.holidays.contains(LocalDate(iso: day)!), "\(day)")
        }
        #expect(calendar.makeupDays.map(\.description).sorted()
            == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
        // A make-up day is only meaningful on a rest day.
        for day in calendar.makeupDays {
            #expect(calendar.restDays.contains(day.weekday), "\(day)")
        }
        #expect(!calendar.isWorkingDay(LocalDate(iso: "2026-10-05")!))
        #expect(calendar.isWorkingDay(LocalDate(iso: "2026-10-10")!))
    }

    @Test("the primary schedule reads back: weekly day shifts, daily nights, a holiday override")
    func scheduleKeys() throws {
        let config = try load()
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let mondayMorning = try #require(DaemonConfigReader.parseInstant("2026-11-02T09:00:00+08:00", timeZone: shanghai))
        let mondayEvening = mondayMorning.addingTimeInterval(9 * 3600)
        let day = Rotation(
            id: "primary.layers[0]", engineers: ["li.na", "wang.fang"], cadence: .weekly(.monday),
            handoffTime: TimeOfDay(hour: 9, minute: 0)!, timeZone: shanghai, start: mondayMorning)
        let night = Rotation(
            id: "primary.layers[1]", engineers: ["wang.fang", "li.na"], cadence: .daily,
            handoffTime: TimeOfDay(hour: 18, minute: 0)!, timeZone: shanghai, start: mondayEvening)
        let christmasEve = mondayEvening.addingTimeInterval(52 * 86_400)
        #expect(config.schedules == [OnCallSchedule(
            id: "primary", name: "一线值班",
            layers: [ScheduleLayer(rotation: day, restriction: .workingHours), ScheduleLayer(rotation: night, restriction: .outOfHours)],
            overrides: [ScheduleOverride(person: "wang.fang", start: christmasEve, end: christmasEve.addingTimeInterval(39 * 3600))])])
        let roster = OnCallRoster(schedules: config.schedules)
        // Tuesday 10:00 of the first week: li.na's day shift; 20:00 that evening: li.na's night (the second).
        let tuesday = mondayMorning.addingTimeInterval(86_400 + 3600)
        #expect(roster.engineersOnCall(at: tuesday, calendar: config.calendar, fallback: config.oncallEngineers) == ["li.na"])
        #expect(roster.onCall(at: tuesday.addingTimeInterval(10 * 3600), calendar: config.calendar) == ["primary": ["li.na"]])
        // Monday evening: wang.fang's first night.
        #expect(roster.onCall(at: mondayEvening, calendar: config.calendar) == ["primary": ["wang.fang"]])
        // Christmas Day 10:00, a working Friday: the override.
        #expect(roster.onCall(at: christmasEve.addingTimeInterval(16 * 3600), calendar: config.calendar) == ["primary": ["wang.fang"]])
    }

    @Test("the dispatch section reads back: Beijing headquarters, Shanghai and Guangzhou branches, Xinjiang uncovered")
    func dispatchKeys() throws {
        let config = try load()
        let dispatch = config.dispatch
        #expect(dispatch.policy == DispatchPolicy(
            arrivalWithCoverage: .seconds(3600), arrivalWithoutCoverage: .seconds(48 * 3600), acceptWithin: .seconds(600),
            callbackWithin: .seconds(4 * 3600), repairMinDays: 3, repairMaxDays: 7, emergencyAfterBreach: .seconds(600),
            loadWindow: .seconds(30 * 86_400), fallbackBranch: nil))
        #expect(dispatch.headquarters == "bj-hq")
        #expect(dispatch.branches == [
            BranchOffice(id: "bj-hq", name: "北京总部", regions: [RegionCode("11")!], isHeadquarters: true),
            BranchOffice(id: "sh", name: "上海分公司", regions: [RegionCode("31")!]),
            BranchOffice(id: "gz", name: "广州办事处", regions: [RegionCode("4401")!]),
        ])
        #expect(dispatch.engineers == [
            FieldEngineer(person: "zhao.lei", branch: "sh", skills: ["network", "server"], shift: .always),
            FieldEngineer(person: "sun.li", branch: "gz", skills: ["network", "storage"], shift: .always),
            FieldEngineer(person: "zhou.qiang", branch: "bj-hq", skills: ["network", "server", "storage"], shift: .always),
        ])
        // Every field engineer can be reached by phone.
        for engineer in dispatch.engineers {
            #expect(config.person(engineer.person)?.phone != nil, "\(engineer.person)")
        }
        #expect(dispatch.sites.map(\.id) == ["SH-WH-01", "GZ-DC-01", "XJ-URC-01"])
        #expect(dispatch.site("SH-WH-01") == CustomerSite(
            id: "SH-WH-01", name: "上海仓储中心", address: "上海市浦东新区示例路 100 号", region: RegionCode("310115")!,
            warrantyEnds: LocalDate(iso: "2027-06-30")))
        #expect(dispatch.region("广州") == RegionCode("4401"))
        #expect(dispatch.region("Xinjiang") == RegionCode("65"))

        // The sample at work: one branch per site, and Urumqi falls back to Beijing with 48 hours.
        let now = try #require(DaemonConfigReader.parseInstant("2026-11-03T10:00:00+08:00", timeZone: config.calendar.timeZone))
        func choose(_ id: String) throws -> DispatchDecision {
            let site = try #require(dispatch.site(id))
            return DispatchPlanner.choose(
                DispatchRequest(site: site, requestedAt: now), branches: dispatch.branches, engineers: dispatch.engineers,
                policy: dispatch.policy, calendar: config.calendar, now: now)
        }
        let shanghai = try choose("SH-WH-01")
        #expect((shanghai.engineer, shanghai.branch, shanghai.slaKind) == ("zhao.lei", "sh", .covered))
        let guangzhou = try choose("GZ-DC-01")
        #expect((guangzhou.engineer, guangzhou.branch, guangzhou.slaKind) == ("sun.li", "gz", .covered))
        let urumqi = try choose("XJ-URC-01")
        #expect((urumqi.engineer, urumqi.branch, urumqi.slaKind) == ("zhou.qiang", "bj-hq", .uncovered))
        #expect(urumqi.arriveBy == now.addingTimeInterval(48 * 3600))
        // One site in warranty, one out.
        let today = config.calendar.localDate(of: now)
        #expect(try #require(dispatch.site("SH-WH-01")).warranty(on: today).isInWarranty)
        #expect(try #require(dispatch.site("GZ-DC-01")).warranty(on: today).isChargeable)
    }

    @Test("heartbeats read back: a nightly backup at level 2 and the Prometheus Watchdog")
    func heartbeatKeys() throws {
        let heartbeats = try load().heartbeats
        #expect(heartbeats.map(\.heartbeat) == [
            Heartbeat(name: "nightly-backup", interval: .seconds(86400), grace: .seconds(3600), scope: .part, service: "backup",
                      title: "夜间备份未按时完成", organisation: "运维中心"),
            Heartbeat(name: "prometheus-watchdog", interval: .seconds(300), grace: .seconds(120), scope: .most, service: "monitoring",
                      title: "监控告警链路中断 (Alertmanager Watchdog 未到达)", alertmanagerAlertname: "Watchdog"),
        ])
        #expect(heartbeats.map(\.heartbeat.level) == [.level2, .level1])
        #expect(heartbeats.allSatisfy { $0.tokens.isEmpty && $0.secret == nil })
    }

    @Test("requests.mail reads back: two request addresses and subject tags on")
    func requestMailKeys() throws {
        let requests = try load().requests
        #expect(requests.mailAddresses == [.bugReport: "bugs@support.example.com", .softwareUpgrade: "upgrades@support.example.com"])
        #expect(requests.mailSubjectTags)
    }

    @Test("every key of the reference is present in the example")
    func everyKeyPresent() throws {
        let text = try String(contentsOfFile: ConfigFixtures.examplePath, encoding: .utf8)
        let keys = [
            "state_dir:", "socket:", "path:", "mode:", "group:", "allowed_users:", "http:", "listen:",
            "max_body:", "request_timeout:", "max_connections:", "tokens:", "escalation:", "emergency_after:", "emergency_after_by_level:",
            "levels:", "level2_after:", "level1_after:", "people:", "id:", "name:", "email:", "phone:",
            "chat:", "unix_user:", "project_managers:", "oncall_engineers:", "emergency_group:",
            "calendar:", "time_zone:", "working_hours:", "rest_days:", "holidays:", "makeup_days:",
            "log:", "level:",
            "schedules:", "layers:", "rotation:", "engineers:", "handoff:", "handoff_day:", "handoff_time:",
            "start:", "restrict:", "overrides:", "person:", "end:",
            "dispatch:", "headquarters:", "fallback_branch:", "arrival_with_coverage:", "arrival_without_coverage:",
            "accept_within:", "callback_within:", "repair_min_days:", "repair_max_days:", "emergency_after_breach:",
            "load_window:", "region_names:", "branches:", "regions:", "engineers:", "branch:", "skills:", "shift:",
            "leave:", "sites:", "address:", "region:", "warranty_ends:",
            "heartbeats:", "interval:", "grace:", "title:", "organisation:", "alertmanager_alertname:", "token_file:",
            "requests:", "mail:", "addresses:", "subject_tags:",
        ]
        for key in keys {
            #expect(text.contains(key), "\(key)")
        }
    }
}
