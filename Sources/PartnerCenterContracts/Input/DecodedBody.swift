import JSONCore

/// A raw HTTP body as the parser reads it after undoing its transfer and content codings
/// (`Transfer-Encoding: chunked`, `Content-Encoding: gzip`), with the way back from a position
/// in the decoded bytes to a position in the pasted text.
struct DecodedBody: Sendable {
  /// A run of decoded bytes copied from one place of the input.
  struct Segment: Sendable, Hashable {
    /// Where the run starts in the decoded bytes.
    var decodedStart: Int
    /// Where it starts in the input.
    var inputStart: Int
    /// How long it is.
    var count: Int
  }

  /// The decoded body.
  var bytes: [UInt8]
  /// Where the decoded bytes came from, in order; empty when they cannot be traced back (a
  /// compressed body).
  var segments: [Segment]
  /// The content coding that was undone (`gzip`), when one was: positions are then inside the
  /// decoded body, and findings say so.
  var contentCoding: String?

  /// The input offset of decoded byte `offset`, when it can be traced back.
  func inputOffset(of offset: Int) -> Int? {
    guard contentCoding == nil, !segments.isEmpty else { return nil }
    var low = 0
    var high = segments.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if segments[middle].decodedStart <= offset { low = middle } else { high = middle - 1 }
    }
    let segment = segments[low]
    return segment.inputStart + min(max(0, offset - segment.decodedStart), segment.count)
  }
}

/// Line starts of a text, to turn byte offsets into lines and columns in logarithmic time.
struct LineIndex: Sendable {
  private var starts: [Int] = [0]

  init(_ bytes: [UInt8]) {
    for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
  }

  /// The 1-based line and byte column of `offset`.
  func location(of offset: Int) -> JSONSourceLocation {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return JSONSourceLocation(offset: offset, line: low + 1, column: offset - starts[low] + 1)
  }
}

/// Decodes `Transfer-Encoding: chunked` (RFC 9112, section 7.1): chunk sizes in hex with
/// optional extensions, the data, the last chunk `0`, optional trailer fields. Lines may end
/// with CR LF or, as pasted text often does, LF alone.
enum ChunkedDecoder {
  /// Why a chunked body could not be decoded, and where in the input.
  struct Failure: Error, Sendable {
    var message: String
    var inputOffset: Int
  }

  /// The decoded body of `bytes[range]`.
  static func decode(_ bytes: [UInt8], range: Range<Int>) -> Result<DecodedBody, Failure> {
    var body = DecodedBody(bytes: [], segments: [], contentCoding: nil)
    var position = range.lowerBound
    var chunk = 0
    while true {
      // Blank lines between a header block and the first chunk are copying artefacts.
      while chunk == 0, position < range.upperBound,
        bytes[position] == 0x0A || bytes[position] == 0x0D
      {
        position += 1
      }
      guard position < range.upperBound else {
        return .failure(
          Failure(
            message: "the chunked body ends before its last chunk ('0' on a line of its own)",
            inputOffset: range.upperBound))
      }
      let lineStart = position
      let lineEnd = bytes[position..<range.upperBound].firstIndex(of: 0x0A) ?? range.upperBound
      var sizeEnd = lineEnd
      if let semicolon = bytes[position..<lineEnd].firstIndex(of: UInt8(ascii: ";")) {
        sizeEnd = semicolon
      }
      var text = bytes[position..<sizeEnd]
      while let last = text.last, last == 0x0D || last == 0x20 || last == 0x09 {
        text = text.dropLast()
      }
      guard !text.isEmpty, text.count <= 15, text.allSatisfy(isHexDigit),
        let size = Int(String(decoding: text, as: UTF8.self), radix: 16)
      else {
        let shown = String(decoding: bytes[position..<min(lineEnd, position + 40)], as: UTF8.self)
        return .failure(
          Failure(
            message:
              "expected the size of chunk \(chunk + 1) in hexadecimal (Transfer-Encoding: chunked), found '\(shown)'",
            inputOffset: lineStart))
      }
      position = min(lineEnd + 1, range.upperBound)
      if size == 0 { return .success(body) }
      guard range.upperBound - position >= size else {
        return .failure(
          Failure(
            message:
              "chunk \(chunk + 1) declares \(size) bytes but only \(range.upperBound - position) follow: the body is truncated",
            inputOffset: lineStart))
      }
      body.segments.append(
        DecodedBody.Segment(decodedStart: body.bytes.count, inputStart: position, count: size))
      body.bytes.append(contentsOf: bytes[position..<position + size])
      position += size
      if position < range.upperBound, bytes[position] == 0x0D { position += 1 }
      guard position < range.upperBound, bytes[position] == 0x0A else {
        return .failure(
          Failure(
            message:
              "chunk \(chunk + 1) declares \(size) bytes but its data does not end there with a line break (was the text re-wrapped or its line endings changed?)",
            inputOffset: lineStart))
      }
      position += 1
      chunk += 1
    }
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
  }
}
