import CZlib

/// Decodes a `gzip` or `deflate` body (RFC 1952, RFC 1950; a raw RFC 1951 stream is accepted
/// for `deflate` too, as some servers send it) with the system zlib, never holding more than
/// ``limit`` decoded bytes: a body that inflates past it (a "gzip bomb") is an error that says
/// so, not the process's memory.
struct Inflater {
  /// The content codings this decodes.
  enum Coding: String, Sendable {
    case gzip
    case deflate
  }

  /// Why a body could not be decoded.
  enum Failure: Error, Equatable, CustomStringConvertible {
    /// The decoded body would be larger than the limit.
    case tooLarge(limit: Int)
    /// The data is not valid for the coding (zlib's reason).
    case corrupt(coding: Coding, reason: String)
    /// The data ends before the stream does.
    case truncated(coding: Coding)

    var description: String {
      switch self {
      case .tooLarge(let limit):
        "the body inflates to more than \(limit / (1024 * 1024)) MiB, the limit for a decoded body"
      case .corrupt(let coding, let reason):
        "the body is not valid \(coding.rawValue) data: \(reason)"
      case .truncated(let coding):
        "the \(coding.rawValue) body is truncated: its stream does not end"
      }
    }
  }

  /// The most decoded bytes: 256 MiB, as for a captured body.
  static let defaultLimit = 256 * 1024 * 1024

  var limit = Inflater.defaultLimit

  /// The decoded bytes of `input`.
  func inflate(_ input: ArraySlice<UInt8>, coding: Coding) throws(Failure) -> [UInt8] {
    switch coding {
    case .gzip: return try run(input, windowBits: 15 + 16, coding: coding)
    case .deflate:
      // A zlib header's first byte is 0x?8 and the first two bytes, read big-endian, are a
      // multiple of 31; anything else is a raw deflate stream.
      let zlibWrapped =
        input.count >= 2 && input[input.startIndex] & 0x0F == 8
        && (UInt16(input[input.startIndex]) << 8 | UInt16(input[input.startIndex + 1])) % 31 == 0
      return try run(input, windowBits: zlibWrapped ? 15 : -15, coding: coding)
    }
  }

  private func run(_ input: ArraySlice<UInt8>, windowBits: Int32, coding: Coding) throws(Failure)
    -> [UInt8]
  {
    var stream = z_stream()
    guard
      inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw .corrupt(coding: coding, reason: "zlib could not start") }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var status: Int32 = Z_OK
    var failure: Failure?
    input.withUnsafeBufferPointer { source in
      stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
      stream.avail_in = UInt32(source.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          status = CZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        if output.count + produced > limit {
          failure = .tooLarge(limit: limit)
          return
        }
        output.append(contentsOf: chunk[0..<produced])
        if status == Z_BUF_ERROR && stream.avail_in == 0 {
          failure = .truncated(coding: coding)
          return
        }
        if status != Z_OK && status != Z_STREAM_END {
          let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          failure = .corrupt(coding: coding, reason: reason)
          return
        }
      } while status != Z_STREAM_END
    }
    if let failure { throw failure }
    return output
  }
}
