// The server side of `HTTPResponse` (declared with the capture transport): building JSON
// responses and writing them on the wire. `Content-Length` and `Connection` are written from
// the body and the connection's state; fields of those names in `headers` are dropped.
extension HTTPResponse {
  /// A response with a JSON body and `Content-Type: application/json; charset=utf-8`.
  package static func json(_ status: Int, _ body: [UInt8], headers: HTTPHeaders = [:])
    -> HTTPResponse
  {
    var fields = headers
    if !fields.contains("Content-Type") {
      fields.append(name: "Content-Type", value: "application/json; charset=utf-8")
    }
    return HTTPResponse(status: status, headers: fields, body: body)
  }

  /// The status line and header fields, ending with the empty line.
  package func head(keepAlive: Bool) -> [UInt8] {
    var text = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status))\r\n"
    // A name that is not an RFC 9110 token (one holding CR, LF, ':' or a space, from a
    // crafted recording) is dropped: written, it could split the head and add fields.
    for field in headers
    where HTTPResponse.isToken(field.name)
      && !HTTPHeaders.namesMatch(field.name, "Content-Length")
      && !HTTPHeaders.namesMatch(field.name, "Connection")
      && !HTTPHeaders.namesMatch(field.name, "Transfer-Encoding")
    {
      text += "\(field.name): \(HTTPResponse.sanitized(field.value))\r\n"
    }
    text += "Content-Length: \(body.count)\r\n"
    text += keepAlive ? "\r\n" : "Connection: close\r\n\r\n"
    return Array(text.utf8)
  }

  /// The whole message: head and body.
  package func serialized(keepAlive: Bool) -> [UInt8] { head(keepAlive: keepAlive) + body }

  /// Whether `name` is a token (RFC 9110 5.6.2), as the request parser requires of the
  /// names it reads.
  static func isToken(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.allSatisfy(HTTPRequestParser.isTokenByte)
  }

  /// A value without CR and LF, so a recorded or echoed value cannot split the header.
  private static func sanitized(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return value }
    return String(value.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
  }

  /// The reason phrase of `status` (RFC 9110), or an empty one for an unknown code.
  package static func reasonPhrase(for status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 204: "No Content"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 412: "Precondition Failed"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: ""
    }
  }
}

/// What the server does with a request: a response, and how to deliver it. The faults a
/// replay injects are deliveries that break the transport.
package struct HTTPReply: Sendable {
  /// How the response goes out.
  package enum Delivery: Sendable, Hashable {
    /// The whole response.
    case complete
    /// The head and part of the body, then the connection is reset (RST).
    case reset
    /// The head (with the full `Content-Length`) and half of the body, then a normal close.
    case truncate
    /// The whole response, with the body in `chunks` pieces `intervalMilliseconds` apart.
    case trickle(chunks: Int, intervalMilliseconds: Int)
  }

  /// The response.
  package var response: HTTPResponse
  /// How it is delivered.
  package var delivery: Delivery
  /// How long to wait before answering, in milliseconds.
  package var delayMilliseconds: Int
  /// Whether to close the connection after answering, whatever the client asked.
  package var closesConnection: Bool

  /// Creates a reply.
  package init(
    _ response: HTTPResponse, delivery: Delivery = .complete, delayMilliseconds: Int = 0,
    closesConnection: Bool = false
  ) {
    self.response = response
    self.delivery = delivery
    self.delayMilliseconds = delayMilliseconds
    self.closesConnection = closesConnection
  }
}
