import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

@Suite struct DocumentationExamplesTests {
  @Test func partnerExampleValidatesClean() throws {
    let verdict = Examples.validator().validate(Examples.response(try Examples.partner()))
    #expect(verdict.problems.isEmpty, "\(verdict.summary)")
    #expect(verdict.schemaName == "partner-licenses-usage-response")
    #expect(verdict.endpoint == .partnerLicensesUsage)
  }

  @Test func customerExampleValidatesClean() throws {
    let verdict = Examples.validator().validate(Examples.response(try Examples.customer()))
    #expect(verdict.problems.isEmpty, "\(verdict.summary)")
    #expect(verdict.schemaName == "customer-licenses-usage-response")
    #expect(verdict.endpoint == .customerLicensesUsage(customerID: Examples.customerID))
  }

  @Test func examplesValidateCleanInStrictModeToo() throws {
    for recording in [try Examples.partner(), try Examples.customer()] {
      let verdict = Examples.validator(strict: true).validate(Examples.response(recording))
      #expect(verdict.problems.isEmpty, "\(verdict.summary)")
    }
  }

  @Test func bodiesAloneAreRecognisedByTheirObjectTypes() throws {
    let partner = try Examples.partner().response.body.json
    let customer = try Examples.customer().response.body.json
    let validator = Examples.validator()
    let partnerVerdict = validator.validate(ResponseUnderTest(body: partner))
    let customerVerdict = validator.validate(ResponseUnderTest(body: customer))
    #expect(partnerVerdict.schemaName == "partner-licenses-usage-response")
    #expect(customerVerdict.schemaName == "customer-licenses-usage-response")
    #expect(partnerVerdict.problems.isEmpty && customerVerdict.problems.isEmpty)
  }

  @Test func recordingsAreCanonicalRecordingCodecOutput() throws {
    for path in [Examples.partnerPath, Examples.customerPath] {
      let url = Examples.recordingsDirectory().appendingPathComponent(path)
      let bytes = Array(try Data(contentsOf: url))
      let recording = try RecordingCodec.decode(bytes)
      let canonical = String(decoding: RecordingCodec.encode(recording), as: UTF8.self)
      #expect(canonical == String(decoding: bytes, as: UTF8.self), "\(path) is not canonical")
      #expect(recording.relativePath == path)
      #expect(recording.request.headers["Authorization"] == nil)
    }
  }
}
