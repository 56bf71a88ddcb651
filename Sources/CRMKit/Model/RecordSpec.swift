/// Everything crm knows about one record type, in one place: where its files live and how
/// they are named, its schema, how it is listed, found, shown, checked, derived and put on a
/// timeline. Code that differs by type asks the spec; each type's spec is in `Model/Types/`,
/// and `RecordType.registered` lists them.
public final class RecordSpec: Sendable {
  /// How a type's files are filed under its folder.
  public enum Filing: Sendable {
    /// Directly in the folder: `contacts/jane-doe.md`.
    case flat
    /// In year and month folders, for types that pile up: `activities/2026/11/….md`.
    case byMonth
  }

  /// How a new record's id is made.
  public enum IDs: Sendable, Equatable {
    /// The slug of this field's text (`Jane Doe` → `jane-doe`), `-2`, `-3`… on a clash.
    case slug(of: String)
    /// A timestamp, a slug and the clone's id (`20261118-1000-call-jane-k3x9`): records
    /// logged on two clones at once never share a name.
    case timestamped
  }

  /// The type's name as users type it: `crm contact …`, `type: contact` in JSON.
  public let name: String
  /// Its folder, relative to the repo root.
  public let folder: String
  public let filing: Filing
  public let ids: IDs
  /// The schema's fields in canonical order: new files are written in this order. The first is `id`.
  public let fields: [FieldSpec]
  /// The field that names a record of this type for people.
  public let titleKey: String
  /// Filter and `--fields` shorthands: `tag` for `tags`.
  public let aliases: [String: String]
  /// The columns a table, CSV or TSV shows when `--fields` is not given.
  public let columns: [String]
  /// The fields a new record gets unless it is given others: a ticket starts `open`.
  public let defaults: [Field]
  /// The detail that says most about a record in one cell, as `show` lists linked records.
  public let summary: @Sendable (Record) -> Value
  /// How `list` orders records when no `--sort` is given; nil keeps id order.
  public let listOrder: (@Sendable (Record, Record) -> Bool)?
  /// The fields a light load (the outline: enough to find records and what links to them,
  /// and to check files) keeps besides the title, the references and keys check reports.
  public let outlineKeys: Set<String>
  /// Whether a record's `emails` name it: `show jane@acme.example` finds it, and `check`
  /// reports an address on two records.
  public let identifiedByEmail: Bool
  /// Records `show` lists with one besides those it links to and that link to it, found in
  /// the index (a ticket's: its customer's other tickets).
  public let related: (@Sendable (Record, RecordIndex) -> [Record])?
  /// Whether a record is a customer: its `show` is the customer's whole story (see `CustomerView`).
  public let isCustomer: Bool
  /// What is wrong with a well-formed record against the config (a deal's stage, a ticket's
  /// history), reported by every load of the type and by `check`; nil checks nothing more.
  public let problems: (@Sendable (Record, Config) -> [CRMError])?
  /// Values crm works out rather than reads (see `Derived`).
  public let derivation: Derivation?
  /// What a record of the type puts on a timeline.
  public let timelineEvents: @Sendable (Record) -> [Timeline.Event]

  /// Values crm works out for a record from the repo, which files never store.
  public struct Derivation: Sendable {
    /// The keys only crm works out: usable in filters, `--fields` and `--sort`, never set.
    public let keys: [String]
    /// The other types they are made from, which a load must include to fill them in.
    public let sources: Set<RecordType>
    /// The kinds of the keys filters compare by kind (a time, not text).
    let kinds: [String: FieldKind]
    /// The record's derived fields, or nil to leave it as read (its sources are not loaded).
    let fill: @Sendable (Record, Derived.Context) -> [Field]?

    init(
      keys: [String] = [], sources: Set<RecordType> = [], kinds: [String: FieldKind] = [:],
      fill: @escaping @Sendable (Record, Derived.Context) -> [Field]?
    ) {
      self.keys = keys
      self.sources = sources
      self.kinds = kinds
      self.fill = fill
    }
  }

  /// The schema as lookups need it, worked out once: see `RecordType.schemaIndex(of:)`.
  let lookup: SchemaLookup

  init(
    name: String, folder: String, filing: Filing = .flat, ids: IDs, fields: [FieldSpec], titleKey: String,
    aliases: [String: String] = [:], defaults: [Field] = [], columns: [String], summary: @escaping @Sendable (Record) -> Value,
    listOrder: (@Sendable (Record, Record) -> Bool)? = nil, outlineKeys: Set<String> = [], identifiedByEmail: Bool = false,
    related: (@Sendable (Record, RecordIndex) -> [Record])? = nil, isCustomer: Bool = false,
    problems: (@Sendable (Record, Config) -> [CRMError])? = nil, derivation: Derivation? = nil,
    timelineEvents: @escaping @Sendable (Record) -> [Timeline.Event] = { _ in [] }
  ) {
    self.name = name
    self.folder = folder
    self.filing = filing
    self.ids = ids
    self.fields = fields
    self.titleKey = titleKey
    self.aliases = Self.commonAliases.merging(aliases) { _, own in own }
    self.defaults = defaults
    self.columns = columns
    self.summary = summary
    self.listOrder = listOrder
    self.outlineKeys = outlineKeys
    self.identifiedByEmail = identifiedByEmail
    self.related = related
    self.isCustomer = isCustomer
    self.problems = problems
    self.derivation = derivation
    self.timelineEvents = timelineEvents
    lookup = SchemaLookup(fields)
  }

  /// The shorthands every type takes.
  static let commonAliases = ["email": "emails", "phone": "phones", "tag": "tags", "close": "expected_close"]

  /// The fields every type ends with: when crm made and last changed the file.
  static let stamps = [FieldSpec("created", .timestamp), FieldSpec("updated", .timestamp)]
}

/// A schema's keys as bytes, and a table from a key's hash to its position: the smallest
/// power of two in which no two keys land in one slot (-1 marks an empty one), so a lookup
/// is one probe. A record's every field is looked up on every load.
struct SchemaLookup: Sendable {
  let keys: [[UInt8]]
  let slots: [Int8]
  let targets: [RecordType?]
  let references: [(key: String, target: RecordType)]

  init(_ fields: [FieldSpec]) {
    keys = fields.map { Array($0.key.utf8) }
    targets = fields.map(\.kind.target)
    references = fields.compactMap { spec in spec.kind.target.map { (spec.key, $0) } }
    var size = 32
    while true {
      var slots = [Int8](repeating: -1, count: size)
      var shared = false
      for (i, key) in keys.enumerated() {
        let slot = Int(key.fnv1a & UInt64(size - 1))
        shared = shared || slots[slot] >= 0
        slots[slot] = Int8(i)
      }
      if !shared {
        self.slots = slots
        return
      }
      size *= 2
    }
  }
}
