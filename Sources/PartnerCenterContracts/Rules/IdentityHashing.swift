// The hashing behind identity groups: data drift's pairing and the unique-identity rule.

import JSONCore

/// A map from 64-bit hashes to small integers in two flat arrays (open addressing, linear
/// probing), which spares `Dictionary`'s generic hashing of keys that are hashes already.
struct HashIndex {
  private var hashes: [UInt64]
  private var values: [Int]
  private let mask: Int
  private let shift: UInt64

  /// An index with room for `capacity` entries at most half full.
  init(capacity: Int) {
    var size = 16
    var bits: UInt64 = 4
    while size < capacity * 2 {
      size *= 2
      bits += 1
    }
    hashes = [UInt64](repeating: 0, count: size)
    values = [Int](repeating: -1, count: size)
    mask = size - 1
    shift = 64 - bits
  }

  @inline(__always)
  private func slot(of hash: UInt64) -> Int {
    // Fibonacci hashing: the high bits of the product depend on every bit of the hash.
    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    while values[slot] >= 0 && hashes[slot] != hash { slot = (slot &+ 1) & mask }
    return slot
  }

  /// The value stored for `hash`, if any.
  subscript(hash: UInt64) -> Int? {
    let value = values[slot(of: hash)]
    return value >= 0 ? value : nil
  }

  /// Stores `value` (not negative) for `hash`, replacing what was there.
  mutating func set(_ hash: UInt64, _ value: Int) {
    let slot = slot(of: hash)
    hashes[slot] = hash
    values[slot] = value
  }
}

/// A fast 64-bit hash of words and byte strings (multiply and xor-shift per word); not
/// stable across versions, and not meant to resist chosen collisions, which only cost a
/// comparison.
struct WordHasher {
  private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

  @inline(__always)
  mutating func mix(_ word: UInt64) {
    value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
    value ^= value &>> 29
  }

  mutating func mix(bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    var offset = 0
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while offset &+ 8 <= count {
        mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset &+= 8
      }
    }
    var tail = UInt64(truncatingIfNeeded: count) &<< 56
    var shift: UInt64 = 0
    while offset < count {
      tail |= UInt64(bytes[offset]) &<< shift
      shift &+= 8
      offset &+= 1
    }
    mix(tail)
  }

  /// Mixes in one member of an identity: its value, or a mark for a missing member.
  mutating func mix(identityMember value: JSONValue?) {
    if let value { mix(identityValue: value) } else { mixAbsentIdentityMember() }
  }

  /// Mixes in an identity member the item does not have.
  mutating func mixAbsentIdentityMember() { mix(0x2D) }

  /// Mixes in one value of an identity: a string by its UTF-8 bytes, anything else by its
  /// compact JSON text (numbers are canonical there, so `1` and `1.0` agree).
  mutating func mix(identityValue value: JSONValue) {
    if case .string(let text) = value {
      mix(0x73)
      // In place when the string is contiguous UTF-8 (as parsed strings are), without a copy.
      if text.utf8.withContiguousStorageIfAvailable({ mix(bytes: $0) }) == nil {
        var copy = text
        copy.withUTF8 { mix(bytes: $0) }
      }
    } else {
      mix(0x6A)
      JSONWriter.compactBytes(value).withUnsafeBufferPointer { mix(bytes: $0) }
    }
  }
}
