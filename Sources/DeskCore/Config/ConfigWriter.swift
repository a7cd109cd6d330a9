import Foundation

/// The configuration as a TOML file: what `cdesk config` prints, and a starting point for
/// the user's own `config.toml` (every key it prints is one the reader accepts).
extension DeskConfig {
    public var toml: String {
        var out = "# cdesk configuration (the effective one)\n"
        out += "# a keymap preset's name or a keymap file; --keymap wins over it\n"
        out += "keymap = \(quoted(keymap))\n"
        out += "currency = \(quoted(policy.currency))\n"
        out += "recovery_window_days = \(policy.recoveryWindowDays)\n"
        out += "# the console's language, en or ru (unset: from LC_ALL, LC_MESSAGES, LANG, LANGUAGE)\n"
        out += (language.map { "language = \"\($0.rawValue)\"" } ?? "# language = \"ru\"") + "\n"
        out += "# the shop's time zone: dates written without one are read in it (unset: the system's, now \(TimeZone.current.identifier))\n"
        out += (timeZone.map { "timezone = \(quoted($0.identifier))" } ?? "# timezone = \"Europe/Moscow\"") + "\n"
        out += "# replies end with this signature; {agent} is the agent's name (unset: the reply language's own)\n"
        out += (signature.map { "signature = \(quoted($0))" } ?? "# signature = \"С уважением,\\n{agent}\\nСлужба заботы о клиентах\"") + "\n"
        out += "# whether recording an apology (a) opens the reply editor right after\n"
        out += "apology_opens_reply = \(apologyOpensReply)\n"
        out += "# dark or light background, or auto: the terminal's answer (OSC 11), else COLORFGBG, else dark\n"
        out += "theme = \(quoted(look.theme.rawValue))\n"
        out += "\n# Colours over the theme's, per role: a colour (red, bright-red, 0-255, #rrggbb, default),\n"
        out += "# 'on' a background, and bold, underline, reverse, italic, dim; e.g. urgent = \"bold 201\"\n"
        out += "[colors]\n"
        for role in LookSettings.roles {
            if let setting = look.colors[role.name] {
                out += "\(role.name) = \(quoted(setting.text))  # \(role.meaning)\n"
            } else {
                out += "#   \(role.name): \(role.meaning)\n"
            }
        }
        out += limitsSLAAndVIP
        out += "\n# Receiving mail: larger attachments are listed, their content not kept\n"
        out += "[mail]\nmax_attachment_mb = \(mail.maxAttachmentMB)\n"
        out += "# Sending replies: without from, replies are recorded, not sent\n"
        out += (mail.from.map { "from = \(quoted($0))\n" } ?? "# from = \"Магазин <support@shop.example>\"\n")
        out += "send_command = \(quoted(mail.sendCommand))\n"
        out += "retry_hours = \(mail.retryHours)\n"
        out += "# a new complaint's reason: the one whose words (beginnings of words, any case) its mail has most\n"
        out += "[mail.reasons]\n"
        for reason in Reason.allCases {
            guard let words = mail.reasons.words[reason] else { continue }
            out += "\(reason.rawValue) = [\(words.map(quoted).joined(separator: ", "))]\n"
        }
        out += playbookSection
        return out
    }

    /// What a shared policy holds (`cdesk policy show`): the recovery window, compensation
    /// limits, SLA targets, the VIP step and the playbook.
    public var policyTOML: String {
        "recovery_window_days = \(policy.recoveryWindowDays)\n" + limitsSLAAndVIP + playbookSection
    }

    private var limitsSLAAndVIP: String {
        var out = ""
        for kind in [CompensationKind.discount, .bonus] {
            guard let l = policy.limits[kind] else { continue }
            out += "\n# \(kind == .discount ? "percent" : "points"); above agent_limit a lead must give it\n"
            out += "[compensation.\(kind.rawValue)]\ndefault = \(l.defaultValue)\nagent_limit = \(l.agentLimit)\nmaximum = \(l.maximum)\n"
        }
        out += "\n# the share of complaints answered and resolved in time the desk aims for; the report marks less\n"
        out += "[sla]\ntarget_percent = \(sla.targetPercent)\n"
        out += "# SLA targets per priority, in hours\n"
        for priority in Priority.allCases.reversed() {
            let t = sla.target(priority)
            out += "[sla.\(priority.rawValue)]\nfirst_response_hours = \(t.firstResponseHours)\nresolution_hours = \(t.resolutionHours)\n"
        }
        out += "\n# a VIP gets one step more: percent points on a discount, a factor on bonus points, free delivery\n"
        out += "[vip]\ndiscount_step = \(playbook.vipDiscountStep)\nbonus_factor = \(playbook.vipBonusFactor)\n"
        return out
    }

    private var playbookSection: String {
        var out = ""
        out += "\n# The playbook: the first entry whose reason and fault match suggests what to give.\n"
        for rule in playbook.rules {
            out += "\n[[playbook]]\n"
            if let r = rule.reason { out += "reason = \(quoted(r.rawValue))\n" }
            if let f = rule.fault { out += "fault = \(quoted(f.rawValue))\n" }
            let gifts = rule.gifts.map { quoted(CompensationPolicy.hasValue($0.kind) ? "\($0.kind.rawValue) \($0.value)" : $0.kind.rawValue) }
            out += "give = [\(gifts.joined(separator: ", "))]\n"
            out += "why = \(quoted(rule.why))\n"
            if let ru = rule.whyRussian { out += "why_ru = \(quoted(ru))\n" }
        }
        return out
    }

    /// A TOML basic string; control characters are escaped, so that what a file held can
    /// neither break the TOML printed nor reach the terminal as such.
    private func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where UntrustedText.line(String(scalar)) != String(scalar):
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
