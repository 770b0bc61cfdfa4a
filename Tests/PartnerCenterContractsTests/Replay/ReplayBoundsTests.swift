import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// A replay of generated customers answers the partner endpoint too, counts its 404s, and
/// keeps bounded state however long it runs.
@Suite struct ReplayBoundsTests {
  func request(_ target: String, id: String = UUID().uuidString) -> HTTPServerRequest {
    HTTPServerRequest(
      method: "GET", target: target,
      headers: [
        "Authorization": "Bearer x", "Accept": "application/json", "MS-RequestId": id,
        "MS-CorrelationId": UUID().uuidString,
      ])
  }

  @Test func synthesizedCustomersComeWithAValidPartnerResponse() throws {
    let responder = ReplayResponder(
      catalog: ReplayCatalog(
        recordings: [], synthetic: SyntheticCustomers(count: 3, seed: 1), variants: []),
      configuration: ReplayConfiguration(synthesizedCustomers: 3))
    let reply = responder.respond(to: request("/v1/analytics/licenses/usage"))
    #expect(reply.response.status == 200)
    let body = try JSONParser.parse(reply.response.body).value
    let verdict = ContractValidator().validate(
      ResponseUnderTest(
        endpoint: .partnerLicensesUsage, status: 200,
        headers: ["Content-Type": "application/json"], body: body))
    #expect(verdict.findings.isEmpty, "\(verdict.findings.map(\.message))")
    #expect(responder.exchanges.notFoundCount == 0)
  }

  @Test func aPartnerRequestWithoutARecordingNamesNoCustomerAndIsCounted() throws {
    let responder = ReplayResponder(
      catalog: ReplayCatalog(
        recordings: [], synthetic: SyntheticCustomers(count: 0, seed: 1), variants: []),
      configuration: ReplayConfiguration())
    let reply = responder.respond(to: request("/v1/analytics/licenses/usage"))
    #expect(reply.response.status == 404)
    let text = String(decoding: reply.response.body, as: UTF8.self)
    #expect(!text.contains("Customer"), "\(text)")
    _ = responder.respond(
      to: request("/v1/customers/11111111-2222-4333-8444-555555555555/analytics/licenses/usage"))
    _ = responder.respond(to: request("/v2/nothing"))
    #expect(responder.exchanges.notFoundCount == 3)
    #expect(responder.exchanges.requestCount == 3)
  }

  @Test func stateStaysBoundedOverManyRequests() {
    let exchanges = ReplayExchanges()
    for index in 0..<30_000 {
      let customer = String(format: "%08x-0000-4000-8000-000000000000", index)
      _ = exchanges.record(
        HTTPServerRequest(
          method: "GET", target: "/v1/customers/\(customer)/analytics/licenses/usage",
          headers: ["Accept": "application/json"]),
        subject: "customer-licenses-usage/\(customer)")
    }
    #expect(exchanges.requestCount == 30_000)
    #expect(exchanges.subjects.count == ReplayExchanges.subjectLimit)
    #expect(exchanges.unlistedSubjects == 30_000 - ReplayExchanges.subjectLimit)
    // Each request lacks three headers for its own endpoint: without a bound, 90,000 entries.
    #expect(exchanges.findings.count <= ReplayFindingLog.limit + 1)
    #expect(RequestContractChecker().memory <= 20_000)
  }
}
