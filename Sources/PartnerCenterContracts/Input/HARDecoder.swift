import Foundation
import JSONCore

/// Reads a HAR 1.2 file (as browsers' developer tools and proxies save them): every entry
/// whose request URL names a licenses-usage endpoint becomes a response to check.
///
/// A HAR body is a JSON string (`response.content.text`, base64 when `encoding` says so), so
/// findings in it are located at that string's opening quote and say so in their message.
///
/// The file is read through `schemas/har.schema.json`, which states the part the tool reads: a
/// file that breaks it is one `input.malformed-har` finding, located at the schema's pointer.
enum HARDecoder {
  /// The schema of the part of a HAR the tool reads.
  static let schema = DeclaredSchemas.embedded.schema(named: "har")!

  static func decode(_ value: JSONValue, bytes: [UInt8], name: String) -> DecodedInput {
    if let problem = SchemaProblem(value, schema: schema) {
      let finding = Finding(
        severity: .error, kind: .inputMalformedHAR,
        message: "not a HAR this tool can read (schemas/har.schema.json): \(problem.message)",
        part: .input, pointer: problem.pointer)
      return DecodedInput(name: name, kind: .har, bytes: bytes, entries: [], findings: [finding])
    }
    let entries = value["log"]?["entries"]?.arrayValue ?? []
    var decoded: [InputEntry] = []
    for (index, entry) in entries.enumerated() {
      guard let url = entry["request"]?["url"]?.stringValue, let endpoint = Endpoint(url: url),
        endpoint.id.responseSchemaName != nil
      else { continue }
      decoded.append(decodeEntry(entry, index: index, endpoint: endpoint, url: url))
    }
    var findings: [Finding] = []
    if decoded.isEmpty {
      findings.append(
        Finding(
          severity: .warning, kind: .inputNoResponses,
          message:
            "none of the \(Plural.counted(entries.count, "HAR entry")) requests a licenses-usage endpoint "
            + "(/v1/analytics/licenses/usage or /v1/customers/{id}/analytics/licenses/usage)",
          part: .input, pointer: "/log/entries"))
    }
    return DecodedInput(name: name, kind: .har, bytes: bytes, entries: decoded, findings: findings)
  }

  private static func decodeEntry(_ entry: JSONValue, index: Int, endpoint: Endpoint, url: String)
    -> InputEntry
  {
    let base = JSONPointer(tokens: ["log", "entries", String(index)])
    let subject = endpoint.subject
    var map = SourceMap()
    map.request = .pointer(base.appending("request").appending("url"))
    map.status = .pointer(base.appending("response").appending("status"))
    let (requestHeaders, requestSpots) = headers(
      entry["request"]?["headers"], at: base.appending("request").appending("headers"))
    let (responseHeaders, responseSpots) = headers(
      entry["response"]?["headers"], at: base.appending("response").appending("headers"))
    map.requestHeaders = requestSpots
    map.responseHeaders = responseSpots
    let method = entry["request"]?["method"]?.stringValue ?? "GET"
    let status = entry["response"]?["status"]?.numberValue?.intValue
    let content = entry["response"]?["content"]
    let textPointer = base.appending("response").appending("content").appending("text")
    map.body = .string(textPointer)
    var findings: [Finding] = []
    var bodyBytes: [UInt8] = []
    guard let text = content?["text"]?.stringValue else {
      // Saved without bodies ("Response bodies are not included."): one finding, not an
      // empty body and a malformed one.
      let message =
        "HAR entry \(index) has no response body: the HAR was saved without bodies"
        + (content?["comment"]?.stringValue.map { " (\"\($0)\")" } ?? "")
        + "; export it with content (in the browser: Save all as HAR with content)"
      findings.append(
        Finding(
          severity: .error, kind: .inputBodyNotCaptured, message: message, part: .input,
          subject: subject))
      let response = ResponseUnderTest(
        endpoint: endpoint,
        request: RecordedRequest(method: method, url: url, headers: requestHeaders),
        status: status, headers: responseHeaders, body: nil, bodyProblem: message)
      // Located at the entry's `content`, where the body would be.
      map.body = .string(base.appending("response").appending("content"))
      return InputEntry(response: response, findings: findings, sourceMap: map)
    }
    func malformed(_ kind: FindingKind, _ message: String) {
      findings.append(
        Finding(
          severity: .error, kind: kind, message: message, part: .input,
          pointer: textPointer, subject: subject))
    }
    if content?["encoding"]?.stringValue == "base64" {
      if let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) {
        bodyBytes = [UInt8](data)
      } else {
        malformed(
          .inputMalformedHAR,
          "response.content.text of HAR entry \(index) says it is base64 but is not")
      }
    } else {
      bodyBytes = Array(text.utf8)
    }
    // Some tools store the body as sent on the wire: compressed, in base64.
    let isDeflate =
      (responseHeaders["Content-Encoding"] ?? "").lowercased().contains("deflate")
      && bodyBytes.first.map { $0 & 0x0F == 8 } == true
    let coding: Inflater.Coding? =
      bodyBytes.starts(with: [0x1F, 0x8B]) ? .gzip : isDeflate ? .deflate : nil
    if let coding {
      do {
        bodyBytes = try Inflater().inflate(bodyBytes[...], coding: coding)
      } catch {
        malformed(
          .inputMalformedBody, "the body of HAR entry \(index) is compressed but \(error)")
      }
    }
    let outcome = bodyBytes.withUnsafeBytes { BodyDecoder.decode($0) }
    findings += BodyDecoder.findings(of: outcome, subject: subject) { _ in nil }
    let response = ResponseUnderTest(
      endpoint: endpoint,
      request: RecordedRequest(method: method, url: url, headers: requestHeaders),
      status: status, headers: responseHeaders, body: outcome.value,
      bodyProblem: outcome.problem?.message, duplicateMembers: outcome.duplicateMembers)
    return InputEntry(
      response: response, findings: findings, sourceMap: map,
      locationNote: "HAR entry \(index): located at its response.content.text")
  }

  /// The headers of a HAR `headers` array (`[{"name": ..., "value": ...}]`) and where each
  /// name's first value is.
  private static func headers(_ value: JSONValue?, at pointer: JSONPointer)
    -> (HTTPHeaders, [String: SourceMap.Spot])
  {
    var headers = HTTPHeaders()
    var spots: [String: SourceMap.Spot] = [:]
    for (index, field) in (value?.arrayValue ?? []).enumerated() {
      guard let name = field["name"]?.stringValue, let text = field["value"]?.stringValue else {
        continue
      }
      headers.append(name: name, value: text)
      let key = name.lowercased()
      if spots[key] == nil {
        spots[key] = .pointer(pointer.appending(index).appending("value"))
      }
    }
    return (headers, spots)
  }
}
