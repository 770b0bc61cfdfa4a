import Foundation
import PartnerCenterContracts
import Testing

@Suite struct RequestContractCheckerTests {
  func request(_ headers: [(String, String)], target: String = "/v1/analytics/licenses/usage")
    -> HTTPServerRequest
  {
    HTTPServerRequest(
      method: "GET", target: target,
      headers: HTTPHeaders(headers.map { .init(name: $0.0, value: $0.1) }))
  }

  func goodHeaders(requestID: String = UUID().uuidString, correlationID: String = UUID().uuidString)
    -> [(String, String)]
  {
    [
      ("Authorization", "Bearer x"), ("Accept", "application/json"), ("MS-RequestId", requestID),
      ("MS-CorrelationId", correlationID), ("X-Locale", "en-US"),
    ]
  }

  @Test func aGoodRequestHasNoFindings() {
    var checker = RequestContractChecker()
    let verdict = checker.check(request(goodHeaders()), subject: "s")
    #expect(verdict.findings.isEmpty)
    #expect(!verdict.isUnauthorized)
  }

  @Test func reportsEachBrokenHeader() {
    var checker = RequestContractChecker()
    let verdict = checker.check(
      request([
        ("Authorization", "Basic abc"), ("Accept", "text/html"), ("MS-RequestId", "nope"),
        ("X-Locale", "english please"),
      ]), subject: "partner-licenses-usage")
    #expect(verdict.isUnauthorized)
    #expect(
      Set(verdict.findings.map(\.kind.id)) == [
        "request.invalid-authorization", "request.accept-not-json", "request.invalid-request-id",
        "request.missing-correlation-id", "request.invalid-locale",
      ])
    #expect(verdict.findings.allSatisfy { $0.part == .requestHeaders })
    #expect(verdict.findings.allSatisfy { $0.subject == "partner-licenses-usage" })
    let missing = checker.check(request([]), subject: "s")
    #expect(missing.findings.map(\.kind.id).contains("request.missing-authorization"))
    #expect(missing.findings.map(\.kind.id).contains("request.missing-accept"))
  }

  @Test func aRetryMayReuseItsRequestIDButANewCallMayNot() {
    var checker = RequestContractChecker()
    let id = UUID().uuidString
    _ = checker.check(request(goodHeaders(requestID: id)), subject: "s")
    #expect(checker.check(request(goodHeaders(requestID: id)), subject: "s").findings.isEmpty)
    let other = checker.check(
      request(goodHeaders(requestID: id), target: "/v1/customers?size=1"), subject: "s")
    #expect(other.findings.map(\.kind.id) == ["request.reused-request-id"])
  }

  @Test func everyCallNeedsANewCorrelationID() {
    var checker = RequestContractChecker()
    let correlation = UUID().uuidString
    _ = checker.check(request(goodHeaders(correlationID: correlation)), subject: "s")
    let again = checker.check(request(goodHeaders(correlationID: correlation)), subject: "s")
    #expect(again.findings.map(\.kind.id) == ["request.reused-correlation-id"])
  }

  @Test func forgetsOldIDsToStayBounded() {
    var checker = RequestContractChecker(memory: 2)
    let correlation = UUID().uuidString
    _ = checker.check(request(goodHeaders(correlationID: correlation)), subject: "s")
    _ = checker.check(request(goodHeaders()), subject: "s")
    _ = checker.check(request(goodHeaders()), subject: "s")
    #expect(
      checker.check(request(goodHeaders(correlationID: correlation)), subject: "s").findings.isEmpty
    )
  }

  @Test func recognizesGUIDsAndLocales() {
    #expect(RequestContractChecker.isGUID("6B588E9B-1d02-471a-bce2-79374497c24e"))
    #expect(RequestContractChecker.isGUID("{6b588e9b-1d02-471a-bce2-79374497c24e}"))
    #expect(!RequestContractChecker.isGUID("6b588e9b1d02471abce279374497c24e"))
    #expect(!RequestContractChecker.isGUID("6b588e9b-1d02-471a-bce2-79374497c24g"))
    #expect(RequestContractChecker.isWellFormedLocale("en-US"))
    #expect(RequestContractChecker.isWellFormedLocale("zh-Hans-CN"))
    #expect(!RequestContractChecker.isWellFormedLocale("en_US"))
    #expect(!RequestContractChecker.isWellFormedLocale("e"))
    #expect(!RequestContractChecker.isWellFormedLocale("en-"))
  }
}
