import DeskCore
import DeskMail
import DeskUI
import Foundation

// libFuzzer targets (`scripts/fuzz TARGET SECONDS`): each takes any bytes and must neither
// crash nor break its promise. Built with `-sanitize=fuzzer`, libFuzzer's main calls
// `LLVMFuzzerTestOneInput` and `CDESK_FUZZ_TARGET` names the target. Built without it
// (`FUZZING` unset), the executable replays files through a target instead: a crash found
// once stays a test case.

/// The targets by name.
enum FuzzTarget: String, CaseIterable {
    case rows, keymap, config, text, mime

    func run(_ data: Data) {
        switch self {
        case .rows: Self.rows(data)
        case .keymap: Self.keymap(data)
        case .config: Self.config(data)
        case .text: Self.text(data)
        case .mime: Self.mime(data)
        }
    }

    /// The CSV and JSON Lines readers, and the row parser after them, for every kind of file.
    static func rows(_ data: Data) {
        guard let first = data.first else { return }
        let kind = ImportKind.allCases[Int(first) % ImportKind.allCases.count]
        let body = data.dropFirst()
        for format in [ExchangeFormat.csv, .jsonl] {
            var pipe: [Int32] = [0, 0]
            guard Foundation.pipe(&pipe) == 0 else { return }
            // The input fits the pipe's buffer (libFuzzer's inputs are at most 4 KiB by default).
            let bytes = Array(body.prefix(60_000))
            _ = bytes.withUnsafeBytes { write(pipe[1], $0.baseAddress, $0.count) }
            close(pipe[1])
            let handle = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true)
            let parser = RowParser(kind: kind, file: "fuzz")
            let source: (any RowSource)? = switch format {
            case .csv: try? CSVRowSource(handle: handle, file: "fuzz", kind: kind)
            case .jsonl: JSONLinesRowSource(handle: handle, file: "fuzz", kind: kind)
            }
            guard let source else { continue }
            var rows = 0
            while rows < 10_000 {
                let row: RawRow?
                do throws(ImportProblem) { row = try source.next() } catch { break }
                guard let row else { break }
                _ = parser.parse(row)
                rows += 1
            }
        }
    }

    /// The keymap parser: any text gives bindings or problems with lines.
    static func keymap(_ data: Data) {
        var keymap = Keymap()
        let problems = keymap.apply(String(decoding: data, as: UTF8.self), file: "fuzz")
        for problem in problems { _ = "\(problem)" }
    }

    /// The config reader: any text gives a config or an error.
    static func config(_ data: Data) {
        _ = try? DeskConfig.parse(String(decoding: data, as: UTF8.self), file: "fuzz")
    }

    /// The mail intake: a message (headers, encoded words, MIME structure, charsets,
    /// transfer encodings, HTML turned to text) gives a mail or an error. GMime reads files,
    /// so each input is written to one file in memory first.
    static func mime(_ data: Data) {
        let path = mailFile(data)
        _ = try? mailParser.parse(fileAt: path)
        unlink(path)  // nothing left in /dev/shm when the run ends
    }

    private static let mailParser = MailParser(maxAttachmentBytes: 4096)
    private static let mailPath = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory())
        + "cdesk-fuzz-mime-\(getpid()).eml"

    private static func mailFile(_ data: Data) -> String {
        let path = mailPath
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("cannot write \(path)") }
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return path
    }

    /// The sanitiser and display width: what comes out drives no terminal, the byte check
    /// agrees with the cleaning, and the width measures keep their word.
    static func text(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        for safe in [UntrustedText.line(text)] + UntrustedText.lines(text) {
            for scalar in safe.unicodeScalars where scalar != "\t" && drivesATerminal(scalar) {
                fatalError("UntrustedText.line let U+\(String(scalar.value, radix: 16)) through")
            }
            precondition(DisplayWidth.of(safe) >= 0)
            for limit in [0, 1, 7, 40] {
                precondition(DisplayWidth.of(DisplayWidth.truncate(safe, to: limit)) <= limit, "truncate overshot \(limit)")
                precondition(DisplayWidth.of(DisplayWidth.fit(safe, to: limit)) == limit, "fit missed \(limit)")
            }
        }
        let cell = UntrustedText.cell(text)
        let scalars = Array(cell.unicodeScalars)
        for (i, scalar) in scalars.enumerated() where drivesATerminal(scalar) {
            if scalar == "\t" || scalar == "\n" || (scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") { continue }
            fatalError("UntrustedText.cell let U+\(String(scalar.value, radix: 16)) through")
        }
        let needs = Array(text.utf8).withUnsafeBufferPointer { UntrustedText.needsCleaning($0) }
        precondition(needs == (cell != text), "needsCleaning says \(needs), cell \(cell != text)")
    }

    /// C0, DEL, C1, the bidi controls and the line and paragraph separators.
    static func drivesATerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

#if FUZZING
nonisolated(unsafe) private var chosen: FuzzTarget = .rows

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["CDESK_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("CDESK_FUZZ_TARGET: one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    chosen = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    chosen.run(data)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's `main` to `<product>_main`: here it hands over to libFuzzer.
@_cdecl("cdesk_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, size in fuzzerTestOneInput(start, size) }
}
#else
@main
struct Replay {
    /// `cdesk-fuzz TARGET FILE…`: runs each file through the target.
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: cdesk-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE…")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            target.run(data)
        }
    }
}
#endif
