import Foundation
import OncallCore
import OncallSupport

/// The configuration that turns mail into incidents: who is who, and which words mean what.
///
/// Pure data; `MailIntake` reads it and never changes it. Keys are compared case-insensitively,
/// so the config may spell domains, tags and addresses in any case.
public struct IntakeRules: Sendable, Equatable {
    /// Sender domain → reporting organisation (`"wh.example.com": "仓储中心"`). A key also matches
    /// its subdomains; the longest matching key wins.
    public var organisationByDomain: [String: String]
    /// The organisation when no domain matches. Empty means "the sender's domain" (or `unknown`
    /// for a sender without one), which at least groups reports by where they came from.
    public var defaultOrganisation: String
    /// Plus-address tag → service: mail to `faults+wms@…` is about `serviceByTag["wms"]`.
    public var serviceByTag: [String: String]
    /// Keyword rules, in order; for scope and for service, the first matching rule that sets it wins.
    public var keywordRules: [KeywordRule]
    /// The scope when neither the form nor a keyword rule gives one; nil leaves it unset.
    public var defaultScope: Scope?
    /// Email address → person id of those who may acknowledge, resolve or escalate by replying.
    public var responders: [String: String]
    /// The addresses oncalld itself sends from; mail from them is our own, coming back (a loop).
    public var ourAddresses: Set<String>
    /// The domain part of the Message-IDs oncalld generates (`…@oncalld`).
    public var ownMessageIDDomain: MessageIDDomain
    /// Senders (an address, or a domain that also covers its subdomains) whose automated mail is
    /// wanted: monitoring systems and helpdesk tools mark their mail `Auto-Submitted` or
    /// `Precedence: bulk`, yet their mail is exactly what should become incidents. They are
    /// exempt from the auto-reply and bulk checks, never from the loop and bounce checks.
    public var trustedAutomatedSenders: Set<String>
    /// The zone for report-form times written without one ("2026-11-25 08:05").
    public var timeZone: TimeZone
    /// Which mail asks for a service request instead of reporting a fault.
    public var requestMail: RequestMailRules

    /// Rules from their parts; the defaults accept mail from anyone and know no one.
    public init(
        organisationByDomain: [String: String] = [:], defaultOrganisation: String = "",
        serviceByTag: [String: String] = [:], keywordRules: [KeywordRule] = [], defaultScope: Scope? = nil,
        responders: [String: String] = [:], ourAddresses: Set<String> = [], ownMessageIDDomain: MessageIDDomain = .standard,
        trustedAutomatedSenders: Set<String> = [],
        timeZone: TimeZone = TimeZone(secondsFromGMT: 8 * 3600)!, requestMail: RequestMailRules = .none
    ) {
        self.requestMail = requestMail
        self.organisationByDomain = organisationByDomain
        self.defaultOrganisation = defaultOrganisation
        self.serviceByTag = serviceByTag
        self.keywordRules = keywordRules
        self.defaultScope = defaultScope
        self.responders = responders
        self.ourAddresses = ourAddresses
        self.ownMessageIDDomain = ownMessageIDDomain
        self.trustedAutomatedSenders = trustedAutomatedSenders
        self.timeZone = timeZone
    }

    /// The organisation configured for `domain` or a parent of it, most specific first.
    func organisation(forDomain domain: String) -> String? {
        let domain = domain.lowercased()
        var best: (length: Int, name: String)?
        for (key, name) in organisationByDomain {
            let key = Self.normalizedDomain(key)
            guard !key.isEmpty, domain == key || domain.hasSuffix("." + key) else { continue }
            if key.count > best?.length ?? 0 { best = (key.count, name) }
        }
        return best?.name
    }

    /// The service for a plus-address tag, if configured.
    func service(forTag tag: String) -> String? {
        let tag = tag.lowercased()
        return serviceByTag.first { $0.key.intakeTrimmed.lowercased() == tag }?.value
    }

    /// The person id of a responder address.
    func responder(_ address: String) -> String? {
        let address = address.lowercased()
        return responders.first { $0.key.intakeTrimmed.lowercased() == address }?.value
    }

    /// Whether `address` is one oncalld sends from; a plus tag on it (`oncall+inc12@…`) is ignored
    /// because replies to tagged addresses are still ours.
    func isOurAddress(_ address: String) -> Bool {
        let candidates = [address.lowercased(), PlusAddress.untagged(address).lowercased()]
        return ourAddresses.contains { own in candidates.contains(own.intakeTrimmed.lowercased()) }
    }

    /// Whether `id` is a Message-ID oncalld generated.
    func isOwnMessageID(_ id: String) -> Bool {
        ownMessageIDDomain.owns(id)
    }

    /// Whether automated mail from `address` is wanted (`trustedAutomatedSenders`).
    func isTrustedAutomatedSender(_ address: String) -> Bool {
        let address = address.lowercased()
        let domain = address.split(separator: "@").last.map(String.init) ?? ""
        return trustedAutomatedSenders.contains { entry in
            let entry = entry.intakeTrimmed.lowercased()
            guard !entry.isEmpty else { return false }
            if entry.contains("@") && !entry.hasPrefix("@") { return entry == address }
            let key = Self.normalizedDomain(entry)
            return !key.isEmpty && (domain == key || domain.hasSuffix("." + key))
        }
    }

    /// A domain key without the `@` or `.` some people write in front of it.
    static func normalizedDomain(_ key: String) -> String {
        var key = key.intakeTrimmed.lowercased()
        while key.hasPrefix("@") || key.hasPrefix(".") { key.removeFirst() }
        return key
    }
}
