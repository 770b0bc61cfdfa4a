import PartnerCenterContracts
import Testing

@Suite struct HTTPRequestParserTests {
  let parser = HTTPRequestParser(
    limits: HTTPLimits(
      maximumRequestLineBytes: 64, maximumHeaderBytes: 256, maximumHeaderCount: 4,
      maximumBodyBytes: 16))

  func parse(_ text: String) -> HTTPRequestParser.Outcome { parser.parse(Array(text.utf8)[...]) }

  func error(_ text: String) -> HTTPRequestError? {
    if case .invalid(let error) = parse(text) { return error }
    return nil
  }

  @Test func parsesARequestWithHeadersAndBody() throws {
    let text =
      "POST /v1/x?size=2 HTTP/1.1\r\nHost: a\r\nX-Name:  v a l \r\nContent-Length: 3\r\n\r\nabcGET"
    guard case .request(let request, let consumed) = parse(text) else {
      Issue.record("not parsed")
      return
    }
    #expect(request.method == "POST")
    #expect(request.path == "/v1/x")
    #expect(request.queryItems.map(\.value) == ["2"])
    #expect(request.headers["x-name"] == "v a l")
    #expect(request.body == Array("abc".utf8))
    #expect(consumed == text.utf8.count - 3)
    #expect(request.keepsAlive)
  }

  @Test func waitsForTheRestOfTheHeadAndBody() {
    #expect(parse("GET / HTTP/1.1\r\nHost: a\r\n") == .incomplete)
    #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab") == .incomplete)
    #expect(parse("") == .incomplete)
  }

  @Test func skipsEmptyLinesBeforeTheRequestLine() {
    guard case .request(let request, _) = parse("\r\n\r\nGET / HTTP/1.0\r\n\r\n") else {
      Issue.record("not parsed")
      return
    }
    #expect(request.minorVersion == 0)
    #expect(!request.keepsAlive)
  }

  @Test func refusesMalformedRequests() {
    #expect(error("GET / HTTP/1.1\nHost: a\n\n") == .bareLineFeed)
    #expect(error("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == .malformedRequestLine)
    #expect(error("GET / HTTP/1.1 x\r\nHost: a\r\n\r\n") == .malformedRequestLine)
    #expect(error("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") == .malformedRequestLine)
    #expect(error("GET nopath HTTP/1.1\r\nHost: a\r\n\r\n") == .malformedRequestLine)
    #expect(error("GET / HTTX/1.1\r\nHost: a\r\n\r\n") == .malformedRequestLine)
    #expect(error("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == .unsupportedVersion)
    #expect(error("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == .malformedHeaderField)
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n") == .malformedHeaderField)
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{1}b\r\n\r\n") == .malformedHeaderField)
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n") == .obsoleteLineFolding)
    #expect(error("GET / HTTP/1.1\r\n\r\n") == .missingHost)
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == .missingHost)
    #expect(
      error("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        == .invalidContentLength)
    #expect(
      error("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") == .invalidContentLength)
    #expect(
      error("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1e3\r\n\r\n") == .invalidContentLength)
    #expect(
      error("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") == .transferEncoding)
  }

  @Test func enforcesTheLimits() {
    let longPath = "/" + String(repeating: "a", count: 80)
    #expect(error("GET \(longPath) HTTP/1.1\r\nHost: a\r\n\r\n") == .requestLineTooLong)
    // Refused before the line ends, so a client cannot make the server buffer without bound.
    #expect(error("GET \(longPath)") == .requestLineTooLong)
    let many = (0..<5).map { "X-\($0): v\r\n" }.joined()
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\n\(many)\r\n") == .headerTooLarge)
    let big = "X: " + String(repeating: "v", count: 300)
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\n\(big)") == .headerTooLarge)
    #expect(error("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n") == .bodyTooLarge)
    #expect(HTTPRequestError.bodyTooLarge.status == 413)
    #expect(HTTPRequestError.headerTooLarge.status == 431)
    #expect(HTTPRequestError.malformedRequestLine.status == 400)
  }

  @Test func answersPipelinedRequestsOneAtATime() {
    let text = "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n"
    let bytes = Array(text.utf8)
    guard case .request(let first, let consumed) = parser.parse(bytes[...]),
      case .request(let second, _) = parser.parse(bytes[consumed...])
    else {
      Issue.record("not parsed")
      return
    }
    #expect(first.target == "/a")
    #expect(second.target == "/b")
  }

  @Test func decodesQueryItemsAndAbsoluteTargets() {
    let request = HTTPServerRequest(
      method: "GET", target: "http://h:1/v1/customers?size=5&a=%41b&x")
    #expect(request.path == "/v1/customers")
    #expect(request.queryItems.map(\.name) == ["size", "a", "x"])
    #expect(request.queryItems.map(\.value) == ["5", "Ab", ""])
    #expect(
      HTTPServerRequest(method: "GET", target: "/p?q=%zz%4").queryItems.first?.value == "%zz%4")
  }
}
