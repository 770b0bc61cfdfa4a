import JSONCore

/// Reads and writes recordings as canonical JSON.
///
/// ```json
/// {
///   "capturedAt": "2026-11-21T08:00:00Z",
///   "customerId": "<only for the customer endpoint>",
///   "endpoint": "customer-licenses-usage",
///   "formatVersion": 1,
///   "request": { "headers": { "Accept": "application/json" }, "method": "GET", "url": "https://..." },
///   "response": { "body": { ... }, "headers": { ... }, "status": 200 },
///   "toolVersion": "0.1.0"
/// }
/// ```
/// A body that is not JSON is kept as `"bodyText"`; a byte-order mark as
/// `"bodyByteOrderMark": true`. Header names keep their case; repeated fields are joined
/// with `", "`. Credentials never reach the file: the writer drops ``secretHeaderNames``.
public enum RecordingCodec {
  /// Request headers that carry credentials and are never written.
  public static let secretHeaderNames = ["Authorization", "Proxy-Authorization", "Cookie"]

  /// The pointer of the response body inside a recording file, for locating findings.
  public static let bodyPointer = JSONPointer(tokens: ["response", "body"])

  /// The recording as a JSON value.
  public static func jsonValue(of recording: Recording) -> JSONValue {
    var root = JSONObject()
    root["formatVersion"] = .number(JSONNumber(Recording.formatVersion))
    root["endpoint"] = .string(recording.endpoint.id.rawValue)
    if let customerID = recording.endpoint.customerID {
      root["customerId"] = .string(customerID)
    }
    var request = JSONObject()
    request["method"] = .string(recording.request.method)
    request["url"] = .string(recording.request.url)
    var requestHeaders = recording.request.headers
    for name in secretHeaderNames { requestHeaders.remove(name) }
    request["headers"] = headersValue(requestHeaders)
    root["request"] = .object(request)
    var response = JSONObject()
    response["status"] = .number(JSONNumber(recording.response.status))
    response["headers"] = headersValue(recording.response.headers)
    switch recording.response.body {
    case .json(let value): response["body"] = value
    case .text(let text): response["bodyText"] = .string(text)
    case .empty: break
    }
    if recording.response.hasByteOrderMark { response["bodyByteOrderMark"] = .bool(true) }
    root["response"] = .object(response)
    root["capturedAt"] = .string(recording.capturedAt)
    root["toolVersion"] = .string(recording.toolVersion)
    return .object(root)
  }

  /// The canonical file contents: pretty JSON with sorted keys, two spaces, LF line ends and a
  /// trailing newline. Writing the same recording twice gives the same bytes.
  public static func encode(_ recording: Recording) -> [UInt8] {
    JSONWriter.prettyBytes(jsonValue(of: recording)) + [0x0A]
  }

  /// Reads a recording file's contents.
  public static func decode(_ bytes: [UInt8]) throws(RecordingError) -> Recording {
    let document: JSONDocument
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .malformedJSON(error)
    }
    return try decode(document.value)
  }

  /// The recording file schema (`schemas/recording.schema.json`), which states the file and
  /// which every read checks first.
  static let schema = DeclaredSchemas.embedded.schema(named: "recording")!

  /// Reads a recording from its JSON value: it must follow `schemas/recording.schema.json`
  /// (formats asserted: a `capturedAt` without an offset is no recording); the valid value
  /// is then mapped as it is, its shape not checked again.
  public static func decode(_ value: JSONValue) throws(RecordingError) -> Recording {
    if let problem = SchemaProblem(value, schema: schema) {
      // Two problems get their own words: a version this tool does not read, and a credential,
      // which the schema refuses as a header name that must not match.
      if let version = value["formatVersion"]?.numberValue?.intValue,
        version != Recording.formatVersion
      {
        throw .unsupportedVersion(version)
      }
      if let secret = value["request"]?["headers"]?.objectValue?.keys.first(where: { name in
        secretHeaderNames.contains { HTTPHeaders.namesMatch($0, name) }
      }) {
        throw .invalid(
          pointer: "/request/headers/\(secret)",
          expected: "absent: credentials never belong in a recording")
      }
      throw .violatesSchema(pointer: problem.pointer, message: problem.message)
    }
    let endpointID =
      value["endpoint"]?.stringValue.flatMap(EndpointID.init(rawValue:)) ?? .partnerLicensesUsage
    let request = value["request"]
    let response = value["response"]
    let body: RecordedBody
    switch (response?["body"], response?["bodyText"]?.stringValue) {
    case (let json?, _): body = .json(json)
    case (nil, let text?): body = .text(text)
    case (nil, nil): body = .empty
    }
    return Recording(
      endpoint: Endpoint(
        id: endpointID,
        customerID: endpointID == .customerLicensesUsage ? value["customerId"]?.stringValue : nil),
      request: RecordedRequest(
        method: request?["method"]?.stringValue ?? "",
        url: request?["url"]?.stringValue ?? "", headers: headers(request?["headers"])),
      response: RecordedResponse(
        status: response?["status"]?.numberValue?.intValue ?? 0,
        headers: headers(response?["headers"]), body: body,
        hasByteOrderMark: response?["bodyByteOrderMark"] == .bool(true)),
      capturedAt: value["capturedAt"]?.stringValue ?? "",
      toolVersion: value["toolVersion"]?.stringValue ?? "")
  }

  private static func headersValue(_ headers: HTTPHeaders) -> JSONValue {
    var object = JSONObject()
    for field in headers {
      if let existing = object[field.name]?.stringValue {
        object[field.name] = .string(existing + ", " + field.value)
      } else {
        object[field.name] = .string(field.value)
      }
    }
    return .object(object)
  }

  /// The header fields of a headers object the schema says maps names to strings.
  private static func headers(_ value: JSONValue?) -> HTTPHeaders {
    var headers = HTTPHeaders()
    for member in value?.objectValue?.members ?? [] {
      headers.append(name: member.key, value: member.value.stringValue ?? "")
    }
    return headers
  }
}

/// Why a recording could not be read.
public enum RecordingError: Error, Sendable, CustomStringConvertible {
  /// The file is not JSON.
  case malformedJSON(JSONParseError)
  /// A field is missing or has the wrong type.
  case invalid(pointer: JSONPointer, expected: String)
  /// The file was written by a newer or unknown format.
  case unsupportedVersion(Int)
  /// The file breaks `schemas/recording.schema.json` at `pointer`.
  case violatesSchema(pointer: JSONPointer, message: String)

  /// The JSON Pointer into the file the error is about, when there is one.
  public var pointer: JSONPointer? {
    switch self {
    case .invalid(let pointer, _), .violatesSchema(let pointer, _): pointer
    case .malformedJSON, .unsupportedVersion: nil
    }
  }

  public var description: String {
    switch self {
    case .malformedJSON(let error): "not a recording: \(error)"
    case .invalid(let pointer, let expected):
      "not a recording: \(pointer.isRoot ? "the document" : pointer.description) should be \(expected)"
    case .violatesSchema(let pointer, let message):
      "not a recording (schemas/recording.schema.json): \(pointer.isRoot ? "" : "\(pointer): ")\(message)"
    case .unsupportedVersion(let version):
      "recording format version \(version) is not supported (this pc-contract reads version \(Recording.formatVersion))"
    }
  }
}
