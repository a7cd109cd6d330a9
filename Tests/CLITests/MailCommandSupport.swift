import DeskCore
import DeskTestSupport
import Foundation

/// What the mail tests share: the built binary run with a message on its standard input
/// and a config file, and a store with one customer's open ticket.
enum MailCLI {
    /// Runs cdesk with `arguments`, `stdin` on its standard input, and `environment` added.
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let input = Scratch.path("stdin")
        try stdin.write(toFile: input, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let line = "exec " + ([TmuxSession.binary] + arguments).map(quoted).joined(separator: " ") + " < " + quoted(input)
        return try spawn("/bin/sh", ["-c", line], environment: env)
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A config file with `[mail]` set up: the desk's address and `sendCommand`.
    static func config(sendCommand: String) throws -> String {
        let path = Scratch.path("config") + ".toml"
        let command = sendCommand.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        try """
            [mail]
            from = "Магазин <support@shop.example>"
            send_command = "\(command)"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A store file with ticket T1 of customer C01 (c01@example.com), and a reply to it
    /// queued; the reply's Message-ID.
    static func storeWithQueuedReply(body: String = "Анна, заказ приедет завтра.") throws -> (path: String, store: Store, messageID: String) {
        let path = Fixtures.temporaryPath("mail-out")
        let store = try Fixtures.oneTicketStore(at: path)
        let outbox = Outbox(from: MailAddress(name: "Магазин", address: "support@shop.example"))
        let version = try store.ticketDetail(id: "T1")!.ticket.version
        try store.addMessage(ticketID: "T1", expectedVersion: version, body: body, isInternal: false, agent: "olga",
                             at: Date(), outbox: outbox)
        let queued = try store.dueMail(now: Date().addingTimeInterval(1))
        guard queued.count == 1 else { throw CocoaError(.coderInvalidValue) }
        return (path, store, queued[0].messageID)
    }

    /// The value of header `name` in a message's text (unfolded), nil without one.
    static func header(_ name: String, in message: String) -> String? {
        let head = message.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")[0]
            .replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
        for line in head.split(separator: "\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

extension MailCLI {
    /// A header value with its `=?utf-8?B?…?=` words decoded (the space between two words dropped).
    static func decodedWords(_ value: String) -> String {
        var out = ""
        var previousWasWord = false
        for (i, token) in value.split(separator: " ").enumerated() {
            if token.hasPrefix("=?utf-8?B?"), token.hasSuffix("?="),
               let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))) {
                if i > 0, !previousWasWord { out += " " }
                out += String(decoding: data, as: UTF8.self)
                previousWasWord = true
            } else {
                out += (i > 0 ? " " : "") + token
                previousWasWord = false
            }
        }
        return out
    }

    /// Quoted-printable text decoded as UTF-8 (soft breaks joined).
    static func decodedQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "="), i + 2 < source.count,
               let byte = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
