import ContractTestSupport
import Foundation
import JSONCore
import JSONSchemaValidation
import Testing

@testable import PartnerCenterContracts

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The CI reports as their consumers read them: SARIF against the official 2.1.0 schema and
/// GitHub code scanning's limits, JUnit against the schema Jenkins validates with, and every
/// format against values from the API that try to forge output.
@Suite("CI reports meet their standards and cannot be forged")
struct ReportStandardsTests {
  static let standards = packageRoot().appendingPathComponent("../shared/standards").standardized

  /// A validator for the SARIF 2.1.0 schema (draft-04), read as 2020-12: its `id` becomes
  /// `$id`; its keywords mean the same in both.
  static func sarifValidator() throws -> Validator? {
    let path = standards.appendingPathComponent("sarif-schema-2.1.0.json").path
    guard FileManager.default.fileExists(atPath: path) else {
      print("skipped: the SARIF 2.1.0 schema is not at \(path)")
      return nil
    }
    guard case .object(var schema) = try JSONParser.parse(FileContents.bytes(atPath: path)).value
    else { return nil }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = schema["id"]
    schema["id"] = nil
    var registry = SchemaRegistry()
    let uri = try registry.add(.object(schema))
    return try registry.validator(for: uri, options: Validator.Options(assertFormats: true))
  }

  static func sarif(_ report: Report, _ renderer: SARIFReport = SARIFReport()) throws -> JSONValue {
    try JSONParser.parse(Array(renderer.render(report).utf8)).value
  }

  /// Values an API could return to forge output: a newline and a workflow command, Markdown
  /// links, images and emphasis, HTML, a bidi override, NUL and ESC.
  static let hostileValues = [
    "o365\n::error file=README.md,line=1::forged",
    "[click](https://evil.example) ![x](https://evil.example/x.png) **bold** _em_ `code` <b>x</b> a|b \\| c",
    "safe\u{202E}txt.exe",
    "nul\u{0}esc\u{1B}[31mred\u{1B}[0m del\u{7F} c1\u{85}",
  ]

  static var hostileReport: Report {
    let subject = "customer-licenses-usage/0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
    let file = "captured-2026-11-21T08:00:00Z/customers/0c39d6d5/licenses-usage.json"
    return Report(
      command: "check",
      subjects: [.init(name: subject, file: file)],
      findings: hostileValues.enumerated().map { index, value in
        Finding(
          severity: index % 2 == 0 ? .error : .warning, kind: .driftNewEnumValue,
          message: "new value '\(value)'", pointer: "/items/\(index)/serviceName",
          subject: subject, source: SourceReference(file: file, line: 7, column: 3),
          newValue: .string(value))
      } + [
        Finding(
          severity: .error, kind: .captureFailed,
          message: "the call failed: 500 \u{1B}]8;;https://evil.example\u{7}", part: .input,
          subject: subject)
      ],
      failLevel: .atLeast(.warning))
  }

  @Test func sarifOfEveryKindOfRunIsValidAgainstTheSchema() throws {
    guard let validator = try Self.sarifValidator() else { return }
    let failed = Report(
      command: "check", subjects: [],
      findings: [
        Finding(
          severity: .error, kind: .runFailed,
          message: "could not list customers: HTTP 503", part: .input)
      ], failLevel: .atLeast(.error))
    for report in [CIReportTests.report, Self.hostileReport, failed, Self.changes(30_000)] {
      let result = validator.validate(try Self.sarif(report), mode: .allErrors)
      #expect(
        result.isValid, "\(result.errors.prefix(5).map { "\($0.instanceLocation) \($0.message)" })")
    }
  }

  @Test func everySarifResultHasALocationAndRuleHelp() throws {
    let log = try Self.sarif(Self.hostileReport)
    let run = try #require(log["runs"]?[0])
    #expect(run["columnKind"] == "unicodeCodePoints")
    #expect(run["originalUriBaseIds"]?["%SRCROOT%"] != nil)
    for result in try #require(run["results"]?.arrayValue) {
      let locations = try #require(result["locations"]?.arrayValue)
      #expect(locations.count == 1)
      let uri = try #require(
        locations[0]["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue)
      #expect(uri.hasPrefix("captured-2026-11-21T08%3A00%3A00Z/"))
      #expect(!uri.contains("./"))
    }
    let readme = try String(
      contentsOf: packageRoot().appendingPathComponent("README.md"), encoding: .utf8)
    for rule in try #require(run["tool"]?["driver"]?["rules"]?.arrayValue) {
      for field in ["shortDescription", "fullDescription"] {
        #expect(
          rule[field]?["text"]?.stringValue?.isEmpty == false, "\(field) of \(rule["id"] ?? "")")
      }
      #expect(rule["help"]?["text"]?.stringValue?.contains("accept") == true)
      #expect(rule["help"]?["markdown"]?.stringValue?.isEmpty == false)
      let anchor = try #require(rule["helpUri"]?.stringValue?.split(separator: "#").last)
      #expect(readme.contains("<a id=\"\(anchor)\"></a>"), "README has no section \(anchor)")
    }
  }

  @Test func readmeHasASectionForEveryDescribedKind() throws {
    let readme = try String(
      contentsOf: packageRoot().appendingPathComponent("README.md"), encoding: .utf8)
    for kind in FindingKind.all {
      #expect(readme.contains("<a id=\"\(kind.anchor)\"></a>"), "\(kind.id)")
    }
  }

  @Test func resultsOnOneLineAtDifferentPointersStayApart() throws {
    let results = try #require(
      try Self.sarif(Self.hostileReport)["runs"]?[0]?["results"]?.arrayValue)
    let hashes = results.compactMap {
      $0["partialFingerprints"]?["primaryLocationLineHash"]?.stringValue
    }
    #expect(hashes.count == results.count)
    #expect(Set(hashes).count == results.count)
  }

  @Test func columnsCountCodePoints() throws {
    let line = Array("  \"customerName\": \"Müller Ω\", \"x\": 1".utf8)
    let byteColumn = (line.firstIndex(of: UInt8(ascii: "x")) ?? 0) + 1
    let report = Report(
      command: "validate", subjects: [],
      findings: [
        Finding(
          severity: .error, kind: .schema(keyword: "type"), message: "m", pointer: "/x",
          source: SourceReference(file: "a.json", line: 1, column: byteColumn))
      ], failLevel: .atLeast(.error))
    let renderer = SARIFReport(readFile: { _ in line })
    let region = try Self.sarif(report, renderer)["runs"]?[0]?["results"]?[0]?["locations"]?[0]?[
      "physicalLocation"]?["region"]
    // "ü" and "Ω" take two bytes each but are one code point each.
    #expect(region?["startColumn"] == .number(JSONNumber(byteColumn - 2)))
  }

  @Test func githubAnnotationsNameRepositoryRelativePaths() {
    let report = Report(
      command: "validate", subjects: [],
      findings: [
        Finding(
          severity: .error, kind: .schema(keyword: "type"), message: "m",
          source: SourceReference(file: "/repo/./examples/broken.http", line: 3, column: 1))
      ], failLevel: .atLeast(.error))
    #expect(
      GitHubReport(root: "/repo").render(report).hasPrefix(
        "::error file=examples/broken.http,line=3,col=1,"))
  }

  @Test func pathsAreRepositoryRelative() {
    let renderer = SARIFReport(root: "/repo")
    #expect(renderer.relative("./recordings/./partner/x.json") == "recordings/partner/x.json")
    #expect(renderer.relative("/repo/recordings/a/../b.json") == "recordings/b.json")
    #expect(renderer.relative("../outside/x.json") == "../outside/x.json")
    #expect(renderer.relative("/elsewhere/x.json") == "/elsewhere/x.json")
  }

  /// A run where `count` values of 250 customers' items changed, and each customer has 24
  /// schema errors (6,000 in all, over the 5,000 GitHub shows).
  static func changes(_ count: Int) -> Report {
    var findings: [Finding] = []
    var subjects: [Report.Subject] = []
    for customer in 0..<250 {
      let subject = "customer-licenses-usage/\(customer)"
      let file = "recordings/customers/\(customer)/licenses-usage.json"
      subjects.append(.init(name: subject, file: file))
      for item in 0..<(count / 250) {
        findings.append(
          Finding(
            severity: .info, kind: .driftValueChanged, message: "licensesActive changed",
            pointer: "/items/\(item)/licensesActive", subject: subject,
            source: SourceReference(file: file, line: item + 2, column: 5)))
      }
      for item in 0..<24 {
        findings.append(
          Finding(
            severity: .error, kind: .schema(keyword: "maximum"), message: "too big",
            pointer: "/items/\(item)/usagePercent", subject: subject,
            source: SourceReference(file: file, line: item + 2, column: 7)))
      }
    }
    return Report(
      command: "check", subjects: subjects, findings: findings, failLevel: .atLeast(.error))
  }

  @Test func aRunOfThirtyThousandChangesStaysWithinGitHubsLimits() throws {
    let report = Self.changes(30_000)
    let run = try #require(try Self.sarif(report)["runs"]?[0])
    let results = try #require(run["results"]?.arrayValue)
    #expect(results.count <= 25_000)
    #expect(results.count { $0["level"] != "note" } == 5_000)
    #expect(results.count { $0["ruleId"] == "drift.data-truncated" } == 250)
    #expect(run["properties"]?["foldedDataDrift"] == 30_000)
    #expect(run["properties"]?["droppedOverLimit"] == .number(JSONNumber(250 * 24 - 5_000)))
  }

  @Test func textKeepsEveryFindingOnOneLine() {
    let text = TextReport().render(Self.hostileReport)
    #expect(text.split(separator: "\n").count == Self.hostileReport.findings.count + 1)
    #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}") && !text.contains("\u{0}"))
    #expect(text.contains("o365\\n::error"))
  }

  @Test func githubAnnotationsCannotBeForged() {
    let text = GitHubReport().render(Self.hostileReport)
    // The runner reads a workflow command only at the start of a line: no value may start one.
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      #expect(!line.hasPrefix("::error file=README"), "\(line)")
    }
    #expect(text.split(separator: "\n").count == Self.hostileReport.findings.count + 1)
    #expect(text.split(separator: "\n").count { $0.hasPrefix("::error") } == 3)
    #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
  }

  @Test func githubShowsAtMostTenPerLevelAndCountsTheRest() {
    let report = Self.changes(3_000)
    let text = GitHubReport().render(report)
    let lines = text.split(separator: "\n")
    #expect(lines.count { $0.hasPrefix("::error") } == 10)
    #expect(lines.count { $0.hasPrefix("::notice") } == 0)
    #expect(text.contains("5991 more errors not annotated"))
    let infos = Report(
      command: "check", subjects: report.subjects, findings: report.findings,
      failLevel: .atLeast(.info))
    #expect(
      GitHubReport().render(infos).split(separator: "\n").count { $0.hasPrefix("::notice") } == 10)
  }

  @Test func markdownShowsValuesLiterally() {
    let text = MarkdownReport().render(Self.hostileReport)
    #expect(!text.contains("[click](https"))
    #expect(!text.contains("![x]("))
    #expect(!text.contains("**bold**"))
    #expect(!text.contains("<b>"))
    #expect(text.contains("\\[click\\](https"))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ❌") || $0.hasPrefix("| ⚠️") }
    #expect(rows.count == Self.hostileReport.findings.count)
    for row in rows {
      // Five cells: every pipe that is not a separator is escaped.
      #expect(Self.unescapedPipes(row) == 6, "\(row)")
    }
  }

  static func unescapedPipes(_ row: Substring) -> Int {
    var count = 0
    var backslashes = 0
    for character in row {
      if character == "|" && backslashes % 2 == 0 { count += 1 }
      backslashes = character == "\\" ? backslashes + 1 : 0
    }
    return count
  }

  @Test func junitIsOneCasePerSubjectAndErrorsForRunsThatCouldNotHappen() {
    let text = JUnitReport().render(Self.hostileReport)
    #expect(text.components(separatedBy: "<testcase ").count - 1 == 1)
    #expect(text.contains("<error type=\"pc-contract.findings\""))
    #expect(text.contains("tests=\"1\" failures=\"0\" errors=\"1\""))
    #expect(!text.contains("\u{0}") && !text.contains("\u{1B}"))
    let failed = Report(
      command: "check", subjects: [],
      findings: [
        Finding(severity: .error, kind: .runFailed, message: "no network", part: .input)
      ],
      failLevel: .atLeast(.error))
    #expect(JUnitReport().render(failed).contains("tests=\"1\" failures=\"0\" errors=\"1\""))
  }

  @Test func junitFollowsTheJenkinsSchema() throws {
    let path = Self.standards.appendingPathComponent("jenkins-xunit-junit-10.xsd").path
    guard FileManager.default.fileExists(atPath: path) else {
      print("skipped: the JUnit schema is not at \(path)")
      return
    }
    let schema = try XSDOutline(contentsOf: URL(fileURLWithPath: path))
    for report in [CIReportTests.report, Self.hostileReport, Self.changes(600)] {
      let problems = try schema.problems(in: Data(JUnitReport().render(report).utf8))
      #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
  }

  @Test func gitlabCodeQualityHasEveryRequiredField() throws {
    let value = try JSONParser.parse(Array(GitLabReport().render(Self.hostileReport).utf8)).value
    let issues = try #require(value.arrayValue)
    #expect(issues.count == Self.hostileReport.findings.count)
    var fingerprints: Set<String> = []
    for issue in issues {
      #expect(issue["description"]?.stringValue?.contains("\n") == false)
      #expect(issue["check_name"]?.stringValue != nil)
      #expect(
        ["info", "minor", "major", "critical", "blocker"].contains(
          issue["severity"]?.stringValue ?? ""))
      #expect(issue["location"]?["path"]?.stringValue?.isEmpty == false)
      guard case .number(let begin)? = issue["location"]?["lines"]?["begin"] else {
        Issue.record("no location.lines.begin in \(issue)")
        continue
      }
      #expect((begin.intValue ?? 0) >= 1)
      fingerprints.insert(issue["fingerprint"]?.stringValue ?? "")
    }
    #expect(fingerprints.count == issues.count)
  }
}
