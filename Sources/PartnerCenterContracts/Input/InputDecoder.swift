import JSONCore

/// Works out what an input is (a plain JSON body, a raw HTTP response, a recording or a HAR
/// file) and turns it into the responses to check.
///
/// Never fails: an input that is none of these (empty, HTML, binary, malformed JSON) becomes a
/// plain body whose problem is a located finding, so every input gets a verdict. The work is
/// linear in the input: the bytes are parsed once, without copying the body.
public enum InputDecoder {
  /// Decodes `bytes`, read from the input shown as `name` (a path, or `<stdin>`).
  ///
  /// `recording` is the file already read as a recording (a recordings folder reads each file
  /// once as one), so it is not decoded and checked against its schema a second time.
  public static func decode(
    _ bytes: [UInt8], name: String, recording known: Result<Recording, RecordingError>? = nil
  ) -> DecodedInput {
    let hasByteOrderMark =
      bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    let start = hasByteOrderMark ? 3 : 0
    let first = bytes[start...].firstIndex { !BodyDecoder.isWhitespace($0) }
    if let first, bytes[first] != UInt8(ascii: "{") && bytes[first] != UInt8(ascii: "["),
      RawHTTPDecoder.looksLikeHTTP(bytes, from: start)
    {
      var entry = RawHTTPDecoder.decode(bytes, from: start)
      if hasByteOrderMark {
        entry.findings.append(
          Finding(
            severity: .info, kind: .inputByteOrderMark,
            message: "the input starts with a UTF-8 byte-order mark (accepted)", part: .input,
            subject: entry.response.endpoint?.subject,
            source: SourceReference(file: "", line: 1, column: 1)))
      }
      return DecodedInput(name: name, kind: .rawHTTP, bytes: bytes, entries: [entry], findings: [])
    }
    let outcome = bytes.withUnsafeBytes { BodyDecoder.decode($0) }
    if let value = outcome.value, value.objectValue != nil {
      if value["log"]?["entries"]?.arrayValue != nil {
        return HARDecoder.decode(value, bytes: bytes, name: name)
      }
      if value["formatVersion"] != nil && value["response"] != nil {
        return decodeRecording(
          value, known: known, outcome: outcome, bytes: bytes, name: name)
      }
    }
    return DecodedInput(
      name: name, kind: .json, bytes: bytes, entries: [plainBodyEntry(outcome, bytes: bytes)],
      findings: [], arrayIndex: outcome.arrayIndex)
  }

  private static func plainBodyEntry(_ outcome: BodyDecoder.Outcome, bytes: [UInt8])
    -> InputEntry
  {
    let findings = BodyDecoder.findings(of: outcome, subject: nil) {
      SourceReference(file: "", line: $0.line, column: $0.column)
    }
    var map = SourceMap()
    map.body = .text(
      range: 0..<bytes.count, origin: JSONSourceLocation(offset: 0, line: 1, column: 1))
    let response = ResponseUnderTest(
      body: outcome.value, bodyProblem: outcome.problem?.message,
      duplicateMembers: outcome.duplicateMembers)
    return InputEntry(response: response, findings: findings, sourceMap: map)
  }

  private static func decodeRecording(
    _ value: JSONValue, known: Result<Recording, RecordingError>?, outcome: BodyDecoder.Outcome,
    bytes: [UInt8], name: String
  ) -> DecodedInput {
    let recording: Recording
    do throws(RecordingError) {
      if let known {
        recording = try known.get()
      } else {
        recording = try RecordingCodec.decode(value)
      }
    } catch {
      let finding = Finding(
        severity: .error, kind: .inputInvalidRecording, message: "\(error)", part: .input,
        pointer: error.pointer ?? .root)
      return DecodedInput(
        name: name, kind: .recording, bytes: bytes, entries: [], findings: [finding])
    }
    let subject = recording.endpoint.subject
    var map = SourceMap()
    map.status = .pointer(JSONPointer(tokens: ["response", "status"]))
    map.request = .pointer(JSONPointer(tokens: ["request", "url"]))
    for field in recording.response.headers {
      map.responseHeaders[field.name.lowercased()] = .pointer(
        JSONPointer(tokens: ["response", "headers", field.name]))
    }
    for field in recording.request.headers {
      map.requestHeaders[field.name.lowercased()] = .pointer(
        JSONPointer(tokens: ["request", "headers", field.name]))
    }
    var findings: [Finding] = []
    var body: JSONValue?
    var problem: String?
    var duplicates: [JSONDuplicateMember] = []
    switch recording.response.body {
    case .json(let json):
      body = json
      map.body = .embedded(RecordingCodec.bodyPointer)
      duplicates = outcome.duplicateMembers.compactMap { duplicate in
        guard duplicate.objectPointer.hasPrefix(RecordingCodec.bodyPointer) else { return nil }
        var inBody = duplicate
        inBody.objectPointer = JSONPointer(
          tokens: Array(duplicate.objectPointer.tokens.dropFirst(2)))
        return inBody
      }
    case .text(let text):
      map.body = .string(JSONPointer(tokens: ["response", "bodyText"]))
      let textOutcome = Array(text.utf8).withUnsafeBytes { BodyDecoder.decode($0) }
      body = textOutcome.value
      problem = textOutcome.problem?.message
      duplicates = textOutcome.duplicateMembers
      findings += BodyDecoder.findings(of: textOutcome, subject: subject) { _ in nil }
    case .empty:
      problem = "the body is empty; expected a JSON document"
      findings.append(
        Finding(
          severity: .error, kind: .inputEmptyBody, message: problem ?? "", subject: subject))
    }
    if recording.response.hasByteOrderMark {
      findings.append(
        Finding(
          severity: .info, kind: .inputByteOrderMark,
          message: "the body starts with a UTF-8 byte-order mark (accepted, but RFC 8259 says "
            + "senders must not add one)", subject: subject))
    }
    let response = ResponseUnderTest(
      endpoint: recording.endpoint, request: recording.request, status: recording.response.status,
      headers: recording.response.headers, body: body, bodyProblem: problem,
      duplicateMembers: duplicates)
    let entry = InputEntry(response: response, findings: findings, sourceMap: map)
    return DecodedInput(
      name: name, kind: .recording, bytes: bytes, entries: [entry], findings: [],
      arrayIndex: outcome.arrayIndex)
  }
}
