import JSONCore

/// GitLab's Code Quality report (the JSON array a `codequality` artifact holds): one issue per
/// finding with `description`, `check_name`, `fingerprint`, `severity` and `location.path` with
/// `location.lines.begin`, which GitLab shows in merge requests beside the lines.
///
/// Every issue has a location: a finding without a file is placed at its subject's file, else
/// at ``configurationFile``, line 1. Fingerprints are the findings' own and unique in the
/// report (a repeat gets `-2`, `-3`). Severities map error to `critical`, warning to `major`,
/// info to `info`.
public struct GitLabReport: ReportRenderer {
  /// The file a finding without any file is placed at.
  public var configurationFile: String

  /// A GitLab Code Quality renderer.
  public init(configurationFile: String = "pc-contract.json") {
    self.configurationFile = configurationFile
  }

  public func render(_ report: Report) -> String {
    JSONWriter.pretty(value(of: report)) + "\n"
  }

  /// The report as a JSON array.
  public func value(of report: Report) -> JSONValue {
    let subjectFiles = Dictionary(
      report.subjects.compactMap { subject in subject.file.map { (subject.name, $0) } },
      uniquingKeysWith: { first, _ in first })
    var seen: [String: Int] = [:]
    let issues: [JSONValue] = report.findings.map { finding in
      let count = (seen[finding.fingerprint] ?? 0) + 1
      seen[finding.fingerprint] = count
      let fingerprint = count == 1 ? finding.fingerprint : "\(finding.fingerprint)-\(count)"
      let path =
        finding.source?.file ?? finding.subject.flatMap { subjectFiles[$0] } ?? configurationFile
      let line = finding.source?.line.flatMap { $0 >= 1 ? $0 : nil } ?? 1
      let subject = finding.subject.map { "\($0): " } ?? ""
      return [
        "description": .string(ReportText.visible(subject + ReportText.message(finding))),
        "check_name": .string(finding.kind.id),
        "fingerprint": .string(fingerprint),
        "severity": .string(Self.severity(finding.severity)),
        "location": ["path": .string(path), "lines": ["begin": .number(JSONNumber(line))]],
      ]
    }
    return .array(issues)
  }

  private static func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: "critical"
    case .warning: "major"
    case .info: "info"
    }
  }
}
