import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// Each rule: the documentation example passes, one change breaks it at the expected pointer.
@Suite struct ContractRulesTests {
  /// Validates the customer example with `change` applied to its body (and response).
  func customerVerdict(
    body change: (JSONValue) -> JSONValue = { $0 },
    response adjust: (inout ResponseUnderTest) -> Void = { _ in }
  ) throws -> ContractVerdict {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    var response = Examples.response(recording, body: change(body))
    adjust(&response)
    return Examples.validator().validate(response)
  }

  func partnerVerdict(body change: (JSONValue) -> JSONValue) throws -> ContractVerdict {
    let recording = try Examples.partner()
    let body = try #require(recording.response.body.json)
    return Examples.validator().validate(Examples.response(recording, body: change(body)))
  }

  @Test func everyRuleHasAnIDSeverityAndSummary() {
    #expect(Set(ContractRule.all.map(\.id)).count == ContractRule.all.count)
    #expect(ContractRule.all.allSatisfy { !$0.summary.isEmpty && $0.kind.id == "rule." + $0.id })
    #expect(ContractRule.activeWithinQualified.severity == .warning)
    #expect(ContractRule.usagePercentAgrees.severity == .warning)
  }

  @Test func cleanExampleBreaksNoRule() throws {
    let verdict = try customerVerdict()
    #expect(!verdict.findings.contains { $0.kind.id.hasPrefix("rule.") }, "\(verdict.summary)")
  }

  @Test func totalCountOffByOne() throws {
    let verdict = try customerVerdict { Examples.setting("/totalCount", to: 6, in: $0) }
    #expect(verdict.has("rule.total-count", at: "/totalCount"), "\(verdict.summary)")
    let partner = try partnerVerdict { Examples.setting("/totalCount", to: 4, in: $0) }
    #expect(partner.has("rule.total-count", at: "/totalCount"), "\(partner.summary)")
  }

  @Test func totalCountMayExceedTheItemsWithANextLink() throws {
    let verdict = try customerVerdict { body in
      let paged = Examples.setting("/totalCount", to: 50, in: body)
      return Examples.setting("/links", to: ["next": ["uri": "/next", "method": "GET"]], in: paged)
    }
    #expect(verdict.problems.isEmpty, "\(verdict.summary)")
  }

  @Test func itemObjectTypeMustBeTheEndpoints() throws {
    let verdict = try customerVerdict {
      Examples.setting("/items/2/attributes/objectType", to: "PartnerLicensesUsageInsights", in: $0)
    }
    #expect(verdict.has("rule.item-object-type", at: "/items/2/attributes/objectType"))
  }

  @Test func customerIDMustBeTheURLs() throws {
    let matching = try customerVerdict {
      Examples.setting("/items/0/customerId", to: .string(Examples.customerID.uppercased()), in: $0)
    }
    #expect(matching.problems.isEmpty, "\(matching.summary)")
    let other = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
    let verdict = try customerVerdict {
      Examples.setting("/items/1/customerId", to: .string(other), in: $0)
    }
    #expect(verdict.has("rule.customer-id", at: "/items/1/customerId"), "\(verdict.summary)")
  }

  @Test func itemsMustNameOneCustomerWhenTheURLIsUnknown() throws {
    let recording = try Examples.customer()
    var body = try #require(recording.response.body.json)
    body = Examples.setting("/items/0/customerId", to: .string(Examples.customerID), in: body)
    let same = Examples.validator().validate(ResponseUnderTest(body: body))
    #expect(same.problems.isEmpty, "\(same.summary)")
    body = Examples.setting(
      "/items/3/customerId", to: "0c39d6d5-c70d-4c55-bc02-f620844f3fd1", in: body)
    let verdict = Examples.validator().validate(ResponseUnderTest(body: body))
    #expect(verdict.has("rule.one-customer", at: "/items/3/customerId"), "\(verdict.summary)")
  }

  @Test func aLargeBodyIsCheckedBySchemaAndRulesSideBySideWithTheSameFindings() throws {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    let template = try #require(body["items"]?[0]?.objectValue)
    // Enough distinct items for the schema and the rules to run on two threads, with a schema
    // error and rule breaches among them.
    let count = ContractValidator.sideBySideItems + 10
    var items: [JSONValue] = (0..<count).map { index in
      var item = template
      item["productName"] = .string("product \(index)")
      return .object(item)
    }
    items[7] = Examples.setting("/licensesActive", to: "many", in: items[7])
    items[count - 1] = items[3]
    var large = Examples.setting("/items", to: .array(items), in: body)
    large = Examples.setting("/totalCount", to: JSONValue(integerLiteral: count), in: large)
    let verdict = Examples.validator().validate(Examples.response(recording, body: large))
    let subject = verdict.endpoint?.subject
    let schema = try #require(
      DeclaredSchemas.embedded.schema(named: "customer-licenses-usage-response"))
    let schemaErrors = schema.validator.validate(large, mode: .allErrors).errors
    let ruleFindings = ContractRules(now: Examples.now).check(
      RuleInput(
        response: Examples.response(recording, body: large), endpoint: verdict.endpoint,
        itemType: .customerLicensesUsage), subject: subject)
    #expect(!schemaErrors.isEmpty && !ruleFindings.isEmpty)
    // The schema's findings first, then the rules', as one thread would give them.
    #expect(
      verdict.findings.map(\.pointerText)
        == schemaErrors.map(\.instanceLocation.description) + ruleFindings.map(\.pointerText))
    #expect(verdict.has("rule.unique-identity", at: "/items/\(count - 1)"), "\(verdict.summary)")
  }

  @Test func duplicateIdentity() throws {
    let verdict = try customerVerdict { body in
      Examples.setting("/items/4", to: body["items"]?[1], in: body)
    }
    #expect(verdict.has("rule.unique-identity", at: "/items/4"), "\(verdict.summary)")
    let partner = try partnerVerdict { body in
      Examples.setting("/items/3", to: body["items"]?[2], in: body)
    }
    #expect(partner.has("rule.unique-identity", at: "/items/3"), "\(partner.summary)")
  }

  @Test func identityKeysAreConfigurable() throws {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    // Items 0 and 3 differ only by product: the same identity once product is not in it.
    var rules = ContractRules(now: Examples.now)
    rules.customerIdentity = ItemIdentity(keys: ["workloadName", "processedDateTime"])
    let validator = ContractValidator(schemas: .embedded, now: Examples.now, rules: rules)
    let verdict = validator.validate(Examples.response(recording, body: body))
    #expect(verdict.has("rule.unique-identity", at: "/items/3"), "\(verdict.summary)")
  }

  @Test func activeAboveQualifiedIsAWarning() throws {
    let verdict = try customerVerdict { body in
      let active = Examples.setting("/items/0/licensesActive", to: 3, in: body)
      return Examples.setting("/items/0/usagePercent", to: 100, in: active)
    }
    let finding = try #require(
      verdict.findings.first { $0.kind.id == "rule.active-within-qualified" }, "\(verdict.summary)")
    #expect(finding.pointer == "/items/0/licensesActive")
    #expect(finding.severity == .warning)
  }

  @Test func usagePercentMustAgreeWithinTheTolerance() throws {
    let close = try customerVerdict { body in
      let active = Examples.setting("/items/3/licensesActive", to: 2, in: body)
      return Examples.setting("/items/3/usagePercent", to: 40.3, in: active)
    }
    #expect(close.problems.isEmpty, "\(close.summary)")
    let verdict = try customerVerdict { body in
      let active = Examples.setting("/items/3/licensesActive", to: 2, in: body)
      return Examples.setting("/items/3/usagePercent", to: 20, in: active)
    }
    let finding = try #require(
      verdict.findings.first { $0.kind.id == "rule.usage-percent-agrees" }, "\(verdict.summary)")
    #expect(finding.pointer == "/items/3/usagePercent")
    #expect(finding.severity == .warning)
  }

  @Test func processedDateTimeMustNotBeInTheFuture() throws {
    // Examples.now is 2027-01-15T08:00:00Z.
    let past = try customerVerdict {
      Examples.setting("/items/1/processedDateTime", to: "2027-01-15T09:00:00+01:00", in: $0)
    }
    #expect(past.problems.isEmpty, "\(past.summary)")
    let verdict = try customerVerdict {
      Examples.setting("/items/1/processedDateTime", to: "2027-01-15T08:30:00.5Z", in: $0)
    }
    #expect(verdict.has("rule.processed-not-in-future", at: "/items/1/processedDateTime"))
  }

  @Test func trackingHeadersMustBeGUIDsThatEchoTheRequest() throws {
    let notGUID = try customerVerdict(response: {
      $0.headers?.set(name: "MS-RequestId", value: "abc")
    })
    #expect(
      notGUID.findings.contains {
        $0.kind.id == "rule.tracking-header-guid" && $0.part == .responseHeaders
          && $0.pointer == "/MS-RequestId"
      }, "\(notGUID.summary)")
    let other = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
    let notEchoed = try customerVerdict(response: {
      // Recordings keep no per-call ids: give the request its own.
      $0.request?.headers.set(
        name: "MS-CorrelationId", value: "ae3b8c36-348b-46bc-9a60-398f973153ff")
      $0.headers?.set(name: "MS-CorrelationId", value: other)
    })
    #expect(
      notEchoed.findings.contains {
        $0.kind.id == "rule.tracking-header-echo" && $0.pointer == "/MS-CorrelationId"
      }, "\(notEchoed.summary)")
    let noRequest = try customerVerdict(response: {
      $0.request = nil
      $0.headers?.set(name: "MS-CorrelationId", value: other)
    })
    #expect(noRequest.problems.isEmpty, "\(noRequest.summary)")
  }

  @Test func contentTypeMustBeJSON() throws {
    let verdict = try customerVerdict(response: {
      $0.headers?.set(name: "Content-Type", value: "text/html; charset=utf-8")
    })
    #expect(
      verdict.findings.contains {
        $0.kind.id == "rule.content-type-json" && $0.pointer == "/Content-Type"
      }, "\(verdict.summary)")
    let problemJSON = try customerVerdict(response: {
      $0.headers?.set(name: "Content-Type", value: "application/problem+json")
    })
    #expect(problemJSON.problems.isEmpty, "\(problemJSON.summary)")
  }

  @Test func duplicateMemberNameIsAnError() throws {
    let text =
      #"{"totalCount": 0, "items": [], "attributes": {"objectType": "Collection", "objectType": "Collection"}}"#
    let document = try JSONParser.parse(Array(text.utf8))
    let verdict = Examples.validator().validate(
      ResponseUnderTest(body: document.value, duplicateMembers: document.duplicateMembers))
    let finding = try #require(verdict.findings.first { $0.kind.id == "rule.duplicate-member" })
    #expect(finding.pointer == "/attributes/objectType")
    #expect(finding.severity == .error)
    let clean = Examples.validator().validate(ResponseUnderTest(body: document.value))
    #expect(clean.problems.isEmpty, "\(clean.summary)")
  }

  @Test func perItemFindingsAreCappedWithASummary() throws {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    let item = try #require(body["items"]?[0])
    let many = Examples.setting("/items", to: .array(Array(repeating: item, count: 250)), in: body)
    let counted = Examples.setting("/totalCount", to: 250, in: many)
    let verdict = Examples.validator().validate(Examples.response(recording, body: counted))
    let duplicates = verdict.findings.filter { $0.kind.id == "rule.unique-identity" }
    #expect(duplicates.count == 101)
    #expect(
      duplicates.last?.pointer == "/items" && duplicates.last?.message.hasPrefix("149 more") == true
    )
  }

  @Test func rfc3339Arithmetic() {
    #expect(RFC3339.secondsSince1970("1970-01-01T00:00:00Z") == 0)
    #expect(RFC3339.secondsSince1970("2017-03-10T00:00:00+00:00") == 1_489_104_000)
    #expect(RFC3339.secondsSince1970("2017-03-10T01:00:00+01:00") == 1_489_104_000)
    #expect(RFC3339.secondsSince1970("2017-03-10T00:00:00") == nil)
    #expect(RFC3339.format(1_489_104_000) == "2017-03-10T00:00:00Z")
  }
}

@Suite struct ContractValidatorTests {
  @Test func errorResponseIsReportedAndCheckedAgainstTheErrorSchema() {
    let body: JSONValue = [
      "code": 3000, "description": "Customer not found", "source": "PartnerFD",
    ]
    let verdict = Examples.validator().validate(
      ResponseUnderTest(endpoint: .partnerLicensesUsage, status: 404, body: body))
    #expect(verdict.schemaName == "error")
    let status = verdict.findings.first { $0.kind.id == "response.error-status" }
    #expect(status?.severity == .warning)
    #expect(status?.message == "error response 404 (code 3000): Customer not found")
    #expect(verdict.findings.count == 1)
    let broken = Examples.validator().validate(
      ResponseUnderTest(
        status: 500,
        body: [
          "code": 1, "description": .string(String(repeating: "x", count: 1025)), "source": "x",
        ]))
    #expect(broken.has("schema.maxLength", at: "/description"), "\(broken.summary)")
    let throttled = Examples.validator().validate(
      ResponseUnderTest(status: 429, body: ["statusCode": 429]))
    #expect(throttled.has("schema.required", at: ""), "\(throttled.summary)")
  }

  @Test func malformedAndEmptyBodies() {
    let malformed = Examples.validator().validate(
      ResponseUnderTest(status: 200, body: nil, bodyProblem: "line 1, column 2: expected a value"))
    #expect(malformed.has("input.malformed-body", at: ""))
    #expect(malformed.findings.first?.message.contains("line 1, column 2") == true)
    let empty = Examples.validator().validate(ResponseUnderTest(status: 200, body: nil))
    #expect(empty.has("input.malformed-body", at: ""))
    let emptyError = Examples.validator().validate(ResponseUnderTest(status: 401, body: nil))
    #expect(!emptyError.findings.contains { $0.severity == .error })
  }

  @Test func unknownSchemaAsksForSchemaOption() {
    let verdict = Examples.validator().validate(ResponseUnderTest(body: ["hello": "world"]))
    let finding = verdict.findings.first { $0.kind.id == "input.unknown-schema" }
    #expect(finding?.message.contains("--schema NAME|PATH") == true)
    #expect(verdict.schemaName == nil)
    let named = Examples.validator().validate(
      ResponseUnderTest(body: ["hello": "world"]), schema: .named("no-such-schema"))
    #expect(named.has("input.unknown-schema", at: ""))
  }

  @Test func namedSchemaIsUsed() throws {
    let item = try #require(try Examples.partner().response.body.json?["items"]?[0])
    let verdict = Examples.validator().validate(
      ResponseUnderTest(body: item), schema: .named("partner-licenses-usage-insights"))
    #expect(verdict.schemaName == "partner-licenses-usage-insights")
    #expect(verdict.problems.isEmpty, "\(verdict.summary)")
  }
}
