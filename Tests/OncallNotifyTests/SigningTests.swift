import Foundation
import OncallNotify
import OncallTesting
import Testing

/// Signatures against vectors computed independently with Python's hmac/hashlib/base64:
///
///     hmac.new(b"SECtest0123456789", b"1700000000000\nSECtest0123456789", sha256)  -> base64 yBKp5IlG…/g=
///     hmac.new(b"1700000000\nfsSecret", digestmod=sha256)                          -> base64 bET9LL4F…yFs=
///     hmac.new(b"whsec", b'1700000000.{"a":1}', sha256).hexdigest()                 -> 8ad37ba1…2032
@Suite("Chat and webhook signatures")
struct SigningTests {
    @Test("DingTalk 加签: base64(HMAC-SHA256(secret, \"<ms>\\n<secret>\")), URL-encoded onto the webhook URL")
    func dingTalk() {
        #expect(DingTalkRobot.sign(secret: "SECtest0123456789", milliseconds: 1_700_000_000_000) == "yBKp5IlG6qCzcQWmgyRK/ziJBdVNJmHfFE2ST/CzT/g=")
        let url = DingTalkRobot.signedURL(
            "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SECtest0123456789", timestamp: t0)
        #expect(url == "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=yBKp5IlG6qCzcQWmgyRK%2FziJBdVNJmHfFE2ST%2FCzT%2Fg%3D")
        #expect(DingTalkRobot.signedURL("http://h/hook", secret: "s", timestamp: t0).hasPrefix("http://h/hook?timestamp=1700000000000&sign="))
    }

    @Test("DingTalk signature agrees with Python for a non-ASCII secret and a fractional timestamp")
    func dingTalkAgainstPython() throws {
        let secret = "SEC密钥+/="
        let date = Date(timeIntervalSince1970: 1_700_000_123.4567)
        let python = """
            import base64, hashlib, hmac, sys, urllib.parse
            ts, secret = sys.argv[1], sys.argv[2]
            mac = hmac.new(secret.encode(), (ts + "\\n" + secret).encode(), hashlib.sha256).digest()
            print(urllib.parse.quote_plus(base64.b64encode(mac)), end="")
            """
        let expected = String(decoding: try FixtureProcess.output(python: ["-c", python, "1700000123456", secret]), as: UTF8.self)
        #expect(DingTalkRobot.signedURL("https://h/x?access_token=t", secret: secret, timestamp: date)
            == "https://h/x?access_token=t&timestamp=1700000123456&sign=" + expected)
    }

    @Test("Feishu 签名校验: base64(HMAC-SHA256(key: \"<s>\\n<secret>\", message: empty))")
    func feishu() {
        #expect(FeishuRobot.sign(secret: "fsSecret", seconds: 1_700_000_000) == "bET9LL4FtJlTaypmiSid+Cr28phGd0hYTCZuSSHpyFs=")
    }

    @Test("Generic webhook: sha256=<hex HMAC of \"<ts>.<body>\">, verified in constant time")
    func generic() {
        let body = Data("{\"a\":1}".utf8)
        let signature = GenericWebhook.signature(secret: "whsec", timestamp: "1700000000", body: body)
        #expect(signature == "sha256=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032")
        #expect(GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: body, secret: "whsec"))
        #expect(GenericWebhook.verify(signatureHeader: signature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="),
                                      timestamp: "1700000000", body: body, secret: "whsec"))
        #expect(!GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000001", body: body, secret: "whsec"))
        #expect(!GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: Data("{\"a\":2}".utf8), secret: "whsec"))
        #expect(!GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: body, secret: "other"))
        #expect(!GenericWebhook.verify(signatureHeader: "sha256=zz", timestamp: "1700000000", body: body, secret: "whsec"))
        #expect(!GenericWebhook.verify(signatureHeader: String(signature.dropLast()), timestamp: "1700000000", body: body, secret: "whsec"))
        // With a clock: fresh passes, stale fails (replay protection).
        #expect(GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: body, secret: "whsec", now: t0.addingTimeInterval(60)))
        #expect(!GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: body, secret: "whsec", now: t0.addingTimeInterval(3600)))
    }

    @Test("Generic webhook request: headers and an unsigned variant")
    func genericRequest() {
        let body = Data("{\"a\":1}".utf8)
        let signed = GenericWebhook.request(url: "http://h/hook", secret: "whsec", body: body, idempotencyKey: "k-1", timestamp: t0)
        let headers = Dictionary(signed.headers, uniquingKeysWith: { first, _ in first })
        #expect(signed.method == "POST")
        #expect(signed.body == body)
        #expect(headers["Content-Type"] == "application/json")
        #expect(headers["Idempotency-Key"] == "k-1")
        #expect(headers["X-Oncalld-Timestamp"] == "1700000000")
        #expect(headers["X-Oncalld-Signature"] == "sha256=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032")
        let unsigned = GenericWebhook.request(url: "http://h/hook", secret: nil, body: body, idempotencyKey: "k-1", timestamp: t0)
        #expect(!unsigned.headers.contains { $0.0 == "X-Oncalld-Signature" })
    }
}
