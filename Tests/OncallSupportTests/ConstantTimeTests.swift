import OncallSupport
import Testing

@Suite struct ConstantTimeTests {
    @Test(arguments: [
        ("token", "token", true), ("token", "tokeN", false), ("token", "token2", false),
        ("", "", true), ("", "x", false), ("秘密", "秘密", true), ("abc", "abd", false),
    ])
    func equality(a: String, b: String, equal: Bool) {
        #expect(ConstantTime.equals(Array(a.utf8), Array(b.utf8)) == equal)
    }
}
