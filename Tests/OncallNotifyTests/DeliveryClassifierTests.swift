import Foundation
import OncallCurl
import OncallNotify
import Testing

@Suite("DeliveryClassifier: retryable or permanent")
struct DeliveryClassifierTests {
    func http(_ status: Int, _ body: String = "", _ channel: ChannelKind = .webhook) -> DeliveryOutcome {
        DeliveryClassifier.classify(status: status, body: Data(body.utf8), channel: channel)
    }

    @Test("HTTP statuses")
    func statuses() {
        #expect(http(200, "ok") == .delivered(detail: "HTTP 200 ok"))
        #expect(http(204).isDelivered)
        for status in [408, 429, 500, 502, 503, 504] { #expect(http(status).isRetryable, "\(status)") }
        for status in [301, 400, 401, 403, 404, 410, 413, 422] { #expect(http(status).result == .permanent, "\(status)") }
        #expect(http(503, "Service\r\nUnavailable").detail == "HTTP 503 Service Unavailable")
        #expect(http(500, String(repeating: "x", count: 1000)).detail.count < 320)
    }

    @Test("Chat robots' JSON codes")
    func chatCodes() {
        #expect(http(200, #"{"errcode":0,"errmsg":"ok"}"#, .wecom).isDelivered)
        #expect(http(200, #"{"errcode":45009,"errmsg":"api freq out of limit"}"#, .wecom).isRetryable)
        #expect(http(200, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#, .wecom).result == .permanent)
        #expect(http(200, #"{"errcode":0,"errmsg":"ok"}"#, .dingtalk).isDelivered)
        #expect(http(200, #"{"errcode":130101,"errmsg":"send too fast"}"#, .dingtalk).isRetryable)
        #expect(http(200, #"{"errcode":310000,"errmsg":"sign not match"}"#, .dingtalk).result == .permanent)
        #expect(http(200, #"{"code":0,"msg":"success","data":{}}"#, .feishu).isDelivered)
        #expect(http(200, #"{"StatusCode":0,"StatusMessage":"success"}"#, .feishu).isDelivered)
        #expect(http(200, #"{"code":9499,"msg":"Bad Request"}"#, .feishu).isRetryable)
        #expect(http(400, #"{"code":11232,"msg":"frequency limited"}"#, .feishu).isRetryable)
        #expect(http(200, #"{"code":19021,"msg":"sign match fail"}"#, .feishu).result == .permanent)
        // A 200 that is not the robot's answer (a proxy page) proves nothing.
        #expect(http(200, "<html>portal</html>", .wecom).isRetryable)
        #expect(http(503, #"{"errcode":0}"#, .wecom).isRetryable)
        // Slack answers plain "ok"; other channels do not parse JSON.
        #expect(http(200, "ok", .slack).isDelivered)
        #expect(http(200, #"{"errcode":45009}"#, .webhook).isDelivered)
    }

    @Test("HTTP transport errors")
    func httpErrors() {
        #expect(DeliveryClassifier.classify(httpError: CurlError(kind: .couldNotConnect, code: 7, message: "Couldn't connect")).isRetryable)
        #expect(DeliveryClassifier.classify(httpError: CurlError(kind: .timedOut, code: 28, message: "Timeout")).isRetryable)
        #expect(DeliveryClassifier.classify(httpError: CurlError(kind: .other, code: 35, message: "SSL connect error")).isRetryable)
        #expect(DeliveryClassifier.classify(httpError: CurlError(kind: .other, code: 3, message: "URL using bad/illegal format")).result == .permanent)
    }

    @Test("SMTP errors: the reply code in libcurl's text decides")
    func smtpErrors() {
        func smtp(_ code: Int, _ kind: CurlError.Kind, _ detail: String) -> DeliveryOutcome {
            DeliveryClassifier.classify(smtpError: CurlError(kind: kind, code: code, message: "m", detail: detail))
        }
        #expect(smtp(55, .connectionLost, "RCPT failed: 550").result == .permanent)
        #expect(smtp(55, .connectionLost, "RCPT failed: 450").isRetryable)
        #expect(smtp(55, .connectionLost, "RCPT failed: 550 (last error)").result == .permanent)
        #expect(smtp(55, .connectionLost, "MAIL failed: 452").isRetryable)
        #expect(smtp(55, .connectionLost, "DATA failed: 554").result == .permanent)
        #expect(smtp(8, .other, "Got unexpected smtp-server response: 421").isRetryable)
        #expect(smtp(67, .other, "Authentication failed: 535").result == .permanent)
        #expect(smtp(64, .other, "STARTTLS not supported.").result == .permanent)
        #expect(smtp(56, .connectionLost, "").isRetryable)
        #expect(smtp(56, .connectionLost, "Recv failure: Connection reset by peer").isRetryable)
        // A port number in a connect error is not a reply code.
        #expect(smtp(7, .couldNotConnect, "Failed to connect to mail.example.com port 587 after 3 ms: Connection refused").isRetryable)
        #expect(smtp(28, .timedOut, "Connection timed out after 10001 milliseconds").isRetryable)
    }
}
