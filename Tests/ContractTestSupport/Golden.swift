import Foundation
import Testing

/// When golden files are (re)written, from `RECORD_SNAPSHOTS`: `all` rewrites every golden
/// file, `missing` writes only absent ones, `failed` rewrites those that differ, `never` only
/// compares. Default: `missing` on a developer machine, `never` when `CI` is set.
public enum GoldenRecordMode: String, Sendable {
  case all, missing, failed, never

  static var current: GoldenRecordMode {
    let environment = ProcessInfo.processInfo.environment
    if let text = environment["RECORD_SNAPSHOTS"], let mode = GoldenRecordMode(rawValue: text) {
      return mode
    }
    return environment["CI"] == nil ? .missing : .never
  }
}

/// Compares `actual` with the golden file `name` in the `Golden` folder next to the calling
/// test file, recording it as `RECORD_SNAPSHOTS` says. A difference is a test failure that
/// shows the first differing line.
public func assertMatchesGolden(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")
  let url = folder.appendingPathComponent(name)
  let mode = GoldenRecordMode.current
  let expected = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
  func record() {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? Data(actual.utf8).write(to: url)
  }
  guard let expected else {
    if mode == .never {
      Issue.record(
        "golden file \(name) is missing (run with RECORD_SNAPSHOTS=missing)",
        sourceLocation: sourceLocation)
    } else {
      record()
    }
    return
  }
  if mode == .all { record() }
  guard expected != actual else { return }
  if mode == .failed || mode == .all {
    record()
    if mode == .all { return }
  }
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let index =
    zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    ?? min(expectedLines.count, actualLines.count)
  let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
  let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
  Issue.record(
    "output differs from golden file \(name) at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)",
    sourceLocation: sourceLocation)
}
