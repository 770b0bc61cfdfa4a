/// Pieces of text the CI report formats share.
package enum ReportText {
  /// `file:line:column`, or as much of it as is known, or nil without a file.
  static func place(_ source: SourceReference?) -> String? {
    guard let source else { return nil }
    var place = source.file
    if let line = source.line {
      place += ":\(line)"
      if let column = source.column { place += ":\(column)" }
    }
    return place
  }

  /// The pointer as reports show it: bare for the body, prefixed by its part otherwise.
  static func pointer(_ finding: Finding) -> String {
    switch finding.part {
    case .responseBody, .input: finding.pointerText
    default: finding.part.rawValue + finding.pointerText
    }
  }

  /// `pointer: message`, or the message alone when there is no pointer.
  static func message(_ finding: Finding) -> String {
    let pointer = pointer(finding)
    return pointer.isEmpty ? finding.message : "\(pointer): \(finding.message)"
  }

  /// `fails: 1 error` style counts: `1 error, 2 warnings, 3 infos`.
  static func counts(_ report: Report) -> String {
    [(Severity.error, "error"), (.warning, "warning"), (.info, "info")].map { severity, noun in
      let count = report.count(of: severity)
      return Plural.counted(count, noun)
    }.joined(separator: ", ")
  }

  /// The fail level as the command line spells it.
  static func failLevel(_ level: FailLevel) -> String {
    switch level {
    case .atLeast(.error): "breaking"
    case .atLeast(let severity): severity.rawValue
    case .none: "none"
    }
  }

  /// The findings grouped by the subject they are about, in the report's subject order, then
  /// the subjects findings name that the report does not list, by name.
  static func findingsBySubject(_ report: Report) -> [(
    subject: Report.Subject, findings: [Finding]
  )] {
    var grouped: [String: [Finding]] = [:]
    for finding in report.findings { grouped[finding.subject ?? "", default: []].append(finding) }
    var result: [(Report.Subject, [Finding])] = []
    var listed: Set<String> = []
    for subject in report.subjects where listed.insert(subject.name).inserted {
      result.append((subject, grouped[subject.name] ?? []))
    }
    for name in grouped.keys.sorted() where !listed.contains(name) {
      let findings = grouped[name] ?? []
      let subject = Report.Subject(
        name: name.isEmpty ? report.command : name, file: findings.first?.source?.file)
      result.append((subject, findings))
    }
    return result
  }
}

extension ReportText {
  /// `text` with every character that could act on a terminal, a log or a reader's eyes made
  /// visible: C0 controls, DEL, C1 controls, bidirectional overrides and isolates, and the line
  /// and paragraph separators become JSON-style escapes (`\n`, `\u001b`, `\u202e`), so a value
  /// from the API stays on its line and can never start a workflow command or an escape
  /// sequence.
  package static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      }
    }
    return result
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// `path` as code scanning and GitHub annotations want it: relative to `root` (the
  /// repository) when inside it, without `./` segments, and with `..` resolved where it stays
  /// inside the repository.
  static func relativePath(_ path: String, root: String?) -> String {
    var path = path
    if let root, path.hasPrefix("/") {
      let prefix = root.hasSuffix("/") ? root : root + "/"
      if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
    }
    let absolute = path.hasPrefix("/")
    var segments: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..":
        if let last = segments.last, last != ".." {
          segments.removeLast()
        } else {
          segments.append(segment)
        }
      default: segments.append(segment)
      }
    }
    return (absolute ? "/" : "") + segments.joined(separator: "/")
  }
}
