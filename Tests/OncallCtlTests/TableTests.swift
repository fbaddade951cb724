import Testing

@testable import oncallctl

@Suite("Table")
struct TableTests {
    @Test("columns line up by display width, with no trailing spaces")
    func alignment() {
        let lines = Table(
            headers: ["ID", "ORGANISATION", "SUBJECT"],
            rows: [["INC-000001", "财务处", "数据库连接超时"], ["INC-000002", "IT", "Disk full"]]
        ).render()
        #expect(
            lines == [
                "ID          ORGANISATION  SUBJECT",
                "INC-000001  财务处        数据库连接超时",
                "INC-000002  IT            Disk full",
            ])
    }

    @Test("long cells are cut to the column's limit")
    func limits() {
        let lines = Table(headers: ["A", "SUBJECT"], rows: [["x", "数据库连接超时，全部用户无法登录"]], maxWidths: [nil, 10]).render()
        #expect(lines == ["A  SUBJECT", "x  数据库连…"])
    }

    @Test("line breaks and tabs inside cells become spaces; short rows are filled")
    func cleaning() {
        let lines = Table(headers: ["A", "B", "C"], rows: [["multi\nline", "tab\there"], ["x"]]).render()
        #expect(lines == ["A           B         C", "multi line  tab here", "x"])
    }
}
