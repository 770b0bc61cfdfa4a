import JSONCore

/// SARIF 2.1.0, for code scanning: one run of `pc-contract`, a rule per finding kind with its
/// help (``FindingKind``), a result per finding located in its file by line and
/// column, with the finding's fingerprint as a partial fingerprint so the same drift is the
/// same alert across runs.
///
/// What GitHub code scanning requires beyond the schema holds for every report:
/// - every result has a location: a finding without a source points at its subject's file,
///   else at ``configurationFile``, line 1;
/// - at most ``SARIFLimits/results`` results and ``SARIFLimits/nonNotes`` that are not notes:
///   past ``SARIFLimits/dataDriftPerSubject``, a subject's data drift (values changed, items
///   added or removed) is folded into one note, and whatever is still over a limit is dropped,
///   notes first; `run.properties` counts what was folded and dropped;
/// - `partialFingerprints` carry the finding's fingerprint, and `primaryLocationLineHash` is
///   derived from it, so results on one line but at different JSON Pointers stay apart;
/// - artifact URIs are relative to `%SRCROOT%` (the repository root) with no `./` or `../`
///   inside it, a first segment holding `:` is percent-encoded, and `originalUriBaseIds`
///   defines `%SRCROOT%`;
/// - columns count Unicode code points (`columnKind`), converted from the byte columns findings
///   carry when ``readFile`` can read the file.
///
/// Severities map to levels: error to `error`, warning to `warning`, info to `note`.
public struct SARIFReport: ReportRenderer {
  /// The repository root as an absolute path, when known: absolute file paths inside it are
  /// made relative, and it becomes `%SRCROOT%`'s URI.
  public var root: String?
  /// The file a finding without any file is placed at (`pc-contract.json`).
  public var configurationFile: String
  /// Reads a file named by a finding, to count its columns in code points; nil to keep the
  /// byte columns (right for ASCII lines only).
  public var readFile: (@Sendable (String) -> [UInt8]?)?
  /// The result limits.
  public var limits: SARIFLimits

  /// A SARIF renderer.
  public init(
    root: String? = nil, configurationFile: String = "pc-contract.json",
    readFile: (@Sendable (String) -> [UInt8]?)? = nil, limits: SARIFLimits = SARIFLimits()
  ) {
    self.root = root
    self.configurationFile = configurationFile
    self.readFile = readFile
    self.limits = limits
  }

  public func render(_ report: Report) -> String {
    JSONWriter.pretty(value(of: report)) + "\n"
  }

  /// The SARIF log as a JSON value.
  public func value(of report: Report) -> JSONValue {
    let selection = SARIFSelection(report.findings, limits: limits)
    let kinds = Array(Set(selection.findings.map(\.kind))).sorted()
    var ruleIndex: [FindingKind: Int] = [:]
    for (index, kind) in kinds.enumerated() { ruleIndex[kind] = index }
    let rules = kinds.map(Self.rule)
    var files = SARIFColumns(readFile: readFile)
    let subjectFiles = Dictionary(
      report.subjects.compactMap { subject in subject.file.map { (subject.name, $0) } },
      uniquingKeysWith: { first, _ in first })
    let results: [JSONValue] = selection.findings.map { finding in
      var result = JSONObject()
      result["ruleId"] = .string(finding.kind.id)
      result["ruleIndex"] = .number(JSONNumber(ruleIndex[finding.kind] ?? 0))
      result["level"] = .string(Self.level(finding.severity))
      result["message"] = ["text": .string(ReportText.visible(ReportText.message(finding)))]
      result["partialFingerprints"] = [
        "pcContractFingerprint/v1": .string(finding.fingerprint),
        "primaryLocationLineHash": .string(finding.fingerprint + ":1"),
      ]
      var properties = JSONObject()
      properties["part"] = .string(finding.part.rawValue)
      properties["pointer"] = .string(finding.pointerText)
      if let subject = finding.subject { properties["subject"] = .string(subject) }
      if let old = finding.oldValue { properties["oldValue"] = old }
      if let new = finding.newValue { properties["newValue"] = new }
      result["properties"] = .object(properties)
      let fallback = finding.subject.flatMap { subjectFiles[$0] } ?? configurationFile
      result["locations"] = [location(of: finding, fallback: fallback, columns: &files)]
      return .object(result)
    }
    let driver: JSONValue = [
      "name": "pc-contract", "version": .string(ToolVersion.current),
      "informationUri": .string(Self.home),
      "rules": .array(rules),
    ]
    var root = JSONObject()
    if let path = self.root {
      root["uri"] = .string("file://" + Self.uri(path.hasSuffix("/") ? path : path + "/"))
    }
    root["description"] = ["text": "The root of the repository the recordings are in."]
    let run: JSONValue = [
      "tool": ["driver": driver],
      "automationDetails": ["id": .string("pc-contract/\(report.command)/")],
      "columnKind": "unicodeCodePoints",
      "originalUriBaseIds": ["%SRCROOT%": .object(root)],
      "results": .array(results),
      "properties": [
        "failLevel": .string(ReportText.failLevel(report.failLevel)), "fails": .bool(report.fails),
        "findings": .number(JSONNumber(report.findings.count)),
        "foldedDataDrift": .number(JSONNumber(selection.folded)),
        "droppedOverLimit": .number(JSONNumber(selection.dropped)),
      ],
    ]
    return [
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
      "runs": [run],
    ]
  }

  /// Where the README describes finding kinds; each kind has its own anchor there.
  static let home = "https://github.com/partner-center-contracts/pc-contract"

  private static func rule(_ kind: FindingKind) -> JSONValue {
    let text = "\(kind.explanation)\n\nHow to accept it: \(FindingKind.acceptance)"
    let markdown =
      "**\(kind.title)** (`\(kind.id)`)\n\n\(kind.explanation)\n\n"
      + "**How to accept it:** \(FindingKind.acceptance)"
    return [
      "id": .string(kind.id), "name": .string(kind.id),
      "shortDescription": ["text": .string(kind.title)],
      "fullDescription": ["text": .string(kind.explanation)],
      "help": ["text": .string(text), "markdown": .string(markdown)],
      "helpUri": .string("\(home)#\(kind.anchor)"),
    ]
  }

  private static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  private func location(
    of finding: Finding, fallback: String, columns: inout SARIFColumns
  ) -> JSONValue {
    let source = finding.source ?? SourceReference(file: fallback, line: 1)
    var artifact = JSONObject()
    let path = relative(source.file)
    artifact["uri"] = .string(path.hasPrefix("/") ? "file://" + Self.uri(path) : Self.uri(path))
    if !path.hasPrefix("/") { artifact["uriBaseId"] = "%SRCROOT%" }
    var physical = JSONObject()
    physical["artifactLocation"] = .object(artifact)
    let line = source.line.flatMap { $0 >= 1 ? $0 : nil } ?? 1
    var region = JSONObject()
    region["startLine"] = .number(JSONNumber(line))
    if let column = source.column, column >= 1, source.line != nil {
      let converted = columns.codePointColumn(file: source.file, line: line, byteColumn: column)
      region["startColumn"] = .number(JSONNumber(converted))
    }
    physical["region"] = .object(region)
    var location = JSONObject()
    location["physicalLocation"] = .object(physical)
    if let subject = finding.subject {
      location["logicalLocations"] = [
        [
          "fullyQualifiedName": .string(
            ReportText.visible("\(subject)#\(finding.part.pointerPrefix)\(finding.pointer)"))
        ]
      ]
    }
    return .object(location)
  }

  /// `path` relative to ``root`` (see ``ReportText/relativePath(_:root:)``).
  func relative(_ path: String) -> String { ReportText.relativePath(path, root: root) }

  /// A file path as a URI reference: characters a URI cannot hold are percent-encoded, and so
  /// is `:` in the first segment of a relative path (it would read as a scheme).
  static func uri(_ path: String) -> String {
    var encoded = ""
    var firstSegment = !path.hasPrefix("/")
    for byte in path.utf8 {
      if byte == UInt8(ascii: "/") { firstSegment = false }
      let allowed =
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        || "-._~/!$&'()*+,;=@".utf8.contains(byte) || (byte == UInt8(ascii: ":") && !firstSegment)
      if allowed {
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return encoded
  }
}
