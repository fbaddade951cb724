import Logging
@testable import OncallSystemd
import Testing

@Suite struct JournalLogHandlerTests {
    @Test func fieldNames() {
        #expect(JournalLogHandler.fieldName(forMetadataKey: "incident.id") == "INCIDENT_ID")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "request-id") == "REQUEST_ID")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "_private") == "PRIVATE")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "2fa") == "META_2FA")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "message") == "META_MESSAGE")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "priority") == "META_PRIORITY")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "...") == nil)
        #expect(JournalLogHandler.fieldName(forMetadataKey: String(repeating: "k", count: 80))?.count == 64)
    }

    @Test func entryFields() {
        let fields = JournalLogHandler.fields(
            level: .warning,
            label: "oncalld.escalation",
            syslogIdentifier: "oncalld",
            message: "escalated to the emergency group",
            metadata: ["incident.id": "INC-000042", "level": "2"],
            file: "OncallDaemon/Escalator.swift",
            line: 12,
            function: "run()"
        )
        #expect(
            fields == [
                "MESSAGE=oncalld.escalation: escalated to the emergency group incident.id=INC-000042 level=2",
                "PRIORITY=4",
                "SYSLOG_IDENTIFIER=oncalld",
                "LOGGER=oncalld.escalation",
                "CODE_FILE=OncallDaemon/Escalator.swift",
                "CODE_LINE=12",
                "CODE_FUNC=run()",
                "INCIDENT_ID=INC-000042",
                "LEVEL=2",
                "INCIDENT=INC-000042",
            ]
        )
    }

    @Test func sendingWithoutJournaldDoesNotFail() {
        // No journald on the build machines: the entry is dropped silently.
        let handler = JournalLogHandler(label: "test", logLevel: .trace, syslogIdentifier: "oncalld-test")
        var logger = Logger(label: "test", factory: { _ in handler })
        logger[metadataKey: "incident.id"] = "INC-000001"
        logger.info("hello journal\nsecond line", metadata: ["k": "v"])
        #expect(handler.syslogIdentifier == "oncalld-test")
    }
}
