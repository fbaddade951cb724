/// A field of the problem report form that a labelled line in a mail can fill.
///
/// The raw values are the keys `MailIntake.formFields` returns; they match the snake_case
/// names of the JSON report API.
public enum IntakeFormField: String, Sendable, CaseIterable {
    case subject, organisation, reporter
    case reporterContact = "reporter_contact"
    case situation, description
    case requiredBy = "required_by"
    case other, scope, service, site
    case outageStarted = "outage_started"
    case outageEnded = "outage_ended"

    /// Whether the value may run over several lines. Short fields take one line, so that a
    /// stray "System: WMS" line in ordinary prose does not swallow the sentences after it.
    var isMultiline: Bool {
        switch self {
        case .situation, .description, .other: true
        default: false
        }
    }

    /// The labels people write for this field, Chinese and English; compared after `normalizedLabel`.
    var labels: [String] {
        switch self {
        case .subject: ["问题主题", "主题", "问题标题", "标题", "Subject", "Title"]
        case .organisation: ["提出单位", "申报单位", "报告单位", "报障单位", "单位", "Organisation", "Organization"]
        case .reporter: ["提出人", "报告人", "申报人", "报障人", "联系人", "Reporter", "Reported by", "Contact person"]
        case .reporterContact: ["联系方式", "联系电话", "电话", "手机", "Contact", "Phone", "Telephone", "Tel"]
        case .situation: ["目前情况", "当前情况", "目前状况", "当前状态", "现状", "Current situation", "Situation"]
        case .description: ["问题说明", "问题描述", "故障描述", "故障说明", "Description", "Problem description"]
        case .requiredBy: ["时间要求", "要求时间", "要求完成时间", "Required by", "Deadline"]
        case .other: ["其他", "其它", "备注", "Other", "Notes", "Remarks"]
        case .scope: ["影响范围", "范围", "Scope", "Impact", "Affected scope"]
        case .service: ["系统", "服务", "系统名称", "业务系统", "涉及系统", "Service", "System"]
        case .site: ["站点", "客户站点", "Site"]
        case .outageStarted:
            ["故障开始", "故障开始时间", "故障发生时间", "发生时间", "Outage started", "Outage start", "Started at"]
        case .outageEnded: ["故障结束", "故障结束时间", "恢复时间", "Outage ended", "Outage end", "Ended at"]
        }
    }

    /// Normalised label → field, built once.
    static let byLabel: [String: IntakeFormField] = {
        var table: [String: IntakeFormField] = [:]
        for field in allCases {
            for label in field.labels { table[normalizedLabel(label)] = field }
        }
        return table
    }()

    /// A label as compared: lowercased, without spaces (ASCII and full-width) or emphasis marks,
    /// so "Current  situation", "【问题主题】" and "**Subject**" all find their field.
    static func normalizedLabel(_ text: some StringProtocol) -> String {
        String(text.lowercased().filter { !$0.isWhitespace && !"*【】[]_".contains($0) })
    }
}
