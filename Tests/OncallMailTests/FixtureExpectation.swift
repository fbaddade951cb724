import Testing

/// What one fixture must decode to: the subject, the sender and a piece of the body.
struct FixtureExpectation: Sendable, CustomTestStringConvertible {
    /// The file under `Fixtures/`.
    var file: String
    /// The decoded subject.
    var subject: String
    /// The first `From` address.
    var fromAddress: String
    /// The first `From` display name (nil when there is none).
    var fromName: String?
    /// Text the decoded `textBody` must contain.
    var bodyExcerpt: String

    var testDescription: String { file }

    /// Every fixture with its expectations; `FixtureTests` also checks that none is missing.
    static let all: [FixtureExpectation] = [
        .init(file: "01-alternative-utf8-thunderbird.eml", subject: "【故障】订单服务响应超时",
              fromAddress: "liming@example.cn", fromName: "李明",
              bodyExcerpt: "下单接口 P99 超过 8 秒，影响 全部门店的线上下单。"),
        .init(file: "02-outlook-gb2312-html-only.eml", subject: "数据库服务器磁盘空间不足告警",
              fromAddress: "wangwei@corp.example.com", fromName: "王伟",
              bodyExcerpt: "请尽快扩容或清理归档日志 & 临时表。中文测试"),
        .init(file: "03-forward-three-attachments.eml", subject: "Fwd: 仓库系统无法登录",
              fromAddress: "support@example.com", fromName: "Support Desk",
              bodyExcerpt: "请看附件中的原始报障邮件"),
        .init(file: "04-nested-forward-no-outer-text.eml", subject: "FW: FW: Cold room 3 temperature above threshold",
              fromAddress: "supervisor@example.com", fromName: "Supervisor",
              bodyExcerpt: "ALARM cold-room-3 temperature=-8.5C"),
        .init(file: "05-7bit-ascii-pine.eml", subject: "NFS server fs2 not responding, still trying",
              fromAddress: "klee@unix.example.edu", fromName: "Kim Lee",
              bodyExcerpt: "every client mount of fs2:/export/home hangs"),
        .init(file: "06-8bit-utf8-split-q-words.eml", subject: "缓存集群 redis-02 内存使用率 95%",
              fromAddress: "alerts@monitor.example.com", fromName: "Alert Robot",
              bodyExcerpt: "告警级别：严重\n主机：redis-02"),
        .init(file: "07-qp-latin1-outlook-express.eml", subject: "Caisse de Lyon hors service - cafétéria",
              fromAddress: "andre@magasins.example.fr", fromName: "André Pirard",
              bodyExcerpt: "ne répond plus depuis ce matin. Message affiché : “Connexion refusée”."),
        .init(file: "08-base64-big5.eml", subject: "伺服器當機，請協助處理",
              fromAddress: "chen@tw.example.com", fromName: "陳志明",
              bodyExcerpt: "台北機房的主伺服器今天早上九點當機"),
        .init(file: "09-gb18030-four-byte.eml", subject: "生僻字“𠮷”显示异常",
              fromAddress: "kefu@service.example.cn", fromName: "客服中心",
              bodyExcerpt: "用户 王䶮 反馈：姓名中的“𠮷”字"),
        .init(file: "10-utf8-raw-headers-rfc6532.eml", subject: "支付网关证书将于 3 天后过期",
              fromAddress: "zhangwei@example.cn", fromName: "张伟",
              bodyExcerpt: "TLS 证书于 2025-03-12 到期"),
        .init(file: "11-raw-gbk-headers.eml", subject: "月结报表生成失败",
              fromAddress: "finance-bot@corp.example.com", fromName: "财务系统",
              bodyExcerpt: "凭证表锁等待超时"),
        .init(file: "12-mislabelled-gb2312-with-gbk.eml", subject: "员工朱镕、王堃的门禁卡无法使用",
              fromAddress: "liuzhe@corp.example.com", fromName: "刘喆",
              bodyExcerpt: "新入职员工朱镕、王堃的门禁卡在 B 座无法刷开"),
        .init(file: "13-mislabelled-utf8-actually-gbk.eml", subject: "备份任务失败",
              fromAddress: "backup@db.example.com", fromName: nil,
              bodyExcerpt: "全量备份在 02:47 失败，错误：磁盘空间不足。"),
        .init(file: "14-helpdesk-report-form.eml", subject: "【报障】WMS 出库单无法打印",
              fromAddress: "helpdesk@corp.example.com", fromName: "IT服务台",
              bodyExcerpt: "问题主题：WMS 出库单无法打印\n提出单位：华东物流中心\n联系人：周敏"),
        .init(file: "15-helpdesk-report-form-html-table.eml", subject: "【报障】ERP 月结报表生成失败",
              fromAddress: "helpdesk@example.com", fromName: "Helpdesk",
              bodyExcerpt: "问题主题：\tERP 月结报表生成失败\n提出单位：\t财务共享中心"),
        .init(file: "16-folded-malformed-headers.eml", subject: "数据库主从同步延迟超过 300s",
              fromAddress: "monitor@ops.example.com", fromName: "Ops Monitor",
              bodyExcerpt: "db-02 复制延迟 312 秒"),
        .init(file: "17-missing-content-type.eml", subject: "Cron <root@batch-07> /opt/jobs/sync-inventory.sh",
              fromAddress: "root@batch-07.example.com", fromName: "Cron Daemon",
              bodyExcerpt: "同步库存失败：连接 10.0.3.15:5432 超时"),
        .init(file: "18-lf-only-multipart.eml", subject: "Replication lag report",
              fromAddress: "metrics@example.com", fromName: "Metrics",
              bodyExcerpt: "Replication lag on db-01 reached 312 seconds at 10:00.\nDetails are in the attached CSV."),
        .init(file: "19-rfc2231-chinese-filename.eml", subject: "收银台无法联网",
              fromAddress: "store-it@example.com", fromName: "门店 IT",
              bodyExcerpt: "附件为故障截图、网络诊断报告和路由器配置。"),
        .init(file: "20-shift-jis.eml", subject: "サーバー障害のお知らせ",
              fromAddress: "yamada@example.co.jp", fromName: "山田太郎",
              bodyExcerpt: "大阪拠点のファイルサーバーに接続できません"),
        .init(file: "21-missing-final-boundary.eml", subject: "DOWN: https://shop.example.org (HTTP 502)",
              fromAddress: "uptime@status.example.org", fromName: "Uptime",
              bodyExcerpt: "HTTP 502 Bad Gateway from 3 of 3 locations"),
        .init(file: "22-related-inline-image-apple.eml", subject: "Label printer prints blank labels",
              fromAddress: "mia.chen@example.com", fromName: "Mia Chen",
              bodyExcerpt: "The label printer in dock 4 prints blank labels:\n\nTried a new ribbon — same result.\n\n- Printer: ZD420\n- Driver: 8.6.4"),
        .init(file: "23-bounce-dsn.eml", subject: "Undelivered Mail Returned to Sender",
              fromAddress: "MAILER-DAEMON@mx.example.com", fromName: "Mail Delivery System",
              bodyExcerpt: "550 5.1.1 User unknown"),
        .init(file: "24-unknown-charset-label.eml", subject: "Line 3 scanner offline",
              fromAddress: "scanner@factory.example.cn", fromName: nil,
              bodyExcerpt: "三号线扫码枪离线，条码无法上传。"),
        .init(file: "25-multipart-without-boundary-parameter.eml", subject: "Deploy of billing v2.14 failed",
              fromAddress: "deploy-bot@ci.example.com", fromName: nil,
              bodyExcerpt: "Deploy of billing v2.14 to production failed at step migrate-db."),
        .init(file: "26-mbox-from-line.eml", subject: "Toner low on PRN-5F-02",
              fromAddress: "printer-alerts@example.com", fromName: nil,
              bodyExcerpt: "Toner level on PRN-5F-02 is at 3%."),
        .init(file: "27-qp-soft-breaks-inside-characters.eml", subject: "core-sw-01 端口抖动",
              fromAddress: "netops@example.com", fromName: "NetOps",
              bodyExcerpt: "网络设备 core-sw-01 的端口 Gi1/0/24 频繁 up/down，影响三楼办公区。"),
    ]
}
