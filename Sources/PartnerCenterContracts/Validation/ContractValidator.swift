import JSONCore

/// Which declared schema a response is checked against.
public enum SchemaSelection: Sendable, Hashable {
  /// From the endpoint (the URL) when known, else from `attributes.objectType` of the envelope
  /// and items; error responses use the error schema.
  case automatic
  /// A declared schema by name (`customer-licenses-usage-response`) or a schema file path.
  case named(String)
}

/// The outcome of checking one response.
public struct ContractVerdict: Sendable {
  /// Everything found, schema violations and rule findings alike, subject set.
  public var findings: [Finding]
  /// The schema the body was checked against, or nil when none could be chosen (then
  /// ``findings`` says so).
  public var schemaName: String?
  /// The endpoint the response was taken to come from, when known or detected.
  public var endpoint: Endpoint?

  /// Creates a verdict.
  public init(findings: [Finding], schemaName: String?, endpoint: Endpoint?) {
    self.findings = findings
    self.schemaName = schemaName
    self.endpoint = endpoint
  }
}

/// Checks responses against the declared schemas and the contract rules.
///
/// Compile once, check many: a validator is `Sendable` and can be shared across tasks.
public struct ContractValidator: Sendable {
  /// Whether undocumented properties are rejected (`--strict`).
  public var strict: Bool

  /// A validator for the embedded schemas.
  public init(strict: Bool = false) {
    self.strict = strict
  }

  /// Checks `response`; findings about the body point into the body.
  public func validate(_ response: ResponseUnderTest, schema: SchemaSelection = .automatic)
    -> ContractVerdict
  {
    // Filled in by the schemas-and-rules work; until then nothing is checked.
    ContractVerdict(findings: [], schemaName: nil, endpoint: response.endpoint)
  }
}
