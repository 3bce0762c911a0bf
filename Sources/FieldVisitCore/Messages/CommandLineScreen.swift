import Foundation

/// The words ArgumentParser prints itself — the headings of a `--help` screen, its own
/// options, and its most common parse errors — with ArgumentParser's English as the
/// pattern that ``CommandLineScreen`` recognises. `{name}` is what ArgumentParser fills in.
public enum CommandLineMessage: String, MessageCatalogue {
    case overview, usage, arguments, options, subcommands, showHelp, showVersion, detailedHelp, moreInformation, errorPrefix,
         usageLine, helpLine, missingArgument, unknownOptionSuggestion, unknownOption, unexpectedArgument, missingValueNamed,
         missingValue, invalidValue, provideOneOf, provideOneOfList, valuesAndDefault, values, defaultValue

    public var texts: (english: String, japanese: String) {
        switch self {
        case .overview: ("OVERVIEW: ", "概要：")
        case .usage: ("USAGE: ", "使い方：")
        case .arguments: ("ARGUMENTS:", "引数：")
        case .options: ("OPTIONS:", "オプション：")
        case .subcommands: ("SUBCOMMANDS:", "サブコマンド：")
        case .showHelp: ("Show help information.", "ヘルプを表示します。")
        case .showVersion: ("Show the version.", "バージョンを表示します。")
        case .detailedHelp: ("See '{command} <subcommand>' for detailed help.", "サブコマンドの詳しい説明は {command} <subcommand> で表示します。")
        case .moreInformation: ("See '{command}' for more information.", "詳しい説明は {command} で表示します。")
        case .errorPrefix: ("Error: ", "エラー：")
        case .usageLine: ("Usage: ", "使い方：")
        case .helpLine: ("Help:  ", "説明：")
        case .missingArgument: ("Missing expected argument '{argument}'", "{argument} を指定してください")
        case .unknownOptionSuggestion:
            ("Unknown option '{option}'. Did you mean '{suggestion}'?", "{option} というオプションはありません。{suggestion} のことですか？")
        case .unknownOption: ("Unknown option '{option}'", "{option} というオプションはありません")
        case .unexpectedArgument: ("Unexpected argument '{value}'", "余分な引数「{value}」があります。取り除いてください")
        case .missingValueNamed: ("Missing value for '{option} <{name}>'", "{option} の後に値 <{name}> を指定してください")
        case .missingValue: ("Missing value for '{option}'", "{option} の後に値を指定してください")
        case .invalidValue: ("The value '{value}' is invalid for '{argument}'", "「{value}」は {argument} の値として使えません")
        case .provideOneOf: (". Please provide one of {values}.", "。{values} のいずれかを指定してください。")
        case .provideOneOfList: (". Please provide one of the following:", "。次のいずれかを指定してください：")
        case .valuesAndDefault: ("(values: {values}; default: {value})", "（値：{values}。既定値：{value}）")
        case .values: ("(values: {values})", "（値：{values}）")
        case .defaultValue: ("(default: {value})", "（既定値：{value}）")
        }
    }
}

/// What ArgumentParser prints — a `--help` screen or a parse error with its usage — in
/// a language. ArgumentParser speaks only English; each executable passes its help and
/// errors through ``localized(_:in:width:)`` before printing them, and has
/// ArgumentParser leave Japanese unwrapped (``argumentParserColumns(in:)``).
public enum CommandLineScreen {
    /// `text` with ArgumentParser's own words in `language`, Japanese lines wrapped to
    /// `width` columns but for an error's, which stays one line as in English. English text
    /// is returned as it is.
    public static func localized(_ text: String, in language: Language = .current, width: Int = 80) -> String {
        guard language == .japanese else { return text }
        var result = text
        for (message, pattern, names) in patterns {
            result = replace(message, pattern, names: names, in: result, language: language)
        }
        let error = CommandLineMessage.errorPrefix.text(in: language)
        return result.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(error) ? String($0) : wrapped(String($0), to: width) }
            .joined(separator: "\n")
    }

    /// The headings, found only at the start of a line.
    private static let headings: Set<CommandLineMessage> = [.overview, .usage, .arguments, .options, .subcommands, .usageLine, .helpLine]

    /// Each message's English as a pattern: a space matches any white space, `{name}` any
    /// text on the line up to what follows it.
    private static let patterns: [(CommandLineMessage, NSRegularExpression, [String])] = CommandLineMessage.allCases.map { message in
        var pattern = headings.contains(message) ? "^" : ""
        var names: [String] = []
        var rest = Substring(message.texts.english)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            pattern += literal(rest[..<open]) + "([^\\n]*?)"
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        pattern += literal(rest)
        // The patterns are fixed text: a mistake in one is found by the first test that runs it.
        return (message, try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]), names)
    }

    private static func literal(_ text: Substring) -> String {
        NSRegularExpression.escapedPattern(for: String(text)).replacingOccurrences(of: " ", with: "\\s+")
    }

    private static func replace(_ message: CommandLineMessage, _ pattern: NSRegularExpression, names: [String], in text: String,
                                language: Language) -> String {
        let source = text as NSString
        var result = ""
        var position = 0
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: position, length: match.range.location - position))
            var values: [String: String] = [:]
            for (index, name) in names.enumerated() { values[name] = source.substring(with: match.range(at: index + 1)) }
            if message == .provideOneOf, let list = values["values"] {
                // 'a', 'b' or 'c' → a、b、c
                values["values"] = list.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined(separator: "、")
            }
            result += message.text(values, in: language)
            position = match.range.location + match.range.length
        }
        return result + source.substring(from: position)
    }

    /// The width ArgumentParser is to wrap its text to in `language`: its own choice in
    /// English; none in Japanese, which ``localized(_:in:width:)`` wraps by the columns its
    /// characters take (ArgumentParser counts characters, and breaks only at spaces).
    public static func argumentParserColumns(in language: Language = .current) -> Int? {
        language == .japanese ? 100_000 : nil
    }

    /// A line wider than `width` columns broken after Japanese punctuation or at a space
    /// between narrow characters where it can, continued under the start of its text: after an option's name, after the usage
    /// heading, or at the line's own indentation.
    static func wrapped(_ line: String, to width: Int) -> String {
        let measure = DisplayWidth()
        guard measure.width(of: line) > width else { return line }
        let characters = Array(line)
        let descriptionColumn = 26   // where ArgumentParser starts the description of an option
        let usage = CommandLineMessage.usage.text(in: .japanese)
        var head = characters.prefix { $0 == " " }.count
        if let gap = line.range(of: "  +", options: .regularExpression, range: line.index(line.startIndex, offsetBy: head)..<line.endIndex),
           line.distance(from: line.startIndex, to: gap.upperBound) <= width / 2 {
            head = line.distance(from: line.startIndex, to: gap.upperBound)
        } else if line.hasPrefix("  -"), characters.count > descriptionColumn, characters[descriptionColumn - 1] == " " {
            // An option's name that fills its column, one space before its description.
            head = descriptionColumn
        } else if line.hasPrefix(usage) {
            head = usage.count
        }
        let hang = [Character](repeating: " ", count: measure.width(of: String(characters[..<head])))
        guard hang.count < width / 2 else { return line }
        var lines: [String] = []
        // The line being filled, and the columns it takes, kept as it grows.
        var current = Array(characters[..<head])
        var currentWidth = measure.width(of: String(current))
        // The characters of `current` before its text: a line is not broken after a heading.
        let overview = CommandLineMessage.overview.text(in: .japanese)
        var start = line.hasPrefix(overview) ? overview.count : head
        var lastBreak = 0   // how many characters of `current` may end a line
        let closing: Set<Character> = ["、", "。", "，", "）", "」", "：", "；"]
        for character in characters[head...] {
            let characterWidth = measure.width(of: character)
            if currentWidth + characterWidth > width, current.count > start {
                // Without a place to break, anywhere but before a punctuation mark.
                let cut = lastBreak > start ? lastBreak : closing.contains(character) && current.count > start + 1 ? current.count - 1 : current.count
                lines.append(String(current[..<cut].reversed().drop { $0 == " " }.reversed()))
                current = hang + current[cut...].drop { $0 == " " }
                currentWidth = measure.width(of: String(current))
                start = hang.count
                lastBreak = 0
            }
            // A space breaks a line between two narrow characters only: 「1 行目」 stays whole.
            if current.count >= 2, current[current.count - 1] == " ", characterWidth == 1, measure.width(of: current[current.count - 2]) == 1 {
                lastBreak = current.count - 1
            }
            current.append(character)
            currentWidth += characterWidth
            if closing.contains(character) { lastBreak = current.count }
        }
        lines.append(String(current))
        return lines.joined(separator: "\n")
    }
}
