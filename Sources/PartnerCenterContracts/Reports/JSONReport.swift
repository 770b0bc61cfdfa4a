import JSONCore

/// The report for machines: stable JSON with sorted keys, two-space indentation and a
/// trailing newline, described by `schemas/report.schema.json`.
///
/// ```json
/// {
///   "command": "validate",
///   "failLevel": "error",
///   "fails": true,
///   "findings": [
///     {
///       "expectation": "https://.../customer-licenses-usage-insights.schema.json#/...",
///       "fingerprint": "3f1c0a9e8b7d6c5a",
///       "kind": "schema.maximum",
///       "message": "100.5 is greater than the maximum 100",
///       "newValue": 100.5,
///       "oldValue": 100,
///       "part": "response.body",
///       "pointer": "/items/0/usagePercent",
///       "severity": "error",
///       "source": { "column": 29, "file": "response.json", "line": 7 },
///       "subject": "customer-licenses-usage/4d3c..."
///     }
///   ],
///   "subjects": [ { "file": "response.json", "name": "response.json" } ],
///   "summary": { "errors": 1, "findings": 1, "infos": 0, "subjects": 1, "warnings": 0 }
/// }
/// ```
/// - `failLevel` is `error`, `warning`, `info` or `none`; `fails` says whether some finding
///   reaches it (the exit code is then 1).
/// - `findings` are in report order (file, line, column, subject, pointer, kind). Every
///   finding has `fingerprint`, `kind`, `message`, `part` (a ``MessagePart`` raw value),
///   `pointer` (RFC 6901, into `part`, `""` for all of it) and `severity` (`error`,
///   `warning`, `info`); `expectation`, `subject`, `source`, `oldValue` and `newValue`
///   appear only when known (no `null`s). In `source`, `line` and `column` (1-based, columns
///   in Unicode scalars) appear only when known.
/// - `subjects` are what was checked, in order; `file` only when there is one.
public struct JSONReport: ReportRenderer {
  /// A JSON renderer.
  public init() {}

  public func render(_ report: Report) -> String {
    JSONWriter.pretty(Self.value(of: report)) + "\n"
  }

  /// The report as a JSON value.
  public static func value(of report: Report) -> JSONValue {
    var root = JSONObject()
    root["command"] = .string(report.command)
    root["failLevel"] = .string(name(of: report.failLevel))
    root["fails"] = .bool(report.fails)
    root["findings"] = .array(report.findings.map(value(of:)))
    root["subjects"] = .array(
      report.subjects.map { subject in
        var object = JSONObject()
        object["name"] = .string(subject.name)
        if let file = subject.file { object["file"] = .string(file) }
        return .object(object)
      })
    var summary = JSONObject()
    summary["subjects"] = number(report.subjects.count)
    summary["findings"] = number(report.findings.count)
    summary["errors"] = number(report.count(of: .error))
    summary["warnings"] = number(report.count(of: .warning))
    summary["infos"] = number(report.count(of: .info))
    root["summary"] = .object(summary)
    return .object(root)
  }

  /// One finding as a JSON value.
  public static func value(of finding: Finding) -> JSONValue {
    var object = JSONObject()
    object["severity"] = .string(finding.severity.rawValue)
    object["kind"] = .string(finding.kind.id)
    object["message"] = .string(finding.message)
    object["part"] = .string(finding.part.rawValue)
    object["pointer"] = .string(finding.pointerText)
    object["fingerprint"] = .string(finding.fingerprint)
    if let expectation = finding.expectation { object["expectation"] = .string(expectation) }
    if let subject = finding.subject { object["subject"] = .string(subject) }
    if let source = finding.source {
      var place = JSONObject()
      place["file"] = .string(source.file)
      if let line = source.line { place["line"] = number(line) }
      if let column = source.column { place["column"] = number(column) }
      object["source"] = .object(place)
    }
    if let old = finding.oldValue { object["oldValue"] = old }
    if let new = finding.newValue { object["newValue"] = new }
    return .object(object)
  }

  /// `error`, `warning`, `info` or `none`.
  static func name(of level: FailLevel) -> String {
    switch level {
    case .atLeast(let severity): severity.rawValue
    case .none: "none"
    }
  }

  private static func number(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
}
