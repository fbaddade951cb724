import Foundation
import OncallAPI
import OncallCurl
import Testing

/// Issue 4, part 5: the acknowledge/resolve links in a message work from a phone's browser — over TCP,
/// with no API token (the signed token is the credential); GET only shows, POST acts.
extension EndToEnd {
@Suite("Acknowledge and resolve links from an email")
struct ActionLinkTests {
    @Test("li.na's acknowledge link: GET shows a page and changes nothing, a tampered token is 401, POST acknowledges as link:li.na; the resolve link resolves with the summary")
    func linksFromTheEmail() async throws {
        let world = try await NotifySandbox(smtp: true)
        defer { world.cleanup() }
        try world.writeConfig(world.config())
        _ = try await world.startDaemon()
        let sink = try #require(world.sink)
        let sandbox = world.sandbox

        _ = try await sandbox.report(sampleReport("扫码枪无法连接"))
        let mails = try await sink.waitForMessages("the report's emails", count: 2)
        let mail = try #require(mails.first { $0.recipient == "li.na@example.com" }, "no mail for li.na: \(mails)")
        let ack = try #require(mail.textLine("确认/Acknowledge"), "no acknowledge link in:\n\(mail.plainText)")
        let resolve = try #require(mail.textLine("解决/Resolve"), "no resolve link in:\n\(mail.plainText)")
        #expect(ack.hasPrefix(sandbox.tcpBase + "/a/"))

        // GET: an HTML page naming the incident, with the button; no bearer token needed; nothing changes.
        let page = try await world.http("GET", ack)
        #expect(page.status == 200, "GET \(ack) → \(page.status) \(page.text)")
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true, "content type: \(page.header("Content-Type") ?? "none")")
        #expect(page.text.contains("INC-000001"), "page:\n\(page.text)")
        #expect(page.text.contains("扫码枪无法连接"), "page:\n\(page.text)")
        #expect(page.text.lowercased().contains("<form method=\"post\""), "page:\n\(page.text)")
        let afterGet = try await sandbox.show("INC-000001")
        #expect(afterGet.state == "reported", "a GET (a mail scanner following the link) must change nothing")
        #expect(afterGet.timeline?.map(\.kind) == ["reported"])

        // Tampered tokens are refused, for GET and POST alike.
        let token = String(ack.dropFirst((sandbox.tcpBase + "/a/").count))
        for (why, forged) in try tamperedTokens(token) {
            for method in ["GET", "POST"] {
                let answer = try await world.http(method, sandbox.tcpBase + "/a/" + forged)
                #expect(answer.status == 401, "\(method) with \(why) → \(answer.status) \(answer.text)")
            }
        }
        #expect(try await sandbox.show("INC-000001").state == "reported", "a refused link must change nothing")

        // POST: acknowledged, recorded as link:li.na.
        let acked = try await world.http("POST", ack)
        #expect(acked.status == 200, "POST \(ack) → \(acked.status) \(acked.text)")
        #expect(acked.text.contains("acknowledged"), "page:\n\(acked.text)")
        let afterAck = try await sandbox.show("INC-000001")
        #expect(afterAck.state == "acknowledged")
        let ackEntry = afterAck.timeline?.last
        #expect(ackEntry?.kind == "acknowledged" && ackEntry?.actor == "link:li.na", "timeline: \(afterAck.timeline ?? [])")

        // The same link again cannot acknowledge twice.
        let again = try await world.http("POST", ack)
        #expect(again.status == 409, "a second POST of the acknowledge link → \(again.status) \(again.text)")

        // The resolve link, POSTed as a browser form with a summary.
        let summary = "重启了 pool & 验证"
        let form = "summary=" + formEncoded(summary)
        let resolved = try await world.http(
            "POST", resolve, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Data(form.utf8))
        #expect(resolved.status == 200, "POST \(resolve) → \(resolved.status) \(resolved.text)")
        let afterResolve = try await sandbox.show("INC-000001")
        #expect(afterResolve.state == "resolved")
        #expect(afterResolve.resolutionSummary == summary)
        let resolveEntry = afterResolve.timeline?.last { $0.kind != "postmortem" }
        #expect(resolveEntry?.kind == "resolved" && resolveEntry?.actor == "link:li.na", "timeline: \(afterResolve.timeline ?? [])")
        #expect(resolveEntry?.details["summary"] == summary, "timeline: \(afterResolve.timeline ?? [])")
        #expect(afterResolve.timeline?.map(\.kind) == ["reported", "acknowledged", "resolved", "postmortem"], "the resolution drafts the fault report")
    }

    /// Forgeries of a genuine `payload.signature` token: a changed signature, claims changed under the
    /// old signature (someone else's link, the other action), and no signature at all.
    func tamperedTokens(_ token: String) throws -> [(String, String)] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 2, "token '\(token)' is not payload.signature")
        let (payload, signature) = (parts[0], parts[1])
        // Change one character in the middle of the signature (all of its bits count there).
        var chars = Array(signature)
        let middle = chars.count / 2
        chars[middle] = chars[middle] == "A" ? "B" : "A"
        var forged = [("a changed signature", payload + "." + String(chars)), ("no signature", payload + "."), ("garbage", "not-a-token")]
        // The claims, re-encoded with another person and another action, keeping the old signature.
        let claimsData = try #require(Self.data(base64url: payload), "payload is not base64url")
        let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
        for (why, key, value) in [("another person", "p", "zhang.wei"), ("another action", "a", "resolve")] {
            var changed = claims
            changed[key] = value
            let data = try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys])
            forged.append(("claims changed to \(why)", Self.base64url(data) + "." + signature))
        }
        return forged
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64url text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// `application/x-www-form-urlencoded` value encoding, as a browser does it.
    func formEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._* ")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
    }
}
}
