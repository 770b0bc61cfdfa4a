import ContractTestSupport
import Foundation
import Testing

/// Verdicts on real data, checked through the built binary: no crash on extreme values, no
/// false alarm, no silent outage.
@Suite struct TrustEndToEndTests {
  /// A customer collection with one item per `(licensesActive, usagePercent)` pair, written as
  /// the JSON text gives them.
  static func collection(_ values: [(active: String, percent: String)]) -> String {
    let items = values.enumerated().map { index, value in
      """
      {"customerId": "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04", "customerName": "A", "productName": "P",
       "serviceCode": "S", "serviceName": "o365", "workloadCode": "W", "workloadName": "W\(index)",
       "channel": "reseller", "licensesActive": \(value.active), "licensesQualified": 1,
       "usagePercent": \(value.percent), "processedDateTime": "2017-03-09T00:00:00+00:00",
       "attributes": {"objectType": "CustomerLicensesUsageInsights"}}
      """
    }
    return """
      {"totalCount": \(values.count), "items": [\(items.joined(separator: ",\n"))],
       "attributes": {"objectType": "Collection"}}
      """
  }

  @Test func extremeCountsAndPercentagesGiveExactMessagesNotATrap() throws {
    let text = Self.collection([
      ("1000000000000000", "0.0"), ("100000000000000000000", "0"), ("-3", "1E+3"),
      ("0", "1e400"), ("9223372036854775807", "-0"),
    ])
    let run = try runBuiltTool(["validate", "-"], stdin: Array(text.utf8))
    #expect(run.code == 1, "\(run.stderr)")
    #expect(run.stderr.isEmpty)
    #expect(run.stdout.contains("is 100000000000000000.00% (tolerance 0.5 points)"))
    #expect(
      run.stdout.contains(
        "item 2 has usagePercent 1000 but licensesActive -3 of licensesQualified 1 is -300.00%"))
    #expect(run.stdout.contains("licensesActive 100000000000000000000 above licensesQualified 1"))
    #expect(run.stdout.contains("1e+400 is greater than the maximum 100"))
    #expect(run.stdout.contains("is 922337203685477580700.00%"))
    for wrong in ["-2.0-", "inf", "1000.0", "nan"] {
      #expect(!run.stdout.contains(wrong), "\(wrong) in \(run.stdout)")
    }
    let json = try runBuiltTool(["validate", "--format", "json", "-"], stdin: Array(text.utf8))
    #expect(json.code == 1)
    #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
  }
}

extension TrustEndToEndTests {
  static func partnerItem(processed: String) -> String {
    """
    {"totalCount": 1, "items": [{"workloadCode": "W", "workloadName": "Exchange", "serviceCode": "S",
     "serviceName": "o365", "channel": "reseller", "customersCount": 1, "licensesActive": 1,
     "licensesQualified": 1, "usagePercent": 100, "proratedLicensesUsagePercent": 100,
     "processedDateTime": "\(processed)",
     "attributes": {"objectType": "PartnerLicensesUsageInsights"}}],
     "attributes": {"objectType": "Collection"}}
    """
  }

  @Test func aLeapSecondOnADayWithoutOneIsAWarningAndARealOneIsNot() throws {
    let fake = try runBuiltTool(
      ["validate", "--fail-on", "warning", "-"],
      stdin: Array(Self.partnerItem(processed: "2017-03-09T23:59:60Z").utf8))
    #expect(fake.code == 1)
    #expect(
      fake.stdout.contains(
        "warning: /items/0/processedDateTime: item 0 was processed at 2017-03-09T23:59:60Z, a leap second on 2017-03-09, a day that had none"
      ))
    let real = try runBuiltTool(
      ["validate", "--fail-on", "warning", "-"],
      stdin: Array(Self.partnerItem(processed: "2016-12-31T23:59:60Z").utf8))
    #expect(!real.stdout.contains("leap second"), "\(real.stdout)")
  }

  @Test func anInvalidDateTimeSaysWhy() throws {
    let run = try runBuiltTool(
      ["validate", "-"], stdin: Array(Self.partnerItem(processed: "2017-02-29T00:00:00Z").utf8))
    #expect(run.code == 1)
    #expect(run.stdout.contains("is not a valid date-time: February has 28 days in 2017"))
  }
}

extension TrustEndToEndTests {
  @Test func aMillionRepeatsOfOneNameAreOneFindingWithACount() throws {
    let members = Array(repeating: #""a": 1"#, count: 1_000_000).joined(separator: ",")
    let text = #"{"items": [{"# + members + "}]}"
    let run = try runBuiltTool(["validate", "-"], stdin: Array(text.utf8))
    #expect(run.code == 1)
    #expect(run.stdout.contains("member name 'a' occurs 1000000 times in one object"))
    #expect(run.stdout.utf8.count < 2_000, "\(run.stdout.utf8.count) bytes of output")
    let json = try runBuiltTool(["validate", "--format", "json", "-"], stdin: Array(text.utf8))
    #expect(json.stdout.utf8.count < 10_000)
  }

  @Test func aQuotedValueIsCapped() throws {
    let long = String(repeating: "x", count: 100_000)
    let old = Self.collection([("1", "100")])
    let new = old.replacingOccurrences(
      of: #""serviceName": "o365""#, with: #""serviceName": "\#(long)""#)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cap-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try old.write(toFile: folder + "/old.json", atomically: false, encoding: .utf8)
    try new.write(toFile: folder + "/new.json", atomically: false, encoding: .utf8)
    let run = try runBuiltTool(
      ["diff", "old.json", "new.json", "--fail-on", "none"], directory: folder)
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout.contains("… (100000 characters)"))
    for line in run.stdout.split(separator: "\n") { #expect(line.utf8.count < 1_000) }
  }
}
