import JSONCore

/// Reads a raw HTTP response as copied from a network trace, a proxy or the documentation: an
/// optional request (`GET https://... HTTP/1.1` and its headers), then `HTTP/1.1 200 OK`, the
/// headers, a blank line and the body; lines end with CR LF or LF.
///
/// What people paste is read as what it is: `curl -v` output (`> ` request lines, `< `
/// response lines, `* ` notes, which are skipped), `curl -i` output, interim and proxy blocks
/// before the response (`HTTP/1.1 100 Continue`, `HTTP/1.1 200 Connection established`), a
/// `Transfer-Encoding: chunked` body (decoded; positions in it are traced back to the pasted
/// text) and a `gzip` or `deflate` `Content-Encoding` (decoded, bounded by
/// ``Inflater/defaultLimit``; positions are given in the decoded body). A body that is already
/// decoded though its headers still name a coding, as `curl -i` and developer tools show it,
/// is read as it is.
///
/// Only the head is split into lines; a plain body is handed to the JSON parser as a range of
/// the input's bytes, so a large body is never copied or scanned twice.
enum RawHTTPDecoder {
  /// Whether the text at `start` begins like a raw HTTP exchange.
  static func looksLikeHTTP(_ bytes: [UInt8], from start: Int) -> Bool {
    var reader = LineReader(bytes: bytes, position: start, lineNumber: 1)
    reader.curlVerbose = isCurlVerbose(bytes, from: start)
    guard let line = reader.nextNonBlankLine() else { return false }
    return line.text.hasPrefix("HTTP/") || requestLine(line.text) != nil
  }

  /// Whether the text is `curl -v` output: its first line is a `* ` note or a `> ` or `< ` line.
  private static func isCurlVerbose(_ bytes: [UInt8], from start: Int) -> Bool {
    var reader = LineReader(bytes: bytes, position: start, lineNumber: 1)
    guard let first = reader.nextNonBlankLine() else { return false }
    return ["* ", "> ", "< "].contains { first.text.hasPrefix($0) }
  }

  /// Decodes the exchange starting at `start` (after any byte-order mark) of `bytes`.
  static func decode(_ bytes: [UInt8], from start: Int) -> InputEntry {
    var reader = LineReader(bytes: bytes, position: start, lineNumber: 1)
    reader.curlVerbose = isCurlVerbose(bytes, from: start)
    var map = SourceMap()
    var findings: [Finding] = []
    var request: RecordedRequest?
    var line = reader.nextNonBlankLine()
    if let first = line, let (method, target) = requestLine(first.text) {
      map.request = .location(line: first.number, column: 1 + first.columnOffset)
      var headers = HTTPHeaders()
      line = reader.nextLine()
      while let current = line, !current.text.isEmpty, !current.text.hasPrefix("HTTP/") {
        if let (name, value, column) = headerField(current.text) {
          headers.append(name: name, value: value)
          map.requestHeaders[name.lowercased()] =
            map.requestHeaders[name.lowercased()]
            ?? .location(line: current.number, column: column + current.columnOffset)
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
    guard var statusLine = line else {
      findings.append(
        Finding(
          severity: .error, kind: .inputMalformedHTTP,
          message: "the input has a request but no response ('HTTP/1.1 200 OK' and so on)",
          part: .input, subject: subject, source: nil))
      return InputEntry(
        response: ResponseUnderTest(
          endpoint: endpoint, request: request, body: nil, bodyProblem: "no response"),
        findings: findings, sourceMap: map)
    }
    var head: Head
    while true {
      head = readHead(statusLine: statusLine, reader: &reader, subject: subject)
      // An interim or proxy block comes before the real response: skip to the next one.
      guard head.isInterim(statusLine.text) else { break }
      var lookahead = reader
      guard let next = lookahead.nextNonBlankLine(), next.text.hasPrefix("HTTP/") else { break }
      reader = lookahead
      statusLine = next
    }
    findings += head.findings
    map.status = .location(line: statusLine.number, column: 1 + statusLine.columnOffset)
    map.responseHeaders = head.spots
    let headers = head.headers
    if reader.curlVerbose { skipCurlNotes(bytes, head: &head) }
    let bodyEnd = reader.curlVerbose ? curlBodyEnd(bytes, from: head.bodyStart) : bytes.count
    let bodyRange = head.bodyStart..<max(head.bodyStart, bodyEnd)
    let origin = JSONSourceLocation(offset: head.bodyStart, line: head.bodyLine, column: 1)
    func response(_ outcome: BodyDecoder.Outcome?, problem: String? = nil) -> ResponseUnderTest {
      ResponseUnderTest(
        endpoint: endpoint, request: request, status: head.status, headers: headers,
        body: outcome?.value, bodyProblem: problem ?? outcome?.problem?.message,
        duplicateMembers: outcome?.duplicateMembers ?? [])
    }
    let decoded: DecodedBody?
    switch decodeCodings(bytes, range: bodyRange, headers: headers) {
    case .plain: decoded = nil
    case .decoded(let body): decoded = body
    case .failed(let message, let offset, let part):
      let place = offset.map { JSONSourceLocation(offset: $0, in: bytes) }
      let headerSpot = map.responseHeaders[
        part == .transferEncoding ? "transfer-encoding" : "content-encoding"]
      var source = place.map { SourceReference(file: "", line: $0.line, column: $0.column) }
      if source == nil, case .location(let line, let column)? = headerSpot {
        source = SourceReference(file: "", line: line, column: column)
      }
      findings.append(
        Finding(
          severity: .error,
          kind: part == .unsupported ? .inputUnsupportedEncoding : .inputMalformedBody,
          message: message, subject: subject, source: source))
      return InputEntry(
        response: response(nil, problem: message), findings: findings, sourceMap: map)
    }
    let outcome: BodyDecoder.Outcome
    if let decoded {
      map.body = .decoded(decoded, origin: origin)
      outcome = decoded.bytes.withUnsafeBytes { BodyDecoder.decode($0) }
      let lines = LineIndex(bytes)
      findings += BodyDecoder.findings(of: outcome, subject: subject) { location in
        guard let offset = decoded.inputOffset(of: location.offset) else {
          return SourceReference(file: "", line: origin.line, column: origin.column)
        }
        let traced = lines.location(of: offset)
        return SourceReference(file: "", line: traced.line, column: traced.column)
      }.map { finding in
        guard let coding = decoded.contentCoding, finding.kind != .inputByteOrderMark else {
          return finding
        }
        var finding = finding
        if finding.kind == outcome.problem?.kind, let location = outcome.problem?.location {
          finding.message +=
            " (at line \(location.line), column \(location.column) of the \(coding)-decoded body)"
        } else {
          finding.message += " (in the \(coding)-decoded body)"
        }
        return finding
      }
    } else {
      map.body = .text(range: bodyRange, origin: origin)
      outcome = bytes.withUnsafeBytes {
        BodyDecoder.decode(UnsafeRawBufferPointer(rebasing: $0[bodyRange]))
      }
      findings += BodyDecoder.findings(of: outcome, subject: subject) { location in
        SourceReference(
          file: "", line: origin.line + location.line - 1,
          column: location.line == 1 ? origin.column + location.column - 1 : location.column)
      }
    }
    return InputEntry(response: response(outcome), findings: findings, sourceMap: map)
  }

  /// A response's head: its status, headers and where its body starts.
  private struct Head {
    var status: Int?
    var headers = HTTPHeaders()
    var spots: [String: SourceMap.Spot] = [:]
    var findings: [Finding] = []
    var bodyStart: Int
    var bodyLine: Int

    /// Whether this block only precedes the response: `1xx`, or a proxy's answer to CONNECT.
    func isInterim(_ statusText: String) -> Bool {
      guard let status else { return false }
      return (100..<200).contains(status)
        || (status == 200 && statusText.lowercased().contains("connection established"))
    }
  }

  /// Reads the header lines after `statusLine`, up to the blank line before the body.
  private static func readHead(
    statusLine: LineReader.Line, reader: inout LineReader, subject: String?
  )
    -> Head
  {
    var head = Head(
      status: statusCode(statusLine.text), bodyStart: reader.position, bodyLine: reader.lineNumber)
    if head.status == nil {
      head.findings.append(
        Finding(
          severity: .error, kind: .inputMalformedHTTP,
          message:
            "expected a status line such as 'HTTP/1.1 200 OK', found '\(statusLine.text.prefix(60))'",
          part: .responseStatus, subject: subject,
          source: SourceReference(file: "", line: statusLine.number, column: 1)))
    }
    var malformedLines = 0
    while let current = reader.nextLine() {
      if current.text.isEmpty {
        head.bodyStart = reader.position
        head.bodyLine = reader.lineNumber
        break
      }
      if current.text.hasPrefix("{") || current.text.hasPrefix("[") {
        // The blank line was lost in copying: the body starts here.
        head.bodyStart = current.start
        head.bodyLine = current.number
        break
      }
      if let (name, value, column) = headerField(current.text) {
        head.headers.append(name: name, value: value)
        head.spots[name.lowercased()] =
          head.spots[name.lowercased()]
          ?? .location(line: current.number, column: column + current.columnOffset)
      } else if malformedLines < 3 {
        malformedLines += 1
        head.findings.append(
          Finding(
            severity: .error, kind: .inputMalformedHTTP,
            message:
              "expected a header line such as 'Content-Type: application/json', found '\(current.text.prefix(60))'",
            part: .responseHeaders, subject: subject,
            source: SourceReference(file: "", line: current.number, column: 1)))
      }
      head.bodyStart = reader.position
      head.bodyLine = reader.lineNumber
    }
    return head
  }

  /// Moves the body's start past the `* ` notes and `{ [N bytes data]` lines curl prints
  /// between the head and the body.
  private static func skipCurlNotes(_ bytes: [UInt8], head: inout Head) {
    while head.bodyStart < bytes.count {
      guard isCurlNote(bytes[head.bodyStart...]) else { return }
      let end = bytes[head.bodyStart...].firstIndex(of: 0x0A) ?? bytes.count
      head.bodyStart = min(end + 1, bytes.count)
      head.bodyLine += 1
    }
  }

  /// Where a `curl -v` body ends: before the `* ` notes curl prints after it.
  private static func curlBodyEnd(_ bytes: [UInt8], from start: Int) -> Int {
    var end = bytes.count
    while end > start {
      var lineEnd = end
      while lineEnd > start, bytes[lineEnd - 1] == 0x0A || bytes[lineEnd - 1] == 0x0D {
        lineEnd -= 1
      }
      let lineStart = (bytes[start..<lineEnd].lastIndex(of: 0x0A) ?? (start - 1)) + 1
      guard isCurlNote(bytes[lineStart..<lineEnd]) else { return end }
      end = lineStart
    }
    return end
  }

  /// Whether `line` is one curl prints about the transfer, not part of a message: a `* `
  /// note or a `{ [N bytes data]` / `} [N bytes data]` marker.
  static func isCurlNote(_ line: ArraySlice<UInt8>) -> Bool {
    curlNotePrefixes.contains { line.starts(with: $0) }
  }

  private static let curlNotePrefixes = ["* ", "{ [", "} ["].map { Array($0.utf8) }

  /// Whether `bytes` start (after whitespace) like JSON text: a body shown already decoded.
  private static func looksLikeJSON(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard let first = bytes.first(where: { !BodyDecoder.isWhitespace($0) }) else { return true }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  /// Where undoing a body's codings failed.
  private enum CodingPart { case transferEncoding, contentEncoding, unsupported }

  private enum CodingOutcome {
    /// No coding to undo, or the body is already decoded.
    case plain
    case decoded(DecodedBody)
    case failed(String, offset: Int?, part: CodingPart)
  }

  /// Undoes `Transfer-Encoding: chunked` and a `gzip` or `deflate` `Content-Encoding`.
  private static func decodeCodings(_ bytes: [UInt8], range: Range<Int>, headers: HTTPHeaders)
    -> CodingOutcome
  {
    // `curl -i` and developer tools show the body decoded but keep the headers that name its
    // codings: JSON text is taken as it is.
    var decoded: DecodedBody?
    let transfer = (headers["Transfer-Encoding"] ?? "").lowercased()
    if transfer.contains("chunked") && !looksLikeJSON(bytes[range]) {
      switch ChunkedDecoder.decode(bytes, range: range) {
      case .success(let body): decoded = body
      case .failure(let failure):
        return .failed(failure.message, offset: failure.inputOffset, part: .transferEncoding)
      }
    }
    let coding = (headers["Content-Encoding"] ?? "")[...].trimmingHTTPWhitespace.lowercased()
    guard !coding.isEmpty, coding != "identity" else {
      return decoded.map(CodingOutcome.decoded) ?? .plain
    }
    let source = decoded?.bytes[...] ?? bytes[range]
    if looksLikeJSON(source) { return decoded.map(CodingOutcome.decoded) ?? .plain }
    guard let known = Inflater.Coding(rawValue: coding == "x-gzip" ? "gzip" : coding) else {
      return .failed(
        "the body is encoded as '\(coding)' (Content-Encoding), which pc-contract does not decode (it reads gzip and deflate); save the response decoded, as curl --compressed or the browser's response view show it",
        offset: nil, part: .unsupported)
    }
    do {
      let inflated = try Inflater().inflate(source, coding: known)
      return .decoded(DecodedBody(bytes: inflated, segments: [], contentCoding: known.rawValue))
    } catch {
      return .failed("\(error) (Content-Encoding: \(coding))", offset: nil, part: .contentEncoding)
    }
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
    /// How many bytes of prefix (`< ` in `curl -v` output) were taken off the text.
    var columnOffset = 0
  }

  let bytes: [UInt8]
  var position: Int
  var lineNumber: Int
  /// Whether this is `curl -v` output: `* `, `{ ` and `} ` lines are skipped and the `> ` or
  /// `< ` prefix is taken off the others.
  var curlVerbose = false

  /// A head line longer than this is cut: nothing legitimate in a head is that long, and a
  /// garbage input must not become one huge string.
  static let longestLine = 16 * 1024

  mutating func nextLine() -> Line? {
    guard curlVerbose else { return nextRawLine() }
    while var line = nextRawLine() {
      let text = line.text
      if text == "*" || RawHTTPDecoder.isCurlNote(bytes[line.start...]) { continue }
      if text == ">" || text == "<" {
        line.text = ""
      } else if text.hasPrefix("> ") || text.hasPrefix("< ") {
        line.text = String(text.dropFirst(2))
        line.columnOffset = 2
      }
      return line
    }
    return nil
  }

  private mutating func nextRawLine() -> Line? {
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
