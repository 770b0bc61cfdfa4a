/// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` per finding,
/// with the file, line and column so the annotation sits on the line of the recording, then
/// a plain summary line.
///
/// ```
/// ::error file=recordings/partner/licenses-usage.json,line=12,col=9,title=drift.property-removed::/items/*/channel: property /items/*/channel was removed
/// ```
/// GitHub shows at most 10 annotations of each level per step (and 50 per job), so at most
/// ``limitPerLevel`` are written per level: past it, the last one says how many more there are,
/// and those findings follow as plain log lines. Notices (info findings) are written only when
/// infos fail the run (`--fail-on info`); otherwise they are counted in the summary only.
///
/// Values are escaped as the runner expects: `%`, CR and LF in messages; also `:` and `,` in
/// properties; control characters and bidirectional overrides are shown as escapes, so no
/// value can end a command early or start one.
public struct GitHubReport: ReportRenderer {
  /// The most annotations written per level, the one that counts the rest included.
  public var limitPerLevel: Int
  /// The repository root as an absolute path, when known: GitHub places an annotation only by
  /// a repository-relative path, so absolute paths inside it are made relative.
  public var root: String?

  /// A GitHub Actions renderer.
  public init(limitPerLevel: Int = 10, root: String? = nil) {
    self.limitPerLevel = max(1, limitPerLevel)
    self.root = root
  }

  public func render(_ report: Report) -> String {
    var text = ""
    var overflow: [Finding] = []
    for severity in [Severity.error, .warning, .info] {
      if severity == .info && !report.failLevel.isReached(by: .info) { continue }
      let findings = report.findings.filter { $0.severity == severity }
      let shown =
        findings.count <= limitPerLevel ? findings[...] : findings.prefix(limitPerLevel - 1)
      for finding in shown { text += annotation(finding) }
      let rest = findings.dropFirst(shown.count)
      guard !rest.isEmpty else { continue }
      overflow.append(contentsOf: rest)
      let noun = severity == .info ? "info" : severity.rawValue
      text +=
        "::\(Self.command(severity)) title=pc-contract::\(rest.count) more \(noun)"
        + "\(rest.count == 1 || severity == .info ? "" : "s") not annotated (GitHub shows"
        + " \(limitPerLevel) per step); they are listed in the log below and in the SARIF and"
        + " JSON reports\n"
    }
    for finding in overflow {
      let place = ReportText.place(finding.source).map { "\($0): " } ?? ""
      let subject = finding.subject.map { "\($0): " } ?? ""
      text +=
        "more: "
        + ReportText.visible(
          "\(place)\(finding.severity): [\(finding.kind)] \(subject)\(ReportText.message(finding))")
        + "\n"
    }
    let verdict = report.fails ? "fails" : "passes"
    text +=
      "pc-contract \(report.command) \(verdict) (fail on \(ReportText.failLevel(report.failLevel))): "
      + "\(ReportText.counts(report)) in \(Plural.counted(report.subjects.count, "subject"))\n"
    return text
  }

  private static func command(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "notice"
    }
  }

  private func annotation(_ finding: Finding) -> String {
    var properties: [String] = []
    if let source = finding.source {
      properties.append(
        "file=" + Self.escapeProperty(ReportText.relativePath(source.file, root: root)))
      if let line = source.line {
        properties.append("line=\(line)")
        if let column = source.column { properties.append("col=\(column)") }
      }
    }
    properties.append("title=" + Self.escapeProperty(finding.kind.id))
    let subject = finding.subject.map { "\($0): " } ?? ""
    return "::\(Self.command(finding.severity)) \(properties.joined(separator: ","))::"
      + Self.escapeData(subject + ReportText.message(finding)) + "\n"
  }

  /// Escapes a command's message: control characters become visible escapes (so CR and LF,
  /// which the runner would read as the end of the command, never remain), and `%` is `%25`.
  static func escapeData(_ text: String) -> String {
    ReportText.visible(text).replacingOccurrences(of: "%", with: "%25")
  }

  /// Escapes a command's property value.
  static func escapeProperty(_ text: String) -> String {
    var result = ""
    for character in escapeData(text).unicodeScalars {
      switch character {
      case ":": result += "%3A"
      case ",": result += "%2C"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}
