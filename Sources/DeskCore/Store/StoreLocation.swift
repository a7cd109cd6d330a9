import Foundation

/// Where the store file lives: `--store PATH`, else `$CDESK_STORE`, else
/// `$XDG_DATA_HOME/cdesk/<name>`, else `~/.local/share/cdesk/<name>`.
public enum StoreLocation {
    public static let defaultFileName = "desk.sqlite"
    public static let demoFileName = "demo.sqlite"

    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/cdesk"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/cdesk"
    }

    public static func resolve(explicit: String?, demo: Bool = false,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if !demo, let env = environment["CDESK_STORE"], !env.isEmpty { return env }
        return dataDirectory(environment: environment) + "/" + (demo ? demoFileName : defaultFileName)
    }
}
