/// How many results a SARIF run holds, after GitHub code scanning's limits: at most 25,000
/// results per run, of which only 5,000 are shown, so at most 5,000 that are not notes.
public struct SARIFLimits: Sendable, Hashable {
  /// The most results in a run.
  public var results: Int
  /// The most results that are errors or warnings.
  public var nonNotes: Int
  /// Past this many data-drift findings (values changed, items added or removed), a subject's
  /// data drift is folded into one note that counts them.
  public var dataDriftPerSubject: Int

  /// The limits; the defaults are GitHub's.
  public init(results: Int = 25_000, nonNotes: Int = 5_000, dataDriftPerSubject: Int = 100) {
    self.results = max(1, results)
    self.nonNotes = max(0, nonNotes)
    self.dataDriftPerSubject = max(0, dataDriftPerSubject)
  }
}

/// The findings a SARIF run holds, within ``SARIFLimits``: data drift folded per subject, then
/// errors first, warnings, notes, each in report order, up to the limits.
struct SARIFSelection {
  var findings: [Finding] = []
  /// Data-drift findings folded into per-subject notes.
  var folded = 0
  /// Findings left out because a limit was reached.
  var dropped = 0

  static let dataDrift: Set<FindingKind> = [.driftValueChanged, .driftItemAdded, .driftItemRemoved]

  init(_ all: [Finding], limits: SARIFLimits) {
    var dataDriftBySubject: [String: [Finding]] = [:]
    for finding in all where Self.dataDrift.contains(finding.kind) {
      dataDriftBySubject[finding.subject ?? "", default: []].append(finding)
    }
    var foldedSubjects: Set<String> = []
    var candidates: [Finding] = []
    for finding in all {
      let subject = finding.subject ?? ""
      guard Self.dataDrift.contains(finding.kind),
        let group = dataDriftBySubject[subject], group.count > limits.dataDriftPerSubject
      else {
        candidates.append(finding)
        continue
      }
      folded += 1
      guard foldedSubjects.insert(subject).inserted else { continue }
      candidates.append(Self.fold(group, subject: finding.subject))
    }
    var nonNotes = 0
    for severity in [Severity.error, .warning, .info] {
      for finding in candidates where finding.severity == severity {
        let fits =
          findings.count < limits.results && (severity == .info || nonNotes < limits.nonNotes)
        guard fits else {
          dropped += 1
          continue
        }
        if severity != .info { nonNotes += 1 }
        findings.append(finding)
      }
    }
    findings.sort(by: Finding.reportOrder)
  }

  /// One note for a subject's data drift: how many values changed and items came and went,
  /// placed where the first of them is.
  private static func fold(_ group: [Finding], subject: String?) -> Finding {
    let counts = [
      (FindingKind.driftValueChanged, "value changed", "values changed"),
      (FindingKind.driftItemAdded, "item added", "items added"),
      (FindingKind.driftItemRemoved, "item removed", "items removed"),
    ].compactMap { kind, one, many -> String? in
      let count = group.count { $0.kind == kind }
      return count == 0 ? nil : "\(count) \(count == 1 ? one : many)"
    }
    let severity = group.map(\.severity).max() ?? .info
    var finding = Finding(
      severity: severity, kind: .driftDataTruncated,
      message:
        "data drift folded: \(counts.joined(separator: ", ")) (listed in the JSON report)",
      part: .responseBody, pointer: "", subject: subject, source: group.first?.source)
    finding.source = group.first?.source.map { SourceReference(file: $0.file, line: 1) }
    return finding
  }
}

/// Converts byte columns to code-point columns, reading each file once.
///
/// A column is counted from the nearest 4 KiB block of its line, not from the line's start:
/// a body written on one line (megabytes) with tens of thousands of findings would otherwise
/// take time quadratic in its length.
struct SARIFColumns {
  var readFile: (@Sendable (String) -> [UInt8]?)?
  private var lines: [String: [ArraySlice<UInt8>]?] = [:]
  /// Per file and 0-based line, the code points before each block of a line longer than one.
  private var blockStarts: [String: [Int: [Int]]] = [:]
  static let blockSize = 4096

  init(readFile: (@Sendable (String) -> [UInt8]?)?) { self.readFile = readFile }

  /// The 1-based code-point column of the 1-based `byteColumn` on `line` of `file`; the byte
  /// column itself when the file or line cannot be read.
  mutating func codePointColumn(file: String, line: Int, byteColumn: Int) -> Int {
    guard let readFile else { return byteColumn }
    if lines[file] == nil {
      lines[file] = .some(
        readFile(file).map { $0.split(separator: 0x0A, omittingEmptySubsequences: false) })
    }
    guard let fileLines = lines[file] ?? nil, line >= 1, line <= fileLines.count, byteColumn >= 1
    else { return byteColumn }
    let text = fileLines[line - 1]
    let end = min(byteColumn - 1, text.count)
    let block = end / Self.blockSize
    var start = text.startIndex
    var count = 0
    if block > 0 {
      let starts = blockStarts[file]?[line - 1] ?? Self.blockStarts(of: text)
      blockStarts[file, default: [:]][line - 1] = starts
      start += block * Self.blockSize
      count = starts[block]
    }
    return count + Self.codePoints(in: text[start..<(text.startIndex + end)]) + 1
  }

  /// Code points are the bytes that do not continue a UTF-8 sequence.
  private static func codePoints(in bytes: ArraySlice<UInt8>) -> Int {
    bytes.count { $0 & 0xC0 != 0x80 }
  }

  /// The code points before each block of `text`: element `k` counts bytes `0..<k*blockSize`.
  private static func blockStarts(of text: ArraySlice<UInt8>) -> [Int] {
    var starts = [0]
    var offset = text.startIndex
    while offset + blockSize <= text.endIndex {
      starts.append(starts[starts.count - 1] + codePoints(in: text[offset..<(offset + blockSize)]))
      offset += blockSize
    }
    return starts
  }
}
