import Testing

@testable import PartnerCenterContractsCLI

@Suite struct ExitTeardownTests {
  final class Tracked: Sendable {}

  @Test func keepsTheLastValueAndFreesTheOneItReplaces() {
    let teardown = ExitTeardown()
    weak var first: Tracked?
    weak var second: Tracked?
    do {
      let value = Tracked()
      first = value
      teardown.keepUntilExit(value)
    }
    #expect(first != nil)
    do {
      let value = Tracked()
      second = value
      teardown.keepUntilExit(value)
    }
    #expect(first == nil)
    #expect(second != nil)
    teardown.keepUntilExit(0)
    #expect(second == nil)
  }
}
