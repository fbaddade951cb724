/// Plus-addressing (`faults+wms@example.com`): the tag after `+` in the local part names a service.
enum PlusAddress {
    /// The tag of `address`, lowercased; nil when there is none.
    static func tag(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let local = address[..<at]
        guard let plus = local.firstIndex(of: "+") else { return nil }
        let tag = local[local.index(after: plus)...].intakeTrimmed.lowercased()
        return tag.isEmpty ? nil : tag
    }

    /// `address` without its tag: `faults+wms@example.com` → `faults@example.com`.
    static func untagged(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        let local = address[..<at]
        guard let plus = local.firstIndex(of: "+") else { return address }
        return String(local[..<plus]) + String(address[at...])
    }

    /// The recipient addresses to read tags from: the envelope first, because it is where the
    /// mail was actually delivered (a Bcc to `faults+wms@` appears nowhere in the headers);
    /// the To and Cc headers only when the envelope is not known.
    static func recipients(envelopeTo: [String], mail: ParsedMail) -> [String] {
        let envelope = envelopeTo.flatMap { entry -> [String] in
            let parsed = MailAddress.parseList(entry).map(\.address)
            // A provider may hand over a bare address that the list parser rejects; keep it as written.
            return parsed.isEmpty ? [String(entry.intakeTrimmed.drop { $0 == "<" }.reversed().drop { $0 == ">" }.reversed())] : parsed
        }.filter { !$0.isEmpty }
        return envelope.isEmpty ? (mail.to + mail.cc).map(\.address) : envelope
    }

    /// The service named by the first recipient whose tag is configured.
    static func service(envelopeTo: [String], mail: ParsedMail, rules: IntakeRules) -> String? {
        for address in recipients(envelopeTo: envelopeTo, mail: mail) {
            if let tag = tag(of: address), let service = rules.service(forTag: tag) { return service }
        }
        return nil
    }
}
