import Foundation
import OncallNotify
import Testing

@Suite("SMSGateway: placeholders escaped for where they stand")
struct SMSGatewayTests {
    let text = "[L1] 订单 \"登录\" & 50%\n确认 https://o.example/a/t?x=1"

    @Test("URL placeholders are percent-encoded")
    func url() {
        let gateway = SMSGateway(method: "GET", urlTemplate: "https://sms.example.com/send?to={{phone}}&msg={{text}}")
        let request = gateway.request(phone: "+86 138-0013-8000", text: text, idempotencyKey: "k1")
        #expect(request.method == "GET")
        #expect(request.url.hasPrefix("https://sms.example.com/send?to=%2B86%20138-0013-8000&msg=%5BL1%5D%20%E8%AE%A2%E5%8D%95%20%22"))
        #expect(!request.url.contains(" ") && !request.url.contains("\n"))
        #expect(URLComponents(string: request.url)?.queryItems?.first { $0.name == "msg" }?.value == text)
        #expect(request.body == nil)
        #expect(request.headers.contains { $0 == ("Idempotency-Key", "k1") })
    }

    @Test("JSON bodies get JSON-string escaping and stay valid JSON")
    func json() throws {
        let gateway = SMSGateway(
            urlTemplate: "https://sms.example.com/v1/messages", headers: [("Content-Type", "application/json"), ("Authorization", "Bearer k")],
            bodyTemplate: #"{"to":"{{phone}}","content":"{{text}}","sign":"oncalld"}"#)
        let request = gateway.request(phone: "13800138000", text: text)
        let body = try #require(request.body)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: String])
        #expect(object == ["to": "13800138000", "content": text, "sign": "oncalld"])
        #expect(request.method == "POST")
    }

    @Test("Form bodies are form-encoded; other bodies take the text as it is")
    func formAndPlain() {
        let form = SMSGateway(
            urlTemplate: "https://sms.example.com/send", headers: [("content-type", "application/x-www-form-urlencoded")],
            bodyTemplate: "mobile={{phone}}&text={{text}}")
        let body = String(decoding: form.request(phone: "+8613800138000", text: "a b&c=d").body ?? Data(), as: UTF8.self)
        #expect(body == "mobile=%2B8613800138000&text=a+b%26c%3Dd")

        let plain = SMSGateway(urlTemplate: "https://sms.example.com/send", headers: [("Content-Type", "text/plain")], bodyTemplate: "{{phone}}: {{text}}")
        #expect(plain.request(phone: "1", text: "a \"b\"").body == Data("1: a \"b\"".utf8))
    }

    @Test("Text holding a placeholder is not substituted again")
    func noRecursion() {
        let gateway = SMSGateway(urlTemplate: "http://h/?t={{text}}&p={{phone}}&u={{unknown}}")
        #expect(gateway.request(phone: "1", text: "{{phone}}").url == "http://h/?t=%7B%7Bphone%7D%7D&p=1&u={{unknown}}")
    }
}
