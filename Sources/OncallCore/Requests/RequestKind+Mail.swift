extension RequestKind {
    /// The kinds a mail may ask for (`requests.mail.*`). A release names its reason, its fixed
    /// issues and its day, which a mail does not carry as fields, so it is submitted with
    /// `oncallctl request submit` or the API.
    public static let mailKinds: [RequestKind] = allCases.filter { $0 != .release }
}
