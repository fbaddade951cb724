import Logging
@testable import OncallSystemd
import Testing

@Suite struct SyslogStderrLogHandlerTests {
    @Test func priorities() {
        let expected: [(Logger.Level, Int)] = [
            (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]
        for (level, priority) in expected {
            #expect(level.syslogPriority == priority)
            #expect(SyslogStderrLogHandler.format(level: level, label: "l", message: "m", metadata: [:]) == "<\(priority)>l: m")
        }
    }

    @Test func metadataSortedAndQuoted() {
        let line = SyslogStderrLogHandler.format(
            level: .info,
            label: "oncalld.http",
            message: "request served",
            metadata: [
                "path": "/healthz",
                "incident.id": "INC-000042",
                "subject": "mail server down",
                "empty": "",
                "quote": #"say "hi""#,
                "count": .stringConvertible(3),
            ]
        )
        #expect(
            line
                == #"<6>oncalld.http: request served count=3 empty="" incident.id=INC-000042 path=/healthz quote="say \"hi\"" subject="mail server down""#
        )
    }

    @Test func oneLinePerMessage() {
        let line = SyslogStderrLogHandler.format(
            level: .error,
            label: "oncalld",
            message: "first\nsecond\r\nthird",
            metadata: ["detail": "a\nb\tc"]
        )
        #expect(line == #"<3>oncalld: first\nsecond\r\nthird detail="a\nb\tc""#)
        #expect(!line.contains("\n"))
    }

    @Test func emptyLabelAndNoMetadata() {
        #expect(SyslogStderrLogHandler.format(level: .warning, label: "", message: "disk almost full", metadata: [:]) == "<4>disk almost full")
    }

    @Test func nonASCIIValuesStayReadable() {
        let line = SyslogStderrLogHandler.format(
            level: .notice, label: "oncalld", message: "问题申报单 received", metadata: ["org": "提出单位"]
        )
        #expect(line == "<5>oncalld: 问题申报单 received org=提出单位")
    }

    @Test func handlerMergesMetadataLayers() {
        var handler = SyslogStderrLogHandler(label: "x", logLevel: .debug)
        handler[metadataKey: "a"] = "handler"
        handler[metadataKey: "b"] = "handler"
        #expect(handler.metadata == ["a": "handler", "b": "handler"])
        struct Boom: Error {}
        let merged = LogMetadataMerger.effective(
            base: handler.metadata,
            provider: Logger.MetadataProvider { ["b": "provider", "c": "provider"] },
            explicit: ["c": "call"],
            error: Boom()
        )
        #expect(merged["a"] == "handler")
        #expect(merged["b"] == "provider")
        #expect(merged["c"] == "call")
        #expect(merged["error.message"] == "Boom()")
    }
}
