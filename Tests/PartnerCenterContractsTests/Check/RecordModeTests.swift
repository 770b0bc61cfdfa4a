import JSONCore
import Testing

@testable import PartnerCenterContracts

@Suite struct RecordModeTests {
  static let stored = Recording(
    endpoint: .partnerLicensesUsage,
    request: RecordedRequest(
      url: "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage"),
    response: RecordedResponse(
      status: 200, headers: ["Content-Type": "application/json", "MS-CV": "a"],
      body: .json(["totalCount": 0, "items": []])),
    capturedAt: "2026-01-01T00:00:00Z", toolVersion: "0.0.9")

  static var recapturedUnchanged: Recording {
    var recording = stored
    recording.capturedAt = "2026-11-21T00:00:00Z"
    recording.toolVersion = "0.1.0"
    recording.request.url = "http://127.0.0.1:8080/v1/analytics/licenses/usage"
    recording.response.headers = ["Content-Type": "application/json", "MS-CV": "b", "Date": "x"]
    return recording
  }

  static var changed: Recording {
    var recording = stored
    recording.response.body = .json(["totalCount": 1, "items": [["a": 1]]])
    return recording
  }

  @Test func equivalenceIgnoresWhenWhereAndVolatileHeaders() {
    #expect(Self.recapturedUnchanged.isEquivalent(to: Self.stored))
    #expect(!Self.changed.isEquivalent(to: Self.stored))
    var retyped = Self.stored
    retyped.response.headers = ["Content-Type": "text/html"]
    #expect(!retyped.isEquivalent(to: Self.stored))
  }

  @Test func eachModeWritesWhatItSays() {
    let unchanged = Self.recapturedUnchanged
    let changed = Self.changed
    #expect(RecordMode.none.writes(captured: changed, stored: nil, driftFails: true) == false)
    #expect(RecordMode.missing.writes(captured: changed, stored: nil, driftFails: false))
    #expect(!RecordMode.missing.writes(captured: changed, stored: Self.stored, driftFails: true))
    #expect(RecordMode.all.writes(captured: changed, stored: Self.stored, driftFails: false))
    #expect(!RecordMode.all.writes(captured: unchanged, stored: Self.stored, driftFails: false))
    #expect(RecordMode.failed.writes(captured: changed, stored: Self.stored, driftFails: true))
    #expect(!RecordMode.failed.writes(captured: changed, stored: Self.stored, driftFails: false))
    #expect(RecordMode.failed.writes(captured: changed, stored: nil, driftFails: false))
  }

  @Test func ciMeansNone() {
    #expect(RecordMode.default(environment: ["CI": "true"]) == .none)
    #expect(RecordMode.default(environment: [:]) == .missing)
    #expect(RecordMode.default(environment: ["CI": ""]) == .missing)
    for notCI in ["false", "0", "FALSE", "no"] {
      #expect(RecordMode.default(environment: ["CI": notCI]) == .missing, "CI=\(notCI)")
    }
    #expect(RecordMode.default(environment: ["CI": "1"]) == .none)
  }
}
