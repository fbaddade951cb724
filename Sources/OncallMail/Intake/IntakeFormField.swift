import OncallCore

/// A field of the problem report form that a labelled line in a mail can fill: the form's own
/// field names (`ReportForm.CodingKeys`), so `MailIntake.formFields` keys match the JSON API.
public typealias IntakeFormField = ReportForm.CodingKeys

extension IntakeFormField {
    /// Whether the value may run over several lines. Short fields take one line, so that a
    /// stray "System: WMS" line in ordinary prose does not swallow the sentences after it.
    var isMultiline: Bool {
        switch self {
        case .situation, .description, .other: true
        default: false
        }
    }

    /// The labels people write for each field, Chinese and English; compared after `normalizedLabel`.
    /// A field without labels is not read from mail.
    static let labels: [IntakeFormField: [String]] = [
        .subject: ["问题主题", "主题", "问题标题", "标题", "Subject", "Title"],
        .organisation: ["提出单位", "申报单位", "报告单位", "报障单位", "单位", "Organisation", "Organization"],
        .reporter: ["提出人", "报告人", "申报人", "报障人", "联系人", "Reporter", "Reported by", "Contact person"],
        .reporterContact: ["联系方式", "联系电话", "电话", "手机", "Contact", "Phone", "Telephone", "Tel"],
        .situation: ["目前情况", "当前情况", "目前状况", "当前状态", "现状", "Current situation", "Situation"],
        .description: ["问题说明", "问题描述", "故障描述", "故障说明", "Description", "Problem description"],
        .requiredBy: ["时间要求", "要求时间", "要求完成时间", "Required by", "Deadline"],
        .other: ["其他", "其它", "备注", "Other", "Notes", "Remarks"],
        .scope: ["影响范围", "范围", "Scope", "Impact", "Affected scope"],
        .service: ["系统", "服务", "系统名称", "业务系统", "涉及系统", "Service", "System"],
        .site: ["站点", "客户站点", "Site"],
        .outageStarted:
            ["故障开始", "故障开始时间", "故障发生时间", "发生时间", "Outage started", "Outage start", "Started at"],
        .outageEnded: ["故障结束", "故障结束时间", "恢复时间", "Outage ended", "Outage end", "Ended at"],
    ]

    /// Normalised label → field, built once.
    static let byLabel: [String: IntakeFormField] = {
        var table: [String: IntakeFormField] = [:]
        for (field, names) in labels {
            for label in names { table[normalizedLabel(label)] = field }
        }
        return table
    }()

    /// A label as compared: lowercased, without spaces (ASCII and full-width) or emphasis marks,
    /// so "Current  situation", "【问题主题】" and "**Subject**" all find their field.
    static func normalizedLabel(_ text: some StringProtocol) -> String {
        String(text.lowercased().filter { !$0.isWhitespace && !"*【】[]_".contains($0) })
    }
}
