/// Recently closed small objects, by their source text, so that an object that a collection
/// repeats byte for byte (`"attributes":{"objectType":"CustomerLicensesUsageInsights"}` in
/// every item) is stored once and shared by every item that writes it.
///
/// Identical text parses to an identical value, so sharing cannot be observed: `JSONObject`
/// is a value, and a later change to one copy copies its storage first. What it saves is one
/// allocation per repeat, its page faults, and its free when the tree goes.
struct RepeatedObjectCache: ~Copyable {
  /// What the cache knows of an object's text.
  enum Sighting {
    /// The text was seen before and its object is cached: use it.
    case shared(JSONObject)
    /// The text was seen once before: build the object and ``share(_:summary:)`` it.
    case repeated
    /// The text is new (or was pushed out); the cache now remembers where it is.
    case new
  }

  private struct Entry {
    /// Where the text starts in the input; `-1` for an empty slot.
    var offset: Int
    var length: Int
    /// The object, once the text has been seen twice. Objects seen once are not kept, so that
    /// documents of unique small objects pay no reference counting for the cache.
    var object: JSONObject?
  }

  /// Objects whose text, from the first name's opening quote to the closing brace, is longer
  /// than this are not shared: they are seldom repeated, and comparing them costs more.
  static let maximumLength = 128

  private static let slotCount = 64
  private let entries: UnsafeMutablePointer<Entry>

  /// After this many new texts in a row, only one object in ``probeInterval`` is looked up
  /// until a text repeats again: documents of unique small objects then pay almost nothing.
  private static let missLimit = 256
  private static let probeInterval = 64
  private var misses = 0
  private var probeCountdown = 0

  init() {
    entries = .allocate(capacity: Self.slotCount)
    entries.initialize(repeating: Entry(offset: -1, length: 0, object: nil), count: Self.slotCount)
  }

  deinit {
    entries.deinitialize(count: Self.slotCount)
    entries.deallocate()
  }

  /// Whether to look up the object being closed.
  @inline(__always)
  mutating func shouldLookUp() -> Bool {
    if misses < Self.missLimit { return true }
    probeCountdown &-= 1
    guard probeCountdown <= 0 else { return false }
    probeCountdown = Self.probeInterval
    return true
  }

  /// Looks up the `length` bytes at `offset` in `base` (described by `summary`), and
  /// remembers them when they are new.
  @inline(__always)
  mutating func sight(
    base: UnsafePointer<UInt8>, offset: Int, length: Int, summary: ByteSummary
  ) -> Sighting {
    let slot = entries + Self.slot(summary)
    if slot.pointee.length == length, slot.pointee.offset >= 0,
      memoryEqual(base + slot.pointee.offset, base + offset, length)
    {
      misses = 0
      if let object = slot.pointee.object { return .shared(object) }
      return .repeated
    }
    slot.pointee = Entry(offset: offset, length: length, object: nil)
    misses &+= 1
    return .new
  }

  /// Keeps `object`, built from a text just sighted as `.repeated`, for its next repeats.
  @inline(__always)
  mutating func share(_ object: JSONObject, summary: ByteSummary) {
    entries[Self.slot(summary)].object = object
  }

  @inline(__always)
  private static func slot(_ summary: ByteSummary) -> Int {
    Int(truncatingIfNeeded: summary.hash) & (slotCount - 1)
  }
}
