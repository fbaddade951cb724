#!/usr/bin/env python3
"""Writes the .eml fixtures of OncallMailTests as exact bytes.

The messages are modelled on what real mailers send (Outlook, Foxmail, Thunderbird, Apple
Mail, Pine, helpdesk systems, MTAs' bounces, and the classic public MIME sample sets), written
for this project. Legacy-charset bytes come from Python's codecs so they are right; the .eml
files are committed, and this script only documents how they were made:

    cd Tests/OncallMailTests/Fixtures && python3 generate_fixtures.py

Each message is a list of lines joined with CRLF unless it says otherwise.
"""

import base64
import hashlib
import struct
import urllib.parse
import zlib

CRLF = b"\r\n"


def b(text, charset="utf-8"):
    return text.encode(charset)


def ew_b(text, charset):
    """One RFC 2047 B word."""
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode())


def ew_b_bytes(raw, charset):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode())


def ew_q_bytes(raw, charset):
    out = []
    for byte in raw:
        ch = chr(byte)
        if ch.isalnum() and byte < 0x80:
            out.append(ch)
        elif ch == " ":
            out.append("_")
        else:
            out.append("=%02X" % byte)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


def b64_lines(raw, width=76):
    text = base64.b64encode(raw)
    return [text[i:i + width] for i in range(0, len(text), width)]


def qp_lines(raw, width=76):
    """Quoted-printable with soft breaks, uppercase hex, as most encoders write it."""
    lines = []
    for source_line in raw.split(b"\n"):
        source_line = source_line.rstrip(b"\r")
        encoded = []
        for byte in source_line:
            if (33 <= byte <= 126 and byte != 61) or byte == 32:
                encoded.append(bytes([byte]))
            else:
                encoded.append(b"=%02X" % byte)
        if encoded and encoded[-1] == b" ":
            encoded[-1] = b"=20"
        current = b""
        for token in encoded:
            if len(current) + len(token) > width - 1:
                lines.append(current + b"=")
                current = b""
            current += token
        lines.append(current)
    return lines


def message(lines, newline=CRLF):
    out = []
    for line in lines:
        if isinstance(line, str):
            line = line.encode("ascii")
        out.append(line)
    return newline.join(out) + newline


def tiny_png():
    """A valid 2x2 PNG."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00\x00\xff\x00" for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG = tiny_png()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
LOG = ("2025-03-03 09:14:58 ERROR wms-print: spooler timeout after 30s\n"
       "2025-03-03 09:15:02 ERROR wms-print: job 88231 failed\n").encode()
ZIP = b"PK\x05\x06" + b"\x00" * 18
CSV = "时间,主机,指标,数值\n2025-03-03 10:00,db-01,lag_seconds,312\n".encode("utf-8")

fixtures = {}

# 01 Thunderbird, multipart/alternative, UTF-8, format=flowed plain part in QP.
plain = ("各位好，\n\n订单服务从 09:40 开始响应超时，下单接口 P99 超过 8 秒，影响 \n"
         "全部门店的线上下单。已重启两台实例，暂未恢复。\n\n-- \n李明\n")
html = ("<html><body><p>各位好，</p><p>订单服务从 09:40 开始响应超时，下单接口 P99 超过 8 秒，"
        "影响全部门店的线上下单。已重启两台实例，暂未恢复。</p><p>-- <br>李明</p></body></html>")
fixtures["01-alternative-utf8-thunderbird.eml"] = message([
    "Message-ID: <4f1c2a9e-0b7d-4c55-9a1e-2d3f4b5c6d7e@example.cn>",
    "Date: Mon, 3 Mar 2025 09:52:11 +0800",
    "MIME-Version: 1.0",
    "User-Agent: Mozilla Thunderbird",
    "Content-Language: zh-CN",
    "To: faults@example.com",
    "From: " + ew_b("李明", "UTF-8") + " <liming@example.cn>",
    "Subject: " + ew_b("【故障】订单服务响应超时", "UTF-8"),
    'Content-Type: multipart/alternative;',
    ' boundary="------------Xq3sYb0TkmA9vH1rC2dE5fG7"',
    "",
    "This is a multi-part message in MIME format.",
    "--------------Xq3sYb0TkmA9vH1rC2dE5fG7",
    "Content-Type: text/plain; charset=UTF-8; format=flowed",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    *qp_lines(plain.encode()),
    "--------------Xq3sYb0TkmA9vH1rC2dE5fG7",
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    html.encode(),
    "",
    "--------------Xq3sYb0TkmA9vH1rC2dE5fG7--",
    "",
])

# 02 Outlook 2007, HTML only, gb2312 in base64; the subject is split mid-character across two
# encoded words (Outlook cuts GBK at byte boundaries).
subject02 = "数据库服务器磁盘空间不足告警".encode("gb2312")
html02 = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
          "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">"
          "<style><!-- p.MsoNormal {margin:0cm; font-family:宋体;} --></style>"
          "<script>alert('x')</script><title>报警</title></head>"
          "<body lang=ZH-CN><div class=WordSection1>"
          "<p class=MsoNormal>王经理：<o:p></o:p></p>"
          "<p class=MsoNormal>&nbsp;&nbsp;数据库服务器 db-03 的 /data 分区使用率已达 97%，"
          "预计 2 小时内写满。<o:p></o:p></p>"
          "<p class=MsoNormal>请尽快扩容或清理归档日志 &amp; 临时表。&#20013;&#25991;&#x6D4B;&#x8BD5;<o:p></o:p></p>"
          "<!--[if gte mso 9]><xml><o:shapedefaults v:ext=\"edit\" spidmax=\"1026\" /></xml><![endif]-->"
          "<p class=MsoNormal>运维部 王伟<br>电话：010-5555-0188</p>"
          "</div></body></html>").encode("gb2312")
fixtures["02-outlook-gb2312-html-only.eml"] = message([
    "Received: from WANGWEI-PC ([10.1.2.3]) by mail.corp.example.com with Microsoft SMTPSVC;",
    "\t Tue, 4 Mar 2025 08:30:02 +0800",
    "From: \"" + ew_b("王伟", "gb2312") + "\" <wangwei@corp.example.com>",
    "To: <faults@example.com>",
    "Subject: " + ew_b_bytes(subject02[:13], "gb2312"),
    "\t" + ew_b_bytes(subject02[13:], "gb2312"),
    "Date: Tue, 4 Mar 2025 08:30:00 +0800",
    "Message-ID: <000001d7a1b2$3c4d5e60$b5e81b20$@corp.example.com>",
    "MIME-Version: 1.0",
    "Content-Type: text/html;",
    "\tcharset=\"gb2312\"",
    "Content-Transfer-Encoding: base64",
    "X-Mailer: Microsoft Office Outlook 12.0",
    "Thread-Index: AdeqGx1k2Z1kK4zFQ2eWm0Yh9r3vAQ==",
    "Content-Language: zh-cn",
    "",
    *b64_lines(html02),
    "",
])

# 03 A forward with a note, carrying the original (GBK, Foxmail) with three attachments.
inner_text03 = ("您好：\n\n今天上午开始，仓库系统 WMS 登录后一直提示“会话已过期”，"
                "全仓无法作业。截图、日志和导出的配置见附件。\n\n赵强\n客户服务部\n")
inner03 = message([
    "From: " + ew_b("赵强", "GBK") + " <zhaoqiang@customer.example>",
    "To: support@example.com",
    "Subject: " + ew_b("仓库系统无法登录", "GBK"),
    "Date: Wed, 5 Mar 2025 10:01:33 +0800",
    "Message-ID: <202503051001331234567@customer.example>",
    "X-Mailer: Foxmail 7.2.25.228[cn]",
    "Mime-Version: 1.0",
    "Content-Type: multipart/mixed;",
    '\tboundary="----=_001_NextPart512345678901_=----"',
    "",
    "This is a multi-part message in MIME format.",
    "",
    "------=_001_NextPart512345678901_=----",
    "Content-Type: text/plain;",
    '\tcharset="GBK"',
    "Content-Transfer-Encoding: quoted-printable",
    "",
    *qp_lines(inner_text03.encode("gbk")),
    "",
    "------=_001_NextPart512345678901_=----",
    "Content-Type: image/png;",
    '\tname="screenshot.png"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment;',
    '\tfilename="screenshot.png"',
    "",
    *b64_lines(PNG),
    "",
    "------=_001_NextPart512345678901_=----",
    "Content-Type: text/plain;",
    '\tname="wms-print.log"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment;',
    '\tfilename="wms-print.log"',
    "",
    *b64_lines(LOG),
    "",
    "------=_001_NextPart512345678901_=----",
    "Content-Type: application/zip;",
    '\tname="=?GBK?B?' + base64.b64encode("系统配置.zip".encode("gbk")).decode() + '?="',
    "Content-Transfer-Encoding: base64",
    "Content-Disposition: attachment;",
    "\tfilename*=UTF-8''" + urllib.parse.quote("系统配置.zip"),
    "",
    *b64_lines(ZIP),
    "",
    "------=_001_NextPart512345678901_=------",
    "",
])
fixtures["03-forward-three-attachments.eml"] = message([
    "From: Support Desk <support@example.com>",
    "To: faults@example.com",
    "Subject: Fwd: " + ew_b("仓库系统无法登录", "UTF-8"),
    "Date: Wed, 5 Mar 2025 10:20:00 +0800",
    "Message-ID: <fwd-0305-1020@example.com>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="outer-3a7f"',
    "",
    "--outer-3a7f",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "请看附件中的原始报障邮件，客户要求今天内回复。".encode(),
    "",
    "--outer-3a7f",
    "Content-Type: message/rfc822",
    "Content-Disposition: attachment; filename*=utf-8''" + urllib.parse.quote("原始邮件.eml"),
    "",
    inner03,
    "--outer-3a7f--",
    "",
])

# 04 Forward of a forward, neither with a note: the innermost text is the body.
innermost04 = message([
    "From: Sensor Gateway <gw-17@iot.example.net>",
    "To: ops@example.com",
    "Subject: Cold room 3 temperature above threshold",
    "Date: Thu, 6 Mar 2025 02:10:00 +0000",
    "Message-ID: <alarm-77812@iot.example.net>",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "ALARM cold-room-3 temperature=-8.5C threshold=-15.0C since 01:52 UTC",
    "Compressor 2 reports fault code E42.",
])
middle04 = message([
    "From: Night Shift <nightshift@example.com>",
    "To: supervisor@example.com",
    "Subject: FW: Cold room 3 temperature above threshold",
    "Date: Thu, 6 Mar 2025 02:15:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: multipart/mixed; boundary=mid-04",
    "",
    "--mid-04",
    "Content-Type: message/rfc822",
    "",
    innermost04,
    "--mid-04--",
])
fixtures["04-nested-forward-no-outer-text.eml"] = message([
    "From: Supervisor <supervisor@example.com>",
    "To: faults@example.com",
    "Subject: FW: FW: Cold room 3 temperature above threshold",
    "Date: Thu, 6 Mar 2025 02:30:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: multipart/mixed; boundary=outer-04",
    "",
    "--outer-04",
    "Content-Type: message/rfc822",
    "Content-Disposition: attachment",
    "",
    middle04,
    "--outer-04--",
])

# 05 Pine-style 7bit ASCII, obsolete two-digit year and a zone comment, folded subject.
fixtures["05-7bit-ascii-pine.eml"] = message([
    "Date: Mon, 3 Mar 25 14:05:00 -0800 (PST)",
    "From: Kim Lee <klee@unix.example.edu>",
    "To: faults@example.com",
    "Subject: NFS server fs2 not responding,",
    " still trying",
    "Message-ID: <Pine.LNX.4.64.2503031404120.3112@unix.example.edu>",
    "MIME-Version: 1.0",
    "Content-Type: TEXT/PLAIN; charset=US-ASCII",
    "",
    "Since about 13:50 every client mount of fs2:/export/home hangs with",
    "\"nfs: server fs2 not responding, still trying\". Load on fs2 is 0.3.",
    "",
    "-- Kim",
])

# 06 8bit UTF-8 body; the subject is Q-encoded and split in the middle of a character.
subject06 = "缓存集群 redis-02 内存使用率 95%".encode()
fixtures["06-8bit-utf8-split-q-words.eml"] = message([
    "From: Alert Robot <alerts@monitor.example.com>",
    "To: faults@example.com",
    "Subject: " + ew_q_bytes(subject06[:10], "utf-8") + " " + ew_q_bytes(subject06[10:], "utf-8"),
    "Date: Fri, 7 Mar 2025 11:00:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "告警级别：严重\n主机：redis-02\n当前值：95.3%\n阈值：90%".replace("\n", "\r\n").encode(),
])

# 07 ISO-8859-1 quoted-printable: soft breaks, lowercase hex, a bad escape, and Windows-1252
# quotes that the label does not cover (read as Windows-1252, as browsers do).
body07 = (b"Bonjour,=0D=0A\r\n"
          b"le serveur de caisse du magasin de Lyon ne r=e9pond plus depuis ce ma=\r\n"
          b"tin. Message affich=E9 : =93Connexion refus=E9e=94.\r\n"
          b"Disponibilit=e9 mesur=e9e : 100=% =ZZ incorrect.\r\n"
          b"Andr=E9")
fixtures["07-qp-latin1-outlook-express.eml"] = message([
    "From: =?ISO-8859-1?Q?Andr=E9?= Pirard <andre@magasins.example.fr>",
    "To: faults@example.com",
    "Subject: =?iso-8859-1?q?Caisse_de_Lyon_hors_service_-_caf=e9t=e9ria?=",
    "Date: Fri, 07 Mar 2025 08:12:45 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain;",
    '\tcharset="iso-8859-1"',
    "Content-Transfer-Encoding: quoted-printable",
    "X-Mailer: Microsoft Outlook Express 6.00.2900.5931",
    "",
    body07,
])

# 08 Big5: subject and sender name in Big5 encoded words, body base64 with no padding and
# stray characters in it.
body08 = ("各位同仁好：\n\n台北機房的主伺服器今天早上九點當機，目前由備援主機接手，"
          "但報表系統仍無法使用，請協助處理。\n\n陳志明 敬上\n").encode("big5")
b64_08 = base64.b64encode(body08).rstrip(b"=")
lines08 = [b64_08[i:i + 60] for i in range(0, len(b64_08), 60)]
lines08.insert(2, b"  ")
lines08[3] = b"\t" + lines08[3] + b" ***"
fixtures["08-base64-big5.eml"] = message([
    "From: " + ew_b("陳志明", "big5") + " <chen@tw.example.com>",
    "To: faults@example.com",
    "Subject: " + ew_b("伺服器當機，請協助處理", "big5"),
    "Date: Sat, 8 Mar 2025 09:20:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=big5",
    "Content-Transfer-Encoding: base64",
    "",
    *lines08,
])

# 09 GB18030 with characters outside GBK (two- and four-byte GB18030 forms).
body09 = "用户 王䶮 反馈：姓名中的“𠮷”字在工单系统里显示为问号，导致实名认证失败。\n".encode("gb18030")
fixtures["09-gb18030-four-byte.eml"] = message([
    "From: " + ew_b("客服中心", "gb18030") + " <kefu@service.example.cn>",
    "To: faults@example.com",
    "Subject: " + ew_b("生僻字“𠮷”显示异常", "gb18030"),
    "Date: Sat, 8 Mar 2025 15:00:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=GB18030",
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(body09),
])

# 10 RFC 6532: raw UTF-8 in the headers.
fixtures["10-utf8-raw-headers-rfc6532.eml"] = message([
    "From: 张伟 <zhangwei@example.cn>".encode(),
    "To: 运维值班 <faults@example.com>".encode(),
    "Subject: 支付网关证书将于 3 天后过期".encode(),
    "Date: Sun, 9 Mar 2025 10:00:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "pay-gw.example.cn 的 TLS 证书于 2025-03-12 到期，请安排续期。".encode(),
])

# 11 Raw 8-bit GBK headers (an old in-house system), which are not UTF-8.
fixtures["11-raw-gbk-headers.eml"] = message([
    "From: ".encode() + "财务系统".encode("gbk") + b" <finance-bot@corp.example.com>",
    "To: faults@example.com",
    b"Subject: " + "月结报表生成失败".encode("gbk"),
    "Date: Mon, 10 Mar 2025 01:00:00 +0800",
    "Content-Type: text/plain; charset=gbk",
    "Content-Transfer-Encoding: 8bit",
    "",
    "任务 MONTH_CLOSE 在第 3 步失败：凭证表锁等待超时。".encode("gbk"),
])

# 12 Declared gb2312 but containing GBK-only characters (镕, 喆, 堃): old Outlook does this.
fixtures["12-mislabelled-gb2312-with-gbk.eml"] = message([
    "From: " + ew_b_bytes("刘喆".encode("gbk"), "gb2312") + " <liuzhe@corp.example.com>",
    "To: faults@example.com",
    "Subject: " + ew_b_bytes("员工朱镕、王堃的门禁卡无法使用".encode("gbk"), "gb2312"),
    "Date: Mon, 10 Mar 2025 09:00:00 +0800",
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="gb2312"',
    "Content-Transfer-Encoding: base64",
    "X-Mailer: Microsoft Outlook Express 6.00.2900.2180",
    "",
    *b64_lines("新入职员工朱镕、王堃的门禁卡在 B 座无法刷开，HR 系统里状态正常。\n刘喆\n".encode("gbk")),
])

# 13 Declared utf-8 but actually GBK (a script that hard-codes the header).
fixtures["13-mislabelled-utf8-actually-gbk.eml"] = message([
    "From: backup@db.example.com",
    "To: faults@example.com",
    "Subject: " + ew_b_bytes("备份任务失败".encode("gbk"), "utf-8"),
    "Date: Tue, 11 Mar 2025 03:00:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "数据库 erp-db 的全量备份在 02:47 失败，错误：磁盘空间不足。".encode("gbk"),
])

# 14 Helpdesk mail laid out as the problem report form, plain (gb2312 QP) + HTML table.
form14 = ("问题主题：WMS 出库单无法打印\n"
          "提出单位：华东物流中心\n"
          "联系人：周敏\n"
          "联系电话：021-5555-0123\n"
          "发生时间：2025-03-03 09:15\n"
          "影响范围：华东仓全部出库作业\n"
          "问题描述：点击“打印出库单”后无反应，打印服务日志显示队列超时。\n")
html14 = "<html><body><table border=1>" + "".join(
    "<tr><td>%s</td><td>%s</td></tr>" % tuple(line.split("：", 1))
    for line in form14.strip().split("\n")) + "</table></body></html>"
fixtures["14-helpdesk-report-form.eml"] = message([
    "From: =?gb2312?B?" + base64.b64encode("IT服务台".encode("gb2312")).decode() + "?= <helpdesk@corp.example.com>",
    "To: faults@example.com",
    "Subject: =?gb2312?B?" + base64.b64encode("【报障】WMS 出库单无法打印".encode("gb2312")).decode() + "?=",
    "Date: Mon, 3 Mar 2025 09:20:00 +0800",
    "Message-ID: <ticket-20250303-0042@helpdesk.corp.example.com>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="=_hd_5f2c"',
    "",
    "--=_hd_5f2c",
    'Content-Type: text/plain; charset="gb2312"',
    "Content-Transfer-Encoding: quoted-printable",
    "",
    *qp_lines(form14.encode("gb2312")),
    "--=_hd_5f2c",
    'Content-Type: text/html; charset="gb2312"',
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(html14.encode("gb2312")),
    "--=_hd_5f2c--",
])

# 15 The report form as an HTML-only table (UTF-8), so the text comes from the table.
form15 = [("问题主题", "ERP 月结报表生成失败"), ("提出单位", "财务共享中心"), ("联系人", "孙丽"),
          ("问题描述", "月结第 3 步报错 ORA-00060，重试两次仍失败。")]
html15 = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>td{padding:4px}</style></head><body>"
          "<h2>问题报告单</h2><table>" + "".join(
              "<tr><th>%s：</th><td>%s</td></tr>" % row for row in form15)
          + "</table><p>请在 <a href=\"https://helpdesk.example.com/t/981\">工单 981</a> 中回复。</p></body></html>")
fixtures["15-helpdesk-report-form-html-table.eml"] = message([
    "From: Helpdesk <helpdesk@example.com>",
    "To: faults@example.com",
    "Subject: " + ew_b("【报障】ERP 月结报表生成失败", "UTF-8"),
    "Date: Tue, 4 Mar 2025 16:40:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(html15.encode()),
])

# 16 Folded and malformed headers: folds with tabs and spaces, a line without a colon, a space
# before a colon, an odd Content-Type with a comment, uppercase encoding, duplicate To.
fixtures["16-folded-malformed-headers.eml"] = message([
    "Received: from mx.example.com (mx.example.com [192.0.2.10])",
    "\tby inbound.example.com with ESMTPS id 4Xyz",
    "\tfor <faults@example.com>; Mon, 03 Mar 2025 10:00:00 +0800",
    "From: \"Ops Monitor\"",
    "  <monitor@ops.example.com>",
    "To: faults@example.com,",
    "\t\"On Call\" <oncall@example.com>",
    "To: extra@example.com",
    "Subject: " + ew_b("数据库", "utf-8"),
    " " + ew_b("主从同步", "utf-8"),
    "\t" + ew_b("延迟超过", "utf-8") + " 300s",
    "This line is not a header at all",
    "X-Spam-Score : 0.1",
    "MIME-Version: 1.0 (Generated by monitor 2.1)",
    "Content-Type: text/plain ; charset = \"utf-8\" (declared by script); format=fixed",
    "Content-Transfer-Encoding: 8BIT",
    "",
    "db-02 复制延迟 312 秒，超过阈值 300 秒。".encode(),
])

# 17 No Content-Type and no MIME-Version, 8-bit UTF-8 body (a cron job's mail).
fixtures["17-missing-content-type.eml"] = message([
    "From: root@batch-07.example.com (Cron Daemon)",
    "To: faults@example.com",
    "Subject: Cron <root@batch-07> /opt/jobs/sync-inventory.sh",
    "Date: Tue, 11 Mar 2025 04:00:01 +0800",
    "",
    "同步库存失败：连接 10.0.3.15:5432 超时（已重试 3 次）".encode(),
])

# 18 LF-only line ends, quoted boundary, a CSV attachment.
fixtures["18-lf-only-multipart.eml"] = message([
    "From: Metrics <metrics@example.com>",
    "To: faults@example.com",
    "Subject: Replication lag report",
    "Date: Tue, 11 Mar 2025 10:05:00 +0800",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="lf-only-boundary"',
    "",
    "--lf-only-boundary",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Replication lag on db-01 reached 312 seconds at 10:00.",
    "Details are in the attached CSV.",
    "--lf-only-boundary",
    'Content-Type: text/csv; charset=utf-8; name="lag.csv"',
    "Content-Disposition: attachment; filename=lag.csv",
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(CSV),
    "--lf-only-boundary--",
], newline=b"\n")

# 19 RFC 2231 file names: UTF-8 split across sections in the middle of a character, an
# Outlook-style encoded word in a quoted name, and raw UTF-8 in quotes.
name19 = urllib.parse.quote("故障截图-收银台.png").encode()
cut = name19.index(b"%", 10)
fixtures["19-rfc2231-chinese-filename.eml"] = message([
    "From: " + ew_b("门店 IT", "UTF-8") + " <store-it@example.com>",
    "To: faults@example.com",
    "Subject: " + ew_b("收银台无法联网", "UTF-8"),
    "Date: Wed, 12 Mar 2025 11:11:00 +0800",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b19"',
    "",
    "--b19",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines("附件为故障截图、网络诊断报告和路由器配置。".encode()),
    "--b19",
    "Content-Type: image/png",
    "Content-Disposition: attachment;",
    b" filename*0*=UTF-8''" + name19[:cut] + b";",
    b" filename*1*=" + name19[cut:cut + 3] + b";",
    b" filename*2*=" + name19[cut + 3:],
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(PNG),
    "--b19",
    'Content-Type: application/pdf; name="=?gb2312?B?' + base64.b64encode("网络诊断报告.pdf".encode("gb2312")).decode() + '?="',
    "Content-Disposition: attachment;",
    ' filename="=?gb2312?B?' + base64.b64encode("网络诊断报告.pdf".encode("gb2312")).decode() + '?="',
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(PDF),
    "--b19",
    "Content-Type: text/plain; charset=UTF-8",
    'Content-Disposition: attachment; filename="路由器配置.txt"'.encode(),
    "",
    "interface wan0\nip address dhcp\n".encode(),
    "--b19--",
])

# 20 Japanese: Shift_JIS subject and body, an ISO-2022-JP sender name, a Shift_JIS RFC 2231
# file name.
fixtures["20-shift-jis.eml"] = message([
    "From: " + ew_b("山田太郎", "ISO-2022-JP") + " <yamada@example.co.jp>",
    "To: faults@example.com",
    "Subject: " + ew_b("サーバー障害のお知らせ", "Shift_JIS"),
    "Date: Wed, 12 Mar 2025 18:30:00 +0900",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="jp-20"',
    "",
    "--jp-20",
    "Content-Type: text/plain; charset=Shift_JIS",
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines("本日17時頃より大阪拠点のファイルサーバーに接続できません。\n至急ご確認ください。\n".encode("shift_jis")),
    "--jp-20",
    "Content-Type: application/pdf",
    "Content-Disposition: attachment; filename*=shift_jis''" + urllib.parse.quote("障害報告.pdf".encode("shift_jis")),
    "Content-Transfer-Encoding: base64",
    "",
    *b64_lines(PDF),
    "--jp-20--",
])

# 21 multipart/alternative cut off before its final boundary.
fixtures["21-missing-final-boundary.eml"] = message([
    "From: Uptime <uptime@status.example.org>",
    "To: faults@example.com",
    "Subject: DOWN: https://shop.example.org (HTTP 502)",
    "Date: Thu, 13 Mar 2025 07:45:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="alt-21"',
    "",
    "--alt-21",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "Monitor shop.example.org is DOWN: HTTP 502 Bad Gateway from 3 of 3 locations.",
    "--alt-21",
    "Content-Type: text/html; charset=us-ascii",
    "",
    "<p>Monitor <b>shop.example.org</b> is DOWN",
])

# 22 Apple Mail: HTML with an inline image in multipart/related.
html22 = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
          "<body style=\"word-wrap: break-word;\"><div>The label printer in dock&nbsp;4 prints blank labels:</div>"
          "<div><br></div><div><img apple-inline=\"yes\" src=\"cid:B1A2C3D4-label@example.com\"></div>"
          "<div><br></div><div>Tried a new ribbon &mdash; same result.</div><ul><li>Printer: ZD420</li>"
          "<li>Driver: 8.6.4</li></ul></body></html>")
fixtures["22-related-inline-image-apple.eml"] = message([
    "From: Mia Chen <mia.chen@example.com>",
    "Content-Type: multipart/related;",
    '\ttype="text/html";',
    '\tboundary="Apple-Mail=_6D5C4B3A-2F1E-4D0C-9B8A-7F6E5D4C3B2A"',
    "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))",
    "Subject: Label printer prints blank labels",
    "Date: Thu, 13 Mar 2025 14:02:19 +0800",
    "Message-Id: <8E7D6C5B-4A39-4281-9F0E-1D2C3B4A5968@example.com>",
    "To: faults@example.com",
    "",
    "",
    "--Apple-Mail=_6D5C4B3A-2F1E-4D0C-9B8A-7F6E5D4C3B2A",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Type: text/html;",
    "\tcharset=utf-8",
    "",
    *qp_lines(html22.encode()),
    "--Apple-Mail=_6D5C4B3A-2F1E-4D0C-9B8A-7F6E5D4C3B2A",
    "Content-Transfer-Encoding: base64",
    "Content-Disposition: inline;",
    "\tfilename=label.png",
    "Content-Type: image/png;",
    "\tx-unix-mode=0644;",
    "\tname=\"label.png\"",
    "Content-Id: <B1A2C3D4-label@example.com>",
    "",
    *b64_lines(PNG),
    "--Apple-Mail=_6D5C4B3A-2F1E-4D0C-9B8A-7F6E5D4C3B2A--",
])

# 23 A bounce (multipart/report) from MAILER-DAEMON with the null return path.
fixtures["23-bounce-dsn.eml"] = message([
    "Return-Path: <>",
    "Received: from localhost by mx.example.com; Thu, 13 Mar 2025 15:00:00 +0800",
    "From: MAILER-DAEMON@mx.example.com (Mail Delivery System)",
    "To: oncall@example.com",
    "Subject: Undelivered Mail Returned to Sender",
    "Auto-Submitted: auto-replied",
    "Date: Thu, 13 Mar 2025 15:00:00 +0800 (CST)",
    "MIME-Version: 1.0",
    "Content-Type: multipart/report; report-type=delivery-status;",
    '\tboundary="DSN.8812/mx.example.com"',
    "",
    "This is a MIME-encapsulated message.",
    "",
    "--DSN.8812/mx.example.com",
    "Content-Description: Notification",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "This is the mail system at host mx.example.com.",
    "",
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients.",
    "",
    "<nobody@customer.example>: host mx.customer.example said: 550 5.1.1 User unknown",
    "",
    "--DSN.8812/mx.example.com",
    "Content-Description: Delivery report",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.com",
    "",
    "Final-Recipient: rfc822; nobody@customer.example",
    "Action: failed",
    "Status: 5.1.1",
    "",
    "--DSN.8812/mx.example.com",
    "Content-Description: Undelivered Message Headers",
    "Content-Type: text/rfc822-headers",
    "",
    "From: oncall@example.com",
    "To: nobody@customer.example",
    "Subject: [INC-000123] Acknowledged",
    "",
    "--DSN.8812/mx.example.com--",
])

# 24 An unknown charset label on GB2312 text.
fixtures["24-unknown-charset-label.eml"] = message([
    "From: scanner@factory.example.cn",
    "To: faults@example.com",
    "Subject: Line 3 scanner offline",
    "Date: Fri, 14 Mar 2025 08:00:00 +0800",
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="x-factory-cs"',
    "Content-Transfer-Encoding: 8bit",
    "",
    "三号线扫码枪离线，条码无法上传。".encode("gb2312"),
])

# 25 multipart without a boundary parameter (a broken script); the boundary is in the body.
fixtures["25-multipart-without-boundary-parameter.eml"] = message([
    "From: deploy-bot@ci.example.com",
    "To: faults@example.com",
    "Subject: Deploy of billing v2.14 failed",
    "Date: Fri, 14 Mar 2025 12:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: multipart/mixed",
    "",
    "--XyZ0987",
    "Content-Type: text/plain",
    "",
    "Deploy of billing v2.14 to production failed at step migrate-db.",
    "--XyZ0987--",
])

# 26 A message saved from an mbox, starting with the "From " separator line.
fixtures["26-mbox-from-line.eml"] = message([
    "From printer-alerts@example.com  Fri Mar 14 13:00:00 2025",
    "Return-Path: <printer-alerts@example.com>",
    "From: printer-alerts@example.com",
    "To: faults@example.com",
    "Subject: Toner low on PRN-5F-02",
    "Date: Fri, 14 Mar 2025 13:00:00 +0800",
    "",
    "Toner level on PRN-5F-02 is at 3%.",
])

# 27 UTF-8 quoted-printable whose soft breaks fall inside multi-byte characters.
raw27 = "网络设备 core-sw-01 的端口 Gi1/0/24 频繁 up/down，影响三楼办公区。".encode()
tokens27 = ["=%02X" % c if c >= 0x80 else chr(c) for c in raw27]
lines27 = []
current = ""
for index, token in enumerate(tokens27):
    # Break every 13 tokens: escapes stay whole, characters (3 bytes) get cut.
    current += token
    if index % 13 == 12:
        lines27.append(current + "=")
        current = ""
lines27.append(current)
fixtures["27-qp-soft-breaks-inside-characters.eml"] = message([
    "From: NetOps <netops@example.com>",
    "To: faults@example.com",
    "Subject: =?utf-8?q?core-sw-01_=E7=AB=AF=E5=8F=A3=E6=8A=96=E5=8A=A8?=",
    "Date: Sat, 15 Mar 2025 09:00:00 +0800",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    *lines27,
])

# 28 No Content-Type at all (RFC 2045 default text/plain; us-ascii) over 8-bit Latin-1 text from
# a monitoring script: not UTF-8, and byte pairs such as "üß" are also valid GB18030.
fixtures["28-no-content-type-latin1.eml"] = message([
    "Return-Path: <nas-monitor@storage.example.de>",
    "From: nas-monitor@storage.example.de (NAS Monitor)",
    "To: faults@example.com",
    "Subject: nas-02: Festplatte voll",
    "Date: Mon, 17 Mar 2025 06:00:02 +0100",
    "Message-ID: <20250317050002.4711@storage.example.de>",
    "",
    "Die Überwachung meldet: Festplatte voll auf nas-02 (98 %).".encode("latin-1"),
    "Betroffen: Volume /srv/daten, Freigabe Buchhaltung.".encode("latin-1"),
    "Bitte prüfen. Grüße aus Köln".encode("latin-1"),
])

# 29 A charset name nobody knows on both alternatives: Latin-1 bytes in the plain part, pure
# ASCII (entities) in the HTML part.
fixtures["29-unknown-charset-part.eml"] = message([
    "From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <j.mueller@example.de>",
    "To: faults@example.com",
    "Subject: Drucker im 2. Stock druckt leere Seiten",
    "Date: Mon, 17 Mar 2025 09:12:40 +0100",
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="alt-29"',
    "",
    "--alt-29",
    'Content-Type: text/plain; charset="x-unknown-foo"',
    "Content-Transfer-Encoding: 8bit",
    "",
    "Hallo,".encode("latin-1"),
    "".encode("latin-1"),
    "der Drucker im 2. Stock (PRN-2F-01) druckt seit heute früh nur leere Seiten.".encode("latin-1"),
    "Tonerwechsel und Neustart haben nichts geändert.".encode("latin-1"),
    "".encode("latin-1"),
    "Viele Grüße".encode("latin-1"),
    "Jürgen Müller".encode("latin-1"),
    "--alt-29",
    'Content-Type: text/html; charset="x-unknown-foo"',
    "Content-Transfer-Encoding: 7bit",
    "",
    "<p>Hallo,</p><p>der Drucker im 2. Stock (PRN-2F-01) druckt seit heute fr&uuml;h nur leere Seiten.</p>",
    "--alt-29--",
])

# 30 Damaged base64: a gateway sprinkled characters outside the alphabet through the text part
# and its final quantum lost its padding; the PDF's base64 is cut short, a lone sextet dangling.
text30 = ("仓库 WMS 服务 10:20 起无法登录，提示“数据库连接池耗尽”。\n"
          "已重启 wms-app-01，十分钟后再次出现。请值班同事协助排查。\n").encode()
b64_30 = base64.b64encode(text30).decode()
lines30 = [b64_30[i:i + 40] for i in range(0, len(b64_30), 40)]
lines30[0] = lines30[0][:12] + "!" + lines30[0][12:] + "*"
lines30[1] = lines30[1][:20] + "#-#" + lines30[1][20:]
lines30[2] = lines30[2] + "."
lines30[-1] = lines30[-1].rstrip("=")
pdf30 = base64.b64encode(PDF).decode()
fixtures["30-invalid-base64-body.eml"] = message([
    "From: WMS Gateway <wms-gw@example.com>",
    "To: faults@example.com",
    "Subject: =?utf-8?B?" + base64.b64encode("WMS 无法登录".encode()).decode() + "?=",
    "Date: Tue, 18 Mar 2025 10:31:00 +0800",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="gw-30"',
    "",
    "--gw-30",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    *lines30,
    "--gw-30",
    'Content-Type: application/pdf; name="wms-error.pdf"',
    "Content-Disposition: attachment; filename=\"wms-error.pdf\"",
    "Content-Transfer-Encoding: base64",
    "",
    pdf30[:41],
    "--gw-30--",
])

# 31 The first header line is a continuation line: a relay dropped the start of its Received
# field and left the folded rest, a blank-looking line first.
fixtures["31-first-header-line-continuation.eml"] = message([
    "   ",
    "\tby mx2.example.com (Postfix) with ESMTP id 4Z1ab2; Tue, 18 Mar 2025 08:00:03 +0800 (CST)",
    "Delivered-To: faults@example.com",
    "Received: from app-07.example.com (app-07.example.com [10.0.7.7])",
    "\tby mx1.example.com (Postfix) with ESMTP id 4Z1ab1",
    "\tfor <faults@example.com>; Tue, 18 Mar 2025 08:00:02 +0800 (CST)",
    "From: App Monitor <monitor@app-07.example.com>",
    "To: faults@example.com",
    "Subject: " + ew_b("库存同步服务无响应", "UTF-8"),
    "Date: Tue, 18 Mar 2025 08:00:01 +0800",
    "Message-ID: <sync-20250318080001@app-07.example.com>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "库存同步服务 inventory-sync 自 07:40 起无响应，队列积压 12000 条。".encode(),
])

# 32 Outlook "forward as attachment": its own alternative is empty (a blank plain part, an HTML
# part holding only &nbsp;), and the forwarded message is inline and has no Content-Type.
inner32 = message([
    "From: " + ew_b("冷库监控", "UTF-8") + " <coldroom@iot.example.cn>",
    "To: ops@example.com",
    "Subject: " + ew_b("冷库 3 号温度报警", "UTF-8"),
    "Date: Tue, 18 Mar 2025 02:10:00 +0800",
    "Message-ID: <coldroom-3-20250318021000@iot.example.cn>",
    "MIME-Version: 1.0",
    "Content-Transfer-Encoding: 8bit",
    "",
    "报警：冷库 3 号温度 -8.5°C，高于阈值 -15.0°C，已持续 25 分钟。".encode(),
    "压缩机 2 报故障代码 E42。".encode(),
])
fixtures["32-forward-inline-rfc822-empty-outer.eml"] = message([
    "From: " + ew_b("李娜", "utf-8") + " <lina@example.com>",
    "To: faults@example.com",
    "Subject: FW: " + ew_b("冷库 3 号温度报警", "utf-8"),
    "Date: Tue, 18 Mar 2025 02:30:00 +0800",
    "Message-ID: <SG2PR06MB5311A1B2C3D4E5F6@SG2PR06MB5311.apcprd06.prod.outlook.com>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="----=_NextPart_000_0012_01DB97A1.5C1D2E30"',
    "X-Mailer: Microsoft Outlook 16.0",
    "",
    "This is a multipart message in MIME format.",
    "",
    "------=_NextPart_000_0012_01DB97A1.5C1D2E30",
    'Content-Type: multipart/alternative; boundary="----=_NextPart_001_0013_01DB97A1.5C1D2E30"',
    "",
    "------=_NextPart_001_0013_01DB97A1.5C1D2E30",
    'Content-Type: text/plain; charset="utf-8"',
    "Content-Transfer-Encoding: 7bit",
    "",
    "",
    "------=_NextPart_001_0013_01DB97A1.5C1D2E30",
    'Content-Type: text/html; charset="utf-8"',
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "<html xmlns:o=3D\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=3DContent-Type =",
    "content=3D\"text/html; charset=3Dutf-8\"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>=",
    "<body lang=3DZH-CN><div class=3DWordSection1><p class=3DMsoNormal><o:p>&nbsp;</o:p></p></div>=",
    "</body></html>",
    "------=_NextPart_001_0013_01DB97A1.5C1D2E30--",
    "",
    "------=_NextPart_000_0012_01DB97A1.5C1D2E30",
    "Content-Type: message/rfc822",
    "Content-Disposition: inline",
    "",
    inner32,
    "------=_NextPart_000_0012_01DB97A1.5C1D2E30--",
])

for name, data in fixtures.items():
    with open(name, "wb") as handle:
        handle.write(data)

if __name__ == "__main__":
    for name, data in sorted(fixtures.items()):
        print("%-48s %6d bytes  sha256 %s" % (name, len(data), hashlib.sha256(data).hexdigest()[:12]))
    print("png sha256", hashlib.sha256(PNG).hexdigest(), len(PNG))
