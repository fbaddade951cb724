import Foundation
import OncallMail
import Testing
@testable import OncallInbound

@Suite("Amazon SES through SNS")
struct SESTests {
    static let topic = "arn:aws:sns:us-east-1:123456789012:oncalld-inbound"

    static func integration(trusting certificates: [String] = ["signing-cert.pem"], topic: String = topic) throws -> InboundIntegration {
        InboundIntegration(
            name: "ses", kind: .ses, trustedCertificatesPEM: try certificates.map { try Fixture.text("sns/\($0)") }, topicARN: topic)
    }

    static func request(_ fixture: String) throws -> InboundHTTPRequest {
        InboundHTTPRequest(
            headers: [("Content-Type", "text/plain; charset=UTF-8"), ("x-amz-sns-message-type", "Notification")],
            body: try Fixture.data("sns/\(fixture)"))
    }

    /// The fixture's JSON with one field changed, re-serialized (the signature no longer fits).
    static func tampered(_ fixture: String, _ key: String, _ value: String) throws -> InboundHTTPRequest {
        var object = try JSONSerialization.jsonObject(with: Fixture.data("sns/\(fixture)")) as! [String: Any]
        object[key] = value
        return InboundHTTPRequest(body: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("a SignatureVersion 1 notification with UTF-8 content becomes the mail")
    func utf8ContentVersion1() throws {
        let (parsed, envelopeTo, eventID) = try #require(mail(try decode(Self.request("notification-utf8-v1.json"), Self.integration())))
        #expect(parsed.subject == "订单系统无法登录")
        #expect(parsed.from.first?.name == "仓储中心值班员")
        #expect(parsed.messageID == "ses-utf8-1@customer.example.cn")
        #expect(parsed.textBody?.contains("所有用户登录超时") == true)
        #expect(envelopeTo == ["faults+wms@example.com"])
        #expect(eventID == "o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1")
    }

    @Test("a SignatureVersion 2 notification with base64 content keeps 8-bit GB2312 intact")
    func base64ContentVersion2() throws {
        let (parsed, _, eventID) = try #require(mail(try decode(Self.request("notification-base64-v2.json"), Self.integration())))
        #expect(parsed.subject == "仓库扫码枪全部离线")
        #expect(parsed.textBody?.hasPrefix("扫码枪从八点起无法连接。") == true)
        #expect(eventID == "b64messageid0001")
    }

    @Test("a notification without Subject verifies (Subject is left out of the string to sign)")
    func noSubject() throws {
        #expect(mail(try decode(Self.request("notification-nosubject-v2.json"), Self.integration())) != nil)
    }

    @Test("a subscription confirmation is verified and handed over, both versions", arguments: ["1", "2"])
    func subscriptionConfirmation(_ version: String) throws {
        let payload = try decode(Self.request("subscription-confirmation-v\(version).json"), Self.integration())
        guard case let .subscriptionConfirmation(url, topic) = payload else {
            Issue.record("expected a subscription confirmation, got \(payload)")
            return
        }
        #expect(url.hasPrefix("https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription"))
        #expect(topic == Self.topic)
    }

    @Test("an unsubscribe confirmation is authentic but needs nothing stored")
    func unsubscribeConfirmation() throws {
        let error = try #require(refusal(Self.request("unsubscribe-confirmation-v2.json"), Self.integration()))
        #expect(error.status == 200)
        #expect(error.code == "ignored")
        #expect(error.raw == nil)
    }

    @Test("a tampered field breaks the signature", arguments: ["Message", "MessageId", "Timestamp", "Subject", "Type"])
    func tampered(_ field: String) throws {
        let request = try Self.tampered("notification-utf8-v1.json", field, "x")
        #expect(refusal(request, try Self.integration())?.status == 401)
    }

    @Test("a forged subscription URL breaks the signature")
    func forgedSubscribeURL() throws {
        let request = try Self.tampered("subscription-confirmation-v2.json", "SubscribeURL", "https://evil.example/confirm")
        #expect(refusal(request, try Self.integration())?.status == 401)
    }

    @Test("a wrong signature version is refused")
    func signatureVersionSwap() throws {
        // The bytes were signed over SHA-1; claiming SHA-256 must not verify.
        let request = try Self.tampered("notification-utf8-v1.json", "SignatureVersion", "2")
        #expect(refusal(request, try Self.integration())?.status == 401)
        let unknown = try Self.tampered("notification-utf8-v1.json", "SignatureVersion", "3")
        #expect(refusal(unknown, try Self.integration())?.status == 401)
    }

    @Test("another topic is refused with 401, even when properly signed")
    func wrongTopic() throws {
        #expect(refusal(try Self.request("notification-other-topic-v2.json"), try Self.integration())?.status == 401)
        let pinnedElsewhere = try Self.integration(topic: "arn:aws:sns:eu-west-1:123456789012:other")
        #expect(refusal(try Self.request("notification-utf8-v1.json"), pinnedElsewhere)?.status == 401)
    }

    @Test("a certificate that is not in the trust list is refused with 401")
    func untrustedCertificate() throws {
        #expect(refusal(try Self.request("notification-untrusted-v2.json"), try Self.integration())?.status == 401)
        let trustsOther = try Self.integration(trusting: ["untrusted-cert.pem"])
        #expect(refusal(try Self.request("notification-utf8-v1.json"), trustsOther)?.status == 401)
        let trustsNothing = try Self.integration(trusting: [])
        #expect(refusal(try Self.request("notification-utf8-v1.json"), trustsNothing)?.status == 401)
    }

    @Test("any of several trusted certificates may verify, even from one PEM bundle")
    func severalCertificates() throws {
        let bundle = try Fixture.text("sns/untrusted-cert.pem") + "\n" + Fixture.text("sns/signing-cert.pem")
        let integration = InboundIntegration(name: "ses", kind: .ses, trustedCertificatesPEM: [bundle], topicARN: Self.topic)
        #expect(mail(try decode(Self.request("notification-utf8-v1.json"), integration)) != nil)
        #expect(integration.problems.isEmpty)
    }

    @Test("a trusted certificate outside its validity period is refused")
    func expiredCertificate() throws {
        let integration = try Self.integration(trusting: ["signing-cert.pem", "expired-cert.pem"])
        let error = try #require(refusal(try Self.request("notification-expired-cert-v2.json"), integration))
        #expect(error.status == 401)
        #expect(error.message.contains("not valid now"))
    }

    @Test("an SES notification that is not Received is kept in quarantine, not dropped")
    func bounceNotification() throws {
        let error = try #require(refusal(try Self.request("notification-bounce-v2.json"), try Self.integration()))
        #expect(error.status == 422)
        #expect(error.rawContentType == "application/json")
    }

    @Test("a body that is not an SNS envelope is malformed")
    func notAnEnvelope() throws {
        #expect(refusal(InboundHTTPRequest(body: Data("{\"Type\":\"Notification\"}".utf8)), try Self.integration())?.status == 400)
        #expect(refusal(InboundHTTPRequest(body: Data("hello".utf8)), try Self.integration())?.status == 400)
    }

    @Test("configuration problems are reported")
    func problems() throws {
        let broken = InboundIntegration(name: "ses", kind: .ses, trustedCertificatesPEM: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"])
        #expect(broken.problems.count >= 2)
        #expect(try Self.integration().problems.isEmpty)
    }

    @Test("SES content: base64 without a declared encoding is recognized; text stays text")
    func contentEncodingFallback() throws {
        let mime = "From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n"
        #expect(try SESDecoder.mimeBytes(Data(mime.utf8).base64EncodedString(), encoding: nil, raw: Data()) == Data(mime.utf8))
        #expect(try SESDecoder.mimeBytes(mime, encoding: nil, raw: Data()) == Data(mime.utf8))
        #expect(try SESDecoder.mimeBytes(mime, encoding: "UTF8", raw: Data()) == Data(mime.utf8))
        #expect(throws: InboundError.self) { try SESDecoder.mimeBytes("%%%", encoding: "BASE64", raw: Data()) }
    }
}
