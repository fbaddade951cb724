import Foundation
@testable import OncallMail
import Testing

@Suite("Header values: parameters, addresses, dates, message ids")
struct HeaderValueTests {
    private func parameters(_ raw: String) -> ParameterizedValue {
        var warnings: [String] = []
        return ParameterizedValue.parse(raw, warnings: &warnings)
    }

    @Test("Content-Type values as mailers write them", arguments: [
        ("text/plain; charset=us-ascii", "text/plain", "charset", "us-ascii"),
        ("TEXT/PLAIN; CHARSET=\"UTF-8\"", "text/plain", "charset", "UTF-8"),
        (" text/plain; charset =us-ascii (Plain text)", "text/plain", "charset", "us-ascii"),
        ("image/ jpeg; name=a.jpg", "image/jpeg", "name", "a.jpg"),
        (" message / rfc822", "message/rfc822", "x", nil),
        ("multipart/mixed; boundary=gc0pJq0M:08jU534c0p", "multipart/mixed", "boundary", "gc0pJq0M:08jU534c0p"),
        ("multipart/mixed boundary=\"abc\"", "multipart/mixed", "boundary", "abc"),
        ("application/pdf; name=\"unterminated.pdf", "application/pdf", "name", "unterminated.pdf"),
        ("application/octet-stream; name=my report 2025.xlsx", "application/octet-stream", "name", "my report 2025.xlsx"),
        ("text/plain; charset=utf-8; charset=gbk", "text/plain", "charset", "utf-8"),
        ("attachment; filename=\"C:\\\\Users\\\\li\\\\日志.txt\"", "attachment", "filename", "C:\\Users\\li\\日志.txt"),
    ] as [(String, String, String, String?)])
    func contentTypes(raw: String, value: String, parameter: String, expected: String?) {
        let parsed = parameters(raw)
        #expect(parsed.value == value)
        #expect(parsed[parameter] == expected)
    }

    @Test("RFC 2231: charset, language, percent-encoding and continuations")
    func rfc2231() {
        #expect(parameters("attachment; filename*=UTF-8''%E6%95%85%E9%9A%9C.txt")["filename"] == "故障.txt")
        #expect(parameters("attachment; filename*=gb2312'zh-cn'%B9%CA%D5%CF.txt")["filename"] == "故障.txt")
        #expect(parameters("attachment; filename*0*=UTF-8''%E6%95; filename*1*=%85%E9%9A%9C; filename*2=.txt")["filename"] == "故障.txt")
        // Sections out of order are put back in order.
        #expect(parameters("attachment; filename*1=\"B.txt\"; filename*0=\"A-\"")["filename"] == "A-B.txt")
        // The RFC 2231 form wins over a plain one.
        #expect(parameters("attachment; filename=\"fallback.txt\"; filename*=utf-8''%E6%97%A5%E5%BF%97.txt")["filename"] == "日志.txt")
        // A bad percent escape is kept; an absurd section number is ignored.
        #expect(parameters("attachment; filename*=utf-8''100%25%zz.txt")["filename"] == "100%%zz.txt")
        #expect(parameters("attachment; filename*99999=x; filename=ok.txt")["filename"] == "ok.txt")
    }

    @Test("encoded words inside quoted file names (Outlook, Foxmail)")
    func encodedWordFilename() {
        #expect(parameters("attachment; filename=\"=?gb2312?B?ucrVzy50eHQ=?=\"")["filename"] == "故障.txt")
    }

    @Test("address lists", arguments: [
        ("\"Zhang, San\" <zhangsan@example.cn>, lisi@example.cn",
         [MailAddress(name: "Zhang, San", address: "zhangsan@example.cn"), MailAddress(address: "lisi@example.cn")]),
        ("=?UTF-8?B?5byg5LiJ?= <zhangsan@example.cn>", [MailAddress(name: "张三", address: "zhangsan@example.cn")]),
        ("\"=?gb2312?B?zfXOsA==?=\" <wangwei@corp.example.com>", [MailAddress(name: "王伟", address: "wangwei@corp.example.com")]),
        ("root@batch-07.example.com (Cron Daemon)", [MailAddress(name: "Cron Daemon", address: "root@batch-07.example.com")]),
        ("undisclosed-recipients:;", []),
        ("Team: a@example.com, \"B\" <b@example.com>;, c@example.com",
         [MailAddress(address: "a@example.com"), MailAddress(name: "B", address: "b@example.com"), MailAddress(address: "c@example.com")]),
        ("a@example.com; b@example.com", [MailAddress(address: "a@example.com"), MailAddress(address: "b@example.com")]),
        ("Li Ming liming@example.cn", [MailAddress(name: "Li Ming", address: "liming@example.cn")]),
        ("<@relay.example.net:user@example.com>", [MailAddress(address: "user@example.com")]),
        ("<>", []),
        ("\"unterminated <x@example.com>", [MailAddress(name: "unterminated", address: "x@example.com")]),
        ("张伟 <zhangwei@example.cn>", [MailAddress(name: "张伟", address: "zhangwei@example.cn")]),
        ("=?utf-8?Q?Evil=2C_Name_=3Cx=40y=3E?= <real@example.com>",
         [MailAddress(name: "Evil, Name <x@y>", address: "real@example.com")]),
    ])
    func addresses(raw: String, expected: [MailAddress]) {
        #expect(MailAddress.parseList(raw) == expected)
    }

    @Test("dates", arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", 1_057_049_557.0),
        ("1 Jul 2003 10:52:37 +0200", 1_057_049_557.0),
        ("Tue, 01 Jul 2003 08:52:37 GMT", 1_057_049_557.0),
        ("Tue, 1 Jul 03 04:52:37 EDT", 1_057_049_557.0),
        ("Tue, 1 Jul 2003 16:52:37 +0800 (CST)", 1_057_049_557.0),
        ("Tue,  1 Jul 2003 08:52 +0000", 1_057_049_520.0),
        ("2003-07-01T16:52:37+08:00", 1_057_049_557.0),
        ("2003-07-01 08:52:37", 1_057_049_557.0),
        ("Thu, 13 Feb 1969 23:32:54 -0330", -27_723_426.0),
    ])
    func dates(raw: String, epoch: Double) {
        #expect(MailDate.parse(raw) == Date(timeIntervalSince1970: epoch))
    }

    @Test("unparseable dates are nil", arguments: ["", "yesterday", "Tue, 32 Jul 2003 10:00:00", "Jul 2003", "1 Foo 2003 10:00"])
    func badDates(raw: String) {
        #expect(MailDate.parse(raw) == nil)
    }

    @Test("message ids")
    func messageIDs() {
        #expect(MessageIDs.parse("<a@x> <b@y>\r\n <a@x>") == ["a@x", "b@y"])
        #expect(MessageIDs.parse("message from Bob of \"Mon\" <c@z>") == ["c@z"])
        #expect(MessageIDs.parse("d@w e@v") == ["d@w", "e@v"])
        #expect(MessageIDs.parse("") == [])
        #expect(MessageIDs.parse("<unterminated@x") == ["unterminated@x"])
    }
}
