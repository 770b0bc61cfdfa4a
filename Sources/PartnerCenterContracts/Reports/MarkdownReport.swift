/// Markdown for `$GITHUB_STEP_SUMMARY` and pull-request comments: a verdict, a summary table,
/// then the findings as a table, errors first, at most ``limit`` rows.
public struct MarkdownReport: ReportRenderer {
  /// The most findings listed; the rest are counted.
  public var limit: Int

  /// A Markdown renderer.
  public init(limit: Int = 200) { self.limit = limit }

  public func render(_ report: Report) -> String {
    let verdict = report.fails ? "❌ fails" : "✅ passes"
    var text = "## pc-contract \(report.command): \(verdict)\n\n"
    text += "Fail on: `\(ReportText.failLevel(report.failLevel))`. "
    text += "\(Plural.counted(report.subjects.count, "subject")) checked.\n\n"
    text += "| severity | findings |\n|---|---:|\n"
    text += "| error | \(report.count(of: .error)) |\n"
    text += "| warning | \(report.count(of: .warning)) |\n"
    text += "| info | \(report.count(of: .info)) |\n"
    guard !report.findings.isEmpty else { return text + "\nNo findings.\n" }
    let ordered = report.findings.enumerated().sorted { lhs, rhs in
      lhs.element.severity != rhs.element.severity
        ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
    }.map(\.element)
    text += "\n| | kind | subject | where | finding |\n|---|---|---|---|---|\n"
    for finding in ordered.prefix(limit) {
      let icon =
        switch finding.severity {
        case .error: "❌"
        case .warning: "⚠️"
        case .info: "ℹ️"
        }
      let pointer = ReportText.pointer(finding)
      var place = ReportText.place(finding.source).map { Self.code($0) } ?? ""
      if !pointer.isEmpty { place += (place.isEmpty ? "" : " ") + Self.code(pointer) }
      text += "| \(icon) \(finding.severity) | \(Self.code(finding.kind.id)) | "
      text += "\(Self.cell(finding.subject ?? "")) | \(place) | \(Self.cell(finding.message)) |\n"
    }
    if ordered.count > limit {
      text += "\n… and \(ordered.count - limit) more findings (see the JSON or SARIF report).\n"
    }
    return text
  }

  /// Table cell text that renders as itself: every character Markdown or GitHub's extensions
  /// could read as inline syntax in a cell (links and images start with `[`, emphasis and
  /// strikethrough, code, HTML and entities, table pipes) is backslash-escaped; block syntax
  /// (`#`, `-`, `>` at a line start) cannot occur inside a cell, and control characters are shown as escapes, so a value
  /// like `[x](https://example.com)` or `**x**` shows literally and stays in its cell. In a
  /// table, `\|` is a literal pipe (GitHub unescapes it before inline parsing), so a backslash
  /// followed by a pipe becomes `\\\|` and still reads as both.
  static func cell(_ text: String) -> String {
    var result = ""
    for scalar in ReportText.visible(text).unicodeScalars {
      if scalar.isASCII, markdownPunctuation.contains(UInt8(scalar.value)) {
        result += "\\"
      }
      result.unicodeScalars.append(scalar)
    }
    return result
  }

  private static let markdownPunctuation = Set("\\`*_[]<>|~&".utf8)

  /// An inline code span that holds any text: the fence is longer than any run of backticks
  /// inside; pipes are escaped for tables.
  static func code(_ text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let body = ReportText.visible(text).replacingOccurrences(of: "|", with: "\\|")
    let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
    return fence + padded + fence
  }
}
