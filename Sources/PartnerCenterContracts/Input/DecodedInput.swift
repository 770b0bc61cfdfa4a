import JSONCore

/// What an input file turned out to be.
public enum InputKind: String, Sendable, Hashable, CaseIterable {
  /// A response body on its own (or something that should have been one).
  case json
  /// A raw HTTP response as copied from a network trace or the documentation, maybe preceded
  /// by its request.
  case rawHTTP = "raw-http"
  /// A recording file (see ``RecordingCodec``).
  case recording
  /// A HAR 1.2 file; every entry whose URL names a licenses-usage endpoint is checked.
  case har
}

/// One input decoded: the responses it holds, what the decoder itself found wrong, and how to
/// turn a finding's part and pointer back into a line and column of the input.
public struct DecodedInput: Sendable {
  /// The input as the user named it (`-` is shown as `<stdin>`).
  public var name: String
  /// What the input is.
  public var kind: InputKind
  /// The responses to check, in input order (one, except for HAR files).
  public var entries: [InputEntry]
  /// Findings about the input as a whole, already located (a HAR file with no usable entry).
  public var findings: [Finding]
  /// The input's bytes, kept for locating findings (not copied: arrays share storage).
  let bytes: [UInt8]
  /// Where the elements of long arrays in `bytes` start, when the whole input was parsed as
  /// JSON: locating a finding deep in a long array then skips the elements before it.
  let arrayIndex: JSONArrayIndex

  /// Creates a decoded input.
  init(
    name: String, kind: InputKind, bytes: [UInt8], entries: [InputEntry], findings: [Finding],
    arrayIndex: JSONArrayIndex = .empty
  ) {
    self.name = name
    self.kind = kind
    self.bytes = bytes
    self.entries = entries
    self.findings = findings
    self.arrayIndex = arrayIndex
  }
}

/// One response found in an input, with where its parts are in the input.
public struct InputEntry: Sendable {
  /// The response to check.
  public var response: ResponseUnderTest
  /// What the decoder found wrong with this response on its own, already located: a body that
  /// is empty, HTML, binary or malformed JSON, a byte-order mark, a malformed status line.
  /// The validator sees the same problem in ``ResponseUnderTest/bodyProblem``; its finding
  /// of the same kind is dropped in favour of this located one.
  public var findings: [Finding]
  /// Where the parts of the response are in the input.
  var sourceMap: SourceMap
  /// A note added to the message of findings located approximately (HAR bodies).
  var locationNote: String?
}

/// Where the parts of one response are in the input's text.
struct SourceMap: Sendable {
  /// Where the body's JSON is.
  enum Body: Sendable {
    /// No body text to locate in.
    case none
    /// The body is JSON text at `range` of the input bytes, starting at `origin`.
    case text(range: Range<Int>, origin: JSONSourceLocation)
    /// The body is JSON text decoded from a chunked or compressed body that starts at
    /// `origin` of the input; positions are traced back through ``DecodedBody/segments``.
    case decoded(DecodedBody, origin: JSONSourceLocation)
    /// The body is a JSON value inside the input's own JSON, at `pointer` (a recording).
    case embedded(JSONPointer)
    /// The body is a JSON string value inside the input's JSON at `pointer` (a HAR entry's
    /// `content.text`, a recording's `bodyText`): findings are located at the string.
    case string(JSONPointer)
  }

  /// Where a header line, status line or request line is, for raw HTTP.
  enum Spot: Sendable, Hashable {
    /// A line and column of the input text.
    case location(line: Int, column: Int)
    /// A value inside the input's JSON.
    case pointer(JSONPointer)
  }

  var body: Body = .none
  /// The status line or status value.
  var status: Spot?
  /// The request line or URL value.
  var request: Spot?
  /// Response headers by lowercased name (the first occurrence).
  var responseHeaders: [String: Spot] = [:]
  /// Request headers by lowercased name (the first occurrence).
  var requestHeaders: [String: Spot] = [:]

  /// Where the headers of one part are.
  func headers(of part: MessagePart) -> [String: Spot] {
    part == .requestHeaders ? requestHeaders : responseHeaders
  }
}
