import JSONCore

/// SARIF 2.1.0, for code scanning: one run of `pc-contract`, a rule per finding kind, a result
/// per finding located in its file by line and column, with the finding's fingerprint as a
/// partial fingerprint so the same drift is the same alert across runs.
///
/// Relative file paths are given against `%SRCROOT%` (the repository root in code scanning).
/// Severities map to levels: error to `error`, warning to `warning`, info to `note`.
public struct SARIFReport: ReportRenderer {
  /// A SARIF renderer.
  public init() {}

  public func render(_ report: Report) -> String {
    JSONWriter.pretty(Self.value(of: report)) + "\n"
  }

  /// The SARIF log as a JSON value.
  public static func value(of report: Report) -> JSONValue {
    let kinds = Array(Set(report.findings.map(\.kind))).sorted()
    var ruleIndex: [String: Int] = [:]
    for (index, kind) in kinds.enumerated() { ruleIndex[kind] = index }
    let rules: [JSONValue] = kinds.map { kind in
      [
        "id": .string(kind), "name": .string(kind),
        "shortDescription": ["text": .string(description(of: kind))],
        "helpUri": "https://github.com/partner-center-contracts/pc-contract#finding-kinds",
      ]
    }
    let results: [JSONValue] = report.findings.map { finding in
      var result = JSONObject()
      result["ruleId"] = .string(finding.kind)
      result["ruleIndex"] = .number(JSONNumber(ruleIndex[finding.kind] ?? 0))
      result["level"] = .string(level(finding.severity))
      result["message"] = ["text": .string(ReportText.message(finding))]
      result["partialFingerprints"] = ["pcContractFingerprint/v1": .string(finding.fingerprint)]
      var properties = JSONObject()
      properties["part"] = .string(finding.part.rawValue)
      properties["pointer"] = .string(finding.pointer)
      if let subject = finding.subject { properties["subject"] = .string(subject) }
      if let old = finding.oldValue { properties["oldValue"] = old }
      if let new = finding.newValue { properties["newValue"] = new }
      result["properties"] = .object(properties)
      result["locations"] = .array(location(of: finding).map { [$0] } ?? [])
      return .object(result)
    }
    let driver: JSONValue = [
      "name": "pc-contract", "version": .string(ToolVersion.current),
      "informationUri": "https://github.com/partner-center-contracts/pc-contract",
      "rules": .array(rules),
    ]
    let run: JSONValue = [
      "tool": ["driver": driver],
      "automationDetails": ["id": .string("pc-contract/\(report.command)/")],
      "results": .array(results),
      "properties": [
        "failLevel": .string(ReportText.failLevel(report.failLevel)), "fails": .bool(report.fails),
      ],
    ]
    return [
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
      "runs": [run],
    ]
  }

  private static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  private static func location(of finding: Finding) -> JSONValue? {
    guard let source = finding.source else { return nil }
    var artifact = JSONObject()
    artifact["uri"] = .string(uri(source.file))
    if !source.file.hasPrefix("/") { artifact["uriBaseId"] = "%SRCROOT%" }
    var physical = JSONObject()
    physical["artifactLocation"] = .object(artifact)
    if let line = source.line, line >= 1 {
      var region = JSONObject()
      region["startLine"] = .number(JSONNumber(line))
      if let column = source.column, column >= 1 {
        region["startColumn"] = .number(JSONNumber(column))
      }
      physical["region"] = .object(region)
    }
    var location = JSONObject()
    location["physicalLocation"] = .object(physical)
    if let subject = finding.subject {
      location["logicalLocations"] = [
        [
          "fullyQualifiedName": .string(
            "\(subject)#\(finding.part.pointerPrefix)\(finding.pointer)")
        ]
      ]
    }
    return .object(location)
  }

  /// A file path as a URI reference: characters a URI cannot hold are percent-encoded;
  /// absolute paths become `file://` URIs.
  static func uri(_ path: String) -> String {
    var encoded = ""
    for byte in path.utf8 {
      let allowed =
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        || "-._~/!$&'()*+,;=:@".utf8.contains(byte)
      if allowed {
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return path.hasPrefix("/") ? "file://" + encoded : encoded
  }

  /// A rule's one-line description, from the kind's family.
  private static func description(of kind: String) -> String {
    let family = kind.split(separator: ".").first.map(String.init) ?? kind
    let name = kind.split(separator: ".").dropFirst().joined(separator: ".")
      .replacingOccurrences(of: "-", with: " ")
    switch family {
    case "drift": return "Drift: \(name)"
    case "schema": return "Schema violation: \(name)"
    case "rule": return "Contract rule: \(name)"
    default: return "\(family): \(name)"
    }
  }
}
