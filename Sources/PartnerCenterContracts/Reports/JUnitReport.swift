/// JUnit XML: one test case per subject the report lists (endpoint and customer, or input
/// file), and nothing else, so the counts are the subjects'. A test case fails when some
/// finding about it reaches the fail level; the failure lists those findings, and the findings
/// below the level go to the case's `system-out`. A call that failed or a run that could not
/// happen (``errorKinds``) is an `<error>`, not a `<failure>`. Findings about no listed subject
/// (`pc-contract.json`, the run itself) go to the suite's `system-err`; a run with no subject at
/// all that fails is one test case named after the command, in error.
///
/// The output follows the JUnit schema Jenkins' xunit plugin validates with (no attributes it
/// does not declare), and stays well-formed for any value.
///
/// ```xml
/// <testsuites name="pc-contract diff" tests="2" failures="1" errors="0">
///   <testsuite name="pc-contract diff" tests="2" failures="1" errors="0" skipped="0">
///     <testcase classname="pc-contract.diff" name="partner-licenses-usage">
///       <failure type="drift.property-removed" message="1 finding at or above breaking">...</failure>
/// ```
public struct JUnitReport: ReportRenderer {
  /// Kinds that mean something could not be checked, rendered as `<error>`.
  public static let errorKinds: Set<FindingKind> = [.runFailed, .captureFailed]

  /// A JUnit renderer.
  public init() {}

  public func render(_ report: Report) -> String {
    var cases: [(subject: Report.Subject, findings: [Finding])] = []
    var unlisted: [Finding] = []
    var index: [String: Int] = [:]
    for subject in report.subjects where index[subject.name] == nil {
      index[subject.name] = cases.count
      cases.append((subject, []))
    }
    for finding in report.findings {
      if let subject = finding.subject, let position = index[subject] {
        cases[position].findings.append(finding)
      } else {
        unlisted.append(finding)
      }
    }
    if cases.isEmpty, unlisted.contains(where: { report.failLevel.isReached(by: $0.severity) }) {
      cases.append((Report.Subject(name: "pc-contract \(report.command)"), unlisted))
      unlisted = []
    }
    var failures = 0
    var errors = 0
    var body = ""
    for (subject, findings) in cases {
      var attributes = "classname=\"\(Self.escape("pc-contract." + report.command))\""
      attributes += " name=\"\(Self.escape(subject.name))\""
      let failing = findings.filter { report.failLevel.isReached(by: $0.severity) }
      let passing = findings.filter { !report.failLevel.isReached(by: $0.severity) }
      guard !findings.isEmpty || subject.file != nil else {
        body += "    <testcase \(attributes)/>\n"
        continue
      }
      body += "    <testcase \(attributes)>\n"
      if let first = failing.first {
        let isError = failing.contains { Self.errorKinds.contains($0.kind) }
        let element = isError ? "error" : "failure"
        if isError { errors += 1 } else { failures += 1 }
        let kinds = Set(failing.map(\.kind))
        let type = kinds.count == 1 ? first.kind.id : "pc-contract.findings"
        let summary =
          "\(Plural.counted(failing.count, "finding")) at or above \(ReportText.failLevel(report.failLevel))"
        body +=
          "      <\(element) type=\"\(Self.escape(type))\" message=\"\(Self.escape(summary))\">"
        body += Self.escape(failing.map(Self.line).joined(separator: "\n"))
        body += "</\(element)>\n"
      }
      let output =
        (subject.file.map { ["file: " + ReportText.visible($0)] } ?? []) + passing.map(Self.line)
      if !output.isEmpty {
        body += "      <system-out>"
        body += Self.escape(output.joined(separator: "\n"))
        body += "</system-out>\n"
      }
      body += "    </testcase>\n"
    }
    if !unlisted.isEmpty {
      body += "    <system-err>"
      body += Self.escape(unlisted.map(Self.line).joined(separator: "\n"))
      body += "</system-err>\n"
    }
    let name = Self.escape("pc-contract \(report.command)")
    let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"\(name)\" \(counts)>\n"
    xml += "  <testsuite name=\"\(name)\" \(counts) skipped=\"0\">\n"
    xml += body
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  private static func line(_ finding: Finding) -> String {
    let place = ReportText.place(finding.source).map { "\($0): " } ?? ""
    let subject = finding.subject.map { "\($0): " } ?? ""
    return ReportText.visible(
      "\(place)\(finding.severity): [\(finding.kind)] \(subject)\(ReportText.message(finding))")
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
