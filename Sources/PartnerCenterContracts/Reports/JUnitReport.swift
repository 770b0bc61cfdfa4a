/// JUnit XML: one test case per subject (endpoint and customer, or input file). A test case
/// fails when some finding about it reaches the fail level; the failure lists those findings,
/// and the findings below the level go to the case's `system-out`.
///
/// ```xml
/// <testsuites name="pc-contract diff" tests="2" failures="1" errors="0">
///   <testsuite name="pc-contract diff" tests="2" failures="1" errors="0" skipped="0">
///     <testcase classname="pc-contract.diff" name="partner-licenses-usage" file="new/partner/licenses-usage.json">
///       <failure type="drift.property-removed" message="1 finding at or above breaking">...</failure>
/// ```
public struct JUnitReport: ReportRenderer {
  /// A JUnit renderer.
  public init() {}

  public func render(_ report: Report) -> String {
    let groups = ReportText.findingsBySubject(report)
    let failures = groups.count { group in
      group.findings.contains { report.failLevel.isReached(by: $0.severity) }
    }
    let name = Self.escape("pc-contract \(report.command)")
    let counts = "tests=\"\(groups.count)\" failures=\"\(failures)\" errors=\"0\""
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"\(name)\" \(counts)>\n"
    xml += "  <testsuite name=\"\(name)\" \(counts) skipped=\"0\">\n"
    for (subject, findings) in groups {
      var attributes = "classname=\"\(Self.escape("pc-contract." + report.command))\""
      attributes += " name=\"\(Self.escape(subject.name))\""
      if let file = subject.file { attributes += " file=\"\(Self.escape(file))\"" }
      let failing = findings.filter { report.failLevel.isReached(by: $0.severity) }
      let passing = findings.filter { !report.failLevel.isReached(by: $0.severity) }
      guard !findings.isEmpty else {
        xml += "    <testcase \(attributes)/>\n"
        continue
      }
      xml += "    <testcase \(attributes)>\n"
      if let first = failing.first {
        let kinds = Set(failing.map(\.kind))
        let type = kinds.count == 1 ? first.kind : "pc-contract.findings"
        let summary =
          "\(failing.count) finding\(failing.count == 1 ? "" : "s") at or above \(ReportText.failLevel(report.failLevel))"
        xml += "      <failure type=\"\(Self.escape(type))\" message=\"\(Self.escape(summary))\">"
        xml += Self.escape(failing.map(Self.line).joined(separator: "\n"))
        xml += "</failure>\n"
      }
      if !passing.isEmpty {
        xml += "      <system-out>"
        xml += Self.escape(passing.map(Self.line).joined(separator: "\n"))
        xml += "</system-out>\n"
      }
      xml += "    </testcase>\n"
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  private static func line(_ finding: Finding) -> String {
    let place = ReportText.place(finding.source).map { "\($0): " } ?? ""
    return "\(place)\(finding.severity): [\(finding.kind)] \(ReportText.message(finding))"
      + " (fingerprint \(finding.fingerprint))"
  }

  /// Escapes text for XML 1.0 content and attributes; characters XML 1.0 cannot hold at all
  /// (most control characters) become U+FFFD.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\n": result += "&#10;"
      case "\t", "\r": result += "&#\(scalar.value);"
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
