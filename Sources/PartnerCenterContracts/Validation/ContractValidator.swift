import Foundation
import JSONCore
import JSONSchemaValidation

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
///
/// What a response gets:
/// - a body that is not JSON: one `input.malformed-body` error (an empty body too, unless the
///   status is an error);
/// - an error status (400 and above): a `response.error-status` warning saying what the error
///   is, and the body checked against `error.schema.json`; an error response is not itself a
///   broken contract, but a well-formed one is still worth a look;
/// - no schema could be chosen: one `input.unknown-schema` error asking for `--schema`;
/// - otherwise one `schema.<keyword>` error per validator error (all errors, formats asserted;
///   `schema.undocumented-property` for what strict mode rejects), then the ``ContractRules``.
public struct ContractValidator: Sendable {
  /// Whether undocumented properties are rejected (`--strict`).
  public var strict: Bool
  /// The schemas responses are checked against.
  public var schemas: DeclaredSchemas
  /// The rules checked after the schema, with their settings.
  public var rules: ContractRules
  /// Schema files compiled ahead of time by ``addingSchemaFile(atPath:)``, by path.
  public private(set) var schemaFiles: [String: DeclaredSchemas.Schema] = [:]

  /// A validator for the embedded schemas.
  public init(strict: Bool = false) {
    self.init(strict: strict, schemas: .embedded)
  }

  /// A validator for `schemas`, judging dates against `now` (the current time unless given).
  public init(
    strict: Bool = false, schemas: DeclaredSchemas, now: Date = Date(),
    rules: ContractRules? = nil
  ) {
    self.strict = strict
    self.schemas = schemas
    self.rules = rules ?? ContractRules(now: now)
  }

  /// A copy that has the schema file at `path` compiled, so `.named(path)` does not compile
  /// it again for every response.
  public func addingSchemaFile(atPath path: String) throws(DeclaredSchemasError)
    -> ContractValidator
  {
    var copy = self
    copy.schemaFiles[path] = try schemas.compileFile(atPath: path)
    return copy
  }

  /// Checks `response`; findings about the body point into the body.
  public func validate(_ response: ResponseUnderTest, schema: SchemaSelection = .automatic)
    -> ContractVerdict
  {
    var endpoint = response.namedEndpoint
    var findings: [Finding] = []
    if response.isErrorResponse {
      findings.append(errorStatusFinding(response, subject: endpoint?.subject))
    }
    guard let body = response.body else {
      if let problem = response.bodyProblem {
        findings.append(
          Finding(
            severity: .error, kind: .inputMalformedBody,
            message: "the body is not JSON: \(problem)", subject: endpoint?.subject))
      } else if !response.isErrorResponse {
        findings.append(
          Finding(
            severity: .error, kind: .inputMalformedBody,
            message: "the body is empty; expected a JSON document", subject: endpoint?.subject))
      }
      findings += rules.check(
        RuleInput(response: response, endpoint: endpoint, itemType: nil), subject: endpoint?.subject
      )
      return ContractVerdict(findings: findings, schemaName: nil, endpoint: endpoint)
    }

    let choice = choose(schema, response: response, body: body, endpoint: endpoint)
    if endpoint == nil { endpoint = choice.detectedEndpoint }
    let subject = endpoint?.subject ?? choice.itemType?.rawValue
    guard let chosen = choice.schema else {
      findings.append(
        Finding(
          severity: .error, kind: .inputUnknownSchema, message: choice.problem,
          subject: subject))
      findings += rules.check(
        RuleInput(response: response, endpoint: endpoint, itemType: nil), subject: subject)
      return ContractVerdict(findings: findings, schemaName: nil, endpoint: endpoint)
    }
    let validator = chosen.validator(strict: strict)
    let ruleInput = RuleInput(
      response: response, endpoint: endpoint,
      itemType: response.isErrorResponse ? nil : choice.itemType)
    let checks: [@Sendable () -> [Finding]] = [
      {
        validator.validate(body, mode: .allErrors).errors.map {
          schemaFinding($0, subject: subject)
        }
      },
      { rules.check(ruleInput, subject: subject) },
    ]
    // The schema and the rules read the same body and nothing else: for a large body they run
    // side by side, each on a core.
    let found =
      (body["items"]?.arrayValue?.count ?? 0) >= Self.sideBySideItems
      ? ParallelMap.map(checks.count) { checks[$0]() } : checks.map { $0() }
    findings += found.joined()
    return ContractVerdict(findings: findings, schemaName: chosen.name, endpoint: endpoint)
  }

  /// The number of items from which the schema and the rules check a body side by side: below
  /// it, starting a thread costs more than it saves.
  static let sideBySideItems = 10_000

  // MARK: - Choosing the schema

  private struct Choice {
    var schema: DeclaredSchemas.Schema?
    var problem = ""
    /// The analytics endpoint whose items the body holds, when known or detected.
    var itemType: EndpointID?
    var detectedEndpoint: Endpoint?
  }

  private static let unknownAdvice = "pass --schema NAME|PATH"

  private func choose(
    _ selection: SchemaSelection, response: ResponseUnderTest, body: JSONValue,
    endpoint: Endpoint?
  ) -> Choice {
    if case .named(let name) = selection {
      return named(name, endpoint: endpoint)
    }
    if response.isErrorResponse {
      return declared("error", itemType: nil)
    }
    if let endpoint {
      guard let name = endpoint.id.responseSchemaName else {
        return Choice(
          problem:
            "no declared schema for the \(endpoint.id.rawValue) endpoint; \(Self.unknownAdvice)")
      }
      return declared(name, itemType: endpoint.id)
    }
    return detect(body)
  }

  private func named(_ name: String, endpoint: Endpoint?) -> Choice {
    let itemType = endpoint?.id
    if let schema = schemaFiles[name] { return Choice(schema: schema, itemType: itemType) }
    if let schema = schemas.schema(named: name) {
      return Choice(schema: schema, itemType: Self.itemType(ofSchema: schema.name) ?? itemType)
    }
    if name.contains("/") || name.hasSuffix(".json") {
      do {
        return Choice(schema: try schemas.compileFile(atPath: name), itemType: itemType)
      } catch {
        return Choice(problem: "\(error); \(Self.unknownAdvice)")
      }
    }
    return Choice(
      problem:
        "no declared schema named '\(name)' (declared: \(schemas.names.joined(separator: ", "))); \(Self.unknownAdvice)"
    )
  }

  private func declared(_ name: String, itemType: EndpointID?) -> Choice {
    guard let schema = schemas.schema(named: name) else {
      return Choice(
        problem:
          "the declared schemas (\(schemas.origin)) have no '\(name)'; \(Self.unknownAdvice)")
    }
    return Choice(schema: schema, itemType: itemType)
  }

  private static func itemType(ofSchema name: String) -> EndpointID? {
    EndpointID.allCases.first { $0.responseSchemaName == name }
  }

  /// The schema `attributes.objectType` of the envelope and its items name.
  private func detect(_ body: JSONValue) -> Choice {
    let objectType = body["attributes"]?["objectType"]?.stringValue
    if objectType == "Collection" {
      let items = body["items"]?.arrayValue ?? []
      let itemObjectType = items.lazy.compactMap { $0["attributes"]?["objectType"]?.stringValue }
        .first
      guard let itemObjectType else {
        if items.isEmpty { return declared("collection", itemType: nil) }
        return Choice(
          problem:
            "a Collection whose items name no attributes.objectType: cannot tell which schema applies; \(Self.unknownAdvice)"
        )
      }
      guard let id = EndpointID.allCases.first(where: { $0.itemObjectType == itemObjectType }),
        let name = id.responseSchemaName
      else {
        return Choice(
          problem:
            "no declared schema for a Collection of '\(itemObjectType)'; \(Self.unknownAdvice)")
      }
      var choice = declared(name, itemType: id)
      choice.detectedEndpoint = detectedEndpoint(id, items: items)
      return choice
    }
    if let objectType,
      let id = EndpointID.allCases.first(where: { $0.itemObjectType == objectType })
    {
      // A single item rather than a Collection: its own schema, and no collection rules.
      let name =
        id == .partnerLicensesUsage
        ? "partner-licenses-usage-insights" : "customer-licenses-usage-insights"
      return declared(name, itemType: nil)
    }
    let found = objectType.map { "attributes.objectType '\($0)'" } ?? "no attributes.objectType"
    return Choice(
      problem: "cannot tell which schema applies (the body has \(found)); \(Self.unknownAdvice)")
  }

  private func detectedEndpoint(_ id: EndpointID, items: [JSONValue]) -> Endpoint? {
    switch id {
    case .partnerLicensesUsage: return .partnerLicensesUsage
    case .customerLicensesUsage:
      // The customer is only known when the items name one.
      return items.first?["customerId"]?.stringValue.map { .customerLicensesUsage(customerID: $0) }
    case .customerList: return nil
    }
  }

  // MARK: - Findings

  private func schemaFinding(_ error: ValidationError, subject: String?) -> Finding {
    let pointer = error.instanceLocation
    if DeclaredSchemas.isUndocumentedRejection(error.absoluteKeywordLocation) {
      let name = error.instanceLocation.tokens.last ?? ""
      return Finding(
        severity: .error, kind: .schemaUndocumentedProperty,
        message:
          "undocumented property '\(name)': strict mode accepts only the properties the reference lists",
        pointer: pointer, expectation: error.absoluteKeywordLocation, subject: subject)
    }
    return Finding(
      severity: .error, kind: .schema(keyword: error.keyword), message: error.message,
      pointer: pointer, expectation: error.absoluteKeywordLocation, subject: subject)
  }

  private func errorStatusFinding(_ response: ResponseUnderTest, subject: String?) -> Finding {
    let status = response.status ?? 0
    var message = "error response \(status)"
    let body = response.body
    if let code = body?["code"].map(Self.shortText) { message += " (code \(code))" }
    if let text = body?["description"]?.stringValue ?? body?["message"]?.stringValue {
      message += ": " + Self.truncated(text)
    }
    return Finding(
      severity: .warning, kind: .responseErrorStatus, message: message,
      part: .responseStatus, expectation: "a successful (2xx) response", subject: subject)
  }

  private static func shortText(_ value: JSONValue) -> String {
    value.stringValue ?? truncated(JSONWriter.compact(value))
  }

  private static func truncated(_ text: String) -> String {
    let limit = 200
    guard text.unicodeScalars.count > limit else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "..."
  }
}
