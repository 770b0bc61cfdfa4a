// libFuzzer entry point for the JSON parser, writer and source locator. Built by
// Fuzz/run.sh together with the JSONCore sources as one module, so it calls JSONCore
// without an import.
//
// For every input: parse it; on failure, check the error points inside the input and that
// the locator copes with the text; on success, write the value compactly (as is, with
// sorted keys, with non-ASCII escaped) and pretty, parse each text again, and trap unless
// the value is unchanged and the pretty form is stable; then locate every pointer of the
// value (up to a limit) in the input and in the compact text.

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
  checkLocations(value, input: Array(input), compact: texts[0])
  checkArrayIndex(document, input: Array(input), compact: texts[0])
  for duplicate in document.duplicateMembers {
    // The holding object may itself have been replaced by a later repeated name, so only
    // the location is checked: it is the opening quote of the repeated name.
    check(duplicate.location.offset < size, "duplicate location outside input")
    check(
      input[duplicate.location.offset] == UInt8(ascii: "\""), "duplicate location not at a name")
  }
  return 0
}

/// Every pointer of `value` (the first 300) is found in the input at a byte that can start
/// its value, and in the compact text exactly where its compact text starts.
private func checkLocations(_ value: JSONValue, input: [UInt8], compact: [UInt8]) {
  var pointers: [JSONPointer] = []
  collectPointers(value, at: .root, into: &pointers)
  let inInput = JSONSourceLocator(input).locate(pointers)
  let inCompact = JSONSourceLocator(compact).locate(pointers)
  for pointer in pointers {
    guard let designated = pointer.resolve(in: value), let match = inInput[pointer],
      let compactMatch = inCompact[pointer]
    else { fail("pointer \(pointer) not located") }
    let first = input[match.value.offset]
    let expectedFirst = JSONWriter.compactBytes(designated)[0]
    let sameKind =
      first == expectedFirst
      || (designated.numberValue != nil
        && (first == UInt8(ascii: "-") || (0x30...0x39).contains(first)))
    check(sameKind, "pointer \(pointer) located at the wrong byte")
    check(
      compact[compactMatch.value.offset...].starts(with: JSONWriter.compactBytes(designated)),
      "pointer \(pointer) located at the wrong place in compact text")
  }
}

/// The locator jumping through the parser's index of long arrays finds what a scan finds: in
/// the input as it is, and in a long array of copies of the value's compact text.
private func checkArrayIndex(_ document: JSONDocument, input: [UInt8], compact: [UInt8]) {
  var pointers: [JSONPointer] = []
  collectPointers(document.value, at: .root, into: &pointers)
  check(
    JSONSourceLocator(input, arrayIndex: document.arrayIndex).locate(pointers)
      == JSONSourceLocator(input).locate(pointers), "indexed and scanned locations differ")
  guard compact.count <= 48 else { return }
  let copies = JSONArrayIndex.minimumCount + 3
  let long =
    [UInt8(ascii: "[")] + Array(repeating: compact, count: copies).joined(separator: [0x2C, 0x0A])
    + [UInt8(ascii: "]")]
  guard let parsed = try? JSONParser.parse(long) else { fail("copies of a value do not parse") }
  check(parsed.arrayIndex.count >= 1, "a long array is not indexed")
  var inLong: [JSONPointer] = [.root]
  for index in [0, 1, copies / 2, copies - 1, copies] {
    inLong += pointers.prefix(20).map { JSONPointer(tokens: [String(index)] + $0.tokens) }
  }
  check(
    JSONSourceLocator(long, arrayIndex: parsed.arrayIndex).locate(inLong)
      == JSONSourceLocator(long).locate(inLong),
    "indexed and scanned locations differ in a long array")
}

private func collectPointers(
  _ value: JSONValue, at pointer: JSONPointer, into pointers: inout [JSONPointer]
) {
  guard pointers.count < 300 else { return }
  pointers.append(pointer)
  switch value {
  case .array(let elements):
    for (index, element) in elements.enumerated() {
      collectPointers(element, at: pointer.appending(index), into: &pointers)
    }
  case .object(let object):
    for member in object.members {
      collectPointers(member.value, at: pointer.appending(member.key), into: &pointers)
    }
  default:
    break
  }
}

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
  fputs("ParserFuzzer: \(message)\n", stderr)
  abort()
}
