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
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
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

/// A golden form of an output too large to keep whole: its first `head` lines, its last
/// `tail` (each cut at `width` characters), its line and byte counts, and a 64-bit FNV-1a
/// digest of all of it, so that any change anywhere fails the comparison and the opening shows
/// what the output looks like.
public func goldenDigest(_ text: String, head: Int = 40, tail: Int = 10, width: Int = 300)
  -> String
{
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
    $0.count > width ? String($0.prefix(width)) + " …" : String($0)
  }
  var digest: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
  }
  var shown = Array(lines.prefix(head))
  if lines.count > head + tail {
    shown.append("… \(lines.count - head - tail) lines not kept …")
    shown += lines.suffix(tail)
  } else {
    shown += lines.dropFirst(head)
  }
  let hex = String(digest, radix: 16)
  return """
    \(lines.count) lines, \(text.utf8.count) bytes, FNV-1a 64 \(String(repeating: "0", count: 16 - hex.count) + hex)
    \(shown.joined(separator: "\n"))
    """
}
