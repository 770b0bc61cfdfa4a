import Foundation

/// `json-schema-conformance [SUITE_ROOT]`: prints `N passed, N failed` per file and in total;
/// exits 1 on any failure not listed in `Conformance/known-gaps.json`, and when the suite is
/// missing while `CI` is set.
@main
enum ConformanceCommand {
  static func main() {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().path
    let arguments = CommandLine.arguments.dropFirst()
    let suiteRoot = arguments.first ?? packageRoot + "/../shared/json-schema-test-suite"
    guard FileManager.default.fileExists(atPath: suiteRoot + "/tests-draft2020-12") else {
      let message = "json-schema-conformance: the test suite is not at \(suiteRoot)\n"
      FileHandle.standardError.write(Data(message.utf8))
      exit(ProcessInfo.processInfo.environment["CI"] != nil ? 1 : 0)
    }
    do {
      let gaps = try ConformanceRunner.loadKnownGaps(
        path: packageRoot + "/Conformance/known-gaps.json")
      let runner = ConformanceRunner(suiteRoot: suiteRoot, knownGaps: gaps)
      let results = try runner.runAll()
      for result in results {
        var line = "\(result.file): \(result.passed) passed, \(result.failed) failed"
        if result.knownGaps > 0 { line += ", \(result.knownGaps) known gaps" }
        print(line)
        for failure in result.failures { print("  FAIL \(failure)") }
      }
      let required = results.filter { !$0.file.hasPrefix("optional/") }
      let formats = results.filter { $0.file.hasPrefix("optional/format/") }
      let optional = results.filter {
        $0.file.hasPrefix("optional/") && !$0.file.hasPrefix("optional/format/")
      }
      print("required (tests-draft2020-12/*.json): \(ConformanceTotals(required).summary)")
      print("optional/format (format assertion on): \(ConformanceTotals(formats).summary)")
      print("optional (other): \(ConformanceTotals(optional).summary)")
      let total = ConformanceTotals(results)
      print("conformance: \(total.summary)")
      exit(total.failed == 0 ? 0 : 1)
    } catch {
      FileHandle.standardError.write(Data("json-schema-conformance: \(error)\n".utf8))
      exit(1)
    }
  }
}
