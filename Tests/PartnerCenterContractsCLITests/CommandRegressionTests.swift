import ContractTestSupport
import Foundation
import Testing

/// Every input the command-level fuzzer (`Fuzz/command-fuzz.py`) found, and hand-made edge
/// cases, run through the built binary: an exit code from 0 to 3 (the one the case names, when
/// it names one), no signal, no crash text, valid JSON wherever JSON was asked for.
@Suite struct CommandRegressionTests {
  static let folder = packageRoot().appendingPathComponent("Fuzz/command-regressions")

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("\($0)/case.cmd.json").path)
    }.sorted()
  }

  @Test func thereAreCases() { #expect(Self.cases.count >= 9) }

  @Test(arguments: Self.cases)
  func caseRunsCleanly(name: String) throws {
    let source = Self.folder.appendingPathComponent(name)
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("regression-\(UUID())")
    try FileManager.default.copyItem(at: source, to: work)
    defer { try? FileManager.default.removeItem(at: work) }
    let description =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: work.appendingPathComponent("case.cmd.json"))) as? [String: Any]
    let arguments = try #require(description?["arguments"] as? [String])
    let started = Date()
    let run = try runBuiltTool(arguments, directory: work.path, environment: ["NO_COLOR": "1"])
    #expect(Date().timeIntervalSince(started) < 60, "\(name) took too long")
    #expect((0...3).contains(run.code), "\(name): exit \(run.code)")
    if let expected = description?["exitCode"] as? Int {
      #expect(run.code == Int32(expected), "\(name)")
    }
    for marker in ["Fatal error", "Stack dump", "Backtrace", "Illegal instruction"] {
      #expect(!run.stdout.contains(marker) && !run.stderr.contains(marker), "\(name): \(marker)")
    }
    if arguments.contains("json"), run.code <= 1 {
      #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil, "\(name)")
    }
    for report in ["out.json", "out.sarif"] {
      let path = work.appendingPathComponent(report).path
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name): \(report)")
    }
    #expect(run.stdout.utf8.count < 1_000_000, "\(name): \(run.stdout.utf8.count) bytes of output")
  }
}
