// swift-tools-version:6.1
import Foundation
import PackageDescription

// SwiftPM takes an absolute path to a .pc file as `pkgConfig:`; CGMime's own has only the
// -I and -l flags the headers need, so the build prints no "prohibited flag(s)" warning.
let packageFolder = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/")!))

// Layers, each a target; the dependency rule:
//   DeskCore knows nothing of terminals; DeskUI knows DeskCore; only DeskTerminal knows
//   ncurses; only DeskMail knows GMime (it turns mail into DeskCore's ParsedMail); only
//   DeskWorkbook knows libxlsxwriter (it writes DeskCore's export and report as xlsx); the
//   cdesk executable wires them together.
let package = Package(
    name: "cdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cdesk", targets: ["cdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "DeskCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C functions, for the bulk writers of the demo and imports (`BulkStatement`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .systemLibrary(
            name: "CGMime",
            path: "Sources/CGMime",
            pkgConfig: packageFolder + "/Sources/CGMime/pkgconfig/cgmime.pc",
            providers: [.apt(["libgmime-3.0-dev", "libxml2-dev"])]
        ),
        .target(
            name: "DeskMail",
            dependencies: ["DeskCore", "CGMime"]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            path: "Sources/CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "DeskWorkbook",
            dependencies: ["DeskCore", "CXlsxWriter"]
        ),
        .target(
            name: "DeskUI",
            dependencies: ["DeskCore"]
        ),
        .target(
            name: "DeskTerminal",
            dependencies: ["DeskUI", "CNcursesw"]
        ),
        .executableTarget(
            name: "cdesk",
            dependencies: [
                "DeskCore", "DeskUI", "DeskTerminal", "DeskMail", "DeskWorkbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DeskTestSupport", dependencies: ["DeskCore"], path: "Tests/DeskTestSupport"),
        .testTarget(name: "DeskCoreTests", dependencies: [
            "DeskCore", "DeskTestSupport",
            .product(name: "GRDBSQLite", package: "GRDB.swift"),  // `BulkStatementTests` lowers a limit
        ]),
        .testTarget(name: "DeskMailTests", dependencies: ["DeskMail", "DeskCore", "DeskTestSupport"]),
        .testTarget(name: "DeskWorkbookTests", dependencies: ["DeskWorkbook", "DeskCore", "DeskTestSupport"]),
        .testTarget(name: "DeskUITests", dependencies: ["DeskUI", "DeskCore", "DeskTestSupport"], exclude: ["Golden", "KeymapFixtures"]),
        // Depends on the executable so that `swift test` builds the binary it drives in tmux.
        .testTarget(name: "CLITests", dependencies: ["cdesk", "DeskCore", "DeskTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz targets (Fuzz/, `scripts/fuzz`): only when asked, so that everyday builds and
// `swift test` never see them. scripts/fuzz builds them with -sanitize=fuzzer.
if ProcessInfo.processInfo.environment["CDESK_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "cdesk-fuzz", dependencies: ["DeskCore", "DeskUI", "DeskMail"], path: "Fuzz",
                                                exclude: ["findings", "seeds"]))
}
