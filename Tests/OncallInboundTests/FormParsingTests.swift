import Foundation
import OncallMail
import Testing
@testable import OncallInbound

@Suite("Form, header parameter and date parsing")
struct FormParsingTests {
    @Test("Content-Disposition parameters: quotes, escapes, RFC 2231 and RFC 2047 file names")
    func headerParameters() {
        let plain = ParameterizedValue.parse(#"form-data; name="attachment-1"; filename="a;b=c \"q\".pdf""#)
        #expect(plain.value == "form-data")
        #expect(plain["name"] == "attachment-1")
        #expect(plain["filename"] == #"a;b=c "q".pdf"#)
        let extended = ParameterizedValue.parse("attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf")
        #expect(extended["filename"] == "报告.pdf")
        let continued = ParameterizedValue.parse("attachment; filename*0*=gb2312''%B6%A9%B5%A5; filename*1*=%CF%B5%CD%B3.txt")
        #expect(continued["filename"] == "订单系统.txt")
        let encodedWord = ParameterizedValue.parse(#"form-data; name="attachment-2"; filename="=?UTF-8?B?5oql5ZGKLnBkZg==?=""#)
        #expect(encodedWord["filename"] == "报告.pdf")
        let type = ParameterizedValue.parse("Multipart/Form-Data; Boundary=xYzZY")
        #expect(type.value == "multipart/form-data")
        #expect(type["boundary"] == "xYzZY")
    }

    @Test("urlencoded: plus is space, percent escapes are bytes, repeated names kept")
    func urlencoded() throws {
        let form = try FormURLEncodedParser.parse(Data("a=1+2&b=%E6%B5%8B%E8%AF%95&a=3&flag&bad=%zz".utf8))
        #expect(form.text("a") == "1 2")
        #expect(form.text("b") == "测试")
        #expect(form.fields.filter { $0.name == "a" }.count == 2)
        #expect(form.text("flag") == "")
        #expect(form.text("bad") == "%zz")
    }

    @Test("multipart: empty values, CR bytes in files and parts without a name")
    func multipart() throws {
        var body = MultipartBody(boundary: "----WebKitFormBoundary7MA4YWxkTrZu0gW")
        body.field("empty", "")
        body.file("file", filename: "x.bin", contentType: "application/octet-stream", data: Data([0x0D, 0x0D, 0x0A, 0x2D, 0x2D, 0x0D]))
        var data = body.finished()
        // An unnamed part in the middle is skipped, not fatal.
        data = Data("--\(body.boundary)\r\nContent-Type: text/plain\r\n\r\nstray\r\n".utf8) + data
        let form = try MultipartFormParser.parse(data, boundary: body.boundary)
        #expect(form.text("empty") == "")
        #expect(form.field("file")?.data == Data([0x0D, 0x0D, 0x0A, 0x2D, 0x2D, 0x0D]))
        #expect(form.field("file")?.filename == "x.bin")
        #expect(form.fields.count == 2)
        #expect(form.unnamedParts == 1)
        #expect(form.unnamedPartsWarning != nil)
    }

    @Test("a part whose Content-Disposition is not UTF-8 is counted, not silently lost")
    func nonUTF8Disposition() throws {
        var data = Data("--b\r\nContent-Disposition: form-data; name=\"attachment-1\"; filename=\"".utf8)
        data.append(contentsOf: hexBytes("b6a9b5a5")) // 订单 in GB2312, as an old mailer would put it
        data.append(Data(".txt\"\r\n\r\nxx\r\n--b--\r\n".utf8))
        let form = try MultipartFormParser.parse(data, boundary: "b")
        #expect(form.fields.isEmpty)
        #expect(form.unnamedParts == 1)
    }

    @Test("a half-megabyte binary file full of CR, LF and dashes survives intact")
    func largeBinaryFile() throws {
        // Deterministic bytes (a linear congruential generator) biased towards the boundary's
        // own characters, so the parser meets many near-misses.
        var state: UInt32 = 12_345
        let alphabet: [UInt8] = [0x0D, 0x0A, 0x2D, 0x2D, 0x62, 0x00, 0xFF]
        let bytes = (0..<(512 * 1024)).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12_345
            let value = UInt8(truncatingIfNeeded: state >> 16)
            return value < 128 ? alphabet[Int(value) % alphabet.count] : value
        }
        var body = MultipartBody(boundary: "bb")
        body.file("attachment-1", filename: "dump.bin", contentType: "application/octet-stream", data: Data(bytes))
        body.field("after", "still here")
        let form = try MultipartFormParser.parse(body.finished(), boundary: "bb")
        #expect(form.field("attachment-1")?.data == Data(bytes))
        #expect(form.text("after") == "still here")
    }

    @Test("multipart without a closing boundary is malformed")
    func multipartUnterminated() {
        let data = Data("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue".utf8)
        #expect(throws: InboundError.self) { try MultipartFormParser.parse(data, boundary: "b") }
        #expect(throws: InboundError.self) { try MultipartFormParser.parse(Data("no parts here".utf8), boundary: "b") }
    }

    @Test("credential comparison is exact")
    func constantTime() {
        #expect(Credentials.constantTimeEquals("secret", "secret"))
        #expect(!Credentials.constantTimeEquals("secret", "secreT"))
        #expect(!Credentials.constantTimeEquals("secret", "secret "))
        #expect(!Credentials.constantTimeEquals("", "secret"))
    }

    @Test("HTTP header lookup ignores case")
    func headerLookup() {
        let request = InboundHTTPRequest(headers: [("content-TYPE", "a"), ("Content-Type", "b")])
        #expect(request.header("Content-Type") == "a")
        #expect(request.header("X-Missing") == nil)
    }
}
