// UTF-8 well-formedness for the parser: exact checks with messages that say what is wrong.

/// The outcome of checking one UTF-8 sequence.
enum UTF8SequenceCheck: Equatable {
  /// A well-formed sequence of `length` bytes (1 to 4).
  case valid(length: Int)
  /// Not well-formed; `problem` completes "expected valid UTF-8, found ...".
  case invalid(problem: String)
}

/// Checks the UTF-8 sequence starting at `offset` (RFC 3629: no overlongs, no encoded
/// surrogates, nothing above U+10FFFF, no truncation).
func validateUTF8Sequence(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int)
  -> UTF8SequenceCheck
{
  let lead = base[offset]
  if lead < 0x80 { return .valid(length: 1) }
  let length: Int
  var low: UInt8 = 0x80
  var high: UInt8 = 0xBF
  switch lead {
  case 0xC2...0xDF: length = 2
  case 0xE0:
    length = 3
    low = 0xA0
  case 0xE1...0xEC, 0xEE...0xEF: length = 3
  case 0xED:
    length = 3
    high = 0x9F
  case 0xF0:
    length = 4
    low = 0x90
  case 0xF1...0xF3: length = 4
  case 0xF4:
    length = 4
    high = 0x8F
  default:
    return .invalid(problem: invalidLeadProblem(lead))
  }
  if offset + 1 >= count {
    return .invalid(problem: truncatedProblem(base, count: count, at: offset, length: 1))
  }
  let second = base[offset + 1]
  if second < low || second > high {
    guard second >= 0x80 && second <= 0xBF else {
      return .invalid(problem: truncatedProblem(base, count: count, at: offset, length: 1))
    }
    let pair = "\(hexByte(lead)) \(hexByte(second))"
    switch lead {
    case 0xE0, 0xF0: return .invalid(problem: "overlong encoding \(pair)")
    case 0xED: return .invalid(problem: "UTF-16 surrogate encoded in UTF-8 (\(pair))")
    default: return .invalid(problem: "code point above U+10FFFF (\(pair))")
    }
  }
  for index in 2..<length {
    guard offset + index < count, base[offset + index] & 0xC0 == 0x80 else {
      return .invalid(problem: truncatedProblem(base, count: count, at: offset, length: index))
    }
  }
  return .valid(length: length)
}

private func invalidLeadProblem(_ lead: UInt8) -> String {
  switch lead {
  case 0x80...0xBF: return "continuation byte \(hexByte(lead)) without a lead byte"
  case 0xC0, 0xC1: return "overlong encoding (lead byte \(hexByte(lead)))"
  case 0xF5...0xF7: return "code point above U+10FFFF (lead byte \(hexByte(lead)))"
  default: return "byte \(hexByte(lead)), which never occurs in UTF-8"
  }
}

private func truncatedProblem(
  _ base: UnsafePointer<UInt8>, count: Int, at offset: Int, length: Int
) -> String {
  let bytes = (0..<length).map { hexByte(base[offset + $0]) }.joined(separator: " ")
  let next: String
  if offset + length >= count {
    next = "end of input"
  } else if base[offset + length] < 0x80 {
    next = describeFound(base, count: count, at: offset + length)
  } else {
    next = "byte \(hexByte(base[offset + length]))"
  }
  return "truncated sequence \(bytes) followed by \(next)"
}

/// The scalar value of a well-formed sequence of `length` bytes.
@inline(__always)
func decodeUTF8Scalar(_ pointer: UnsafePointer<UInt8>, length: Int) -> UInt32 {
  switch length {
  case 1: return UInt32(pointer[0])
  case 2: return UInt32(pointer[0] & 0x1F) << 6 | UInt32(pointer[1] & 0x3F)
  case 3:
    return UInt32(pointer[0] & 0x0F) << 12 | UInt32(pointer[1] & 0x3F) << 6
      | UInt32(pointer[2] & 0x3F)
  default:
    return UInt32(pointer[0] & 0x07) << 18 | UInt32(pointer[1] & 0x3F) << 12
      | UInt32(pointer[2] & 0x3F) << 6 | UInt32(pointer[3] & 0x3F)
  }
}
