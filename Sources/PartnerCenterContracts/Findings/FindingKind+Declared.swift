extension FindingKind {
  /// The schema family.
  public static let schemaFamily = FindingKind(
    "schema", [.error], "Schema violation",
    "The response breaks the declared JSON Schema (schemas/) at the keyword the kind names"
      + " (schema.required, schema.type, schema.maximum, ...). Clients generated from or written"
      + " against the schema may reject the response or misread it.")

  /// `schema.undocumented-property`: undocumented property.
  public static let schemaUndocumentedProperty = FindingKind(
    "schema.undocumented-property", [.error], "Undocumented property",
    "With --strict, the response holds a property the documentation does not list. Clients"
      + " ignore it today, but it shows the API changed without its documentation.")

  /// The rule family.
  public static let ruleFamily = FindingKind(
    "rule", [.error, .warning], "Contract rule",
    "The response breaks a contract rule that a schema cannot express (counts that must agree,"
      + " identities that must be unique, headers that must be echoed).")

  /// The request family.
  public static let requestFamily = FindingKind(
    "request", [.error, .warning], "Request contract",
    "A request sent to pc-contract replay breaks the API's request contract (a missing or"
      + " malformed Authorization, MS-RequestId or MS-CorrelationId header, an unknown path)."
      + " The real API would refuse it or make it untraceable.")

  /// `response.error-status`: error status.
  public static let responseErrorStatus = FindingKind(
    "response.error-status", [.warning], "Error status",
    "The response has an error status (4xx or 5xx): it is recorded as what it is, but it is"
      + " not a usage report, and a client must handle it.")

  /// `drift.property-added`: property added.
  public static let driftPropertyAdded = FindingKind(
    "drift.property-added", [.info], "Property added",
    "A property appeared that earlier recordings did not have. Additive: tolerant clients cope,"
      + " strict deserializers may not.")

  /// `drift.property-removed`: property removed.
  public static let driftPropertyRemoved = FindingKind(
    "drift.property-removed", [.error, .warning], "Property removed",
    "A property that every earlier object had is gone. Breaking: clients that read it get"
      + " nothing.")

  /// `drift.type-changed`: type changed.
  public static let driftTypeChanged = FindingKind(
    "drift.type-changed", [.error], "Type changed",
    "Values changed JSON type in a way the declared schema does not admit. Breaking: a client"
      + " that decodes the old type fails.")

  /// `drift.became-null`: became null.
  public static let driftBecameNull = FindingKind(
    "drift.became-null", [.error], "Became null",
    "A property that was never null is null now. Breaking for clients with non-optional"
      + " fields.")

  /// `drift.became-optional`: became optional.
  public static let driftBecameOptional = FindingKind(
    "drift.became-optional", [.error], "Became optional",
    "A property that was always present is missing from some objects now. Breaking for"
      + " clients that require it.")

  /// `drift.format-changed`: format changed.
  public static let driftFormatChanged = FindingKind(
    "drift.format-changed", [.error, .warning], "Format changed",
    "Strings changed format: GUID letter case, date-time offsets or fractions. Parsers with a"
      + " fixed format may fail.")

  /// `drift.new-enum-value`: new enum-like value.
  public static let driftNewEnumValue = FindingKind(
    "drift.new-enum-value", [.warning], "New enum-like value",
    "A field that held a small set of values holds a new one. Clients that switch over the"
      + " known values may not handle it.")

  /// `drift.range-changed`: range changed.
  public static let driftRangeChanged = FindingKind(
    "drift.range-changed", [.error, .info], "Range changed",
    "Numbers fall outside the range seen before (info) or the declared range (breaking).")

  /// `drift.status-changed`: status changed.
  public static let driftStatusChanged = FindingKind(
    "drift.status-changed", [.error], "Status changed",
    "The response status code changed. Breaking: a client sees an error where it saw data.")

  /// `drift.content-type-changed`: content-type changed.
  public static let driftContentTypeChanged = FindingKind(
    "drift.content-type-changed", [.error, .warning], "Content-Type changed",
    "The response Content-Type changed. Clients that check it may refuse the body.")

  /// `drift.envelope-changed`: envelope changed.
  public static let driftEnvelopeChanged = FindingKind(
    "drift.envelope-changed", [.warning], "Envelope changed",
    "The collection envelope changed: links appeared or went, or totalCount means something"
      + " else. Paging clients may stop early or loop.")

  /// `drift.header-changed`: header changed.
  public static let driftHeaderChanged = FindingKind(
    "drift.header-changed", [.info], "Header changed",
    "A response header appeared, went or changed value. Usually harmless; listed so it is"
      + " seen.")

  /// `drift.item-added`: item added.
  public static let driftItemAdded = FindingKind(
    "drift.item-added", [.info], "Item added",
    "An item (matched by its identity) appeared. Data drift: the API's data changed, not its"
      + " contract.")

  /// `drift.item-removed`: item removed.
  public static let driftItemRemoved = FindingKind(
    "drift.item-removed", [.info], "Item removed",
    "An item (matched by its identity) disappeared. Data drift: the API's data changed, not"
      + " its contract.")

  /// `drift.value-changed`: value changed.
  public static let driftValueChanged = FindingKind(
    "drift.value-changed", [.info], "Value changed",
    "A value of a matched item changed. Data drift: the API's data changed, not its"
      + " contract.")

  /// `drift.data-truncated`: data drift folded.
  public static let driftDataTruncated = FindingKind(
    "drift.data-truncated", [.info], "Data drift folded",
    "More data drift than a report lists: the rest is counted, not listed.")

  /// `drift.recording-added`: recording added.
  public static let driftRecordingAdded = FindingKind(
    "drift.recording-added", [.info], "Recording added",
    "A recording exists now that had no stored counterpart (a new customer).")

  /// `drift.recording-removed`: recording removed.
  public static let driftRecordingRemoved = FindingKind(
    "drift.recording-removed", [.error, .warning], "Recording removed",
    "A stored recording has no counterpart now: an error for the partner endpoint, a warning"
      + " for a customer (customers come and go).")

  /// `drift.recording-unreadable`: recording unreadable.
  public static let driftRecordingUnreadable = FindingKind(
    "drift.recording-unreadable", [.error], "Recording unreadable",
    "A recording file could not be read, so it could not be compared.")

  /// The input family.
  public static let inputFamily = FindingKind(
    "input", [.error, .warning, .info], "Input problem",
    "An input could not be read as a response: see the message for the file and why.")

  /// `input.malformed-json`: malformed json.
  public static let inputMalformedJSON = FindingKind(
    "input.malformed-json", [.error], "Malformed JSON",
    "The body is not valid JSON (RFC 8259). No client can read it.")

  /// `input.malformed-body`: malformed body.
  public static let inputMalformedBody = FindingKind(
    "input.malformed-body", [.error], "Malformed body",
    "The body could not be read as the response it claims to be. No client can read it.")

  /// `input.empty-body`: empty body.
  public static let inputEmptyBody = FindingKind(
    "input.empty-body", [.error], "Empty body",
    "The body is empty where a JSON document was expected.")

  /// `input.not-json`: not json.
  public static let inputNotJSON = FindingKind(
    "input.not-json", [.error], "Not JSON",
    "The body is HTML, XML or other text, not JSON: often a proxy's or gateway's error page.")

  /// `input.byte-order-mark`: byte order mark.
  public static let inputByteOrderMark = FindingKind(
    "input.byte-order-mark", [.info], "Byte order mark",
    "The body starts with a byte order mark, which RFC 8259 forbids senders to add. Most"
      + " parsers skip it; some fail.")

  /// `input.unsupported-encoding`: unsupported encoding.
  public static let inputUnsupportedEncoding = FindingKind(
    "input.unsupported-encoding", [.error], "Unsupported encoding",
    "The body is compressed with a coding pc-contract does not decode (br, zstd, compress):"
      + " save the response decoded.")

  /// `input.body-not-captured`: body not captured.
  public static let inputBodyNotCaptured = FindingKind(
    "input.body-not-captured", [.error], "Body not captured",
    "The HAR file was saved without response bodies, so there is nothing to check: export it"
      + " with content.")

  /// `input.malformed-http`: malformed http.
  public static let inputMalformedHTTP = FindingKind(
    "input.malformed-http", [.error], "Malformed HTTP",
    "The input looks like an HTTP message but its start line or headers are malformed.")

  /// `input.malformed-har`: malformed har.
  public static let inputMalformedHAR = FindingKind(
    "input.malformed-har", [.error], "Malformed HAR",
    "The HAR file is not HAR 1.2 as the tool reads it.")

  /// `input.no-responses`: no responses.
  public static let inputNoResponses = FindingKind(
    "input.no-responses", [.warning], "No responses",
    "The HAR file has no licenses-usage entry with a response.")

  /// `input.unknown-schema`: unknown schema.
  public static let inputUnknownSchema = FindingKind(
    "input.unknown-schema", [.error], "Unknown schema",
    "No schema could be chosen for the input: name one with --schema.")

  /// `input.invalid-recording`: invalid recording.
  public static let inputInvalidRecording = FindingKind(
    "input.invalid-recording", [.error], "Invalid recording",
    "A recording file does not follow schemas/recording.schema.json.")

  /// `input.unreadable-recording`: unreadable recording.
  public static let inputUnreadableRecording = FindingKind(
    "input.unreadable-recording", [.error], "Unreadable recording",
    "A stored recording could not be read, so it could not be checked.")

  /// `capture.failed`: call failed.
  public static let captureFailed = FindingKind(
    "capture.failed", [.error], "Call failed",
    "A call to the API failed after its retries (a server error, throttling, a timeout or a"
      + " transport failure), so nothing was recorded for it.")

  /// `capture.invalid-customer-id`: invalid customer id.
  public static let captureInvalidCustomerID = FindingKind(
    "capture.invalid-customer-id", [.error], "Invalid customer id",
    "The customer list named a customer id that is not a GUID, so it was not captured.")

  /// `capture.secret-scrubbed`: secret scrubbed.
  public static let captureSecretScrubbed = FindingKind(
    "capture.secret-scrubbed", [.info], "Secret scrubbed",
    "The exchange held the token, the refresh token or a token-shaped value (raw,"
      + " percent-encoded or base64; in a header, a URL, a member name or a value). Each"
      + " occurrence is written as <redacted>, so recordings and reports never carry it.")

  /// The config family.
  public static let configFamily = FindingKind(
    "config", [.warning, .info], "Configuration",
    "pc-contract.json says something the run had to flag.")

  /// `config.accepted-drift-expired`: accepted drift expired.
  public static let configAcceptedDriftExpired = FindingKind(
    "config.accepted-drift-expired", [.warning], "Accepted drift expired",
    "An acceptedDrift entry in pc-contract.json is past its expiry date and no longer"
      + " applies, so an acceptance cannot outlive its reason silently.")

  /// `config.accepted-drift-stale`: accepted drift stale.
  public static let configAcceptedDriftStale = FindingKind(
    "config.accepted-drift-stale", [.info], "Accepted drift stale",
    "An acceptedDrift entry in pc-contract.json matched no finding of the run: the drift it"
      + " accepted is gone (or the entry never matched). Remove it, so that the drift is"
      + " noticed if it comes back.")

  /// `run.failed`: run could not happen.
  public static let runFailed = FindingKind(
    "run.failed", [.error], "Run could not happen",
    "The run could not happen (the API unreachable, authentication failed, an input"
      + " unreadable): nothing was checked, so nothing passed.")

  /// Every declared kind and family, in the order of this file.
  static let declared: [FindingKind] = [
    .schemaFamily, .schemaUndocumentedProperty, .ruleFamily, .requestFamily, .responseErrorStatus,
    .driftPropertyAdded, .driftPropertyRemoved, .driftTypeChanged, .driftBecameNull,
    .driftBecameOptional, .driftFormatChanged, .driftNewEnumValue, .driftRangeChanged,
    .driftStatusChanged, .driftContentTypeChanged, .driftEnvelopeChanged, .driftHeaderChanged,
    .driftItemAdded, .driftItemRemoved, .driftValueChanged, .driftDataTruncated,
    .driftRecordingAdded, .driftRecordingRemoved, .driftRecordingUnreadable, .inputFamily,
    .inputMalformedJSON, .inputMalformedBody, .inputEmptyBody, .inputNotJSON, .inputByteOrderMark,
    .inputUnsupportedEncoding, .inputBodyNotCaptured, .inputMalformedHTTP, .inputMalformedHAR,
    .inputNoResponses, .inputUnknownSchema, .inputInvalidRecording, .inputUnreadableRecording,
    .captureFailed, .captureInvalidCustomerID, .captureSecretScrubbed, .configFamily,
    .configAcceptedDriftExpired, .configAcceptedDriftStale, .runFailed,
  ]
}
