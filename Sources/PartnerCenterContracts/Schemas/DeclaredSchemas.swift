import Foundation
import JSONCore
import JSONSchemaValidation

/// The declared schemas (`schemas/*.schema.json`): the embedded copy, or the files of a folder
/// (`--schemas DIR`), each compiled once for default and for strict validation.
///
/// Strict mode uses the same files: every object schema sends properties it does not list
/// through `additionalProperties: {"$dynamicRef": "#undocumented"}`, whose default target
/// accepts anything. A strict validator starts from a small wrapper (`$id` under
/// ``strictBaseURI``) whose own `$dynamicAnchor: undocumented` rejects everything; as the
/// outermost resource of the dynamic scope, it wins over the permissive anchors.
public struct DeclaredSchemas: Sendable {
  /// The base URI of the declared schemas' `$id`s.
  public static let baseURI = "https://partnercenter-contracts.example/schemas/"
  /// The base URI of the strict wrappers, one per declared schema.
  public static let strictBaseURI = "https://partnercenter-contracts.example/schemas/strict/"

  /// One declared schema, compiled.
  public struct Schema: Sendable {
    /// The name: the file name without `.schema.json` (`customer-licenses-usage-response`).
    public var name: String
    /// The file name (`customer-licenses-usage-response.schema.json`).
    public var fileName: String
    /// The `$id`.
    public var uri: String
    /// The `title`, if any.
    public var title: String?
    /// The `description`, if any.
    public var summary: String?
    /// The file's text, exactly.
    public var sourceText: String
    /// The file's text, parsed.
    public var document: JSONValue
    /// Validates with undocumented properties allowed; formats asserted.
    public var validator: Validator { validators.validator(strict: false) }
    /// Validates with undocumented properties rejected; formats asserted.
    public var strictValidator: Validator { validators.validator(strict: true) }
    fileprivate let validators: SchemaValidators

    /// The validator for `strict` or default mode.
    public func validator(strict: Bool) -> Validator { validators.validator(strict: strict) }
  }

  /// The schemas, in name order.
  public let schemas: [Schema]
  /// Where they came from: `embedded`, or the folder they were read from.
  public let origin: String
  /// The registry holding every declared schema (and the draft 2020-12 meta-schemas).
  public let registry: SchemaRegistry
  private let sources: [(fileName: String, text: String)]

  /// The schemas embedded in the library, which mirror `schemas/` (a test keeps them equal).
  ///
  /// Their validators are compiled when a run first uses them: a run needs few of the twenty,
  /// and compiling them all was a third of the time of a one-file `validate`. A test compiles
  /// every one, so none can fail later.
  public static let embedded: DeclaredSchemas = {
    do {
      return try DeclaredSchemas(files: EmbeddedSchemas.files, origin: "embedded", lazily: true)
    } catch {
      // The embedded files are generated and tested; an empty set makes every check report
      // that its schema is missing rather than crash.
      return DeclaredSchemas(empty: "embedded (failed to load: \(error))")
    }
  }()

  /// Loads the schemas of `files` (name and text each), compiling each for both modes, so
  /// that a schema that cannot be compiled is the error here.
  public init(files: [(fileName: String, text: String)], origin: String)
    throws(DeclaredSchemasError)
  {
    try self.init(files: files, origin: origin, lazily: false)
  }

  private init(files: [(fileName: String, text: String)], origin: String, lazily: Bool)
    throws(DeclaredSchemasError)
  {
    var registry = SchemaRegistry()
    var loaded: [(fileName: String, text: String, document: JSONValue, uri: String)] = []
    for file in files.sorted(by: { $0.fileName < $1.fileName }) {
      let document: JSONValue
      do {
        document = try JSONParser.parse(Array(file.text.utf8)).value
      } catch {
        throw .malformedSchema(file: file.fileName, reason: "\(error)")
      }
      do {
        let uri = try registry.add(document, uri: DeclaredSchemas.baseURI + file.fileName)
        loaded.append((file.fileName, file.text, document, uri))
      } catch {
        throw .invalidSchema(file: file.fileName, error: error)
      }
    }
    var schemas: [Schema] = []
    for file in loaded {
      schemas.append(
        try DeclaredSchemas.compile(
          fileName: file.fileName, text: file.text, document: file.document, uri: file.uri,
          registry: registry, lazily: lazily))
    }
    self.schemas = schemas
    self.origin = origin
    self.registry = registry
    self.sources = files.map { ($0.fileName, $0.text) }
  }

  /// Loads every `*.schema.json` file of `directory` (not its subfolders).
  public init(directory: String) throws(DeclaredSchemasError) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw .unreadable(path: directory, reason: "the folder cannot be read")
    }
    var files: [(fileName: String, text: String)] = []
    for name in names.sorted() where name.hasSuffix(DeclaredSchemas.fileSuffix) {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .unreadable(path: path, reason: "the file cannot be read")
      }
      files.append((name, String(decoding: data, as: UTF8.self)))
    }
    guard !files.isEmpty else { throw .noSchemas(directory: directory) }
    try self.init(files: files, origin: directory)
  }

  private init(empty origin: String) {
    schemas = []
    self.origin = origin
    registry = SchemaRegistry()
    sources = []
  }

  /// The schema named `name`, with or without `.schema.json`.
  public func schema(named name: String) -> Schema? {
    let bare =
      name.hasSuffix(DeclaredSchemas.fileSuffix)
      ? String(name.dropLast(DeclaredSchemas.fileSuffix.count)) : name
    return schemas.first { $0.name == bare }
  }

  /// The names, for messages: `collection, customer-licenses-usage-response, ...`.
  public var names: [String] { schemas.map(\.name) }

  /// Compiles a schema file that is not one of the declared set (`--schema PATH`), with the
  /// declared schemas available to its `$ref`s. A file whose `$id` is a declared schema's
  /// (an edited copy) replaces that schema.
  public func compileFile(atPath path: String) throws(DeclaredSchemasError) -> Schema {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "the file cannot be read")
    }
    let text = String(decoding: data, as: UTF8.self)
    let document: JSONValue
    do {
      document = try JSONParser.parse(Array(data)).value
    } catch {
      throw .malformedSchema(file: path, reason: "\(error)")
    }
    let fileName = (path as NSString).lastPathComponent
    let declaredID = document["$id"]?.stringValue
    var registry = SchemaRegistry()
    do {
      for schema in schemas where schema.uri != declaredID {
        if let source = sources.first(where: { $0.fileName == schema.fileName }),
          let value = try? JSONParser.parse(Array(source.text.utf8)).value
        {
          try registry.add(value, uri: schema.uri)
        }
      }
      let fileURI = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
      let uri = try registry.add(document, uri: fileURI)
      return try DeclaredSchemas.compile(
        fileName: fileName, text: text, document: document, uri: uri, registry: registry)
    } catch let error as DeclaredSchemasError {
      throw error
    } catch let error as SchemaError {
      throw .invalidSchema(file: path, error: error)
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
  }

  static let fileSuffix = ".schema.json"

  private static func compile(
    fileName: String, text: String, document: JSONValue, uri: String, registry: SchemaRegistry,
    lazily: Bool = false
  ) throws(DeclaredSchemasError) -> Schema {
    do {
      var strictRegistry = registry
      var wrapper = JSONObject()
      wrapper["$schema"] = .string(SchemaRegistry.draft202012)
      wrapper["$id"] = .string(strictBaseURI + fileName)
      wrapper["$ref"] = .string(uri)
      var reject = JSONObject()
      reject["$dynamicAnchor"] = .string("undocumented")
      reject["not"] = .bool(true)
      var definitions = JSONObject()
      definitions["undocumented"] = .object(reject)
      wrapper["$defs"] = .object(definitions)
      let strictURI = try strictRegistry.add(.object(wrapper))
      let name =
        fileName.hasSuffix(fileSuffix) ? String(fileName.dropLast(fileSuffix.count)) : fileName
      let validators = SchemaValidators(
        registry: registry, uri: uri, strictRegistry: strictRegistry, strictURI: strictURI)
      if !lazily { try validators.compileBoth() }
      return Schema(
        name: name, fileName: fileName, uri: uri, title: document["title"]?.stringValue,
        summary: document["description"]?.stringValue, sourceText: text, document: document,
        validators: validators)
    } catch {
      throw .invalidSchema(file: fileName, error: error)
    }
  }

  /// Whether a schema error's keyword location is the strict wrapper's rejection of an
  /// undocumented property.
  static func isUndocumentedRejection(_ absoluteKeywordLocation: String) -> Bool {
    absoluteKeywordLocation.hasPrefix(strictBaseURI)
  }
}

/// A declared schema's default and strict validators, each compiled once, when first asked for
/// (or at once, to report a schema that cannot be compiled when it is loaded).
private final class SchemaValidators: @unchecked Sendable {
  private static let options = Validator.Options(assertFormats: true)
  private let lock = NSLock()
  /// What each mode compiles: the declared schema, or its strict wrapper.
  private let targets: (default: (SchemaRegistry, String), strict: (SchemaRegistry, String))
  private var compiled: (default: Validator?, strict: Validator?)

  init(registry: SchemaRegistry, uri: String, strictRegistry: SchemaRegistry, strictURI: String) {
    targets = ((registry, uri), (strictRegistry, strictURI))
  }

  func compileBoth() throws(SchemaError) {
    lock.lock()
    defer { lock.unlock() }
    _ = try compiledValidator(strict: false)
    _ = try compiledValidator(strict: true)
  }

  func validator(strict: Bool) -> Validator {
    lock.lock()
    defer { lock.unlock() }
    do {
      return try compiledValidator(strict: strict)
    } catch {
      // Only the embedded schemas compile lazily, and a test compiles each of them in both
      // modes; should one ever fail, nothing passes it rather than everything.
      if strict {
        compiled.strict = .rejectingEverything
      } else {
        compiled.default = .rejectingEverything
      }
      return .rejectingEverything
    }
  }

  /// The validator of the mode, compiled the first time; the caller holds the lock.
  private func compiledValidator(strict: Bool) throws(SchemaError) -> Validator {
    if let validator = strict ? compiled.strict : compiled.default { return validator }
    let (registry, uri) = strict ? targets.strict : targets.default
    let validator = try registry.validator(for: uri, options: Self.options)
    if strict { compiled.strict = validator } else { compiled.default = validator }
    return validator
  }
}

/// Why declared schemas could not be loaded.
public enum DeclaredSchemasError: Error, Sendable, CustomStringConvertible {
  /// A file or folder could not be read.
  case unreadable(path: String, reason: String)
  /// A schema file is not JSON.
  case malformedSchema(file: String, reason: String)
  /// A schema file is JSON but not a usable draft 2020-12 schema (or a `$ref` does not resolve).
  case invalidSchema(file: String, error: SchemaError)
  /// The folder holds no `*.schema.json` file.
  case noSchemas(directory: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .malformedSchema(let file, let reason): "schema \(file) is not JSON: \(reason)"
    case .invalidSchema(let file, let error): "schema \(file): \(error)"
    case .noSchemas(let directory): "no *.schema.json files in \(directory)"
    }
  }
}
