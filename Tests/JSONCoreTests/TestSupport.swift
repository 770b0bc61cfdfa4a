import Foundation
import Testing

@testable import JSONCore

/// Parses `text`, recording a test failure with the error when it does not parse.
func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
  do {
    return try JSONParser.parse(text).value
  } catch {
    Issue.record("\(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// The document parsed from `bytes`, recording a test failure when it does not parse.
func parsedDocument(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
  -> JSONDocument?
{
  do {
    return try JSONParser.parse(bytes)
  } catch {
    Issue.record("\(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// The error parsing `bytes` gives, or `nil` (recording a test failure) when it parses.
func parseError(
  _ bytes: [UInt8], maximumDepth: Int = 512, sourceLocation: SourceLocation = #_sourceLocation
) -> JSONParseError? {
  do {
    let document = try JSONParser.parse(bytes, options: .init(maximumDepth: maximumDepth))
    Issue.record("unexpectedly parsed: \(document.value)", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error
  }
}

/// The description of the error parsing `text` gives, or `"<parsed>"`.
func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
  parseError(Array(text.utf8), sourceLocation: sourceLocation)?.description ?? "<parsed>"
}

/// A number from its JSON text, which must be valid.
func number(_ text: String) -> JSONNumber {
  guard let number = JSONNumber(text: text) else { fatalError("not a number: \(text)") }
  return number
}
