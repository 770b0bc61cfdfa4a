import JSONCore

/// Parses a response body and, when it is not JSON, says what it is instead: empty, HTML,
/// binary data, or JSON that is malformed or truncated (with the line and column).
enum BodyDecoder {
  /// What a body turned out to be.
  struct Outcome: Sendable {
    /// The parsed body, when it is JSON.
    var value: JSONValue?
    /// Member names repeated in one object.
    var duplicateMembers: [JSONDuplicateMember] = []
    /// Whether the body began with a UTF-8 byte-order mark.
    var hasByteOrderMark = false
    /// Why the body is not JSON, when it is not.
    var problem: Problem?
    /// Where the elements of the body's long arrays start, for locating findings.
    var arrayIndex = JSONArrayIndex.empty
  }

  /// Why a body is not JSON.
  struct Problem: Sendable {
    /// The finding kind: `input.empty-body`, `input.not-json`, `input.malformed-json`.
    var kind: FindingKind
    /// One sentence.
    var message: String
    /// Where in the body, when a particular byte is to blame.
    var location: JSONSourceLocation?
  }

  /// Decodes the body in `buffer`, without copying it.
  static func decode(_ buffer: UnsafeRawBufferPointer) -> Outcome {
    var outcome = Outcome()
    outcome.hasByteOrderMark =
      buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
    let start = outcome.hasByteOrderMark ? 3 : 0
    guard let first = buffer[start...].firstIndex(where: { !isWhitespace($0) }) else {
      outcome.problem = Problem(
        kind: .inputEmptyBody, message: "the body is empty; expected a JSON document",
        location: JSONSourceLocation(offset: 0, line: 1, column: 1))
      return outcome
    }
    // Only the leading whitespace is scanned to place the problem.
    let firstLocation = JSONSourceLocation(
      offset: first, in: UnsafeRawBufferPointer(rebasing: buffer[0...first]))
    if buffer[first] == UInt8(ascii: "<") {
      outcome.problem = Problem(
        kind: .inputNotJSON, message: "the body is HTML or XML, not JSON" + title(buffer),
        location: firstLocation)
      return outcome
    }
    let head = buffer[first..<min(buffer.count, first + 512)]
    if head.contains(where: { $0 < 0x20 && !isWhitespace($0) }) {
      let bytes = buffer[first..<min(buffer.count, first + 4)]
      let hex = bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
      }
      outcome.problem = Problem(
        kind: .inputNotJSON,
        message:
          "the body is binary data, not JSON (it starts with bytes \(hex.joined(separator: " ")))"
      )
      return outcome
    }
    do {
      let document = try JSONParser.parse(buffer)
      outcome.value = document.value
      outcome.duplicateMembers = document.duplicateMembers
      outcome.arrayIndex = document.arrayIndex
    } catch {
      let truncated = error.message.hasSuffix("found end of input")
      outcome.problem = Problem(
        kind: .inputMalformedJSON,
        message: (truncated ? "the body is truncated: " : "the body is not valid JSON: ")
          + error.message,
        location: error.location)
    }
    return outcome
  }

  /// The body's findings: the problem (located by `locate` when it has a position) and the
  /// byte-order mark.
  static func findings(
    of outcome: Outcome, subject: String?, locate: (JSONSourceLocation) -> SourceReference?
  ) -> [Finding] {
    var findings: [Finding] = []
    if outcome.hasByteOrderMark {
      findings.append(
        Finding(
          severity: .info, kind: .inputByteOrderMark,
          message: "the body starts with a UTF-8 byte-order mark (accepted, but RFC 8259 says "
            + "senders must not add one)",
          subject: subject, source: locate(JSONSourceLocation(offset: 0, line: 1, column: 1))))
    }
    if let problem = outcome.problem {
      findings.append(
        Finding(
          severity: .error, kind: problem.kind, message: problem.message, subject: subject,
          source: problem.location.flatMap(locate)))
    }
    return findings
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// ` (title "...")` when an HTML page's title is near the start, to tell a login page from
  /// a gateway error at a glance.
  private static func title(_ buffer: UnsafeRawBufferPointer) -> String {
    let head = Array(buffer[0..<min(buffer.count, 4096)])
    let lowered = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    guard let open = firstRange(of: Array("<title>".utf8), in: lowered),
      let close = firstRange(of: Array("</title>".utf8), in: lowered, from: open.upperBound)
    else { return "" }
    let text = String(decoding: head[open.upperBound..<close.lowerBound], as: UTF8.self)
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard !text.isEmpty else { return "" }
    return " (title \"\(text.prefix(80))\")"
  }

  private static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0)
    -> Range<Int>?
  {
    guard haystack.count >= needle.count, start <= haystack.count - needle.count else {
      return nil
    }
    for index in start...(haystack.count - needle.count)
    where haystack[index..<index + needle.count].elementsEqual(needle) {
      return index..<index + needle.count
    }
    return nil
  }
}
