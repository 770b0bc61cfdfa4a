import Foundation
import Testing

@testable import json_schema_conformance

/// The official JSON-Schema-Test-Suite, draft 2020-12, from `../shared/json-schema-test-suite`.
@Suite struct ConformanceTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  static let suiteRoot = packageRoot + "/../shared/json-schema-test-suite"
  static var suiteIsPresent: Bool {
    FileManager.default.fileExists(atPath: suiteRoot + "/tests-draft2020-12")
  }

  @Test func everyTestOutsideTheKnownGapsPasses() throws {
    guard Self.suiteIsPresent else {
      // CI must have the suite; a developer machine without it skips, and says so.
      #expect(ProcessInfo.processInfo.environment["CI"] == nil, "the test suite is missing in CI")
      print("ConformanceTests: suite not found at \(Self.suiteRoot)")
      return
    }
    let gaps = try ConformanceRunner.loadKnownGaps(
      path: Self.packageRoot + "/Conformance/known-gaps.json")
    let results = try ConformanceRunner(suiteRoot: Self.suiteRoot, knownGaps: gaps).runAll()
    let required = results.filter { !$0.file.hasPrefix("optional/") }
    #expect(required.count >= 40, "expected the suite's required files, found \(required.count)")
    let totals = ConformanceTotals(results)
    #expect(totals.passed > 1_500)
    for result in results where result.failed > 0 {
      let details = result.failures.joined(separator: "\n")
      Issue.record("\(result.file): \(result.failed) failed:\n\(details)")
    }
    print("conformance: \(totals.summary)")
  }

  @Test func requiredFilesHaveNoKnownGaps() throws {
    let gaps = try ConformanceRunner.loadKnownGaps(
      path: Self.packageRoot + "/Conformance/known-gaps.json")
    let required = gaps.filter { !$0.file.hasPrefix("optional/") }
    #expect(required.isEmpty, "required tests listed as gaps: \(required.map(\.test))")
    for gap in gaps { #expect(!gap.reason.isEmpty, "gap \(gap.test) has no reason") }
  }
}
