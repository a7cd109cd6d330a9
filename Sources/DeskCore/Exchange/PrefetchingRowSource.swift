import Foundation

/// A row of the file as the import sees it: its line, and the record the parser made of it
/// or the row's problems.
struct ParsedRow {
    var line: Int
    /// The columns the row carries; the others leave a stored record's values alone.
    var present: ColumnSet
    var record: Result<ImportRecord, ImportFailure>
}

/// Reads and parses another source's rows on a second thread, a few thousand ahead, so
/// that reading the file and writing the store overlap. Rows, problems and the end come
/// out in the file's order, exactly as the wrapped source gives them. `cancel()` (or
/// deinit) stops the reading thread.
final class PrefetchingRowSource: @unchecked Sendable {
    let kind: ImportKind
    let file: String
    private(set) var bytesRead = 0

    /// What one `next()` of the wrapped source gave, parsed, and its `bytesRead` after it.
    private typealias Item = (result: Result<ParsedRow?, ImportProblem>, bytes: Int)
    private let chunks = BoundedQueue<[Item]>(capacity: 16)
    private var current: [Item] = []
    private var position = 0
    private var ended = false
    private static let chunkSize = 256

    /// `alongside` sees each chunk of parsed rows on the reading thread, before the import
    /// does (the search words of an import are gathered there).
    init(_ source: any RowSource, parser: RowParser, alongside: (@Sendable ([ParsedRow]) -> Void)? = nil) {
        kind = source.kind
        file = source.file
        let box = UncheckedBox(source)
        let chunks = self.chunks
        Thread {
            var done = false
            while !done {
                var chunk: [Item] = []
                chunk.reserveCapacity(Self.chunkSize)
                while chunk.count < Self.chunkSize {
                    let result: Result<ParsedRow?, ImportProblem>
                    do throws(ImportProblem) {
                        result = .success(try box.value.next().map { ParsedRow(line: $0.line, present: $0.present(updating: parser.kind), record: parser.parse($0)) })
                    } catch {
                        result = .failure(error)
                    }
                    chunk.append((result, box.value.bytesRead))
                    if case .success(nil) = result { done = true; break }
                }
                if let alongside {
                    alongside(chunk.compactMap { item in if case .success(let row?) = item.result { row } else { nil } })
                }
                guard chunks.put(chunk) else { return }
            }
            chunks.finish()
        }.start()
    }

    deinit { cancel() }

    /// Stops the reading thread (at its next chunk).
    func cancel() { chunks.cancel() }

    func next() throws(ImportProblem) -> ParsedRow? {
        if ended { return nil }
        if position == current.count {
            guard let chunk = chunks.take() else { ended = true; return nil }
            current = chunk
            position = 0
        }
        let item = current[position]
        position += 1
        bytesRead = item.bytes
        let row = try item.result.get()
        if row == nil { ended = true }
        return row
    }
}

/// Hands a non-Sendable value to exactly one other thread.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension RawRow {
    /// The columns whose cells an update of a stored record takes: those the row carries,
    /// less the defaulted ones left empty (`ImportKind.defaulted`).
    func present(updating kind: ImportKind) -> ColumnSet {
        ColumnSet(indexes: kind.columns.indices.filter { i in
            present.contains(i) && !(values[i] == nil && kind.defaulted.contains(kind.columns[i]))
        })
    }
}
