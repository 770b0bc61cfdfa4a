import JSONCore

/// A response to check, however it arrived: a plain JSON body, a raw HTTP response, a
/// recording, or a HAR entry. What is unknown is nil, and the checks that need it are skipped.
public struct ResponseUnderTest: Sendable {
  /// The endpoint, when the input names a URL (or the caller knows it).
  public var endpoint: Endpoint?
  /// The request, when the input has one (recordings, HAR): its URL and headers let the rules
  /// check that `MS-RequestId`/`MS-CorrelationId` are echoed and the customer id matches.
  public var request: RecordedRequest?
  /// The status code, when known; a plain body is taken as 200.
  public var status: Int?
  /// The response headers, when known.
  public var headers: HTTPHeaders?
  /// The body as parsed, or nil when it is empty or not JSON (see ``bodyProblem``).
  public var body: JSONValue?
  /// Why the body could not be parsed (a one-line message with line and column), if it could not.
  public var bodyProblem: String?
  /// Member names that occurred twice in one object of the body, from the parser.
  public var duplicateMembers: [JSONDuplicateMember]

  /// Creates a response under test.
  public init(
    endpoint: Endpoint? = nil, request: RecordedRequest? = nil, status: Int? = nil,
    headers: HTTPHeaders? = nil, body: JSONValue?, bodyProblem: String? = nil,
    duplicateMembers: [JSONDuplicateMember] = []
  ) {
    self.endpoint = endpoint
    self.request = request
    self.status = status
    self.headers = headers
    self.body = body
    self.bodyProblem = bodyProblem
    self.duplicateMembers = duplicateMembers
  }

  /// The endpoint the input itself names: ``endpoint``, else the one its request's URL names.
  var namedEndpoint: Endpoint? { endpoint ?? request.flatMap { Endpoint(url: $0.url) } }

  /// Whether this is an error response (status 400 or above).
  public var isErrorResponse: Bool { (status ?? 200) >= 400 }
}
