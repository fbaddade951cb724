@testable import OncallMail
import Testing

@Suite("Quoted-printable and base64")
struct TransferDecodingTests {
    private func qp(_ text: String) -> String {
        String(decoding: TransferDecoding.quotedPrintable(Array(text.utf8)), as: UTF8.self)
    }

    private func base64(_ text: String) -> String {
        String(decoding: TransferDecoding.base64(Array(text.utf8)), as: UTF8.self)
    }

    @Test("quoted-printable: soft breaks, either hex case, bad escapes kept", arguments: [
        ("caf=C3=A9", "café"),
        ("caf=c3=a9", "café"),
        ("long line=\r\ncontinued", "long linecontinued"),
        ("long line=\ncontinued", "long linecontinued"),
        ("soft with spaces=   \r\nnext", "soft with spacesnext"),
        ("100=% sure =ZZ =4", "100=% sure =ZZ =4"),
        ("trailing   \r\nnext", "trailing\r\nnext"),
        ("kept=20\r\nnext", "kept \r\nnext"),
        ("inner  spaces stay", "inner  spaces stay"),
        ("ends with =", "ends with "),
        ("=E6=95=\r\n=85", "故"),
    ])
    func quotedPrintable(input: String, expected: String) {
        #expect(qp(input) == expected)
    }

    @Test("base64: whitespace and garbage skipped, padding optional, blocks concatenated", arguments: [
        ("5pWF6Zqc", "故障"),
        ("5pWF\r\n6Zqc\r\n", "故障"),
        ("  5p WF\t6Z qc ", "故障"),
        ("aGVsbG8", "hello"),
        ("aGVsbG8=", "hello"),
        ("aGVsbA", "hell"),
        ("aGk=aGk=", "hihi"),
        ("aGVs*bG8!", "hello"),
        ("a", ""),
        ("", ""),
        ("====", ""),
    ])
    func base64Decoding(input: String, expected: String) {
        #expect(base64(input) == expected)
    }
}
