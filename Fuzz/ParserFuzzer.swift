// libFuzzer entry point for the JSON parser and writer. Built by Fuzz/run.sh together with
// the JSONCore sources as one module, so it calls JSONCore without an import.
//
// For every input: parse it; on failure, check the error points inside the input; on
// success, write the value compactly (as is, with sorted keys, with non-ASCII escaped) and
// pretty, parse each text again, and trap unless the value is unchanged and the pretty form
// is stable.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
  let document: JSONDocument
  do {
    document = try JSONParser.parse(input)
  } catch {
    check(
      error.location.offset >= 0 && error.location.offset <= size,
      "error offset outside input: \(error)")
    check(error.location.line >= 1 && error.location.column >= 1, "bad error location: \(error)")
    check(
      error.message.hasPrefix("expected ") || error.message.hasPrefix("nesting deeper"),
      "odd message: \(error)")
    return 0
  }
  let value = document.value
  let pretty = JSONWriter.prettyBytes(value)
  let texts = [
    JSONWriter.compactBytes(value), JSONWriter.compactBytes(value, sortKeys: true),
    JSONWriter.compactBytes(value, escapeNonASCII: true), pretty,
  ]
  for text in texts {
    guard let again = try? JSONParser.parse(text) else {
      fail("written text does not parse: \(String(decoding: text, as: UTF8.self))")
    }
    check(
      again.value == value, "round trip changed the value: \(String(decoding: text, as: UTF8.self))"
    )
    check(again.duplicateMembers.isEmpty, "written text repeats a member name")
    check(!again.hasByteOrderMark, "written text has a byte order mark")
  }
  if let reparsed = try? JSONParser.parse(pretty) {
    check(JSONWriter.prettyBytes(reparsed.value) == pretty, "pretty output is not stable")
  }
  for duplicate in document.duplicateMembers {
    check(
      duplicate.objectPointer.resolve(in: value)?.objectValue?[duplicate.key] != nil,
      "duplicate not in its object")
    check(duplicate.location.offset < size, "duplicate location outside input")
  }
  return 0
}

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
  fputs("ParserFuzzer: \(message)\n", stderr)
  abort()
}
