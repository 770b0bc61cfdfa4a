/// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` per finding,
/// with the file, line and column so the annotation sits on the line of the recording, then
/// a plain summary line.
///
/// ```
/// ::error file=recordings/partner/licenses-usage.json,line=12,col=9,title=drift.property-removed::/items/*/channel: property /items/*/channel was removed
/// ```
/// Values are escaped as the runner expects: `%`, CR and LF in messages; also `:` and `,` in
/// properties.
public struct GitHubReport: ReportRenderer {
  /// A GitHub Actions renderer.
  public init() {}

  public func render(_ report: Report) -> String {
    var text = ""
    for finding in report.findings {
      let command =
        switch finding.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
      var properties: [String] = []
      if let source = finding.source {
        properties.append("file=" + Self.escapeProperty(source.file))
        if let line = source.line {
          properties.append("line=\(line)")
          if let column = source.column { properties.append("col=\(column)") }
        }
      }
      properties.append("title=" + Self.escapeProperty(finding.kind))
      let subject = finding.subject.map { "\($0): " } ?? ""
      text += "::\(command) \(properties.joined(separator: ","))::"
      text += Self.escapeData(subject + ReportText.message(finding)) + "\n"
    }
    let verdict = report.fails ? "fails" : "passes"
    text +=
      "pc-contract \(report.command) \(verdict) (fail on \(ReportText.failLevel(report.failLevel))): "
      + "\(ReportText.counts(report)) in \(report.subjects.count) subject\(report.subjects.count == 1 ? "" : "s")\n"
    return text
  }

  /// Escapes a command's message.
  static func escapeData(_ text: String) -> String {
    var result = ""
    for character in text.unicodeScalars {
      switch character {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
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
