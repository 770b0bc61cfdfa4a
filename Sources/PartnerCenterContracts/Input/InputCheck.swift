import JSONCore

/// Checks decoded inputs: each response through a ``ContractValidator``, the decoder's own
/// findings merged in, every finding located in the input.
public struct InputCheck: Sendable {
  /// The validator the responses go through.
  public var validator: ContractValidator
  /// The schema to check against.
  public var schema: SchemaSelection

  /// A check with `validator` against `schema`.
  public init(validator: ContractValidator, schema: SchemaSelection = .automatic) {
    self.validator = validator
    self.schema = schema
  }

  /// Every finding about `input`, located, in report order.
  public func findings(for input: DecodedInput) -> [Finding] {
    if case .named(let name) = schema, name == "recording" { return recordingFileFindings(input) }
    let perEntry = input.entries.map { entry -> [Finding] in
      let verdict = validator.validate(entry.response, schema: schema)
      let subject = verdict.endpoint?.subject ?? entry.response.endpoint?.subject
      // An error status may come without a body; the validator judges that.
      let ownFindings = entry.findings.filter {
        !(entry.response.isErrorResponse && $0.kind == .inputEmptyBody)
      }
      let bodyIsBroken = ownFindings.contains { $0.severity == .error && $0.pointer.isRoot }
      // The decoder saw the body's problem with its exact position; the validator's finding
      // about the same problem (from `bodyProblem`) would only repeat it less precisely.
      let fromValidator = verdict.findings.filter { finding in
        !ownFindings.contains { $0.kind == finding.kind && $0.pointer == finding.pointer }
          && !(bodyIsBroken && finding.kind.family == FindingKind.inputFamily.id
            && finding.pointer.isRoot)
      }
      return (ownFindings + fromValidator).map { finding in
        var finding = finding
        if finding.subject == nil, let subject {
          finding = Finding(
            severity: finding.severity, kind: finding.kind, message: finding.message,
            part: finding.part, pointer: finding.pointer, expectation: finding.expectation,
            subject: subject, source: finding.source, oldValue: finding.oldValue,
            newValue: finding.newValue)
        }
        return finding
      }
    }
    return input.locate(perEntry).sorted(by: Finding.reportOrder)
  }

  /// `--schema recording`: the file itself against `schemas/recording.schema.json` (a body is
  /// never a recording).
  private func recordingFileFindings(_ input: DecodedInput) -> [Finding] {
    guard let schema = validator.schemas.schema(named: "recording") else { return [] }
    let document: JSONDocument
    do {
      document = try JSONParser.parse(input.bytes)
    } catch {
      return [
        Finding(
          severity: .error, kind: .inputMalformedJSON,
          message: "not JSON, so not a recording: \(error.message)", part: .input,
          source: SourceReference(
            file: input.name, line: error.location.line, column: error.location.column))
      ]
    }
    let errors = schema.validator(strict: validator.strict).validate(
      document.value, mode: .allErrors
    ).errors
    let findings = errors.map { error in
      Finding(
        severity: .error, kind: .schema(keyword: error.keyword), message: error.message,
        part: .input,
        pointer: error.instanceLocation,
        expectation: error.absoluteKeywordLocation)
    }
    // Located in the file by pointer, as a recording's own findings are.
    return DecodedInput(
      name: input.name, kind: .recording, bytes: input.bytes, entries: [], findings: findings
    ).locate([]).sorted(by: Finding.reportOrder)
  }
}
