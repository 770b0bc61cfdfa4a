/// A small deterministic generator (SplitMix64): the same seed gives the same customers, the
/// same variants and the same fault sequence on every run and machine.
struct ReplayRandom: Sendable {
  private var state: UInt64

  /// A generator for `seed`, optionally split into an independent `stream` (a customer index,
  /// a request number) so values do not depend on the order they are asked for.
  init(seed: UInt64, stream: UInt64 = 0) {
    state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
    _ = next()
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (bound > 0).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

  /// A number in `0.0..<1.0`.
  mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// A random element of a non-empty array.
  mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }

  /// A version-4-shaped GUID, lowercase.
  mutating func guid() -> String {
    let high = next()
    let low = next()
    var hex = String(high, radix: 16)
    hex = String(repeating: "0", count: 16 - hex.count) + hex
    var lowHex = String(low, radix: 16)
    lowHex = String(repeating: "0", count: 16 - lowHex.count) + lowHex
    let all = Array(hex + lowHex)
    let variant = ["8", "9", "a", "b"][Int(low >> 62)]
    return String(all[0..<8]) + "-" + String(all[8..<12]) + "-4" + String(all[13..<16]) + "-"
      + variant + String(all[17..<20]) + "-" + String(all[20..<32])
  }
}
