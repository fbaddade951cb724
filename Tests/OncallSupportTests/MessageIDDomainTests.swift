import Testing
import OncallSupport

@Suite("Message-ID domain")
struct MessageIDDomainTests {
    @Test("the standard domain writes local@oncalld")
    func writes() {
        #expect(MessageIDDomain.standard.domain == "oncalld")
        #expect(MessageIDDomain.standard.messageID(localPart: "inc-000123") == "inc-000123@oncalld")
        #expect(MessageIDDomain("mail.example.com").messageID(localPart: "d41d8cd9") == "d41d8cd9@mail.example.com")
    }

    @Test("an id of ours gives its local part, brackets and whitespace ignored", arguments: [
        ("inc-000123@oncalld", "inc-000123"),
        ("<inc-000123@oncalld>", "inc-000123"),
        (" \t<inc-000123@oncalld> \r\n", "inc-000123"),
        ("< inc-000123@oncalld >", "inc-000123"),
        ("inc-000123.notify.7@ONCALLD", "inc-000123.notify.7"),
        ("7C9E6679@oncalld", "7C9E6679"),
    ])
    func ours(_ id: String, _ local: String) {
        #expect(MessageIDDomain.standard.localPart(of: id) == local)
        #expect(MessageIDDomain.standard.owns(id))
    }

    @Test("other ids are not ours", arguments: [
        "inc-000123@oncalld.example.com", "inc-000123@example.com", "oncalld", "@oncalld", "<@oncalld>", "inc@x@other", "",
        "inc-000123@oncalld>x",
    ])
    func notOurs(_ id: String) {
        #expect(MessageIDDomain.standard.localPart(of: id) == nil)
    }

    @Test("the local part may itself contain @ (the last one splits)")
    func quotedLocal() {
        #expect(MessageIDDomain.standard.localPart(of: "<a@b@oncalld>") == "a@b")
    }

    @Test("a configured domain is trimmed of @ and whitespace; an empty one owns nothing")
    func configured() {
        let domain: MessageIDDomain = " @mail.example.com "
        #expect(domain.domain == "mail.example.com")
        #expect(domain.localPart(of: "<x@Mail.Example.com>") == "x")
        #expect(MessageIDDomain("").localPart(of: "x@") == nil)
        #expect(MessageIDDomain("  ").owns("x@oncalld") == false)
    }

    @Test("what messageID writes, localPart reads back")
    func roundTrip() {
        for local in ["inc-000001", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "inc-000123.notify.7"] {
            let id = MessageIDDomain.standard.messageID(localPart: local)
            #expect(MessageIDDomain.standard.localPart(of: "<\(id)>") == local)
        }
    }
}
