import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// The 1-based number of the first line of `text` that contains `needle`.
func lineNumber(of needle: String, in text: String) -> Int? {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  return lines.firstIndex { $0.contains(needle) }.map { $0 + 1 }
}

/// A finding about `pointer` in `part`, to be located.
func probe(_ pointer: JSONPointer, part: MessagePart = .responseBody) -> Finding {
  Finding(severity: .error, kind: .inputFamily, message: "probe", part: part, pointer: pointer)
}

@Suite struct InputDecoderTests {
  let body = DocumentationExample.customerBody

  @Test func plainJSONBodyIsOneEntryWithTheBodyParsed() throws {
    let input = InputDecoder.decode(Array(body.utf8), name: "body.json")
    #expect(input.kind == .json)
    #expect(input.entries.count == 1)
    let entry = try #require(input.entries.first)
    #expect(entry.findings.isEmpty)
    #expect(entry.response.body?["totalCount"]?.numberValue?.intValue == 5)
    #expect(entry.response.endpoint == nil)
    let located = input.locate([[probe("/items/1/workloadName")]])
    let line = lineNumber(of: "\"SharePoint\"", in: body)
    #expect(located.first?.source == SourceReference(file: "body.json", line: line, column: 29))
  }

  @Test(arguments: ["\n", "\r\n"])
  func rawHTTPExchangeGivesEndpointRequestHeadersAndBody(lineEnding: String) throws {
    let text = DocumentationExample.customerExchange.replacingOccurrences(
      of: "\n", with: lineEnding)
    let input = InputDecoder.decode(Array(text.utf8), name: "trace.txt")
    #expect(input.kind == .rawHTTP)
    let entry = try #require(input.entries.first)
    #expect(entry.findings.isEmpty)
    let response = entry.response
    #expect(
      response.endpoint
        == .customerLicensesUsage(customerID: "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04"))
    #expect(response.status == 200)
    #expect(response.request?.headers["MS-RequestId"] == "f657d2a8-9ed6-41b4-abfc-3cf4abebd62f")
    #expect(response.headers?["content-type"] == "application/json; charset=utf-8")
    #expect(response.body?["items"]?.arrayValue?.count == 5)
    let plain = DocumentationExample.customerExchange
    let located = input.locate([
      [
        probe("/items/2/workloadName"), probe("/MS-CV", part: .responseHeaders),
        probe("/MS-RequestId", part: .requestHeaders), probe("", part: .responseStatus),
        probe("", part: .request),
      ]
    ])
    #expect(
      located.map(\.source?.line) == [
        lineNumber(of: "\"Skype For Business\"", in: plain), lineNumber(of: "MS-CV:", in: plain),
        lineNumber(of: "MS-RequestId:", in: plain), lineNumber(of: "HTTP/1.1 200", in: plain), 1,
      ])
    #expect(located[0].source?.column == 29)
  }

  @Test func responseWithoutItsRequestHasNoEndpoint() throws {
    let input = InputDecoder.decode(
      Array(DocumentationExample.customerResponse.utf8), name: "r.http")
    #expect(input.kind == .rawHTTP)
    #expect(input.entries.first?.response.endpoint == nil)
    #expect(input.entries.first?.response.body != nil)
  }

  @Test func byteOrderMarkIsAcceptedAndReported() throws {
    let input = InputDecoder.decode([0xEF, 0xBB, 0xBF] + Array(body.utf8), name: "bom.json")
    let entry = try #require(input.entries.first)
    #expect(entry.response.body != nil)
    #expect(entry.findings.map(\.kind.id) == ["input.byte-order-mark"])
    #expect(entry.findings.first?.severity == .info)
    let http = InputDecoder.decode(
      [0xEF, 0xBB, 0xBF] + Array(DocumentationExample.customerResponse.utf8), name: "bom.http")
    #expect(http.kind == .rawHTTP)
    #expect(http.entries.first?.response.status == 200)
    #expect(http.entries.first?.findings.map(\.kind.id) == ["input.byte-order-mark"])
  }

  @Test func htmlBodyIsNotJSONAtTheBodysLine() throws {
    let text =
      "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n"
      + "<html><head><title>502 Bad Gateway</title></head></html>\r\n"
    let entry = try #require(InputDecoder.decode(Array(text.utf8), name: "x").entries.first)
    #expect(entry.response.status == 502)
    #expect(entry.response.body == nil)
    #expect(entry.response.bodyProblem?.contains("HTML") == true)
    let finding = try #require(entry.findings.first)
    #expect(finding.kind.id == "input.not-json")
    #expect(finding.message.contains("502 Bad Gateway"))
    #expect(finding.source?.line == 4)
  }

  @Test func emptyBodyAndEmptyInputAreReported() throws {
    let headOnly = InputDecoder.decode(
      Array("HTTP/1.1 200 OK\nContent-Length: 0\n\n".utf8), name: "x")
    #expect(headOnly.entries.first?.findings.map(\.kind.id) == ["input.empty-body"])
    for bytes in [[], Array(" \n\t\r\n".utf8)] as [[UInt8]] {
      let input = InputDecoder.decode(bytes, name: "empty.json")
      #expect(input.kind == .json)
      #expect(input.entries.first?.findings.map(\.kind.id) == ["input.empty-body"])
    }
  }

  @Test func truncatedBodyNamesTheLineAndColumnInTheFile() throws {
    let text = DocumentationExample.customerResponse
    let cut = String(text.prefix(text.count - 200))
    let entry = try #require(InputDecoder.decode(Array(cut.utf8), name: "x").entries.first)
    let finding = try #require(entry.findings.first)
    #expect(finding.kind.id == "input.malformed-json")
    #expect(finding.message.hasPrefix("the body is truncated: "))
    let lines = cut.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(finding.source?.line == lines.count)
    #expect(finding.source?.column == (lines.last?.unicodeScalars.count ?? 0) + 1)
  }

  @Test func binaryGarbageIsAnErrorNotACrash() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for length in [1, 7, 4096, 100_000] {
      var bytes = (0..<length).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
      }
      // Garbage that starts like JSON or HTTP is covered by the truncation tests.
      bytes[0] = 0xFE
      let input = InputDecoder.decode(bytes, name: "garbage.bin")
      let findings = input.entries.flatMap(\.findings) + input.findings
      #expect(findings.contains { $0.severity == .error }, "length \(length)")
      _ = input.locate(input.entries.map { $0.findings + [probe("/items/0")] })
    }
    let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]
    let finding = InputDecoder.decode(gzip, name: "g").entries.first?.findings.first
    #expect(
      finding?.message == "the body is binary data, not JSON (it starts with bytes 1f 8b 08 00)")
  }

  @Test func sixtyMegabyteBodyDecodesAndLocates() throws {
    let item =
      #"{"customerId":"4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04","productName":"P","licensesActive":1,"licensesQualified":2,"usagePercent":50.0,"attributes":{"objectType":"CustomerLicensesUsageInsights"}}"#
    var bytes = Array(#"{"totalCount":0,"items":["#.utf8)
    bytes.reserveCapacity(61_000_000)
    var count = 0
    while bytes.count < 60_000_000 {
      if count > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += item.utf8
      count += 1
    }
    bytes += Array(#"],"attributes":{"objectType":"Collection"}}"#.utf8)
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
    let input = InputDecoder.decode(Array(head.utf8) + bytes, name: "big.http")
    let entry = try #require(input.entries.first)
    #expect(entry.findings.isEmpty)
    #expect(entry.response.body?["items"]?.arrayValue?.count == count)
    let last = input.locate([[probe("/items/\(count - 1)/usagePercent")]])
    #expect(last.first?.source?.line == 4)
    let valueOffset = try #require(item.range(of: #""usagePercent":"#)).upperBound
    let column =
      26 + (count - 1) * (item.utf8.count + 1)
      + item.utf8.distance(from: item.startIndex, to: valueOffset)
    #expect(last.first?.source?.column == column)
    let truncated = InputDecoder.decode(Array(bytes.dropLast(10)), name: "big.json")
    #expect(truncated.entries.first?.findings.first?.kind.id == "input.malformed-json")
    #expect(truncated.entries.first?.findings.first?.source?.line == 1)
  }

  @Test func missingMemberIsLocatedAtItsNearestAncestor() throws {
    let input = InputDecoder.decode(Array(body.utf8), name: "b.json")
    let located = input.locate([[probe("/items/0/customerId"), probe("/items/0")]])
    #expect(located[0].source == located[1].source)
    #expect(located[0].source?.line == 3)
  }
}
