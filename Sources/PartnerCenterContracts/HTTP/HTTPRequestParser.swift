/// Parses HTTP/1.1 requests strictly and within limits (RFC 9112).
///
/// The parser is a pure function of the bytes received so far: it answers that more bytes are
/// needed, or with one request and how many bytes it took, or with why the bytes can never be
/// a request. Lines must end with CRLF; obsolete line folding, whitespace before a colon,
/// control characters, conflicting `Content-Length`s and `Transfer-Encoding` are refused, as
/// RFC 9112 allows, because a lenient parser is where request smuggling starts.
package struct HTTPRequestParser: Sendable {
  /// The limits the request must stay within.
  package var limits: HTTPLimits

  /// A parser enforcing `limits`.
  package init(limits: HTTPLimits = HTTPLimits()) { self.limits = limits }

  /// What the bytes received so far amount to.
  package enum Outcome: Sendable, Hashable {
    /// Not a whole request yet, and nothing wrong so far.
    case incomplete
    /// A request, which took the first `consumed` bytes.
    case request(HTTPServerRequest, consumed: Int)
    /// The bytes cannot be a valid request; answer with the error's status and close.
    case invalid(HTTPRequestError)
  }

  /// Parses the start of `bytes`.
  package func parse(_ bytes: ArraySlice<UInt8>) -> Outcome {
    var start = bytes.startIndex
    // RFC 9112 section 2.2: empty lines before the request line are ignored.
    while bytes.endIndex - start >= 2, bytes[start] == 0x0D, bytes[start + 1] == 0x0A {
      start += 2
    }
    if start < bytes.endIndex, bytes[start] == 0x0A { return .invalid(.bareLineFeed) }
    var lines: [Range<Int>] = []
    var lineStart = start
    var index = start
    var headEnd: Int?
    while index < bytes.endIndex {
      if index - start >= limits.maximumHeaderBytes { return .invalid(.headerTooLarge) }
      let byte = bytes[index]
      if byte == 0x0A {
        guard index > lineStart, bytes[index - 1] == 0x0D else { return .invalid(.bareLineFeed) }
        let line = lineStart..<(index - 1)
        if line.isEmpty {
          headEnd = index + 1
          break
        }
        if lines.isEmpty, line.count > limits.maximumRequestLineBytes {
          return .invalid(.requestLineTooLong)
        }
        lines.append(line)
        if lines.count > limits.maximumHeaderCount + 1 { return .invalid(.headerTooLarge) }
        lineStart = index + 1
      } else if lines.isEmpty, index - lineStart >= limits.maximumRequestLineBytes + 1 {
        return .invalid(.requestLineTooLong)
      }
      index += 1
    }
    guard let headEnd else {
      if bytes.endIndex - start >= limits.maximumHeaderBytes { return .invalid(.headerTooLarge) }
      return .incomplete
    }
    guard let requestLine = lines.first else { return .invalid(.malformedRequestLine) }
    var request: HTTPServerRequest
    switch parseRequestLine(bytes[requestLine]) {
    case .success(let parsed): request = parsed
    case .failure(let error): return .invalid(error)
    }
    for line in lines.dropFirst() {
      switch parseField(bytes[line]) {
      case .success(let field): request.headers.append(name: field.name, value: field.value)
      case .failure(let error): return .invalid(error)
      }
    }
    if request.headers.contains("Transfer-Encoding") { return .invalid(.transferEncoding) }
    let hosts = request.headers.values(named: "Host")
    if hosts.count > 1 || (request.minorVersion == 1 && hosts.isEmpty) {
      return .invalid(.missingHost)
    }
    var bodyLength = 0
    let lengths = request.headers.values(named: "Content-Length")
      .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
      .map { $0.trimmingHTTPWhitespace }
    if let first = lengths.first {
      guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
        first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(first)
      else { return .invalid(.invalidContentLength) }
      guard length <= limits.maximumBodyBytes else { return .invalid(.bodyTooLarge) }
      bodyLength = length
    }
    guard bytes.endIndex - headEnd >= bodyLength else { return .incomplete }
    request.body = Array(bytes[headEnd..<(headEnd + bodyLength)])
    return .request(request, consumed: headEnd + bodyLength - bytes.startIndex)
  }

  private func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<
    HTTPServerRequest, HTTPRequestError
  > {
    let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
      parts[0].allSatisfy(Self.isTokenByte),
      parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
    else { return .failure(.malformedRequestLine) }
    let target = parts[1]
    guard
      target.first == 0x2F || target.starts(with: Array("http://".utf8))
        || target.starts(with: Array("https://".utf8)) || Array(target) == [0x2A]
    else { return .failure(.malformedRequestLine) }
    let version = Array(parts[2])
    guard version.count == 8, version.starts(with: Array("HTTP/".utf8)),
      (0x30...0x39).contains(version[5]), version[6] == 0x2E, (0x30...0x39).contains(version[7])
    else { return .failure(.malformedRequestLine) }
    guard version[5] == 0x31, version[7] == 0x30 || version[7] == 0x31 else {
      return .failure(.unsupportedVersion)
    }
    return .success(
      HTTPServerRequest(
        method: String(decoding: parts[0], as: UTF8.self),
        target: String(decoding: target, as: UTF8.self), minorVersion: Int(version[7] - 0x30)))
  }

  private func parseField(_ line: ArraySlice<UInt8>) -> Result<HTTPHeaders.Field, HTTPRequestError>
  {
    guard let first = line.first, first != 0x20, first != 0x09 else {
      return .failure(.obsoleteLineFolding)
    }
    guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else {
      return .failure(.malformedHeaderField)
    }
    let name = line[line.startIndex..<colon]
    guard name.allSatisfy(Self.isTokenByte) else { return .failure(.malformedHeaderField) }
    var value = line[(colon + 1)...]
    while let byte = value.first, byte == 0x20 || byte == 0x09 { value = value.dropFirst() }
    while let byte = value.last, byte == 0x20 || byte == 0x09 { value = value.dropLast() }
    guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
      return .failure(.malformedHeaderField)
    }
    return .success(
      HTTPHeaders.Field(
        name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
  }

  /// RFC 9110 `tchar`.
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E:
      true
    default: false
    }
  }
}

/// Why bytes are not an acceptable request. Each case has the status the server answers with.
package enum HTTPRequestError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The request line is not `METHOD SP target SP HTTP/x.y`.
  case malformedRequestLine
  /// The request line is longer than the limit.
  case requestLineTooLong
  /// The request line and header fields are larger than the limit, or too many fields.
  case headerTooLarge
  /// A header field is not `name: value` with a token name and printable value.
  case malformedHeaderField
  /// A header field line starts with whitespace (obsolete line folding).
  case obsoleteLineFolding
  /// A line ends with LF alone.
  case bareLineFeed
  /// An HTTP/1.1 request has no `Host`, or more than one.
  case missingHost
  /// `Content-Length` is not a number, or several disagree.
  case invalidContentLength
  /// The body is larger than the limit.
  case bodyTooLarge
  /// The request uses `Transfer-Encoding`, which this server does not accept.
  case transferEncoding
  /// The version is not HTTP/1.0 or HTTP/1.1.
  case unsupportedVersion
  /// The request did not arrive completely in time.
  case timedOut

  /// The status code to answer with.
  package var status: Int {
    switch self {
    case .requestLineTooLong: 414
    case .headerTooLarge: 431
    case .bodyTooLarge: 413
    case .transferEncoding: 501
    case .unsupportedVersion: 505
    case .timedOut: 408
    default: 400
    }
  }

  package var description: String {
    switch self {
    case .malformedRequestLine: "the request line is not 'METHOD target HTTP/1.1'"
    case .requestLineTooLong: "the request line is too long"
    case .headerTooLarge: "the header section is too large"
    case .malformedHeaderField: "a header field is not 'name: value'"
    case .obsoleteLineFolding: "a header field is folded over two lines"
    case .bareLineFeed: "a line ends with LF instead of CRLF"
    case .missingHost: "an HTTP/1.1 request needs exactly one Host header"
    case .invalidContentLength: "Content-Length is not one non-negative number"
    case .bodyTooLarge: "the body is too large"
    case .transferEncoding: "Transfer-Encoding is not supported; send Content-Length"
    case .unsupportedVersion: "only HTTP/1.0 and HTTP/1.1 are supported"
    case .timedOut: "the request did not arrive in time"
    }
  }
}
