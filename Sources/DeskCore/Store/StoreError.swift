import GRDB

/// What went wrong with the store, in words an agent can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    /// The store was written by a newer cdesk: it has schema changes this one does not know.
    case newerStore(path: String)
    case notFound(what: String, id: String)
    /// Another agent changed the ticket since it was read.
    case conflict(ticketID: String, by: String, what: String)
    /// A ticket already resolved or closed, for a change that needs an active one.
    case alreadyDone(ticketID: String, status: TicketStatus)
    /// A win-back change on a ticket not resolved yet.
    case notResolvedYet(ticketID: String)
    /// `cdesk demo` into a store that holds tickets (or the start of a demo killed half way).
    case notEmpty(path: String, incompleteDemo: Bool)
    /// The demo store could not be put in place: one appeared meanwhile (`reason` nil), or
    /// the operating system's reason.
    case cannotPlaceDemo(path: String, reason: String?)
    /// A file the console saves (an attachment) could not be written.
    case cannotWrite(path: String, reason: String)
    /// A thousand files of one name in a folder already.
    case tooManyFiles(name: String, folder: String)
    /// A mail without a From address.
    case noSender
    /// What should not happen (a stored value of an unknown code, a log left behind), in
    /// English: words for whoever looks into the store.
    case invalid(String)
    /// A change to a store this user may only read (the path when it is known).
    case readOnly(path: String?)
    /// Another process kept the store locked for longer than a write waits; `tries` writes
    /// were tried.
    case busy(tries: Int)
    /// The file is not a whole SQLite database (damaged, or not a store at all).
    case damaged
    /// The disk the store is on is full.
    case diskFull
    /// The operating system could not read or write the file.
    case unreadable
    /// Any other failure of the database, by its result code.
    case failed(code: Int32)

    public var description: String { text(.en) }

    /// What went wrong, in `l`; paths and the operating system's reasons as they are.
    public func text(_ l: Language) -> String {
        switch self {
        case let .cannotCreateFolder(path, reason):
            l.pick("cannot create the store folder \(path): \(reason)", "не удалось создать папку хранилища \(path): \(reason)")
        case let .cannotOpen(path, reason): l.pick("cannot open the store \(path): \(reason)", "не удалось открыть хранилище \(path): \(reason)")
        case let .newerStore(path):
            l.pick("the store \(path) was written by a newer cdesk (its schema has changes this one does not know); use that version",
                   "хранилище \(path) записано более новой версией cdesk (в его схеме есть неизвестные этой версии изменения); работайте в той версии")
        case let .notFound(what, id): l.pick("no \(what) \(id)", what == "ticket" ? "нет обращения \(id)" : "не найдено: \(what) \(id)")
        case let .conflict(ticketID, by, what):
            l.pick("ticket \(ticketID) was changed by \(by) meanwhile (\(what)); reloaded",
                   "обращение \(ticketID) тем временем изменил(а) \(by) (\(StoreError.actionName(what, l))); перечитано")
        case let .alreadyDone(ticketID, status):
            l.pick("ticket \(ticketID) is already \(status.rawValue)", "у обращения \(ticketID) уже статус «\(status.name(l))»")
        case let .notResolvedYet(ticketID):
            l.pick("ticket \(ticketID) is not resolved yet; recovery follows a resolved complaint",
                   "обращение \(ticketID) ещё не решено; возврат покупателя — после решения жалобы")
        case let .notEmpty(path, incomplete):
            incomplete
                ? l.pick("the store \(path) holds an incomplete demo (the run that built it was stopped); remove it and run cdesk demo again",
                         "в хранилище \(path) незаконченная демонстрация (её создание прервали); удалите его и запустите cdesk demo снова")
                : l.pick("the store \(path) already holds tickets; a demo needs a new store (--store PATH)",
                         "в хранилище \(path) уже есть обращения; демонстрации нужно новое (--store ПУТЬ)")
        case let .cannotPlaceDemo(path, nil):
            l.pick("a store appeared at \(path) while the demo was built; it is left alone",
                   "пока строилась демонстрация, в \(path) появилось хранилище; оно не тронуто")
        case let .cannotPlaceDemo(path, reason?):
            l.pick("cannot put the demo store at \(path): \(reason)", "не удалось поместить демонстрационное хранилище в \(path): \(reason)")
        case let .cannotWrite(path, reason): l.pick("cannot write \(path): \(reason)", "не удалось записать \(path): \(reason)")
        case let .tooManyFiles(name, folder):
            l.pick("too many files named \(name) in \(folder)", "в \(folder) слишком много файлов с именем \(name)")
        case .noSender: l.pick("the message has no sender address", "у письма нет адреса отправителя")
        case let .invalid(reason): reason
        case let .readOnly(path):
            l.pick("the store\(path.map { " " + $0 } ?? "") is read-only for you (no permission to write it or its folder): "
                       + "reports, exports and import --dry-run work; changes need someone who may write it",
                   "хранилище\(path.map { " " + $0 } ?? "") доступно вам только для чтения (нет права писать в него или в его папку): "
                       + "отчёты, выгрузка и import --dry-run работают; изменения — у того, кто может в него писать")
        case let .busy(tries):
            l.pick("the store is busy: another process kept it locked" + (tries > 1 ? " through \(tries) tries" : "")
                       + "; nothing was changed, try again in a moment",
                   "хранилище занято: другой процесс держит его" + (tries > 1 ? " (попыток: \(tries))" : "")
                       + "; ничего не изменено, попробуйте чуть позже")
        case .damaged:
            l.pick("the store is damaged (its file is not a whole database); restore it from a backup",
                   "хранилище повреждено (файл — не целая база данных); восстановите его из резервной копии")
        case .diskFull:
            l.pick("the disk holding the store is full; nothing was changed, free some space and try again",
                   "диск с хранилищем заполнен; ничего не изменено — освободите место и попробуйте снова")
        case .unreadable:
            l.pick("the store's file could not be read or written (an input/output error); check the disk",
                   "файл хранилища не удалось прочитать или записать (ошибка ввода-вывода); проверьте диск")
        case let .failed(code):
            l.pick("the store could not do that (database error \(code)); nothing was changed",
                   "хранилище не смогло это сделать (ошибка базы данных \(code)); ничего не изменено")
        }
    }

    /// What a change recorded in the audit log did (its action code), in `l`: for a
    /// conflict, what the other agent did meanwhile. An unknown code is shown as it is.
    public static func actionName(_ code: String, _ l: Language) -> String {
        guard l == .ru else { return code }
        return switch code {
        case "resolve": "решил(а) обращение"
        case "reopen": "переоткрыл(а)"
        case "take", "assign": "взял(а) себе"
        case "set-fault": "указал(а) вину"
        case "set-recovery", "recovery", "state": "сменил(а) этап возврата"
        case "compensate", "compensation": "выдал(а) компенсацию"
        case "revoke": "отозвал(а) компенсацию"
        case "restore": "вернул(а) компенсацию"
        case "reply", "message": "написал(а) ответ"
        case "note": "добавил(а) заметку"
        case "approval-request": "попросил(а) старшего"
        case "approval-approve": "старший одобрил запрос"
        case "approval-decline": "старший отклонил запрос"
        case "mail-auto-reply": "пришёл автоответ"
        case "mail-bounce": "пришло уведомление о недоставке"
        case "import-update", "import-resolution", "imported": "загрузка из файла"
        case _ where code.hasPrefix("mail-"): "пришло письмо"
        default: "изменил(а)"
        }
    }

    /// The one place a database failure becomes words: GRDB's and SQLite's errors as a
    /// `StoreError` (no SQLite text reaches a person), any other error as it is.
    public static func explaining(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        return from(error)
    }

    static func from(_ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(tries: 1)
        case .SQLITE_READONLY: .readOnly(path: nil)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: .damaged
        case .SQLITE_FULL: .diskFull
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: .unreadable
        default: .failed(code: error.resultCode.rawValue)
        }
    }

    /// Whether `error` says the store was busy (a write may be tried again).
    public static func isBusy(_ error: any Error) -> Bool {
        if case .busy? = error as? StoreError { return true }
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}
