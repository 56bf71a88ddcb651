import Dispatch

/// What a command asks the store for. `Repository.load(_:)` decides the rest: which files
/// the cache answers for, what is read on which core, and what is started on another thread.
public enum LoadRequest {
  /// Every record of these types, whole, with the values crm works out (`Derived`) as far
  /// as the types loaded allow.
  case records(Set<RecordType>)
  /// Every record of these types, keeping only what the projection keeps: for a command
  /// that looks at a few fields of many records (`check`, `rm`).
  case outlines(Set<RecordType>, Repository.Projection = .outline)
  /// The records of these types through the projection, then of the activities (most of a
  /// repo, and linked to by nothing) only those naming one of the ids `naming` picks from
  /// them: for a command about a few records (`show`, `timeline`, `agenda`).
  case about(Set<RecordType>, Repository.Projection = .outline, naming: (Repository.Loaded) -> Set<String>)
}

extension Repository {
  /// The one way into the records: loads what `request` asks for, on all cores, through the
  /// cache when it is enabled.
  public func load(_ request: LoadRequest) -> Loaded {
    switch request {
    case .records(let types):
      return load(types)
    case .outlines(let types, let projection):
      return load(types, projection: projection)
    case .about(let types, let projection, let naming):
      // The activity files are listed and stamped on another thread while the other types
      // load: which activities are wanted waits on those, but their files do not. Without
      // the cache no stamp is compared, so there is nothing to start.
      let activityFiles = cacheEnabled ? Background { [self] in self.survey([.activity]) } : nil
      let first = load(types.subtracting([.activity]), projection: projection)
      let ids = naming(first)
      let activities = load([.activity], projection: projection, naming: ids, surveyed: activityFiles?.value)
      return Loaded(
        index: RecordIndex(first.index, adding: activities.index),
        problems: (first.problems + activities.problems).sorted(by: CRMError.byPath),
        leftovers: first.leftovers + activities.leftovers, surveyed: nil)
    }
  }

  /// The files found under the record folders.
  public struct Listing: Sendable {
    public var records: [(type: RecordType, path: String)] = []
    /// Symbolic links where records should be: never followed, always reported.
    public var problems: [CRMError] = []
    /// Temporary files left by an interrupted write; `crm check` reports them.
    public var leftovers: [String] = []
    /// Where each folder's records start in `records`, in order.
    var folders: [(path: String, first: Int)] = []
  }

  /// Lists the record files of `types` in name order (POSIX readdir; activities recurse into
  /// year/month folders). Each level of folders is read on all cores: a big repo's
  /// activities are spread over many month folders. A record folder that is a symbolic link
  /// is not read, and records in folders crm does not read (`contacts/old/x.md`) are
  /// problems: nothing is left out silently.
  public func list(_ types: Set<RecordType>) -> Listing {
    var listing = Listing()
    // Each folder's entries in name order, sorted out as they are read; subfolders are read
    // in the next round, and put in their place after. Folders below the records' own are
    // read only to report what is in them (`stray`).
    var contents: [String: [(kind: ListedKind, path: String)]] = [:]
    var round: [(type: RecordType, folder: String, depth: Int, stray: Bool)] = []
    for type in RecordType.allCases where types.contains(type) {
      do throws(CRMError) {
        try FileSystem.refuseLinks(in: type.folder, under: root)
        round.append((type, type.folder, 0, false))
      } catch {
        listing.problems.append(error)
      }
    }
    while !round.isEmpty {
      let folders = round
      let read = Slots<[(kind: ListedKind, path: String)]>.map(folders.count, chunk: 1) { [root] i in
        let (type, folder, depth, stray) = folders[i]
        let nameStart = folder.utf8.count + 1
        // Activities go in year and month folders: a folder there is one; any other is stray.
        let subfolder: ListedKind = !stray && type.isFiledByMonth && depth < 2 ? .folder : .strayFolder
        return FileSystem.list(root + "/" + folder, prefix: folder + "/").compactMap { path, kind in
          // The name's bytes in place: this runs for every file listed.
          var path = path
          let (hidden, markdown) = path.withUTF8 { bytes in (bytes[nameStart] == UInt8(ascii: "."), bytes.hasSuffix(".md")) }
          if hidden {  // temporary files are hidden too (`.jane.md.crm-tmp-…`)
            return !stray && path.contains(FileSystem.temporaryMarker) ? (.leftover, path) : nil
          }
          switch kind {
          // Named like a record but not a file: never read, so reported rather than passed over.
          case .directory where markdown && !stray, .other where markdown && !stray: return (.notAFile, path)
          case .directory: return (subfolder, path)
          case .file where markdown: return (stray ? .strayRecord : .record, path)
          case .link where !stray: return (.link, path)
          default: return nil
          }
        }
      }
      round = []
      for (i, (type, folder, depth, _)) in folders.enumerated() {
        contents[folder] = read[i] ?? []
        for entry in read[i] ?? [] where entry.kind == .folder || entry.kind == .strayFolder {
          round.append((type, entry.path, depth + 1, entry.kind == .strayFolder))
        }
      }
    }
    func walk(_ folder: String, _ type: RecordType) {
      for (kind, path) in contents[folder] ?? [] {
        switch kind {
        case .record:
          if listing.folders.last?.path != folder { listing.folders.append((folder, listing.records.count)) }
          listing.records.append((type, path))
        case .folder, .strayFolder: walk(path, type)
        case .leftover: listing.leftovers.append(path)
        case .link:
          listing.problems.append(
            CRMError(.data, "is a symbolic link; crm does not follow links", at: SourceLocation(path: path)))
        case .notAFile:
          listing.problems.append(
            CRMError(.data, "is named like a record but is not a regular file; crm reads only files", at: SourceLocation(path: path)))
        case .strayRecord:
          let rule =
            type.isFiledByMonth
            ? "records go in \(type.folder)/YYYY/MM/; crm ignores deeper folders"
            : "records go directly in \(type.folder)/; crm ignores sub-folders"
          listing.problems.append(CRMError(.data, rule, at: SourceLocation(path: path)))
        }
      }
    }
    for type in RecordType.allCases where types.contains(type) { walk(type.folder, type) }
    return listing
  }

  private enum ListedKind { case record, folder, leftover, link, notAFile, strayFolder, strayRecord }

  /// What a load found: the valid records, and every file that could not be read.
  public struct Loaded: Sendable {
    public let index: RecordIndex
    /// One error per bad file, sorted by path.
    public let problems: [CRMError]
    /// Temporary files left by interrupted writes, found on the same walk.
    public let leftovers: [String]
    /// The files the load read and each one's stamp as it was read: what its results depend
    /// on. Nil for a load `.about` a few records, which nothing checks or caches a result of.
    let surveyed: Survey?
  }

  /// The files of some types and the stamp each had (nil if it could not be stamped): what a
  /// load of them reads first. Taken apart from the load when it can start earlier than the
  /// load can, as `check` does, or on another thread (`Background`) while another load runs.
  struct Survey: Sendable {
    let listing: Listing
    let stamps: [FileStamp?]
  }

  /// Lists the files of `types` and stamps each, on all cores.
  func survey(_ types: Set<RecordType>) -> Survey {
    let listing = list(types)
    return Survey(listing: listing, stamps: stamps(of: listing))
  }

  /// The stamp of every file of `listing`, on all cores.
  private func stamps(of listing: Listing) -> [FileStamp?] {
    let folders = FileSystem.OpenFolders(root: root, folders: listing.folders)
    return Slots<FileStamp>.map(listing.records.count, chunk: 256) { i in folders.stamp(i, listing.records[i].path) }.values
  }

  /// A load that keeps only the fields a command looks at, and no bodies: less to decode,
  /// cache and hold. Its records are cached apart from full ones, under `name`.
  public struct Projection: Sendable {
    /// Names the projection's cache files (which are fingerprinted with what it keeps).
    let name: String
    /// Whether a type's records keep the field with this key.
    let keeps: @Sendable (RecordType, String) -> Bool
    /// Schema fields `keeps` keeps only when their value passes a test, by type and key:
    /// those a command looks at only to report what is wrong with them.
    let keepsOnly: [RecordType: [String: @Sendable (Value) -> Bool]]

    init(
      name: String, keepsOnly: [RecordType: [String: @Sendable (Value) -> Bool]] = [:],
      keeps: @escaping @Sendable (RecordType, String) -> Bool
    ) {
      self.name = name
      self.keepsOnly = keepsOnly
      self.keeps = keeps
    }

    /// What each type's records keep, by `RecordType.ordinal`.
    var keeping: [Record.Keeping] {
      RecordType.allCases.map { type in Record.Keeping(type, only: keepsOnly[type] ?? [:]) { keeps(type, $0) } }
    }

    /// A record's outline: what names it (title, a contact's emails), what it links to, an
    /// activity's kind and time (when someone was last contacted), and what `check` and the
    /// pipeline look at (a deal's stage, keys that are not lower_snake_case). A deal's or a
    /// ticket's history, often its longest field, only when an entry is malformed: only that
    /// is reported. Enough for `check`, and to find a record and what links to it: `timeline`
    /// and `show` then read the few records they show whole.
    public static let outline = Projection(
      name: "outline",
      keepsOnly: [
        .deal: ["history": { !$0.items.allSatisfy(Pipeline.isWellFormed) }],
        .ticket: ["history": { !$0.items.allSatisfy(TicketLifecycle.isWellFormed) }],
      ]
    ) { type, key in
      // Asked for every key of one's own of every record loaded: those are kept only when
      // check reports them, which one lookup tells.
      guard type.schemaIndex(of: key) != nil else { return !Check.isSnakeCase(key) }
      return key == type.titleKey || type.spec.outlineKeys.contains(key) || type.referenceFields.contains { $0.key == key }
    }
  }

  /// Loads every record of `types`, on all cores. With the cache, a file whose stamp (size,
  /// mtime, ctime and inode) matches its cache entry is not read; every other file is read
  /// and parsed, and the cache of a type is rewritten when anything in it changed. Whole
  /// records get the values crm works out (`Derived`); through a `projection` they keep
  /// only what the files hold that it keeps.
  /// `naming` keeps only the records whose references name one of those ids (the activities
  /// of a timeline): a cached record that names none is not even built.
  /// `surveyed` is the survey of exactly `types`, when the caller already took it.
  func load(_ types: Set<RecordType>, projection: Projection? = nil, naming: Set<String>? = nil, surveyed: Survey? = nil) -> Loaded {
    let listing = surveyed?.listing ?? list(types)
    let files = listing.records
    let root = self.root
    // The files' stamps, to compare with the cache's, are taken on another thread while the
    // cache is read and decoded: both wait only on the listing. Not when there is no cache.
    let stamping =
      surveyed == nil && cacheEnabled && types.contains { FileSystem.exists(RecordCache.path(root, $0, projection)) }
      ? Background { [self] in self.stamps(of: listing) } : nil
    let cache =
      cacheEnabled
      ? RecordCache.lookup(root, types, files: files, projection: projection, naming: naming)
      : RecordCache.Lookup(entries: Array(repeating: nil, count: files.count))
    let folders = FileSystem.OpenFolders(root: root, folders: listing.folders)
    let cachedStamps = cache.entries.map { $0?.stamp }
    let fresh = surveyed?.stamps ?? stamping?.value
    let keeping = projection?.keeping
    let slots = Slots<FileLoad>.map(files.count, chunk: 64, scratch: Reading.init) { reading, i in
      let (type, path) = files[i]
      if let cached = cachedStamps[i], (fresh.map { $0[i] } ?? folders.stamp(i, path)) == cached { return .cached }
      do throws(CRMError) {
        let file = try folders.read(i, path, into: reading.buffer)
        return .parsed(
          try Record.parse(type: type, path: path, bytes: file.bytes, keeping: keeping?[type.ordinal], parser: reading.parser), file.stamp)
      } catch {
        return .failed(error)
      }
    }
    var records: [Record] = []
    var problems = listing.problems
    var stamps: [FileStamp?] = []
    records.reserveCapacity(files.count)
    stamps.reserveCapacity(files.count)
    let pipeline = Pipeline(config)
    // A type's cache is rewritten when a file was parsed, or one in the cache is gone.
    var rewrite: Set<RecordType> = []
    var hits: [RecordType: Int] = [:]
    for run in files.runs(by: \.type) {
      let type = files[run.lowerBound].type
      var runHits = 0
      var runParsed = false
      defer {
        hits[type, default: 0] += runHits
        if runParsed { rewrite.insert(type) }
      }
      for i in run {
        let record: Record
        switch (slots[i], cache.entries[i]) {
        case (.cached?, let entry?):
          stamps.append(entry.stamp)
          runHits += 1
          guard let cached = entry.record else { continue }  // names none of `naming`
          record = cached
        case (.parsed(let parsed, let stamp)?, _):
          stamps.append(stamp)
          runParsed = true
          guard naming.map(parsed.names) ?? true else { continue }
          record = parsed
        case (.failed(let error)?, _):
          problems.append(error)
          stamps.append(folders.stamp(i, files[i].path))
          continue
        case (nil, _), (.cached?, nil):  // a file that could not be stamped; a slot is cached only with its entry
          stamps.append(nil)
          continue
        }
        records.append(record)
      }
    }
    // What a type checks against the config (a deal's stage) is checked on every load, on all cores.
    let config = self.config
    let checked = records.filter { $0.type.spec.problems != nil }
    let found = Slots<[CRMError]>.map(checked.count, chunk: 256) { i in
      let found = checked[i].type.spec.problems?(checked[i], config) ?? []
      return found.isEmpty ? nil : found
    }
    for case let found? in found.values { problems += found }
    for type in types where hits[type, default: 0] != cache.counts[type, default: 0] { rewrite.insert(type) }
    if cacheEnabled {
      for type in rewrite {
        let entries = files.indices.compactMap { i -> RecordCache.Entry? in
          guard files[i].type == type else { return nil }
          switch slots[i] {
          case .cached?: return cache.entries[i]
          case .parsed(let record, let stamp)?: return RecordCache.Entry(stamp: stamp, record: record)
          default: return nil
          }
        }
        RecordCache.write(root, type, entries, projection: projection)
      }
    }
    if projection == nil && naming == nil { Derived.fill(&records, pipeline: pipeline, activitiesLoaded: types.contains(.activity), sla: sla) }
    return Loaded(
      index: RecordIndex(records), problems: problems.sorted(by: CRMError.byPath),
      leftovers: listing.leftovers, surveyed: Survey(listing: listing, stamps: stamps))
  }

  /// What a scan found: what its visits returned, and every file that could not be read.
  struct Scanned<Found: Sendable>: Sendable {
    /// What the visits returned, in the listing's order.
    let found: [Found]
    /// One error per bad file, and each deal's problems with the config, sorted by path.
    let problems: [CRMError]
    /// How many records parsed.
    let records: Int
  }

  /// Parses every record of `listing` on all cores, without the cache, and gives each to
  /// `visit` on the thread that parsed it. Only what `visit` returns is kept, not the records:
  /// a command that looks at each record once (`check` with no cache to write) then holds a
  /// few files' worth of memory instead of the whole repo's, and frees each record while it
  /// is still in the processor's cache.
  func scan<Found: Sendable>(_ listing: Listing, projection: Projection? = nil, _ visit: @Sendable (Record) -> Found?)
    -> Scanned<Found>
  {
    let files = listing.records
    let folders = FileSystem.OpenFolders(root: root, folders: listing.folders)
    let keeping = projection?.keeping
    let config = self.config
    // Each run of files gathers its own results, so putting them together is a step per run.
    let run = 64
    let runs = Slots<Scanned<Found>>.map((files.count + run - 1) / run, chunk: 1) { part in
      var found: [Found] = []
      var problems: [CRMError] = []
      var records = 0
      let reading = Reading()
      for i in part * run..<min(files.count, (part + 1) * run) {
        let (type, path) = files[i]
        do throws(CRMError) {
          let file = try folders.read(i, path, into: reading.buffer)
          let record = try Record.parse(type: type, path: path, bytes: file.bytes, keeping: keeping?[type.ordinal], parser: reading.parser)
          records += 1
          if let visited = visit(record) { found.append(visited) }
          if let check = type.spec.problems { problems += check(record, config) }
        } catch {
          problems.append(error)
        }
      }
      return Scanned(found: found, problems: problems, records: records)
    }
    var found: [Found] = []
    var problems = listing.problems
    var records = 0
    for i in 0..<runs.count {
      guard let run = runs.take(i) else { continue }
      found += run.found
      problems += run.problems
      records += run.records
    }
    return Scanned(found: found, problems: problems.sorted(by: CRMError.byPath), records: records)
  }

  /// `records` read again whole from their files, on all cores: a command that found them
  /// through a projection shows these. A file that no longer reads is a problem, as in `load`.
  /// `derive` works out their derived values from one another: a contact's count only the
  /// activities among `records`, so they are right for a record read with all its referrers.
  public func whole(_ records: [Record], derive: Bool = false) -> (records: [Record], problems: [CRMError]) {
    let root = self.root
    let read = Slots<Result<Record, CRMError>>.map(records.count, chunk: 16, scratch: Reading.init) { reading, i in
      let (type, path) = (records[i].type, records[i].path)
      return Result { () throws(CRMError) in
        try Record.parse(type: type, path: path, bytes: reading.buffer.read(path, in: root).bytes, parser: reading.parser)
      }
    }
    var whole: (records: [Record], problems: [CRMError]) = ([], [])
    for case let result? in read.values {
      switch result {
      case .success(let record): whole.records.append(record)
      case .failure(let error): whole.problems.append(error)
      }
    }
    if derive { Derived.fill(&whole.records, pipeline: Pipeline(config), activitiesLoaded: true, sla: sla) }
    return whole
  }

  /// What the parses of one thread's run of files reuse: the buffer a file is read into,
  /// and the YAML parser.
  private struct Reading {
    let buffer = FileSystem.ReadBuffer()
    let parser = YAMLEvents.Parser()
  }

  /// How one listed file loaded.
  private enum FileLoad {
    /// Its cache entry is current.
    case cached
    case parsed(Record, FileStamp)
    case failed(CRMError)
  }

  /// What is wrong with a well-formed record against the repo's config (a deal's stage).
  public func problems(in record: Record) -> [CRMError] { record.type.spec.problems?(record, config) ?? [] }
}
