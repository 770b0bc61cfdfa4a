import Testing

@testable import PartnerCenterContracts

@Test func toolVersionIsSemantic() {
  let parts = ToolVersion.current.split(separator: ".")
  #expect(parts.count == 3)
  #expect(parts.allSatisfy { Int($0) != nil })
}
