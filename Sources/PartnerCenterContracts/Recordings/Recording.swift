import JSONCore

/// One captured request and its response, as stored in `recordings/`.
///
/// On disk a recording is canonical JSON (sorted keys, two spaces, LF, a trailing newline),
/// described by `schemas/recording.schema.json`, so a re-recording is a readable git diff.
/// See ``RecordingCodec`` for the format.
public struct Recording: Sendable, Hashable {
  /// The format version this library writes and reads.
  public static let formatVersion = 1

  /// The endpoint the request went to.
  public var endpoint: Endpoint
  /// The request, with secrets removed.
  public var request: RecordedRequest
  /// The response: status, non-volatile headers, body.
  public var response: RecordedResponse
  /// When it was captured, as an RFC 3339 UTC date-time (`2026-11-21T08:00:00Z`).
  public var capturedAt: String
  /// The `pc-contract` version that captured it.
  public var toolVersion: String

  /// Creates a recording.
  public init(
    endpoint: Endpoint, request: RecordedRequest, response: RecordedResponse,
    capturedAt: String, toolVersion: String
  ) {
    self.endpoint = endpoint
    self.request = request
    self.response = response
    self.capturedAt = capturedAt
    self.toolVersion = toolVersion
  }

  /// Where the recording lives below a recordings folder:
  /// `partner/licenses-usage.json`, `customers/<customer id>/licenses-usage.json`,
  /// `customers/list.json`.
  public var relativePath: String { Recording.relativePath(for: endpoint) }

  /// The path below a recordings folder for `endpoint`'s recording.
  public static func relativePath(for endpoint: Endpoint) -> String {
    switch endpoint {
    case .partnerLicensesUsage: "partner/licenses-usage.json"
    case .customerLicensesUsage(let customerID): "customers/\(customerID)/licenses-usage.json"
    case .customerList: "customers/list.json"
    }
  }
}

/// A recorded request.
public struct RecordedRequest: Sendable, Hashable {
  /// The method, `GET` for every endpoint in scope.
  public var method: String
  /// The absolute URL, scrubbed of anything secret.
  public var url: String
  /// The request headers, without credentials (see ``RecordingCodec/secretHeaderNames``).
  public var headers: HTTPHeaders

  /// Creates a recorded request.
  public init(method: String = "GET", url: String, headers: HTTPHeaders = [:]) {
    self.method = method
    self.url = url
    self.headers = headers
  }
}

/// A recorded response.
public struct RecordedResponse: Sendable, Hashable {
  /// The HTTP status code.
  public var status: Int
  /// The response headers worth keeping (volatile ones such as `Date` are dropped by capture).
  public var headers: HTTPHeaders
  /// The body.
  public var body: RecordedBody
  /// Whether the body began with a UTF-8 byte-order mark (which the API may send).
  public var hasByteOrderMark: Bool

  /// Creates a recorded response.
  public init(
    status: Int, headers: HTTPHeaders = [:], body: RecordedBody, hasByteOrderMark: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.hasByteOrderMark = hasByteOrderMark
  }

  /// A response whose body is `bytes` as received: JSON when it parses cleanly, text
  /// otherwise (a duplicate member name keeps the body as text, so nothing is lost).
  public init(status: Int, headers: HTTPHeaders = [:], bodyBytes bytes: [UInt8]) {
    self.init(
      status: status, headers: headers, bodyBytes: bytes, document: try? JSONParser.parse(bytes))
  }

  /// A response whose body is `bytes`, which the caller has already parsed into `document`
  /// (nil when they are not JSON), so a body is never parsed twice.
  public init(
    status: Int, headers: HTTPHeaders = [:], bodyBytes bytes: [UInt8], document: JSONDocument?
  ) {
    var body = bytes[...]
    let hasByteOrderMark = body.starts(with: [0xEF, 0xBB, 0xBF])
    if hasByteOrderMark { body = body.dropFirst(3) }
    let recorded: RecordedBody
    if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      recorded = body.isEmpty ? .empty : .text(String(decoding: body, as: UTF8.self))
    } else if let document, document.duplicateMembers.isEmpty {
      recorded = .json(document.value)
    } else {
      recorded = .text(String(decoding: body, as: UTF8.self))
    }
    self.init(status: status, headers: headers, body: recorded, hasByteOrderMark: hasByteOrderMark)
  }

  /// The body as bytes on the wire: compact JSON, the text, or nothing; with the byte-order
  /// mark when the recording had one.
  public var bodyBytes: [UInt8] {
    var bytes: [UInt8] = hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    switch body {
    case .json(let value): bytes += JSONWriter.compactBytes(value)
    case .text(let text): bytes += Array(text.utf8)
    case .empty: break
    }
    return bytes
  }
}

/// A recorded body: JSON when it parsed, text when it did not, or nothing.
public enum RecordedBody: Sendable, Hashable {
  /// A body that parsed as JSON without duplicate member names.
  case json(JSONValue)
  /// A body that is not JSON (an HTML error page, a truncated document), kept verbatim.
  case text(String)
  /// No body.
  case empty

  /// The JSON value, when the body is JSON.
  public var json: JSONValue? {
    if case .json(let value) = self { return value }
    return nil
  }
}
