/// What a finding kind means, for people: the text SARIF rule help, the README's "Finding kinds"
/// section and reports show. Every kind the tool makes is described here and only here; kinds made
/// from a family (`schema.<keyword>`, `rule.<id>`, `request.<check>`) share their family's text.
public struct FindingKindDescription: Sendable, Hashable {
  /// The kind, `drift.type-changed`, or the family, `schema`.
  public var kind: String
  /// The severities findings of this kind are reported at, most severe first
  /// (`drift.recording-removed`: error for the partner, warning for a customer).
  public var severities: [Severity]
  /// A short title, `Type changed`.
  public var title: String
  /// What the kind means and why it matters to a client of the API.
  public var explanation: String
  /// The README anchor of its section (`kind-drift-type-changed`).
  public var anchor: String { "kind-" + kind.replacingOccurrences(of: ".", with: "-") }

  /// How to accept a finding of this kind, the same for every kind.
  public static let acceptance =
    "If the change is understood and clients cope, accept it in pc-contract.json: add an"
    + " acceptedDrift entry with the finding's fingerprint (from the JSON or SARIF report) or its"
    + " kind and path, a reason and an expiry date; or update schemas/ when the contract itself"
    + " changed."

  /// The description of `kind`: its own entry, else its family's, else a generic one.
  public static func of(_ kind: String) -> FindingKindDescription {
    if let entry = byKind[kind] { return entry }
    let family = String(kind.prefix { $0 != "." })
    if family == "rule", let rule = ContractRule.all.first(where: { $0.kind == kind }) {
      return FindingKindDescription(
        kind: kind, severities: [rule.severity], title: "Contract rule: \(rule.id)",
        explanation: "The response breaks a contract rule that a schema cannot express: "
          + rule.summary + ". A client that relies on it computes wrong figures.")
    }
    if let entry = byKind[family] { return entry }
    return FindingKindDescription(
      kind: family, severities: [], title: family,
      explanation: "A finding of the \(family) family: see the message for what was found.")
  }

  /// Whether the tool makes findings of `kind`: a described kind, a rule's, a schema
  /// keyword's (`schema.<keyword>`) or a request check's (`request.<check>`).
  public static func isKnown(_ kind: String) -> Bool {
    if byKind[kind] != nil { return true }
    if ContractRule.all.contains(where: { $0.kind == kind }) { return true }
    let parts = kind.split(separator: ".", maxSplits: 1)
    guard parts.count == 2, !parts[1].isEmpty else { return false }
    return parts[0] == "schema" || parts[0] == "request"
  }

  /// Whether `name` is a described family (`schema`, `drift`'s kinds are kinds, `input`).
  public static func isFamily(_ name: String) -> Bool {
    !name.contains(".") && byKind[name] != nil
  }

  /// Every described kind and family, sorted; ``ContractRule``s each have their own.
  public static var all: [FindingKindDescription] {
    (Array(byKind.values) + ContractRule.all.map { of($0.kind) }).sorted { $0.kind < $1.kind }
  }

  private static let byKind: [String: FindingKindDescription] = {
    var table: [String: FindingKindDescription] = [:]
    for (kind, severities, title, explanation) in entries {
      table[kind] = FindingKindDescription(
        kind: kind, severities: severities, title: title, explanation: explanation)
    }
    return table
  }()

  // (kind or family, the severities it is reported at, title, explanation)
  private static let entries: [(String, [Severity], String, String)] = [
    (
      "schema", [.error], "Schema violation",
      "The response breaks the declared JSON Schema (schemas/) at the keyword the kind names"
        + " (schema.required, schema.type, schema.maximum, ...). Clients generated from or written"
        + " against the schema may reject the response or misread it."
    ),
    (
      "schema.undocumented-property", [.error], "Undocumented property",
      "With --strict, the response holds a property the documentation does not list. Clients"
        + " ignore it today, but it shows the API changed without its documentation."
    ),
    (
      "rule", [.error, .warning], "Contract rule",
      "The response breaks a contract rule that a schema cannot express (counts that must agree,"
        + " identities that must be unique, headers that must be echoed)."
    ),
    (
      "request", [.error, .warning], "Request contract",
      "A request sent to pc-contract replay breaks the API's request contract (a missing or"
        + " malformed Authorization, MS-RequestId or MS-CorrelationId header, an unknown path)."
        + " The real API would refuse it or make it untraceable."
    ),
    (
      "response.error-status", [.warning], "Error status",
      "The response has an error status (4xx or 5xx): it is recorded as what it is, but it is"
        + " not a usage report, and a client must handle it."
    ),
    (
      "drift.property-added", [.info], "Property added",
      "A property appeared that earlier recordings did not have. Additive: tolerant clients cope,"
        + " strict deserializers may not."
    ),
    (
      "drift.property-removed", [.error, .warning], "Property removed",
      "A property that every earlier object had is gone. Breaking: clients that read it get"
        + " nothing."
    ),
    (
      "drift.type-changed", [.error], "Type changed",
      "Values changed JSON type in a way the declared schema does not admit. Breaking: a client"
        + " that decodes the old type fails."
    ),
    (
      "drift.became-null", [.error], "Became null",
      "A property that was never null is null now. Breaking for clients with non-optional"
        + " fields."
    ),
    (
      "drift.became-optional", [.error], "Became optional",
      "A property that was always present is missing from some objects now. Breaking for"
        + " clients that require it."
    ),
    (
      "drift.format-changed", [.error, .warning], "Format changed",
      "Strings changed format: GUID letter case, date-time offsets or fractions. Parsers with a"
        + " fixed format may fail."
    ),
    (
      "drift.new-enum-value", [.warning], "New enum-like value",
      "A field that held a small set of values holds a new one. Clients that switch over the"
        + " known values may not handle it."
    ),
    (
      "drift.range-changed", [.error, .info], "Range changed",
      "Numbers fall outside the range seen before (info) or the declared range (breaking)."
    ),
    (
      "drift.status-changed", [.error], "Status changed",
      "The response status code changed. Breaking: a client sees an error where it saw data."
    ),
    (
      "drift.content-type-changed", [.error, .warning], "Content-Type changed",
      "The response Content-Type changed. Clients that check it may refuse the body."
    ),
    (
      "drift.envelope-changed", [.warning], "Envelope changed",
      "The collection envelope changed: links appeared or went, or totalCount means something"
        + " else. Paging clients may stop early or loop."
    ),
    (
      "drift.header-changed", [.info], "Header changed",
      "A response header appeared, went or changed value. Usually harmless; listed so it is"
        + " seen."
    ),
    (
      "drift.item-added", [.info], "Item added",
      "An item (matched by its identity) appeared. Data drift: the API's data changed, not its"
        + " contract."
    ),
    (
      "drift.item-removed", [.info], "Item removed",
      "An item (matched by its identity) disappeared. Data drift: the API's data changed, not"
        + " its contract."
    ),
    (
      "drift.value-changed", [.info], "Value changed",
      "A value of a matched item changed. Data drift: the API's data changed, not its"
        + " contract."
    ),
    (
      "drift.data-truncated", [.info], "Data drift folded",
      "More data drift than a report lists: the rest is counted, not listed."
    ),
    (
      "drift.recording-added", [.info], "Recording added",
      "A recording exists now that had no stored counterpart (a new customer)."
    ),
    (
      "drift.recording-removed", [.error, .warning], "Recording removed",
      "A stored recording has no counterpart now: an error for the partner endpoint, a warning"
        + " for a customer (customers come and go)."
    ),
    (
      "drift.recording-unreadable", [.error], "Recording unreadable",
      "A recording file could not be read, so it could not be compared."
    ),
    (
      "input", [.error, .warning, .info], "Input problem",
      "An input could not be read as a response: see the message for the file and why."
    ),
    (
      "input.malformed-json", [.error], "Malformed JSON",
      "The body is not valid JSON (RFC 8259). No client can read it."
    ),
    (
      "input.malformed-body", [.error], "Malformed body",
      "The body could not be read as the response it claims to be. No client can read it."
    ),
    (
      "input.empty-body", [.error], "Empty body",
      "The body is empty where a JSON document was expected."
    ),
    (
      "input.not-json", [.error], "Not JSON",
      "The body is HTML, XML or other text, not JSON: often a proxy's or gateway's error page."
    ),
    (
      "input.byte-order-mark", [.info], "Byte order mark",
      "The body starts with a byte order mark, which RFC 8259 forbids senders to add. Most"
        + " parsers skip it; some fail."
    ),
    (
      "input.unsupported-encoding", [.error], "Unsupported encoding",
      "The body is compressed with a coding pc-contract does not decode (br, zstd, compress):"
        + " save the response decoded."
    ),
    (
      "input.body-not-captured", [.error], "Body not captured",
      "The HAR file was saved without response bodies, so there is nothing to check: export it"
        + " with content."
    ),
    (
      "input.malformed-http", [.error], "Malformed HTTP",
      "The input looks like an HTTP message but its start line or headers are malformed."
    ),
    (
      "input.malformed-har", [.error], "Malformed HAR",
      "The HAR file is not HAR 1.2 as the tool reads it."
    ),
    (
      "input.no-responses", [.warning], "No responses",
      "The HAR file has no licenses-usage entry with a response."
    ),
    (
      "input.unknown-schema", [.error], "Unknown schema",
      "No schema could be chosen for the input: name one with --schema."
    ),
    (
      "input.invalid-recording", [.error], "Invalid recording",
      "A recording file does not follow schemas/recording.schema.json."
    ),
    (
      "input.unreadable-recording", [.error], "Unreadable recording",
      "A stored recording could not be read, so it could not be checked."
    ),
    (
      "capture.failed", [.error], "Call failed",
      "A call to the API failed after its retries (a server error, throttling, a timeout or a"
        + " transport failure), so nothing was recorded for it."
    ),
    (
      "capture.invalid-customer-id", [.error], "Invalid customer id",
      "The customer list named a customer id that is not a GUID, so it was not captured."
    ),
    (
      "capture.secret-scrubbed", [.info], "Secret scrubbed",
      "The exchange held the token, the refresh token or a token-shaped value (raw,"
        + " percent-encoded or base64; in a header, a URL, a member name or a value). Each"
        + " occurrence is written as <redacted>, so recordings and reports never carry it."
    ),
    (
      "config", [.warning, .info], "Configuration",
      "pc-contract.json says something the run had to flag."
    ),
    (
      "config.accepted-drift-expired", [.warning], "Accepted drift expired",
      "An acceptedDrift entry in pc-contract.json is past its expiry date and no longer"
        + " applies, so an acceptance cannot outlive its reason silently."
    ),
    (
      "config.accepted-drift-stale", [.info], "Accepted drift stale",
      "An acceptedDrift entry in pc-contract.json matched no finding of the run: the drift it"
        + " accepted is gone (or the entry never matched). Remove it, so that the drift is"
        + " noticed if it comes back."
    ),
    (
      "run.failed", [.error], "Run could not happen",
      "The run could not happen (the API unreachable, authentication failed, an input"
        + " unreadable): nothing was checked, so nothing passed."
    ),
  ]
}
