import OncallMail
import Testing

/// One reply as a mail client lays it out, and the new text that must survive.
struct ReplyCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expected: String
    var testDescription: String { name }
}

@Suite("Reply stripping")
struct IntakeReplyStripperTests {
    static let cases: [ReplyCase] = [
        ReplyCase(name: "Outlook, English, underscore separator", text: """
            Restarted the spooler, printing works again.

            Zhang Wei
            ________________________________
            From: oncalld <oncall@example.com>
            Sent: Tuesday, March 4, 2025 9:20 AM
            To: Zhang Wei <zhangwei@corp.example.com>
            Subject: [INC-000123] WMS 出库单无法打印

            Incident INC-000123 was reported.
            """, expected: "Restarted the spooler, printing works again.\n\nZhang Wei"),
        ReplyCase(name: "Outlook, English, bold header block without separator", text: """
            ack

            *From:* oncalld <oncall@example.com>
            *Sent:* Tuesday, March 4, 2025 9:20 AM
            *To:* Zhang Wei
            *Subject:* [INC-000123] WMS 出库单无法打印

            Incident INC-000123 was reported.
            """, expected: "ack"),
        ReplyCase(name: "Outlook, English, -----Original Message-----", text: """
            Escalate
            Needs the DBA.

            -----Original Message-----
            From: oncalld [mailto:oncall@example.com]
            Sent: Tuesday, March 4, 2025 9:20 AM
            """, expected: "Escalate\nNeeds the DBA."),
        ReplyCase(name: "Outlook, Chinese, -----原始邮件-----", text: """
            已重启打印服务，恢复正常。

            -----原始邮件-----
            发件人: oncalld <oncall@example.com>
            发送时间: 2025年3月4日 9:20
            收件人: 张伟 <zhangwei@corp.example.com>
            主题: [INC-000123] WMS 出库单无法打印

            事件 INC-000123 已登记。
            """, expected: "已重启打印服务，恢复正常。"),
        ReplyCase(name: "Outlook, Chinese, header block with full-width colons", text: """
            收到，正在处理。

            发件人：oncalld <oncall@example.com>
            发送时间：2025年3月4日 星期二 9:20
            收件人：张伟
            主题：[INC-000123] WMS 出库单无法打印

            事件已登记。
            """, expected: "收到，正在处理。"),
        ReplyCase(name: "Gmail, English", text: """
            Looking into it now.

            On Tue, Mar 4, 2025 at 9:20 AM oncalld <oncall@example.com> wrote:
            > Incident INC-000123 was reported.
            > Level: L2
            """, expected: "Looking into it now."),
        ReplyCase(name: "Gmail, attribution wrapped over two lines", text: """
            Fixed.

            On Tue, Mar 4, 2025 at 9:20 AM Operations Notification Service <
            oncall@example.com> wrote:

            > Incident reported.
            """, expected: "Fixed."),
        ReplyCase(name: "Gmail, Chinese", text: """
            好的，我来看。

            张伟 <zhangwei@corp.example.com> 于2025年3月4日周二 09:20写道：

            > 事件 INC-000123 已登记。
            """, expected: "好的，我来看。"),
        ReplyCase(name: "Gmail HTML reduced to text: history after the attribution is unquoted", text: """
            OK

            On Tue, Mar 4, 2025 at 9:20 AM oncalld <oncall@example.com> wrote:
            Incident INC-000123 was reported.
            Level: L2
            """, expected: "OK"),
        ReplyCase(name: "Apple Mail, iPhone", text: """
            Will check.

            Sent from my iPhone

            > On Mar 4, 2025, at 09:20, oncalld <oncall@example.com> wrote:
            >\u{0020}
            > Incident INC-000123 was reported.
            """, expected: "Will check."),
        ReplyCase(name: "Apple Mail, macOS", text: """
            Thanks, resolved.

            > On 4 Mar 2025, at 09:20, oncalld <oncall@example.com> wrote:
            >
            > Incident INC-000123 was reported.
            """, expected: "Thanks, resolved."),
        ReplyCase(name: "Apple Mail, Chinese, quoted", text: """
            已处理。

            发自我的iPhone

            > 在 2025年3月4日，09:20，oncalld <oncall@example.com> 写道：
            >\u{0020}
            > 事件已登记。
            """, expected: "已处理。"),
        ReplyCase(name: "Apple Mail, Chinese, unquoted history", text: """
            已处理。

            在 2025年3月4日，09:20，oncalld <oncall@example.com> 写道：

            事件已登记。
            """, expected: "已处理。"),
        ReplyCase(name: "QQ Mail, Chinese", text: """
            确认，马上处理

            ------------------&nbsp;原始邮件&nbsp;------------------
            发件人: "oncalld"<oncall@example.com>;
            发送时间: 2025年3月4日(星期二) 上午9:20
            收件人: "张伟"<zhangwei@qq.com>;
            主题: [INC-000123] WMS 出库单无法打印

            事件已登记。
            """, expected: "确认，马上处理"),
        ReplyCase(name: "QQ Mail, English interface, no-break spaces", text: """
            on it

            ------------------\u{00A0}Original\u{00A0}------------------
            From: "oncalld"<oncall@example.com>;
            Date: Tue, Mar 4, 2025 09:20 AM
            To: "Zhang Wei"<zhangwei@qq.com>;
            """, expected: "on it"),
        ReplyCase(name: "Gmail forward separator", text: """
            see below

            ---------- Forwarded message ---------
            From: Customer <c@customer.example>
            Date: Tue, Mar 4, 2025 at 9:00 AM
            """, expected: "see below"),
        ReplyCase(name: "interleaved answers between quoted lines", text: """
            > Is the printer back?
            Yes, since 10:05.
            > Anything else?
            No.
            """, expected: "Yes, since 10:05.\nNo."),
        ReplyCase(name: "signature after '-- '", text: "resolve\nRestarted spooler.\n\n-- \nZhang Wei\nIT Dept", expected: "resolve\nRestarted spooler."),
        ReplyCase(name: "a sentence starting with From: is not a header block", text: """
            From: the 3rd floor printer
            the labels come out blank.
            """, expected: "From: the 3rd floor printer\nthe labels come out blank."),
        ReplyCase(name: "CRLF line ends and surrounding blank lines", text: "\r\n\r\n  ack  \r\n\r\n> quoted\r\n", expected: "ack"),
        ReplyCase(name: "only quoted history", text: "> Incident reported.\n> Level: L2\n", expected: ""),
    ]

    @Test("cuts the quoted history and keeps the new text", arguments: cases)
    func strips(reply: ReplyCase) {
        #expect(MailIntake.strippedReply(reply.text) == reply.expected)
    }
}
