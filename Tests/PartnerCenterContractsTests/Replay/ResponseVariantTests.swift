import PartnerCenterContracts
import Testing

/// Every valid variant keeps the contract and every invalid one breaks it, by the same
/// validator `pc-contract validate` uses.
@Suite struct ResponseVariantTests {
  func verdict(_ variant: ResponseVariant) -> ContractVerdict {
    let recorded = variant.recordedResponse
    let body = recorded.body.json
    return ContractValidator().validate(
      ResponseUnderTest(
        endpoint: .customerLicensesUsage(customerID: variant.customerID), status: variant.status,
        headers: recorded.headers, body: body,
        bodyProblem: body == nil ? "not JSON" : nil))
  }

  @Test(arguments: ResponseVariant.all(.valid))
  func validVariantsPassTheContract(_ variant: ResponseVariant) {
    let errors = verdict(variant).findings.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(variant.name): \(errors.map(\.message))")
  }

  @Test(arguments: ResponseVariant.all(.invalid))
  func invalidVariantsFailTheContract(_ variant: ResponseVariant) {
    #expect(
      verdict(variant).findings.contains { $0.severity == .error }, "\(variant.name) passed")
  }

  @Test func variantsHaveDistinctIDsAndNames() {
    let all = ResponseVariant.all(.valid) + ResponseVariant.all(.invalid)
    #expect(Set(all.map(\.customerID)).count == all.count)
    #expect(Set(all.map(\.name)).count == all.count)
    #expect(all.allSatisfy { RequestContractChecker.isGUID($0.customerID) })
    let bom = ResponseVariant.all(.valid).first { $0.name == "byte-order-mark" }
    #expect(bom?.body.starts(with: [0xEF, 0xBB, 0xBF]) == true)
  }
}
