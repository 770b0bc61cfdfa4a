import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// Responses as people paste them: chunked and compressed bodies, `curl -v` output, interim
/// blocks, HAR files saved without bodies.
@Suite struct PastedInputTests {
  let head = DocumentationExample.customerResponse.components(separatedBy: "\n\n")[0]
    .replacingOccurrences(of: "Content-Length: 1726\n", with: "")
  let body = DocumentationExample.customerBody
  /// The body with item 0's usagePercent over the maximum.
  var brokenBody: String {
    body.replacingOccurrences(of: "\"usagePercent\": 0.0", with: "\"usagePercent\": 100.5")
  }

  func check(_ bytes: [UInt8], name: String = "pasted.http") -> [Finding] {
    let input = InputDecoder.decode(bytes, name: name)
    return InputCheck(validator: ContractValidator()).findings(for: input)
  }

  /// `body` in chunks of `size` bytes, CR LF line endings, as a proxy shows it.
  func chunked(_ body: String, size: Int) -> [UInt8] {
    let bytes = Array(body.utf8)
    var out = Array(
      (head.replacingOccurrences(of: "\n", with: "\r\n")
        + "\r\nTransfer-Encoding: chunked\r\n\r\n").utf8)
    for start in stride(from: 0, to: bytes.count, by: size) {
      let chunk = bytes[start..<min(start + size, bytes.count)]
      out += Array("\(String(chunk.count, radix: 16));ext=1\r\n".utf8) + chunk + [0x0D, 0x0A]
    }
    return out + Array("0\r\nX-Trailer: yes\r\n\r\n".utf8)
  }

  @Test(arguments: [1, 7, 37, 512, 4096])
  func chunkedBodiesAreDecoded(size: Int) {
    #expect(check(chunked(body, size: size)).isEmpty)
  }

  @Test func findingsInAChunkedBodyArePlacedOnThePastedLine() throws {
    let bytes = chunked(brokenBody, size: 37)
    let findings = check(bytes)
    let maximum = try #require(findings.first { $0.kind.id == "schema.maximum" })
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    let line = try #require(lineNumber(of: "100.5", in: text))
    let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
    let value = try #require(lineText.range(of: "100.5"))
    let column = lineText[..<value.lowerBound].utf8.count + 1
    #expect(maximum.source?.line == line)
    #expect(maximum.source?.column == column)
  }

  @Test func aBrokenChunkSizeOrATruncatedChunkSaysSoWithItsLine() throws {
    var bytes = chunked(body, size: 512)
    bytes.removeLast(300)
    let truncated = check(bytes)
    #expect(truncated.count == 1)
    #expect(truncated.first?.message.contains("declares 512 bytes but only") == true)
    #expect(truncated.first?.source?.line != nil)
    let garbage = Array((head + "\nTransfer-Encoding: chunked\n\nzz\nnot json\n0\n\n").utf8)
    let findings = check(garbage)
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("expected the size of chunk 1 in hexadecimal") == true)
    #expect(
      findings.first?.source?.line
        == lineNumber(of: "zz", in: head + "\nTransfer-Encoding: chunked\n\nzz"))
  }

  @Test func aDecodedBodyUnderChunkedHeadersIsReadAsItIs() {
    // curl -i shows the body decoded but keeps the header.
    let text = head + "\nTransfer-Encoding: chunked\n\n" + body
    #expect(check(Array(text.utf8)).isEmpty)
  }

  static let gzipBody =
    "H4sIAAAAAAACA32NLQ/CMBCGfX9Fc3ohQ2Bmp0gQE6AWRLdcxpHSI72rIE3/O+3wyOf9zMZaUFbnR05BYbDHrkmk+JJKc4YkbsMJ44o/v+8Pp86CU420JMUWy8DLE1e9ft5YESYXNWC8UC0Jyq1NnIPQ9lCBUu77x9+Fkb2vSBygmGK+PJsue6gAAAA="
  static let deflateBody =
    "eJx9jS0PwjAQhn1/RXN6IUNgZqdIEBOgFkS3XMaR0iO9qyBN/zvt8Mjn/czGWlBW50dOQWGwx65JpPiSSnOGJG7DCeOKP7/vD6fOglONtCTFFsvAyxNXvX7eWBEmFzVgvFAtCcqtTZyD0PZQgVLu+8ffhZG9r0gcoJhivsf2N38="
  static let cutGzip = "H4sIAAAAAAACA6tWSlSyUog21FEw0gEAN2FmTgwAAAA="

  func compressed(_ coding: String, _ base64: String) -> [UInt8] {
    Array(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: \(coding)\r\n\r\n"
        .utf8)
      + [UInt8](Data(base64Encoded: base64) ?? Data())
  }

  @Test(arguments: [("gzip", gzipBody), ("deflate", deflateBody), ("x-gzip", gzipBody)])
  func compressedBodiesAreDecodedAndFindingsSayWhereInTheDecodedBody(
    coding: String, base64: String
  ) throws {
    let findings = check(compressed(coding, base64))
    let required = try #require(findings.first { $0.kind.id == "schema.required" })
    #expect(required.source?.line == 5)
    let decoding = coding == "x-gzip" ? "gzip" : coding
    #expect(required.message.contains("(at line 3, column 13 of the \(decoding)-decoded body)"))
  }

  @Test func aTruncatedGzipBodyIsOneClearFinding() {
    let findings = check(compressed("gzip", Self.cutGzip))
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("truncated") == true)
  }

  @Test func inflatingStopsAtTheLimit() throws {
    let data = try #require(Data(base64Encoded: Self.gzipBody))
    #expect(throws: Inflater.Failure.tooLarge(limit: 10)) {
      try Inflater(limit: 10).inflate(ArraySlice(data), coding: .gzip)
    }
    #expect(try Inflater(limit: 168).inflate(ArraySlice(data), coding: .gzip).count == 168)
  }

  @Test func brotliIsNamedNotMisread() {
    let findings = check(compressed("br", "GwAA"))
    #expect(findings.count == 1)
    #expect(findings.first?.kind.id == "input.unsupported-encoding")
    #expect(findings.first?.message.contains("'br'") == true)
    #expect(findings.first?.source?.line == 3)
  }

  @Test func interimAndProxyBlocksAreSkipped() {
    let text =
      "HTTP/1.1 200 Connection established\n\nHTTP/1.1 100 Continue\n\n" + head + "\n\n"
      + brokenBody
    let findings = check(Array(text.utf8))
    #expect(findings.contains { $0.kind.id == "schema.maximum" })
    #expect(!findings.contains { $0.kind.id.hasPrefix("input.") })
    let line = lineNumber(of: "100.5", in: text)
    #expect(findings.first { $0.kind.id == "schema.maximum" }?.source?.line == line)
  }

  @Test func curlVerboseOutputIsReadAsWhatItIs() throws {
    let request = DocumentationExample.customerRequest.split(separator: "\n").map { "> " + $0 }
    let response = head.split(separator: "\n").map { "< " + $0 }
    let text =
      (["*   Trying 20.190.160.1:443...", "* Connected"] + request + [">"] + response
      + ["<", "{ [1726 bytes data]"]).joined(separator: "\n") + "\n" + brokenBody
      + "\n* Connection #0 to host left intact\n"
    let findings = check(Array(text.utf8))
    #expect(findings.count { $0.kind.id.hasPrefix("input.") } == 0, "\(findings.map(\.message))")
    let maximum = try #require(findings.first { $0.kind.id == "schema.maximum" })
    #expect(maximum.source?.line == lineNumber(of: "100.5", in: text))
    #expect(maximum.subject?.hasPrefix("customer-licenses-usage/") == true)
  }

  @Test func aHARSavedWithoutBodiesGetsOneFindingPerEntry() throws {
    let har = """
      {"log": {"version": "1.2", "entries": [{
        "request": {"method": "GET", "url": "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage", "headers": []},
        "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
          "content": {"size": 1726, "mimeType": "application/json", "comment": "Response bodies are not included."}}}]}}
      """
    let findings = check(Array(har.utf8), name: "saved.har")
    #expect(findings.count == 1, "\(findings.map(\.kind.id))")
    #expect(findings.first?.kind.id == "input.body-not-captured")
    #expect(findings.first?.message.contains("Response bodies are not included.") == true)
    #expect(findings.first?.source?.line == 4)
  }

  @Test func aHARWithGzippedBase64ContentIsDecoded() throws {
    let har = """
      {"log": {"version": "1.2", "entries": [{
        "request": {"method": "GET", "url": "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage", "headers": []},
        "response": {"status": 200, "headers": [{"name": "Content-Encoding", "value": "gzip"}, {"name": "Content-Type", "value": "application/json"}],
          "content": {"size": 97, "mimeType": "application/json", "encoding": "base64", "text": "\(Self.gzipBody)"}}}]}}
      """
    let findings = check(Array(har.utf8), name: "gz.har")
    #expect(findings.contains { $0.kind.id == "schema.required" }, "\(findings.map(\.kind.id))")
    #expect(!findings.contains { $0.kind.id.hasPrefix("input.") })
  }
}
