// swift-tools-version:6.1
import PackageDescription

// Layers, each a target; the dependency rule:
//   DeskCore knows nothing of terminals; DeskUI knows DeskCore; only DeskTerminal knows
//   ncurses; the cdesk executable wires them together.
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
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
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
                "DeskCore", "DeskUI", "DeskTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DeskTestSupport", dependencies: ["DeskCore"], path: "Tests/DeskTestSupport"),
        .testTarget(name: "DeskCoreTests", dependencies: ["DeskCore", "DeskTestSupport"]),
        .testTarget(name: "DeskUITests", dependencies: ["DeskUI", "DeskCore", "DeskTestSupport"], exclude: ["Golden", "KeymapFixtures"]),
        // Depends on the executable so that `swift test` builds the binary it drives in tmux.
        .testTarget(name: "CLITests", dependencies: ["cdesk", "DeskCore", "DeskTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
