/// The report for people: one line per finding, then a summary line.
///
/// ```
/// response.json:7:29: error: /items/0/usagePercent: 100.5 is greater than the maximum 100
/// 2 inputs checked: 1 error, 0 warnings
/// ```
/// A finding line is `file:line:column: severity: pointer: message`; parts that are unknown
/// are left out (no line for a finding about a whole file, no pointer for one about a whole
/// body). A pointer into anything but the response body is prefixed by the part it points
/// into, `response.headers/MS-RequestId`. Control characters and bidirectional overrides in
/// any part are shown as escapes (``ReportText/visible(_:)``), so every finding is one line.
/// Infos are counted in the summary only when there
/// are some.
public struct TextReport: ReportRenderer {
  /// Whether severities are colored with ANSI escapes (the command turns this on only when
  /// standard output is a terminal and `NO_COLOR` is unset).
  public var color: Bool
  /// What the report's subjects are called in the summary line (`input`, `endpoint`).
  public var subjectNoun: String

  /// A text renderer.
  public init(color: Bool = false, subjectNoun: String = "input") {
    self.color = color
    self.subjectNoun = subjectNoun
  }

  public func render(_ report: Report) -> String {
    var text = ""
    for finding in report.findings {
      text += line(for: finding) + "\n"
    }
    text += summary(of: report) + "\n"
    return text
  }

  /// The line of one finding, without its newline.
  public func line(for finding: Finding) -> String {
    var parts: [String] = []
    if let source = finding.source {
      var place = source.file
      if let line = source.line {
        place += ":\(line)"
        if let column = source.column { place += ":\(column)" }
      }
      parts.append(ReportText.visible(place))
    }
    parts.append(colored(finding.severity))
    let pointer = ReportText.pointer(finding)
    if !pointer.isEmpty { parts.append(ReportText.visible(pointer)) }
    parts.append(ReportText.visible(finding.message))
    return parts.joined(separator: ": ")
  }

  /// `2 inputs checked: 1 error, 0 warnings`.
  public func summary(of report: Report) -> String {
    let checked = Self.counted(report.subjects.count, subjectNoun)
    var counts = [
      Self.counted(report.count(of: .error), "error"),
      Self.counted(report.count(of: .warning), "warning"),
    ]
    let infos = report.count(of: .info)
    if infos > 0 { counts.append(Self.counted(infos, "info")) }
    return "\(checked) checked: \(counts.joined(separator: ", "))"
  }

  private func colored(_ severity: Severity) -> String {
    guard color else { return severity.rawValue }
    let code =
      switch severity {
      case .error: "1;31"
      case .warning: "1;33"
      case .info: "1;36"
      }
    return "\u{1B}[\(code)m\(severity.rawValue)\u{1B}[0m"
  }

  private static func counted(_ count: Int, _ noun: String) -> String {
    Plural.counted(count, noun)
  }
}
