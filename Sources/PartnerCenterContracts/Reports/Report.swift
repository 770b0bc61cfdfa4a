/// Everything a report renders: the findings of one run and what was checked. Every report
/// format renders the same ``Report``, so they always agree.
public struct Report: Sendable {
  /// One thing that was checked: an input file, an endpoint, a customer.
  public struct Subject: Sendable, Hashable {
    /// What it is, as findings name it (`customer-licenses-usage/<id>`, or a file path).
    public var name: String
    /// The file it was read from or written to, when there is one.
    public var file: String?

    /// Creates a subject.
    public init(name: String, file: String? = nil) {
      self.name = name
      self.file = file
    }
  }

  /// The command that produced the report: `validate`, `diff`, `check`, `replay`.
  public var command: String
  /// What was checked, in order (JUnit makes one test case of each).
  public var subjects: [Subject]
  /// The findings, in ``Finding/reportOrder``.
  public var findings: [Finding]
  /// The level at or above which findings fail the run.
  public var failLevel: FailLevel

  /// Creates a report; findings are put in report order.
  public init(command: String, subjects: [Subject], findings: [Finding], failLevel: FailLevel) {
    self.command = command
    self.subjects = subjects
    self.findings = findings.sorted(by: Finding.reportOrder)
    self.failLevel = failLevel
  }

  /// The report of a run that could not happen (the API unreachable, authentication failed,
  /// an input unreadable): no subject, one `run.failed` error naming `reason`, so every report
  /// file a CI step expects still exists and says why.
  public static func couldNotRun(command: String, reason: String) -> Report {
    Report(
      command: command, subjects: [],
      findings: [
        Finding(severity: .error, kind: .runFailed, message: reason, part: .input)
      ], failLevel: .atLeast(.error))
  }

  /// Whether the run fails: some finding reaches ``failLevel``.
  public var fails: Bool { failLevel.isReached(by: findings) }

  /// How many findings there are of `severity`.
  public func count(of severity: Severity) -> Int {
    findings.count { $0.severity == severity }
  }
}

/// The report formats. `text` and `json` come with `validate`; the CI formats with `check`.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// One line per finding, `file:line:column: severity: /pointer: message`, and a summary.
  case text
  /// Stable JSON, described by `schemas/report.schema.json`.
  case json
  /// JUnit XML: a test case per subject.
  case junit
  /// GitHub Actions workflow commands.
  case github
  /// SARIF 2.1.0.
  case sarif
  /// Markdown for `$GITHUB_STEP_SUMMARY` and pull-request comments.
  case markdown
  /// GitLab Code Quality JSON.
  case gitlab
}

/// Renders a ``Report`` in one format.
public protocol ReportRenderer: Sendable {
  /// The report as the format's text, ending with a newline.
  func render(_ report: Report) -> String
}
