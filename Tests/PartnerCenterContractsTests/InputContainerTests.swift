import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

@Suite struct InputContainerTests {
  let customer = "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04"
  let body = DocumentationExample.customerBody

  func recording(bodyBytes: [UInt8]) -> Recording {
    Recording(
      endpoint: .customerLicensesUsage(customerID: customer),
      request: RecordedRequest(
        url:
          "https://api.partnercenter.microsoft.com/v1/customers/\(customer)/analytics/licenses/usage",
        headers: ["MS-RequestId": "f657d2a8-9ed6-41b4-abfc-3cf4abebd62f"]),
      response: RecordedResponse(
        status: 200, headers: ["Content-Type": "application/json", "MS-CV": "x"],
        bodyBytes: bodyBytes),
      capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0")
  }

  @Test func recordingFindingsAreLocatedUnderResponseBody() throws {
    let bytes = RecordingCodec.encode(recording(bodyBytes: Array(body.utf8)))
    let input = InputDecoder.decode(bytes, name: "rec.json")
    #expect(input.kind == .recording)
    let entry = try #require(input.entries.first)
    #expect(entry.findings.isEmpty)
    #expect(entry.response.endpoint == .customerLicensesUsage(customerID: customer))
    #expect(entry.response.request?.headers["ms-requestid"] != nil)
    let located = input.locate([
      [probe("/items/3/productName"), probe("/MS-CV", part: .responseHeaders)]
    ])
    let locator = JSONSourceLocator(bytes)
    let expected = try #require(
      locator.locate(try JSONPointer(parsing: "/response/body/items/3/productName")))
    #expect(
      located[0].source
        == SourceReference(
          file: "rec.json", line: expected.value.line, column: expected.value.column))
    let header = try #require(locator.locate(try JSONPointer(parsing: "/response/headers/MS-CV")))
    #expect(located[1].source?.line == header.value.line)
  }

  @Test func recordingWithATextBodyIsReparsedAndLocatedAtTheText() throws {
    let bytes = RecordingCodec.encode(recording(bodyBytes: Array("<html>oops</html>".utf8)))
    let input = InputDecoder.decode(bytes, name: "rec.json")
    let entry = try #require(input.entries.first)
    #expect(entry.findings.map(\.kind.id) == ["input.not-json"])
    let located = input.locate([entry.findings])
    let text = try #require(
      JSONSourceLocator(bytes).locate(try JSONPointer(parsing: "/response/bodyText")))
    #expect(located.first?.source?.line == text.value.line)
  }

  @Test func invalidRecordingIsAnInputFindingAtItsPointer() throws {
    let text = #"{"formatVersion": 1, "endpoint": "nope", "response": {}}"#
    let input = InputDecoder.decode(Array(text.utf8), name: "bad.json")
    #expect(input.kind == .recording)
    #expect(input.entries.isEmpty)
    let located = input.locate([])
    #expect(located.map(\.kind.id) == ["input.invalid-recording"])
    #expect(located.first?.source?.column == 34)
  }

  func har(entries: [JSONValue]) -> [UInt8] {
    var log = JSONObject()
    log["version"] = "1.2"
    log["entries"] = .array(entries)
    var root = JSONObject()
    root["log"] = .object(log)
    return JSONWriter.prettyBytes(.object(root))
  }

  func harEntry(url: String, text: String, base64: Bool = false) throws -> JSONValue {
    let content =
      base64
      ? #"{"mimeType": "application/json", "encoding": "base64", "text": "\#(Data(text.utf8).base64EncodedString())"}"#
      : #"{"mimeType": "application/json", "text": \#(JSONWriter.compact(.string(text)))}"#
    return try JSONParser.parse(
      #"""
      {"request": {"method": "GET", "url": "\#(url)",
                   "headers": [{"name": "MS-RequestId", "value": "f657d2a8-9ed6-41b4-abfc-3cf4abebd62f"}]},
       "response": {"status": 200,
                    "headers": [{"name": "Content-Type", "value": "application/json"}],
                    "content": \#(content)}}
      """#
    ).value
  }

  @Test func harEntriesForLicensesUsageAreChecked() throws {
    let base = "https://api.partnercenter.microsoft.com/v1"
    let bytes = har(entries: [
      try harEntry(url: "\(base)/customers?size=10", text: "{}"),
      try harEntry(url: "\(base)/customers/\(customer)/analytics/licenses/usage", text: body),
      try harEntry(url: "\(base)/analytics/licenses/usage", text: body, base64: true),
      try harEntry(url: "https://example.com/", text: "<html/>"),
    ])
    let input = InputDecoder.decode(bytes, name: "trace.har")
    #expect(input.kind == .har)
    #expect(input.entries.count == 2)
    #expect(input.findings.isEmpty)
    #expect(
      input.entries.map(\.response.endpoint) == [
        .customerLicensesUsage(customerID: customer), .partnerLicensesUsage,
      ])
    #expect(input.entries.allSatisfy { $0.response.body?["totalCount"] != nil })
    #expect(input.entries[0].response.request?.headers["MS-RequestId"] != nil)
    let located = input.locate([
      [probe("/items/0"), probe("/Content-Type", part: .responseHeaders)], [probe("/totalCount")],
    ])
    let locator = JSONSourceLocator(bytes)
    let text1 = try #require(
      locator.locate(try JSONPointer(parsing: "/log/entries/1/response/content/text")))
    let text2 = try #require(
      locator.locate(try JSONPointer(parsing: "/log/entries/2/response/content/text")))
    let header = try #require(
      locator.locate(try JSONPointer(parsing: "/log/entries/1/response/headers/0/value")))
    #expect(located[0].source?.line == text1.value.line)
    #expect(located[0].message == "probe (HAR entry 1: located at its response.content.text)")
    #expect(located[1].source?.line == header.value.line)
    #expect(located[1].message == "probe")
    #expect(located[2].source?.line == text2.value.line)
  }

  @Test func aHARThatBreaksItsSchemaIsOneFindingAtItsPlace() throws {
    let text = """
      {"log": {"entries": [
        {"request": {"url": "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage"},
         "response": {"status": "200", "content": {"text": "{}"}}}
      ]}}
      """
    let input = InputDecoder.decode(Array(text.utf8), name: "broken.har")
    #expect(input.kind == .har)
    #expect(input.entries.isEmpty)
    let finding = try #require(input.locate([]).first)
    #expect(finding.kind == .inputMalformedHAR)
    #expect(finding.pointerText == "/log/entries/0/response/status")
    #expect(finding.message.contains("expected integer, found string"), "\(finding.message)")
    #expect(
      finding.source?.line == 3 && finding.source?.column == 27,
      "\(String(describing: finding.source))")
  }

  @Test func harWithoutLicensesUsageEntriesSaysSo() throws {
    let bytes = har(entries: [try harEntry(url: "https://example.com/", text: "{}")])
    let input = InputDecoder.decode(bytes, name: "other.har")
    #expect(input.entries.isEmpty)
    #expect(input.findings.map(\.kind.id) == ["input.no-responses"])
    #expect(input.locate([]).first?.source?.line != nil)
  }
}
