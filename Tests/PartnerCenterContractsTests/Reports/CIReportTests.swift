import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

@Suite("CI report formats: JUnit, GitHub, SARIF, Markdown")
struct CIReportTests {
  static let customer = "customer-licenses-usage/0c39d6d5-c70d-4c55-bc02-f620844f3fd1"

  /// A report with each severity, a located and an unlocated finding, a header finding, text
  /// that needs escaping in every format, and a subject without findings.
  static var report: Report {
    let file = "recordings/customers/0c39d6d5/licenses-usage.json"
    return Report(
      command: "diff",
      subjects: [
        .init(name: "partner-licenses-usage", file: "recordings/partner/licenses-usage.json"),
        .init(name: customer, file: file),
      ],
      findings: [
        Finding(
          severity: .error, kind: .driftPropertyRemoved,
          message: "property /items/*/channel was removed (it was in every one of 3 objects)",
          pointer: "/items/*/channel", subject: customer,
          source: SourceReference(file: file, line: 12, column: 9)),
        Finding(
          severity: .warning, kind: .driftNewEnumValue,
          message: "new value 'a|b, c: 100% <new> & \"x\"'\nsecond line",
          pointer: "/items/*/serviceName",
          subject: customer, source: SourceReference(file: file, line: 20, column: 11),
          newValue: "a|b"),
        Finding(
          severity: .info, kind: .driftHeaderChanged, message: "header X-Trace appeared: '1'",
          part: .responseHeaders, pointer: "/X-Trace", subject: customer,
          source: SourceReference(file: file)),
        Finding(
          severity: .warning, kind: .configAcceptedDriftExpired,
          message: "accepted drift expired on 2026-11-20", part: .input, subject: "pc-contract.json"
        ),
      ],
      failLevel: .atLeast(.error))
  }

  @Test func junit() {
    assertMatchesGolden(JUnitReport().render(Self.report), named: "ci-report.junit.xml")
  }

  @Test func github() {
    let text = GitHubReport().render(Self.report)
    assertMatchesGolden(text, named: "ci-report.github.txt")
    // The info is no notice: infos do not fail the run (fail on breaking).
    #expect(text.split(separator: "\n").count == 4)
    #expect(text.contains("\\nsecond line"))
  }

  @Test func sarif() throws {
    let text = SARIFReport().render(Self.report)
    assertMatchesGolden(text, named: "ci-report.sarif.json")
    let log = try JSONParser.parse(Array(text.utf8)).value
    #expect(log["version"] == "2.1.0")
    let results = try #require(log["runs"]?[0]?["results"]?.arrayValue)
    #expect(results.count == 4)
    let removed = results.first { $0["ruleId"] == "drift.property-removed" }
    let region = removed?["locations"]?[0]?["physicalLocation"]?["region"]
    #expect(region?["startLine"] == 12 && region?["startColumn"] == 9)
  }

  @Test func markdown() {
    let text = MarkdownReport().render(Self.report)
    assertMatchesGolden(text, named: "ci-report.md")
    #expect(MarkdownReport(limit: 1).render(Self.report).contains("… and 3 more findings"))
  }

  @Test func emptyReportsPass() throws {
    let empty = Report(
      command: "diff", subjects: [.init(name: "partner-licenses-usage")], findings: [],
      failLevel: .atLeast(.error))
    #expect(JUnitReport().render(empty).contains("failures=\"0\""))
    #expect(MarkdownReport().render(empty).contains("✅ passes"))
    #expect(
      GitHubReport().render(empty)
        == "pc-contract diff passes (fail on breaking): 0 errors, 0 warnings, 0 infos in 1 subject\n"
    )
    let sarif = try JSONParser.parse(Array(SARIFReport().render(empty).utf8)).value
    #expect(sarif["runs"]?[0]?["results"] == [])
  }
}
