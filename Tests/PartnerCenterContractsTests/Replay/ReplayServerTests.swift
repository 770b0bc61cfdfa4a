import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

@Suite struct ReplayServerTests {
  @Test func servesTheRecordedPartnerResponseAndEchoesTheIDs() async throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    let headers = ReplayFixture.goodHeaders()
    let response = try await fetch(
      port: server.port, path: "/v1/analytics/licenses/usage", headers: headers)
    #expect(response.status == 200)
    #expect(response.json == ReplayFixture.partnerBody())
    #expect(response.header("MS-RequestId") == headers["MS-RequestId"])
    #expect(response.header("MS-CorrelationId") == headers["MS-CorrelationId"])
    #expect(response.header("MS-CV") == "abc.0")
    #expect(response.header("Content-Type") == "application/json; charset=utf-8")
    #expect(server.findings.isEmpty)
    #expect(server.requestCount == 1)
  }

  @Test func servesCustomersCaseInsensitivelyAndRefusesUnknownOnes() async throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    let id = ReplayFixture.customerB.uppercased()
    let found = try await fetch(
      port: server.port, path: "/v1/customers/\(id)/analytics/licenses/usage",
      headers: ReplayFixture.goodHeaders())
    #expect(found.status == 200)
    #expect(found.json == ReplayFixture.customerBody(name: "Fabrikam"))
    let missing = try await fetch(
      port: server.port,
      path: "/v1/customers/00000000-0000-0000-0000-00000000abcd/analytics/licenses/usage",
      headers: ReplayFixture.goodHeaders())
    #expect(missing.status == 404)
    #expect(missing.json?["code"]?.numberValue != nil)
    #expect(missing.json?["description"]?.stringValue?.contains("abcd") == true)
    #expect(missing.json?["source"]?.stringValue == "PartnerFD")
  }

  @Test func unknownPathIs404AndWrongMethodIs405() async throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    let unknown = try await fetch(
      port: server.port, path: "/v1/nothing/here", headers: ReplayFixture.goodHeaders())
    #expect(unknown.status == 404)
    let post = try await fetch(
      port: server.port, path: "/v1/analytics/licenses/usage", method: "POST",
      headers: ReplayFixture.goodHeaders())
    #expect(post.status == 405)
    #expect(post.header("Allow") == "GET")
  }

  @Test func pagesTheCustomerListWithContinuationTokens() async throws {
    let server = try ReplayFixture.startServer { $0.synthesizedCustomers = 2 }
    defer { server.stop() }
    var seen: [String] = []
    var path = "/v1/customers?size=2"
    var token: String?
    for _ in 0..<10 {
      var headers = ReplayFixture.goodHeaders()
      if let token { headers["MS-ContinuationToken"] = token }
      let page = try await fetch(port: server.port, path: path, headers: headers)
      #expect(page.status == 200)
      let items = page.json?["items"]?.arrayValue ?? []
      #expect(items.count <= 2)
      #expect(page.json?["totalCount"]?.numberValue?.intValue == items.count)
      seen += items.compactMap { $0["id"]?.stringValue }
      guard let next = page.json?["links"]?["next"] else { break }
      #expect(next["method"]?.stringValue == "GET")
      let uri = next["uri"]?.stringValue ?? ""
      #expect(uri.hasPrefix("/customers?"))
      path = "/v1" + uri
      token = next["headers"]?[0]?["value"]?.stringValue
      #expect(next["headers"]?[0]?["key"]?.stringValue == "MS-ContinuationToken")
    }
    #expect(seen == server.customerIDs)
    #expect(seen.count == 5)
    var forged = ReplayFixture.goodHeaders()
    forged["MS-ContinuationToken"] = "replay-1-00000000"
    let refused = try await fetch(
      port: server.port, path: "/v1/customers?size=2&seekOperation=Next", headers: forged)
    #expect(refused.status == 400)
    let badSize = try await fetch(
      port: server.port, path: "/v1/customers?size=0", headers: ReplayFixture.goodHeaders())
    #expect(badSize.status == 400)
  }

  @Test func answersAMissingTokenWith401AndAFinding() async throws {
    let live = FindingCollector()
    let server = try ReplayFixture.startServer { $0.onFinding = live.add }
    defer { server.stop() }
    var headers = ReplayFixture.goodHeaders()
    headers["Authorization"] = nil
    let response = try await fetch(
      port: server.port, path: "/v1/analytics/licenses/usage", headers: headers)
    #expect(response.status == 401)
    #expect(response.header("WWW-Authenticate")?.hasPrefix("OAuth realm=") == true)
    #expect(server.findings.map(\.kind.id) == ["request.missing-authorization"])
    #expect(live.findings.map(\.kind.id) == ["request.missing-authorization"])
  }

  @Test func findsReusedIDsAndCountsRepeats() async throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    var headers = ReplayFixture.goodHeaders()
    for _ in 0..<3 {
      headers["MS-RequestId"] = UUID().uuidString
      let response = try await fetch(
        port: server.port, path: "/v1/analytics/licenses/usage", headers: headers)
      #expect(response.status == 200)
    }
    #expect(server.findings.map(\.kind.id) == ["request.reused-correlation-id"])
    #expect(server.findings.first?.message.hasSuffix("(2 requests)") == true)
  }

  @Test func enforceAnswersViolations400() async throws {
    let server = try ReplayFixture.startServer { $0.enforce = true }
    defer { server.stop() }
    var headers = ReplayFixture.goodHeaders()
    headers["X-Locale"] = "not a locale"
    let refused = try await fetch(
      port: server.port, path: "/v1/analytics/licenses/usage", headers: headers)
    #expect(refused.status == 400)
    #expect(refused.json?["data"]?[0]?.stringValue?.contains("X-Locale") == true)
    let fine = try await fetch(
      port: server.port, path: "/v1/analytics/licenses/usage",
      headers: ReplayFixture.goodHeaders())
    #expect(fine.status == 200)
  }

  @Test func servesTenThousandSynthesizedCustomersDeterministically() async throws {
    let server = try ReplayFixture.startServer {
      $0.synthesizedCustomers = 10_000
      $0.seed = 42
    }
    defer { server.stop() }
    let again = ReplayServer(
      configuration: ReplayConfiguration(synthesizedCustomers: 10_000, seed: 42))
    let other = ReplayServer(
      configuration: ReplayConfiguration(synthesizedCustomers: 10_000, seed: 43))
    let synthesized = Array(server.customerIDs.dropFirst(3))
    #expect(synthesized.count == 10_000)
    #expect(Set(synthesized).count == 10_000)
    #expect(synthesized == again.customerIDs)
    #expect(synthesized != other.customerIDs)
    #expect(synthesized.allSatisfy(RequestContractChecker.isGUID))
    let last = try #require(synthesized.last)
    let response = try await fetch(
      port: server.port, path: "/v1/customers/\(last)/analytics/licenses/usage",
      headers: ReplayFixture.goodHeaders())
    #expect(response.status == 200)
    let items = response.json?["items"]?.arrayValue ?? []
    #expect(!items.isEmpty)
    #expect(response.json?["totalCount"]?.numberValue?.intValue == items.count)
    #expect(
      response.json == SyntheticCustomers(count: 10_000, seed: 42).body(at: 9_999))
  }
}

/// Collects findings reported live, from any thread.
final class FindingCollector: Sendable {
  private let lock = NSLock()
  nonisolated(unsafe) private var collected: [Finding] = []

  @Sendable func add(_ finding: Finding) {
    lock.withLock { collected.append(finding) }
  }

  var findings: [Finding] { lock.withLock { collected } }
}
