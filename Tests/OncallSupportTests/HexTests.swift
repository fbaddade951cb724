import Testing
import OncallSupport

@Suite("Hex")
struct HexTests {
    @Test("every byte round-trips through lowercase hex")
    func roundTrip() {
        let bytes = (0...255).map { UInt8($0) }
        let text = Hex.string(bytes)
        #expect(text.count == 512)
        #expect(text.hasPrefix("000102"))
        #expect(text.hasSuffix("fdfeff"))
        #expect(Hex.decode(text) == bytes)
    }

    @Test("decoding takes either case")
    func eitherCase() {
        #expect(Hex.decode("DEADbeef") == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(Hex.decode("") == [])
    }

    @Test("odd lengths and non-digits are refused", arguments: ["a", "abc", "0g", "zz", " 00", "0x00", "é0"])
    func refused(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test("one digit's value")
    func value() {
        #expect(Hex.value(UInt8(ascii: "0")) == 0)
        #expect(Hex.value(UInt8(ascii: "9")) == 9)
        #expect(Hex.value(UInt8(ascii: "a")) == 10)
        #expect(Hex.value(UInt8(ascii: "F")) == 15)
        #expect(Hex.value(UInt8(ascii: "g")) == nil)
        #expect(Hex.value(UInt8(ascii: "/")) == nil)
    }
}
