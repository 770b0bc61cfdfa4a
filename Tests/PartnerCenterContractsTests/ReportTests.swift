import ContractTestSupport
import JSONCore
import Testing

@testable import PartnerCenterContracts

@Suite struct ReportTests {
  /// A report with one finding of each shape a report meets.
  static let report = Report(
    command: "validate",
    subjects: [
      Report.Subject(name: "responses/customer.http", file: "responses/customer.http"),
      Report.Subject(name: "<stdin>", file: "<stdin>"),
    ],
    findings: [
      Finding(
        severity: .error, kind: .schema(keyword: "maximum"),
        message: "100.5 is greater than the maximum 100", pointer: "/items/0/usagePercent",
        expectation:
          "https://schemas.example/pc/customer-licenses-usage-insights.schema.json#/properties/usagePercent/maximum",
        subject: "customer-licenses-usage/4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04",
        source: SourceReference(file: "responses/customer.http", line: 15, column: 29),
        newValue: .number(JSONNumber(text: "100.5") ?? JSONNumber(0))),
      Finding(
        severity: .warning, kind: .ruleFamilyMember,
        message: "MS-RequestId 'abc' does not echo the request's", part: .responseHeaders,
        pointer: "/MS-RequestId", expectation: "rule.request-id-echo",
        subject: "customer-licenses-usage/4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04",
        source: SourceReference(file: "responses/customer.http", line: 5, column: 1)),
      Finding(
        severity: .error, kind: .inputMalformedJSON,
        message: "the body is truncated: expected '}' after object member, found end of input",
        source: SourceReference(file: "<stdin>", line: 3, column: 11)),
      Finding(
        severity: .info, kind: .inputByteOrderMark,
        message: "the body starts with a UTF-8 byte-order mark", part: .input,
        source: SourceReference(file: "<stdin>")),
    ],
    failLevel: .atLeast(.error))

  @Test func textReportMatchesGolden() {
    assertMatchesGolden(TextReport().render(Self.report), named: "report.txt")
  }

  @Test func jsonReportMatchesGolden() throws {
    let text = JSONReport().render(Self.report)
    assertMatchesGolden(text, named: "report.json")
    let parsed = try JSONParser.parse(text).value
    #expect(parsed["summary"]?["errors"]?.numberValue?.intValue == 2)
    #expect(
      parsed["findings"]?[0]?["fingerprint"]?.stringValue == Self.report.findings[0].fingerprint)
  }

  @Test func colorOnlyWhenAsked() {
    let plain = TextReport().render(Self.report)
    let colored = TextReport(color: true).render(Self.report)
    #expect(!plain.contains("\u{1B}"))
    #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m"))
    #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m"))
  }

  @Test func summaryCountsAndPluralizes() {
    let empty = Report(
      command: "validate", subjects: [.init(name: "a")], findings: [], failLevel: .none)
    #expect(TextReport().render(empty) == "1 input checked: 0 errors, 0 warnings\n")
    #expect(JSONReport.value(of: empty)["failLevel"] == .string("none"))
    #expect(JSONReport.value(of: empty)["fails"] == .bool(false))
  }

  @Test func findingLineLeavesOutWhatIsUnknown() {
    let bare = Finding(severity: .error, kind: .inputFamily, message: "m")
    #expect(TextReport().line(for: bare) == "error: m")
    let status = Finding(severity: .error, kind: .inputFamily, message: "m", part: .responseStatus)
    #expect(TextReport().line(for: status) == "error: response.status: m")
  }
}

extension FindingKind {
  /// A rule kind that no ``ContractRule`` declares, described by its family.
  static let ruleFamilyMember = FindingKind(
    "rule.request-id-echo", ruleFamily.severities, ruleFamily.title, ruleFamily.explanation)
}
