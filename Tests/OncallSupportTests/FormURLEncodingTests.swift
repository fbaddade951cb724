import Testing
import OncallSupport

@Suite("Form urlencoding")
struct FormURLEncodingTests {
    @Test("plus is space, percent escapes are bytes, repeated names and empty values kept")
    func fields() {
        let fields = FormURLEncoding.fields("a=1+2&b=%E6%B5%8B%E8%AF%95&a=3&flag&&empty=&eq=x=y")
        #expect(fields.map(\.name) == ["a", "b", "a", "flag", "empty", "eq"])
        #expect(fields.map(\.text) == ["1 2", "测试", "3", "", "", "x=y"])
    }

    @Test("malformed escapes are kept literally", arguments: [("%zz", "%zz"), ("%", "%"), ("%4", "%4"), ("a%2", "a%2"), ("%41", "A"), ("%2b", "+")])
    func malformed(_ encoded: String, _ decoded: String) {
        #expect(FormURLEncoding.fields("v=" + encoded).first?.text == decoded)
    }

    @Test("values are bytes: a GB2312 value survives undecoded")
    func bytes() {
        let fields = FormURLEncoding.fields("v=%B6%A9%B5%A5")
        #expect(fields.first?.value == [0xB6, 0xA9, 0xB5, 0xA5])
    }

    @Test("names are decoded too")
    func names() {
        #expect(FormURLEncoding.fields("a+b%5B%5D=1").first?.name == "a b[]")
    }

    @Test("more fields than allowed is an error; up to the limit is fine")
    func limit() throws {
        let body = Array("a=1&b=2&c=3".utf8)
        #expect(try FormURLEncoding.fields(body, maxFields: 3).count == 3)
        #expect(throws: FormURLEncoding.TooManyFields(limit: 2)) { try FormURLEncoding.fields(body, maxFields: 2) }
    }

    @Test("percent and form encoding round-trip through decoding", arguments: ["plain", "a b&c=d", "测试 100%", "~-._", "+/?#[]@!$'()*,;"])
    func roundTrip(_ text: String) {
        #expect(FormURLEncoding.fields("v=" + FormURLEncoding.formEncoded(text)).first?.text == text)
        #expect(FormURLEncoding.fields("v=" + FormURLEncoding.percentEncoded(text)).first?.text == text)
    }

    @Test("only unreserved characters stay unencoded")
    func encoding() {
        #expect(FormURLEncoding.percentEncoded("a b/é~") == "a%20b%2F%C3%A9~")
        #expect(FormURLEncoding.formEncoded("a b+c") == "a+b%2Bc")
    }
}
