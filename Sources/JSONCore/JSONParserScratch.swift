/// A growable stack of values that the parser moves in and out without reference counting.
///
/// Elements of every open container sit here until the container closes; closing moves them
/// into one exactly sized array. One stack serves the whole document, so it grows to the
/// widest open nesting and is then reused.
struct ScratchStack<Element>: ~Copyable {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  @inline(__always)
  mutating func push(_ element: consuming Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count &+= 1
  }

  /// Moves the elements from `start` to the top into a new array, leaving `start` elements.
  @inline(__always)
  mutating func popArray(from start: Int) -> [Element] {
    let length = count &- start
    guard length > 0 else { return [] }
    let source = base + start
    count = start
    // Not `Array(unsafeUninitializedCapacity:)`: that allocates through an unspecialized
    // standard-library function that looks up generic metadata on every call (about 6% of
    // parse time on collections of small objects).
    var array = [Element]()
    array.reserveCapacity(length)
    for index in 0..<length { array.append((source + index).move()) }
    return array
  }

  /// Destroys the elements from `start` to the top.
  @inline(__always)
  mutating func removeAll(from start: Int) {
    (base + start).deinitialize(count: count &- start)
    count = start
  }

  /// Drops the elements from `start` to the top, which the caller has moved out.
  @inline(__always)
  mutating func forgetMoved(to start: Int) {
    count = start
  }

  @inline(never)
  private mutating func grow() {
    let newCapacity = capacity * 2
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.moveInitialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}

/// A member name waiting for its object to close.
struct PendingKey {
  var key: String
  /// ``ByteSummary/hash`` of the name's UTF-8 bytes.
  var fingerprint: UInt64
  /// Byte offset of the name's opening quote.
  var offset: Int
}

/// A few machine words that summarize a byte string, read without a loop: its length and
/// its first and last eight bytes (for longer strings the middle eight are mixed in too).
///
/// For strings of up to 16 bytes the summary determines the bytes exactly.
struct ByteSummary {
  var head: UInt64
  var tail: UInt64
  var count: Int

  @inline(__always)
  init(_ pointer: UnsafePointer<UInt8>, count: Int) {
    let raw = UnsafeRawPointer(pointer)
    self.count = count
    if count >= 8 {
      head = raw.loadUnaligned(as: UInt64.self)
      tail = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
      if count > 16 {
        // Dates and identifiers often differ only in the middle.
        let middle = raw.loadUnaligned(fromByteOffset: count &>> 1 &- 4, as: UInt64.self)
        head ^= middle &* 0xD6E8_FEB8_6659_FD93
      }
    } else if count >= 4 {
      head = UInt64(raw.loadUnaligned(as: UInt32.self))
      tail = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
    } else {
      head = 0
      for index in 0..<count { head = head &<< 8 | UInt64(pointer[index]) }
      tail = 0
    }
  }

  /// A 64-bit hash of the summary; equal byte strings have equal hashes.
  @inline(__always)
  var hash: UInt64 {
    var hash = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &+ UInt64(truncatingIfNeeded: count))
    hash = (hash ^ (hash &>> 29)) &* 0xBF58_476D_1CE4_E5B9
    return hash ^ (hash &>> 32)
  }
}

/// A small cache of recently built strings, so that a name or value repeated in every item of
/// a collection is built (and, when long, allocated) once.
struct StringInterner: ~Copyable {
  private struct Entry {
    var head: UInt64
    var tail: UInt64
    var count: Int
    var string: String
  }

  /// Strings longer than this are built directly.
  static let maximumLength = 64

  private let entries: UnsafeMutablePointer<Entry>
  private let mask: Int

  /// A cache sized for an input of `inputSize` bytes: 64 to 4096 slots.
  init(inputSize: Int) {
    var slots = 64
    while slots < 4096 && slots * 64 < inputSize { slots *= 2 }
    mask = slots - 1
    entries = .allocate(capacity: slots)
    entries.initialize(repeating: Entry(head: 0, tail: 0, count: -1, string: ""), count: slots)
  }

  deinit {
    entries.deinitialize(count: mask + 1)
    entries.deallocate()
  }

  /// The string of the `count` bytes at `pointer`, which must be valid UTF-8 and no longer
  /// than ``maximumLength``; `summary` and `hash` describe those bytes.
  @inline(__always)
  mutating func string(
    _ pointer: UnsafePointer<UInt8>, summary: ByteSummary, hash: UInt64
  ) -> String {
    let slot = entries + Int(truncatingIfNeeded: hash) & mask
    if slot.pointee.head == summary.head && slot.pointee.tail == summary.tail
      && slot.pointee.count == summary.count
      && (summary.count <= 16 || stringHasBytes(slot.pointee.string, pointer, summary.count))
    {
      return slot.pointee.string
    }
    let string = makeString(pointer, count: summary.count)
    slot.pointee = Entry(
      head: summary.head, tail: summary.tail, count: summary.count, string: string)
    return string
  }
}

/// Whether the UTF-8 of `string` is the `count` bytes at `pointer`.
private func stringHasBytes(_ string: String, _ pointer: UnsafePointer<UInt8>, _ count: Int) -> Bool
{
  let same = string.utf8.withContiguousStorageIfAvailable { stored in
    stored.count == count && memoryEqual(stored.baseAddress.unsafelyUnwrapped, pointer, count)
  }
  return same ?? false
}

/// The string of `count` bytes of valid UTF-8 at `pointer`.
@inline(__always)
func makeString(_ pointer: UnsafePointer<UInt8>, count: Int) -> String {
  String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
}

@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
  var index = 0
  while index &+ 8 <= count {
    if UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self)
      != UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self)
    {
      return false
    }
    index &+= 8
  }
  while index < count {
    if a[index] != b[index] { return false }
    index &+= 1
  }
  return true
}
