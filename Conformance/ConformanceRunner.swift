import Foundation
import JSONCore
import JSONSchemaValidation

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12) against this library.
///
/// Required files run with `format` as an annotation; `optional/format/` files run with format
/// assertion on; the other optional files run as they are. Remotes are preloaded under
/// `http://localhost:1234/`. Failures listed in the known-gaps file, each with a reason, are
/// counted apart, never hidden.
public struct ConformanceRunner: Sendable {
  /// The suite's root folder: the one holding `tests-draft2020-12/` and `remotes/`.
  public var suiteRoot: String
  /// Known gaps, from the runner's `known-gaps.json`.
  public var knownGaps: [KnownGap]

  /// A failing test the project knows about, with the reason it still fails.
  public struct KnownGap: Sendable, Codable, Hashable {
    /// The file, relative to `tests-draft2020-12/`.
    public var file: String
    /// The test group's description; `*` for every group of the file.
    public var group: String
    /// The test's description; `*` for every test of the group.
    public var test: String
    /// Why it fails.
    public var reason: String
  }

  /// The outcome of one test file.
  public struct FileResult: Sendable {
    /// The file, relative to `tests-draft2020-12/`.
    public var file: String
    public var passed = 0
    public var failed = 0
    public var knownGaps = 0
    /// Known gaps that now pass: the list should shrink.
    public var fixedGaps = 0
    /// `group / test: expected valid, got invalid` for each unexpected failure.
    public var failures: [String] = []
  }

  /// Creates a runner; `knownGaps` usually comes from ``loadKnownGaps(path:)``.
  public init(suiteRoot: String, knownGaps: [KnownGap] = []) {
    self.suiteRoot = suiteRoot
    self.knownGaps = knownGaps
  }

  /// Reads a known-gaps file: a JSON array of `{file, group, test, reason}`.
  public static func loadKnownGaps(path: String) throws -> [KnownGap] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return try JSONDecoder().decode([KnownGap].self, from: data)
  }

  /// The suite's test files, required first, relative to `tests-draft2020-12/`.
  public func testFiles() -> [String] {
    let testsRoot = suiteRoot + "/tests-draft2020-12"
    let all = (FileManager.default.enumerator(atPath: testsRoot)?.allObjects as? [String]) ?? []
    let files = all.filter { $0.hasSuffix(".json") }
    let required = files.filter { !$0.contains("/") }.sorted()
    let format = files.filter { $0.hasPrefix("optional/format/") }.sorted()
    let optional = files.filter { $0.hasPrefix("optional/") && !$0.hasPrefix("optional/format/") }
      .sorted()
    return required + format + optional
  }

  /// A registry with every remote preloaded.
  public func remotesRegistry() throws -> SchemaRegistry {
    var registry = SchemaRegistry()
    let remotesRoot = suiteRoot + "/remotes"
    let all = (FileManager.default.enumerator(atPath: remotesRoot)?.allObjects as? [String]) ?? []
    for relative in all.filter({ $0.hasSuffix(".json") }).sorted() {
      try registry.addFile(
        atPath: remotesRoot + "/" + relative, uri: "http://localhost:1234/" + relative)
    }
    return registry
  }

  /// Runs one file.
  public func run(file: String, registry: SchemaRegistry) throws -> FileResult {
    let path = suiteRoot + "/tests-draft2020-12/" + file
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConformanceError.unreadable(path)
    }
    let groups = try JSONParser.parse(data).value
    let options = Validator.Options(assertFormats: file.hasPrefix("optional/format/"))
    var result = FileResult(file: file)
    for group in groups.arrayValue ?? [] {
      let groupName = group["description"]?.stringValue ?? "?"
      let schema = group["schema"] ?? .bool(true)
      let validator: Result<Validator, SchemaError>
      do {
        validator = .success(try registry.validator(for: schema, options: options))
      } catch {
        validator = .failure(error)
      }
      for test in group["tests"]?.arrayValue ?? [] {
        let testName = test["description"]?.stringValue ?? "?"
        let expected = test["valid"]?.boolValue ?? true
        let outcome: String?
        switch validator {
        case .success(let validator):
          let data = test["data"] ?? .null
          let fast = validator.isValid(data)
          let full = validator.validate(data, mode: .allErrors)
          let first = validator.validate(data, mode: .firstError)
          if fast != full.isValid || fast != first.isValid || full.isValid != full.errors.isEmpty {
            outcome =
              "modes disagree: flag \(fast), all-errors \(full.isValid), first-error \(first.isValid)"
          } else if fast != expected {
            outcome =
              "expected \(expected ? "valid" : "invalid"), got \(fast ? "valid" : "invalid")"
          } else {
            outcome = nil
          }
        case .failure(let error):
          outcome = "schema did not compile: \(error)"
        }
        let gap = isKnownGap(file: file, group: groupName, test: testName)
        switch (outcome, gap) {
        case (nil, false): result.passed += 1
        case (nil, true):
          result.passed += 1
          result.fixedGaps += 1
        case (.some, true): result.knownGaps += 1
        case (.some(let reason), false):
          result.failed += 1
          result.failures.append("\(groupName) / \(testName): \(reason)")
        }
      }
    }
    return result
  }

  private func isKnownGap(file: String, group: String, test: String) -> Bool {
    knownGaps.contains { gap in
      gap.file == file && (gap.group == "*" || gap.group == group)
        && (gap.test == "*" || gap.test == test)
    }
  }

  /// Runs every file.
  public func runAll() throws -> [FileResult] {
    let registry = try remotesRegistry()
    return try testFiles().map { try run(file: $0, registry: registry) }
  }
}

/// Why the suite could not be run.
public enum ConformanceError: Error, CustomStringConvertible {
  /// A suite file could not be read.
  case unreadable(String)

  public var description: String {
    switch self {
    case .unreadable(let path): return "cannot read \(path)"
    }
  }
}

/// Totals for a set of files.
public struct ConformanceTotals: Sendable {
  public var passed = 0
  public var failed = 0
  public var knownGaps = 0
  public var fixedGaps = 0

  /// Sums `results`.
  public init(_ results: [ConformanceRunner.FileResult]) {
    for result in results {
      passed += result.passed
      failed += result.failed
      knownGaps += result.knownGaps
      fixedGaps += result.fixedGaps
    }
  }

  /// `N passed, N failed, N known gaps`.
  public var summary: String {
    "\(passed) passed, \(failed) failed, \(knownGaps) known gaps"
      + (fixedGaps > 0
        ? ", \(fixedGaps) listed gaps now pass (remove them from known-gaps.json)" : "")
  }
}
