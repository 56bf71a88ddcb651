#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The identity of a file's contents as last seen: a write refuses to replace a file whose
/// identity changed since it was read (someone edited it meanwhile).
public struct FileStamp: Sendable, Equatable {
  public let size: Int64
  public let modified: Int64  // nanoseconds
  /// The inode's change time (ns), as git keeps it: a rewrite to the same size whose mtime
  /// was put back (`cp -p`, `rsync -t`) still moves it to now.
  public let changed: Int64
  public let inode: UInt64

  /// `changed` is `modified` unless given.
  public init(size: Int64, modified: Int64, changed: Int64? = nil, inode: UInt64) {
    self.size = size
    self.modified = modified
    self.changed = changed ?? modified
    self.inode = inode
  }

  /// Files changed from this moment on (two seconds ago, in ns) are not settled, and a cache
  /// must not trust their stamps: a file edited again within the same mtime tick, to the same
  /// size, would otherwise look unchanged (git's "racily clean" problem).
  static func unsettledSince() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return (Int64(now.tv_sec) - 2) * 1_000_000_000
  }
}

/// POSIX file access: fast reads and walks, and atomic, no-follow writes.
public enum FileSystem {
  static func errnoText() -> String { String(cString: strerror(errno)) }

  /// Reads a whole file without following a final symlink; a file over `limit` is an error.
  public static func contents(of path: String, limit: Int = FrontMatterFile.maximumSize) throws(CRMError) -> [UInt8] {
    try contentsWithStamp(of: path, limit: limit).bytes
  }

  /// Reads a whole file and the stamp it had when read. A file over `limit` bytes is an
  /// error, never read in part: a part would pass for the whole file.
  public static func contentsWithStamp(of path: String, limit: Int = FrontMatterFile.maximumSize) throws(CRMError) -> (
    bytes: [UInt8], stamp: FileStamp
  ) {
    try path.withCString { name in Result { () throws(CRMError) in try contentsWithStamp(at: name, from: AT_FDCWD, path: path, limit: limit) } }
      .get()
  }

  /// `contentsWithStamp(of:)` of `name` in the open folder `folder`; errors name `path`.
  static func contentsWithStamp(at name: UnsafePointer<CChar>, from folder: Int32, path: String, limit: Int = FrontMatterFile.maximumSize)
    throws(CRMError) -> (bytes: [UInt8], stamp: FileStamp)
  {
    let (fd, info) = try openFile(at: name, from: folder, path: path, limit: limit)
    defer { close(fd) }
    var failure: CRMError?
    // Uninitialised: a read fills it, and zeroing a big cache file first costs as much again.
    let bytes = [UInt8](unsafeUninitializedCapacity: min(Int(info.st_size), limit) + 1) { buffer, count in
      do throws(CRMError) { count = try fill(buffer, from: fd, size: Int(info.st_size), path: path) } catch { failure = error }
    }
    if let failure { throw failure }
    return (bytes, stamp(info))
  }

  /// A whole file read into memory, freed when the last reference goes: for a big cache
  /// file, whose parts many records share. Read, never mapped: another program may cut the
  /// file short or rewrite it in place (a sync tool, a backup restore), and reading a mapped
  /// file past its new end stops the process; a copy is checked once and stays as checked.
  final class FileCopy: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let storage: UnsafeMutableBufferPointer<UInt8>

    init(_ path: String, limit: Int) throws(CRMError) {
      let (fd, info) = try path.withCString { name in
        Result { () throws(CRMError) in try FileSystem.openFile(at: name, from: AT_FDCWD, path: path, limit: limit) }
      }.get()
      defer { close(fd) }
      let size = Int(info.st_size)
      // One byte more, so a file that grew since the fstat is read short of its end, and so
      // is seen as damaged rather than taken as whole.
      let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size + 1)
      do throws(CRMError) {
        bytes = UnsafeBufferPointer(rebasing: storage[..<(try fill(storage, from: fd, size: size, path: path))])
      } catch {
        storage.deallocate()
        throw error
      }
      self.storage = storage
    }

    deinit { storage.deallocate() }
  }

  /// Opens `name` in the open folder `folder` to read it, with its `fstat`: not a symbolic
  /// link, only a regular file, and at most `limit` bytes. Errors name `path`.
  private static func openFile(at name: UnsafePointer<CChar>, from folder: Int32, path: String, limit: Int) throws(CRMError) -> (
    Int32, stat
  ) {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer; it is refused below.
    let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else {
      let reason = errno == ELOOP ? "is a symbolic link; crm does not follow links" : errnoText()
      throw CRMError(errno == ENOENT ? .notFound : .data, reason, at: SourceLocation(path: path))
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let error = CRMError(.data, errnoText(), at: SourceLocation(path: path))  // before close() sets errno
      close(fd)
      throw error
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw CRMError(.data, "is not a regular file", at: SourceLocation(path: path))
    }
    guard info.st_size <= limit else {
      close(fd)
      throw tooLarge(limit, path: path)
    }
    return (fd, info)
  }

  /// The error for a file over `limit` bytes.
  public static func tooLarge(_ limit: Int, path: String) -> CRMError {
    CRMError(.data, "file is over \(sizeText(limit))", at: SourceLocation(path: path))
  }

  /// `limit` for people: `1 MiB`, `1 GiB`, or bytes.
  public static func sizeText(_ limit: Int) -> String {
    for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where limit >= size && limit % size == 0 {
      return "\(limit / size) \(unit)"
    }
    return "\(limit) bytes"
  }

  /// A file opened to be read chunk by chunk: a file of any size is read in a chunk's memory.
  public final class ChunkedFile {
    private let fd: Int32
    /// As errors name it.
    public let path: String

    /// Opens the file at `path`: not a symbolic link, and only a regular file.
    public init(_ path: String) throws(CRMError) {
      (fd, _) = try path.withCString { name in
        Result { () throws(CRMError) in try openFile(at: name, from: AT_FDCWD, path: path, limit: Int.max) }
      }.get()
      self.path = path
    }

    private init(descriptor: Int32, path: String) {
      fd = descriptor
      self.path = path
    }

    /// The process's standard input (not closed).
    public static var standardInput: ChunkedFile { ChunkedFile(descriptor: 0, path: "stdin") }

    deinit { if fd != 0 { close(fd) } }

    /// Reads on to the end, handing each chunk to `body`.
    public func readChunks(_ body: (UnsafeBufferPointer<UInt8>) throws(CRMError) -> Void) throws(CRMError) {
      let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
      defer { chunk.deallocate() }
      while let start = chunk.baseAddress {
        let n = read(fd, start, chunk.count)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw CRMError(.data, errnoText(), at: SourceLocation(path: path)) }
        if n == 0 { return }
        try body(UnsafeBufferPointer(rebasing: chunk[..<n]))
      }
    }
  }

  /// Reads the open file `fd`, which had `size` bytes, into `buffer` (its count is the most
  /// read) and returns how many it read.
  private static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, from fd: Int32, size: Int, path: String) throws(CRMError) -> Int {
    guard let start = buffer.baseAddress else { return 0 }
    var count = 0
    // Done at the size the stamp has: the read that would find the end costs a system
    // call per file. A file that grew since has a new stamp, so no cache trusts this read.
    while count < buffer.count && (count < size || size == 0) {
      let n = read(fd, start + count, buffer.count - count)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw CRMError(.data, errnoText(), at: SourceLocation(path: path)) }
      if n == 0 { break }
      count += n
    }
    return count
  }

  /// Storage that files are read into one after another, grown as needed: a run of files
  /// is read without an allocation for each. What a read returns is valid until the next.
  final class ReadBuffer {
    private var storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 14)

    deinit { storage.deallocate() }

    /// The file at `path` under `root`, with its stamp; errors name `path`.
    func read(_ path: String, in root: String) throws(CRMError) -> (bytes: UnsafeBufferPointer<UInt8>, stamp: FileStamp) {
      try (root + "/" + path).withCString { name in Result { () throws(CRMError) in try read(at: name, from: AT_FDCWD, path: path) } }.get()
    }

    /// `contentsWithStamp(at:from:path:limit:)`, into this buffer.
    func read(at name: UnsafePointer<CChar>, from folder: Int32, path: String, limit: Int = FrontMatterFile.maximumSize)
      throws(CRMError) -> (bytes: UnsafeBufferPointer<UInt8>, stamp: FileStamp)
    {
      let (fd, info) = try FileSystem.openFile(at: name, from: folder, path: path, limit: limit)
      defer { close(fd) }
      let capacity = min(Int(info.st_size), limit) + 1
      if storage.count < capacity {
        storage.deallocate()
        storage = .allocate(capacity: capacity)
      }
      let count = try FileSystem.fill(
        UnsafeMutableBufferPointer(rebasing: storage[..<capacity]), from: fd, size: Int(info.st_size), path: path)
      return (UnsafeBufferPointer(rebasing: storage[..<count]), FileSystem.stamp(info))
    }
  }

  static func stamp(_ info: stat) -> FileStamp {
    FileStamp(
      size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
      changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec), inode: UInt64(info.st_ino))
  }

  /// The stamp of a file now, or nil if it does not exist.
  public static func stamp(of path: String) -> FileStamp? { path.withCString { stamp(at: $0, from: AT_FDCWD) } }

  static func stamp(at path: UnsafePointer<CChar>, from folder: Int32) -> FileStamp? {
    var info = stat()
    guard fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
    return stamp(info)
  }

  /// The folders of a listing, held open: a file is stamped and read by its name in its
  /// folder, so the kernel walks one path component for it rather than the whole path.
  final class OpenFolders: Sendable {
    private let root: String
    /// Each folder open (-1 if it could not be opened), the position of its first file, and
    /// the length of the folder's path with its slash.
    private let folders: [(descriptor: Int32, first: Int, prefix: Int)]

    /// `folders` are relative to `root`, with the position of their first file in the listing.
    init(root: String, folders: [(path: String, first: Int)]) {
      self.root = root
      self.folders = folders.map { folder in
        (open(root + "/" + folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), folder.first, folder.path.utf8.count + 1)
      }
    }

    deinit { for folder in folders where folder.descriptor >= 0 { close(folder.descriptor) } }

    /// The stamp of the listing's `index`th file, `path`. (Were the path not in the folder
    /// the listing says, the stamp would be another file's, with another inode: a miss.)
    func stamp(_ index: Int, _ path: String) -> FileStamp? {
      guard let folder = folder(of: index, path) else { return nil }
      return path.withCString { FileSystem.stamp(at: $0 + folder.prefix, from: folder.descriptor) }
    }

    /// The listing's `index`th file, `path`, read into `buffer`, with its stamp; errors name
    /// `path`, relative to the root.
    func read(_ index: Int, _ path: String, into buffer: ReadBuffer) throws(CRMError) -> (bytes: UnsafeBufferPointer<UInt8>, stamp: FileStamp) {
      guard let folder = folder(of: index, path), folder.descriptor >= 0 else { return try buffer.read(path, in: root) }
      return try path.withCString { name in
        Result { () throws(CRMError) in try buffer.read(at: name + folder.prefix, from: folder.descriptor, path: path) }
      }.get()
    }

    /// The last folder that starts at or before `index`, if `path` is long enough to be in it.
    private func folder(of index: Int, _ path: String) -> (descriptor: Int32, first: Int, prefix: Int)? {
      var low = 0
      var high = folders.count
      while low < high {
        let middle = (low + high) / 2
        if folders[middle].first <= index { low = middle + 1 } else { high = middle }
      }
      guard low > 0, path.utf8.count > folders[low - 1].prefix else { return nil }
      return folders[low - 1]
    }
  }

  public enum EntryKind: Sendable { case file, directory, link, other }

  /// The names in a directory (no `.`/`..`) with their kinds, each after `prefix`, in byte
  /// order; empty when it does not exist. A big repo lists every file on every run, so the
  /// names are gathered and sorted as C strings, and each path is made in one allocation.
  public static func list(_ path: String, prefix: String = "") -> [(name: String, kind: EntryKind)] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [CChar] = []  // every name, each ending in NUL
    // Each name's first eight bytes as a number that orders as they do: most names differ
    // there, so most comparisons of a sort are one instruction rather than a `strcmp`.
    var found: [(head: UInt64, start: Int, kind: EntryKind)] = []
    while let entry = readdir(dir) {
      let start = names.count
      withUnsafePointer(to: &entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { names += UnsafeBufferPointer(start: $0, count: strlen($0) + 1) }
      }
      let length = names.count - 1 - start
      if names[start] == 0x2E && (length == 1 || (length == 2 && names[start + 1] == 0x2E)) {  // "." or ".."
        names.removeLast(length + 1)
        continue
      }
      let kind: EntryKind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): kind = .file
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_LNK): kind = .link
      default: kind = kindByStat(path + "/" + String(decoding: names[start..<start + length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
      }
      let head = (0..<8).reduce(UInt64(0)) { head, i in head << 8 | UInt64(UInt8(bitPattern: i <= length ? names[start + i] : 0)) }
      found.append((head, start, kind))
    }
    guard !found.isEmpty else { return [] }
    return names.withUnsafeBufferPointer { names in
      guard let base = names.baseAddress else { return [] }  // nil only when empty, and a name was found
      // Equal heads with a NUL in them are equal names; otherwise the rest decides.
      found.sort { a, b in a.head != b.head ? a.head < b.head : a.head & 0xFF != 0 && strcmp(base + a.start + 8, base + b.start + 8) < 0 }
      var prefix = prefix
      return prefix.withUTF8 { prefix in
        found.map { _, start, kind in
          let name = UnsafeRawBufferPointer(start: base + start, count: strlen(base + start))
          let full = String(unsafeUninitializedCapacity: prefix.count + name.count) { buffer in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            bytes.copyMemory(from: UnsafeRawBufferPointer(prefix))
            UnsafeMutableRawBufferPointer(rebasing: bytes[prefix.count...]).copyMemory(from: name)
            return prefix.count + name.count
          }
          return (full, kind)
        }
      }
    }
  }

  private static func kindByStat(_ path: String) -> EntryKind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .other }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .link
    default: return .other
    }
  }

  /// Whether `path` is a regular file, not through a link.
  public static func isRegularFile(_ path: String) -> Bool { kindByStat(path) == .file }

  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// Creates a directory and its parents; existing ones are fine.
  public static func makeDirectories(_ path: String) throws(CRMError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw CRMError(.cannotWrite, "cannot create directory: \(errnoText())", at: SourceLocation(path: current))
      }
    }
  }

  /// The prefix of every temporary file crm writes, so `crm check` can find leftovers.
  public static let temporaryMarker = ".crm-tmp-"

  /// Writes `bytes` to `path` atomically: a temporary file in the same folder (O_EXCL,
  /// O_NOFOLLOW), fsync, then rename over the old file (or link, for a new one, so an
  /// existing file is never overwritten), then fsync of the folder. A replaced file keeps
  /// its mode (a private record stays private); a read-only one is replaced only if `force`.
  ///
  /// - Parameter expected: `nil` to create a new file (with `mode`, less the umask); else the
  ///   stamp the file had when read, and the write is refused if it changed since.
  public static func writeAtomically(
    _ bytes: [UInt8], to path: String, replacing expected: FileStamp?, mode: mode_t = 0o644, force: Bool = false
  ) throws(CRMError) {
    let kept = try expected.flatMap { _ throws(CRMError) in try replaceableMode(of: path, force: force) }
    let (folder, temporary) = try writeTemporary(bytes, for: path, mode: kept ?? mode, exactly: kept != nil)
    if let expected {
      guard stamp(of: path) == expected else {
        unlink(temporary)
        throw CRMError(
          .failed, "the file changed on disk while crm was working on it; nothing was written",
          at: SourceLocation(path: path), hint: "run the command again")
      }
      guard rename(temporary, path) == 0 else {
        let reason = errnoText()
        unlink(temporary)
        throw CRMError(.cannotWrite, "cannot replace the file: \(reason)", at: SourceLocation(path: path))
      }
    } else {
      let linked = link(temporary, path)
      let reason = errno
      unlink(temporary)
      guard linked == 0 else {
        if reason == EEXIST { throw CRMError(.failed, "a file already exists there", at: SourceLocation(path: path)) }
        throw CRMError(.cannotWrite, "cannot create the file: \(String(cString: strerror(reason)))", at: SourceLocation(path: path))
      }
    }
    syncDirectory(folder)
  }

  /// Replaces a file whatever it holds (for files crm can rebuild, like the cache): a
  /// temporary file renamed over it, so readers see the old or the new bytes.
  public static func replace(_ path: String, with bytes: [UInt8]) throws(CRMError) {
    let (_, temporary) = try writeTemporary(bytes, for: path, mode: 0o644, exactly: false)
    guard rename(temporary, path) == 0 else {
      let reason = errnoText()
      unlink(temporary)
      throw CRMError(.cannotWrite, "cannot replace the file: \(reason)", at: SourceLocation(path: path))
    }
  }

  /// The mode of the file at `path`, which is to be replaced (nil if it is gone): a file
  /// without its owner's write permission is refused unless `force` (someone made it
  /// read-only on purpose).
  public static func replaceableMode(of path: String, force: Bool) throws(CRMError) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    guard force || info.st_mode & S_IWUSR != 0 else {
      throw CRMError(.cannotWrite, "is read-only", at: SourceLocation(path: path), hint: "pass --force to replace it anyway")
    }
    // The permission bits only: a record is data, and a rewrite never passes on set-user-ID,
    // set-group-ID or sticky bits (the kernel clears the first two on any write, too).
    return info.st_mode & 0o777
  }

  /// Writes and fsyncs `bytes` to a new temporary file beside `path` with `mode` (less the
  /// umask, unless `exactly`); returns the folder and the temporary file's path.
  private static func writeTemporary(_ bytes: [UInt8], for path: String, mode: mode_t, exactly: Bool) throws(CRMError) -> (
    folder: String, temporary: String
  ) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = folder + "/." + name + temporaryMarker + String(getpid()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
    guard fd >= 0 else {
      throw CRMError(.cannotWrite, "cannot create a temporary file: \(errnoText())", at: SourceLocation(path: path))
    }
    var failure: String?
    if exactly && fchmod(fd, mode) != 0 { failure = errnoText() }
    var written = 0
    while written < bytes.count && failure == nil {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
      if n < 0 && errno != EINTR { failure = errnoText() } else if n > 0 { written += n }
    }
    if failure == nil && fsync(fd) != 0 { failure = errnoText() }
    if close(fd) != 0 && failure == nil { failure = errnoText() }
    if let failure {
      unlink(temporary)
      throw CRMError(.cannotWrite, "cannot write: \(failure)", at: SourceLocation(path: path))
    }
    return (folder, temporary)
  }

  /// Refuses `folder` (relative to `root`) if it or any folder above it, up to `root`, is a
  /// symbolic link: crm never reads or writes outside the repo, and git checks out a
  /// committed link. Files themselves are opened with O_NOFOLLOW; this is for their folders.
  public static func refuseLinks(in folder: String, under root: String) throws(CRMError) {
    var path = ""
    for part in folder.split(separator: "/") {
      path += (path.isEmpty ? "" : "/") + part
      if let target = linkTarget(root + "/" + path) {
        throw CRMError(
          .data, "is a symbolic link (to \(target)): crm never reads or writes outside the repo", at: SourceLocation(path: path))
      }
    }
  }

  /// Where the symbolic link at `path` points, or nil if `path` is not a link.
  private static func linkTarget(_ path: String) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
    var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink(path, &target, target.count - 1)
    return length < 0 ? "?" : String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Removes a file and syncs its folder.
  public static func remove(_ path: String) throws(CRMError) {
    guard unlink(path) == 0 else {
      throw CRMError(.cannotWrite, "cannot remove: \(errnoText())", at: SourceLocation(path: path))
    }
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    syncDirectory(folder)
  }

  private static func syncDirectory(_ folder: String) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }

  /// The absolute, symlink-free form of a path, or nil if it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  public static func currentDirectory() -> String {
    guard let cwd = getcwd(nil, 0) else { return "." }
    defer { free(cwd) }
    return String(cString: cwd)
  }
}

/// An exclusive advisory lock on `.crm/lock`, held for the duration of a write.
public final class WriteLock {
  private let fd: Int32

  /// Waits up to `timeout` seconds for the lock; a busy lock after that is exit 75. The
  /// holder's pid is in the file while it holds the lock, so a busy lock can name it.
  public init(path: String, timeout: Double) throws(CRMError) {
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else {
      throw CRMError(.cannotWrite, "cannot open the write lock: \(FileSystem.errnoText())", at: SourceLocation(path: path))
    }
    var waited = 0.0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, waited < timeout else {
        let holder = Self.holder(fd)
        close(fd)
        throw CRMError(
          .lockBusy, "the repo's write lock (.crm/lock) is busy: \(holder) (waited \(formatSeconds(timeout)))",
          hint: "try again, or wait longer with --lock-timeout SECONDS")
      }
      usleep(20_000)
      waited += 0.02
    }
    let pid = Array((String(getpid()) + "\n").utf8)
    if ftruncate(fd, 0) == 0 { _ = pwrite(fd, pid, pid.count, 0) }
  }

  deinit {
    _ = ftruncate(fd, 0)  // a lock the next holder has not yet signed names nobody
    flock(fd, LOCK_UN)
    close(fd)
  }

  /// Who holds the lock, from the pid its holder wrote and when it wrote it.
  private static func holder(_ fd: Int32) -> String {
    var bytes = [UInt8](repeating: 0, count: 32)
    let n = pread(fd, &bytes, bytes.count, 0)
    var info = stat()
    guard n > 0, let pid = Int32(String(decoding: bytes[..<n], as: UTF8.self).trimmingSpaces), pid > 0, fstat(fd, &info) == 0 else {
      return "another crm is writing"
    }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let held = max(0, Int(now.tv_sec) - Int(info.st_mtim.tv_sec))
    return "process \(pid) has held it for \(held) s"
  }
}

func formatSeconds(_ seconds: Double) -> String {
  seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
