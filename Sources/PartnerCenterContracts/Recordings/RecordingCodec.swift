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

  /// The recording file schema (`schemas/recording.schema.json`), which every read checks.
  static let schema = DeclaredSchemas.embedded.schema(named: "recording")

  /// Reads a recording from its JSON value; it must follow `schemas/recording.schema.json`
  /// (formats asserted: a `capturedAt` without an offset is no recording).
  public static func decode(_ value: JSONValue) throws(RecordingError) -> Recording {
    guard value.objectValue != nil else { throw .invalid(pointer: "", expected: "an object") }

    guard let version = value["formatVersion"]?.numberValue?.intValue else {
      throw .invalid(pointer: "/formatVersion", expected: "an integer format version")
    }
    guard version == Recording.formatVersion else { throw .unsupportedVersion(version) }
    guard let endpointText = value["endpoint"]?.stringValue,
      let endpointID = EndpointID(rawValue: endpointText)
    else {
      let known = EndpointID.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
      throw .invalid(pointer: "/endpoint", expected: "one of \(known)")
    }
    var customerID: String?
    if endpointID == .customerLicensesUsage {
      guard let id = value["customerId"]?.stringValue else {
        throw .invalid(pointer: "/customerId", expected: "the customer id (a string)")
      }
      customerID = id
    }
    guard let request = value["request"], request.objectValue != nil else {
      throw .invalid(pointer: "/request", expected: "an object")
    }
    guard let method = request["method"]?.stringValue else {
      throw .invalid(pointer: "/request/method", expected: "a string")
    }
    guard let url = request["url"]?.stringValue else {
      throw .invalid(pointer: "/request/url", expected: "a string")
    }
    let requestHeaders = try headers(request["headers"], pointer: "/request/headers")
    // Header names are case-insensitive: `authorization` is a credential too.
    if let secret = requestHeaders.fields.first(where: { field in
      secretHeaderNames.contains { HTTPHeaders.namesMatch($0, field.name) }
    }) {
      throw .invalid(
        pointer: "/request/headers/" + JSONPointer.escape(secret.name),
        expected: "absent: credentials never belong in a recording")
    }
    guard let response = value["response"], response.objectValue != nil else {
      throw .invalid(pointer: "/response", expected: "an object")
    }
    guard let status = response["status"]?.numberValue?.intValue, (100...599).contains(status)
    else {
      throw .invalid(pointer: "/response/status", expected: "an HTTP status code (100-599)")
    }
    let responseHeaders = try headers(response["headers"], pointer: "/response/headers")
    let body: RecordedBody
    switch (response["body"], response["bodyText"]) {
    case (let json?, nil): body = .json(json)
    case (nil, let text?):
      guard let text = text.stringValue else {
        throw .invalid(pointer: "/response/bodyText", expected: "a string")
      }
      body = .text(text)
    case (nil, nil): body = .empty
    case (_?, _?):
      throw .invalid(
        pointer: "/response/bodyText", expected: "either 'body' or 'bodyText', not both")
    }
    let hasByteOrderMark: Bool
    switch response["bodyByteOrderMark"] {
    case nil: hasByteOrderMark = false
    case .bool(let flag)?: hasByteOrderMark = flag
    default: throw .invalid(pointer: "/response/bodyByteOrderMark", expected: "a boolean")
    }
    guard let capturedAt = value["capturedAt"]?.stringValue else {
      throw .invalid(pointer: "/capturedAt", expected: "an RFC 3339 date-time string")
    }
    guard let toolVersion = value["toolVersion"]?.stringValue else {
      throw .invalid(pointer: "/toolVersion", expected: "a string")
    }
    // What the checks above do not name (a capturedAt without an offset, say) the schema does.
    // The yes/no quick path first: errors are only worked out for a file that has one.
    if let schema, !schema.validator.isValid(value),
      let error = schema.validator.validate(value, mode: .firstError).errors.first
    {
      throw .violatesSchema(pointer: error.instanceLocation.description, message: error.message)
    }
    return Recording(
      endpoint: Endpoint(id: endpointID, customerID: customerID),
      request: RecordedRequest(method: method, url: url, headers: requestHeaders),
      response: RecordedResponse(
        status: status, headers: responseHeaders, body: body, hasByteOrderMark: hasByteOrderMark),
      capturedAt: capturedAt, toolVersion: toolVersion)
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

  private static func headers(_ value: JSONValue?, pointer: String) throws(RecordingError)
    -> HTTPHeaders
  {
    guard let value else { return [:] }
    guard let object = value.objectValue else {
      throw .invalid(pointer: pointer, expected: "an object of header names to strings")
    }
    var headers = HTTPHeaders()
    for member in object.members {
      guard let text = member.value.stringValue else {
        throw .invalid(
          pointer: pointer + "/" + JSONPointer.escape(member.key), expected: "a string")
      }
      headers.append(name: member.key, value: text)
    }
    return headers
  }
}

/// Why a recording could not be read.
public enum RecordingError: Error, Sendable, CustomStringConvertible {
  /// The file is not JSON.
  case malformedJSON(JSONParseError)
  /// A field is missing or has the wrong type.
  case invalid(pointer: String, expected: String)
  /// The file was written by a newer or unknown format.
  case unsupportedVersion(Int)
  /// The file breaks `schemas/recording.schema.json` at `pointer`.
  case violatesSchema(pointer: String, message: String)

  /// The JSON Pointer into the file the error is about, when there is one.
  public var pointer: String? {
    switch self {
    case .invalid(let pointer, _), .violatesSchema(let pointer, _): pointer
    case .malformedJSON, .unsupportedVersion: nil
    }
  }

  public var description: String {
    switch self {
    case .malformedJSON(let error): "not a recording: \(error)"
    case .invalid(let pointer, let expected):
      "not a recording: \(pointer.isEmpty ? "the document" : pointer) should be \(expected)"
    case .violatesSchema(let pointer, let message):
      "not a recording (schemas/recording.schema.json): \(pointer.isEmpty ? "" : pointer + ": ")\(message)"
    case .unsupportedVersion(let version):
      "recording format version \(version) is not supported (this pc-contract reads version \(Recording.formatVersion))"
    }
  }
}
