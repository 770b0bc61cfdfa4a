import ContractTestSupport
import Foundation
import JSONCore

@testable import PartnerCenterContracts

/// The documentation examples (the recordings in `recordings/`) and ways to break them.
enum Examples {
  static let customerID = "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04"
  static let partnerPath = "partner/licenses-usage.json"
  static let customerPath = "customers/\(customerID)/licenses-usage.json"
  /// A fixed "now" well after the examples, so the date rules are deterministic.
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  static func recordingsDirectory() -> URL { packageRoot().appendingPathComponent("recordings") }

  static func recording(_ relativePath: String) throws -> Recording {
    let url = recordingsDirectory().appendingPathComponent(relativePath)
    return try RecordingCodec.decode(Array(try Data(contentsOf: url)))
  }

  static func partner() throws -> Recording { try recording(partnerPath) }
  static func customer() throws -> Recording { try recording(customerPath) }

  /// The response of `recording`, as the validate command would see it, with its body replaced
  /// when `body` is given.
  static func response(_ recording: Recording, body: JSONValue? = nil) -> ResponseUnderTest {
    ResponseUnderTest(
      endpoint: recording.endpoint, request: recording.request, status: recording.response.status,
      headers: recording.response.headers, body: body ?? recording.response.body.json)
  }

  static func validator(strict: Bool = false) -> ContractValidator {
    ContractValidator(strict: strict, schemas: .embedded, now: now)
  }

  /// `value` with the member or element at `pointer` replaced by `newValue`, or removed when
  /// `newValue` is nil.
  static func setting(_ pointer: String, to newValue: JSONValue?, in value: JSONValue) -> JSONValue
  {
    let tokens = (try? JSONPointer(parsing: pointer).tokens) ?? []
    return setting(tokens[...], to: newValue, in: value)
  }

  private static func setting(
    _ tokens: ArraySlice<String>, to newValue: JSONValue?, in value: JSONValue
  ) -> JSONValue {
    guard let token = tokens.first else { return newValue ?? .null }
    let rest = tokens.dropFirst()
    switch value {
    case .object(var object):
      if rest.isEmpty, newValue == nil {
        object = JSONObject(object.members.filter { $0.key != token })
      } else {
        object[token] = setting(rest, to: newValue, in: object[token] ?? .null)
      }
      return .object(object)
    case .array(var elements):
      guard let index = Int(token), elements.indices.contains(index) else { return value }
      if rest.isEmpty, newValue == nil {
        elements.remove(at: index)
      } else {
        elements[index] = setting(rest, to: newValue, in: elements[index])
      }
      return .array(elements)
    default:
      return value
    }
  }
}

extension ContractVerdict {
  /// Findings at warning or above.
  var problems: [Finding] { findings.filter { $0.severity >= .warning } }

  /// Whether a finding of `kind` points at `pointer`.
  func has(_ kind: String, at pointer: String) -> Bool {
    findings.contains { $0.kind.id == kind && $0.pointerText == pointer }
  }

  /// The findings as `kind pointer` lines, for failure messages.
  var summary: String {
    findings.map { "\($0.kind) \($0.pointer): \($0.message)" }.joined(separator: "\n")
  }
}
