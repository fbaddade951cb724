/// A mail body read as a report form: the labelled values, and the text around them.
struct ParsedForm: Sendable, Equatable {
    /// Each field's value, trimmed, multi-line values joined with `\n`; fields without a value are absent.
    var fields: [IntakeFormField: String] = [:]
    /// The label as the reporter wrote it, to quote it when a value cannot be used as is.
    var labels: [IntakeFormField: String] = [:]
    /// The lines that belong to no label, in order, blank runs collapsed and trimmed.
    var remainder: String = ""
}
