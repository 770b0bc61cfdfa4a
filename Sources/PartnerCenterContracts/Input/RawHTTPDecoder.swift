import JSONCore

/// Reads a raw HTTP response as copied from a network trace or the documentation: an optional
/// request (`GET https://... HTTP/1.1` and its headers), then `HTTP/1.1 200 OK`, the headers,
/// a blank line and the body; lines end with CR LF or LF.
///
/// Only the head is split into lines; the body is handed to the JSON parser as a range of the
/// input's bytes, so a large body is never copied or scanned twice.
enum RawHTTPDecoder {
  /// Whether the text at `start` begins like a raw HTTP exchange.
  static func looksLikeHTTP(_ bytes: [UInt8], from start: Int) -> Bool {
    var reader = LineReader(bytes: bytes, position: start, lineNumber: 1)
    guard let line = reader.nextNonBlankLine() else { return false }
    return line.text.hasPrefix("HTTP/") || requestLine(line.text) != nil
  }

  /// Decodes the exchange starting at `start` (after any byte-order mark) of `bytes`.
  static func decode(_ bytes: [UInt8], from start: Int) -> InputEntry {
    var reader = LineReader(bytes: bytes, position: start, lineNumber: 1)
    var map = SourceMap()
    var findings: [Finding] = []
    var request: RecordedRequest?
    var line = reader.nextNonBlankLine()
    if let first = line, let (method, target) = requestLine(first.text) {
      map.request = .location(line: first.number, column: 1)
      var headers = HTTPHeaders()
      line = reader.nextLine()
      while let current = line, !current.text.isEmpty, !current.text.hasPrefix("HTTP/") {
        if let (name, value, column) = headerField(current.text) {
          headers.append(name: name, value: value)
          map.requestHeaders[name.lowercased()] =
            map.requestHeaders[name.lowercased()]
            ?? .location(line: current.number, column: column)
        }
        line = reader.nextLine()
      }
      if let current = line, current.text.isEmpty { line = reader.nextNonBlankLine() }
      var url = target
      if target.hasPrefix("/"), let host = headers["Host"] { url = "https://\(host)\(target)" }
      request = RecordedRequest(method: method, url: url, headers: headers)
    }
    let endpoint = request.flatMap { Endpoint(url: $0.url) }
    let subject = endpoint?.subject
    guard let statusLine = line else {
      findings.append(
        Finding(
          severity: .error, kind: "input.malformed-http",
          message: "the input has a request but no response ('HTTP/1.1 200 OK' and so on)",
          part: .input, subject: subject, source: nil))
      return InputEntry(
        response: ResponseUnderTest(
          endpoint: endpoint, request: request, body: nil, bodyProblem: "no response"),
        findings: findings, sourceMap: map)
    }
    map.status = .location(line: statusLine.number, column: 1)
    let status = statusCode(statusLine.text)
    if status == nil {
      findings.append(
        Finding(
          severity: .error, kind: "input.malformed-http",
          message:
            "expected a status line such as 'HTTP/1.1 200 OK', found '\(statusLine.text.prefix(60))'",
          part: .responseStatus, subject: subject,
          source: SourceReference(file: "", line: statusLine.number, column: 1)))
    }
    var headers = HTTPHeaders()
    var bodyStart = reader.position
    var bodyLine = reader.lineNumber
    var malformedLines = 0
    while let current = reader.nextLine() {
      if current.text.isEmpty {
        bodyStart = reader.position
        bodyLine = reader.lineNumber
        break
      }
      if current.text.hasPrefix("{") || current.text.hasPrefix("[") {
        // The blank line was lost in copying: the body starts here.
        bodyStart = current.start
        bodyLine = current.number
        break
      }
      if let (name, value, column) = headerField(current.text) {
        headers.append(name: name, value: value)
        map.responseHeaders[name.lowercased()] =
          map.responseHeaders[name.lowercased()]
          ?? .location(line: current.number, column: column)
      } else if malformedLines < 3 {
        malformedLines += 1
        findings.append(
          Finding(
            severity: .error, kind: "input.malformed-http",
            message:
              "expected a header line such as 'Content-Type: application/json', found '\(current.text.prefix(60))'",
            part: .responseHeaders, subject: subject,
            source: SourceReference(file: "", line: current.number, column: 1)))
      }
      bodyStart = reader.position
      bodyLine = reader.lineNumber
    }
    let origin = JSONSourceLocation(offset: bodyStart, line: bodyLine, column: 1)
    map.body = .text(range: bodyStart..<bytes.count, origin: origin)
    let outcome = bytes.withUnsafeBytes {
      BodyDecoder.decode(UnsafeRawBufferPointer(rebasing: $0[bodyStart...]))
    }
    findings += BodyDecoder.findings(of: outcome, subject: subject) { location in
      SourceReference(
        file: "", line: origin.line + location.line - 1,
        column: location.line == 1 ? origin.column + location.column - 1 : location.column)
    }
    let response = ResponseUnderTest(
      endpoint: endpoint, request: request, status: status, headers: headers, body: outcome.value,
      bodyProblem: outcome.problem?.message, duplicateMembers: outcome.duplicateMembers)
    return InputEntry(response: response, findings: findings, sourceMap: map)
  }

  /// `(method, target)` of a request line `GET https://... HTTP/1.1`.
  private static func requestLine(_ text: String) -> (String, String)? {
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 3, parts[2].hasPrefix("HTTP/"),
      parts[0].allSatisfy({ $0.isASCII && $0.isUppercase })
    else { return nil }
    return (String(parts[0]), String(parts[1]))
  }

  /// The code of a status line `HTTP/1.1 200 OK` (the reason phrase is optional).
  private static func statusCode(_ text: String) -> Int? {
    let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3,
      let code = Int(parts[1]), (100...599).contains(code)
    else { return nil }
    return code
  }

  /// `(name, value, column of the value)` of a header line `Name: value`; findings about a
  /// header point at its value.
  private static func headerField(_ text: String) -> (String, String, Int)? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let name = text[..<colon]
    guard !name.isEmpty, !name.contains(" "), !name.contains("\t") else { return nil }
    let value = text[text.index(after: colon)...].trimmingHTTPWhitespace
    let column = text.unicodeScalars.distance(from: text.startIndex, to: value.startIndex) + 1
    return (String(name), String(value), column)
  }
}

/// Splits the head of a raw HTTP text into lines, one at a time.
private struct LineReader {
  struct Line {
    /// The line without its line ending.
    var text: String
    /// The 1-based line number.
    var number: Int
    /// The offset of its first byte.
    var start: Int
  }

  let bytes: [UInt8]
  var position: Int
  var lineNumber: Int

  /// A head line longer than this is cut: nothing legitimate in a head is that long, and a
  /// garbage input must not become one huge string.
  static let longestLine = 16 * 1024

  mutating func nextLine() -> Line? {
    guard position < bytes.count else { return nil }
    let start = position
    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
    var textEnd = end
    if textEnd > start && bytes[textEnd - 1] == 0x0D { textEnd -= 1 }
    let text = String(
      decoding: bytes[start..<min(textEnd, start + Self.longestLine)], as: UTF8.self)
    let line = Line(text: text, number: lineNumber, start: start)
    position = min(end + 1, bytes.count)
    lineNumber += 1
    return line
  }

  mutating func nextNonBlankLine() -> Line? {
    while let line = nextLine() {
      if !line.text.allSatisfy({ $0 == " " || $0 == "\t" }) { return line }
    }
    return nil
  }
}
