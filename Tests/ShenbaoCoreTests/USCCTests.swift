import Testing

@testable import ShenbaoCore

/// Real codes from the reference README, each published by its organisation and passing the check.
private let realCodes = [
    "914403001922038216",  // 华为技术有限公司
    "9144030071526726XG",  // 腾讯科技（深圳）有限公司
    "91330100716105852F",  // 阿里巴巴（中国）网络技术有限公司
    "12100000400000624D",  // 清华大学
    "51100000500002862F",  // 中国自动化学会
    "91431381748373560G",  // 冷水江钢铁有限责任公司
    "91430100MAE5UXKE2R",  // 湖南鸿斯科技有限公司
    "91350100M000100Y43",
]

private func codes(_ problems: [Problem]) -> [String] { problems.map(\.code) }

@Suite("统一社会信用代码")
struct USCCTests {
    @Test("real codes are accepted", arguments: realCodes)
    func realCodeIsAccepted(code: String) {
        #expect(USCC.problems(code, field: "uscc").isEmpty)
        #expect(USCC.isValid(code))
        #expect(USCC.checkCharacter(for: String(code.prefix(17))) == code.last)
    }

    /// The check must catch any one mistyped character, anywhere, into any other character.
    @Test("every single-character change of a real code is refused", arguments: realCodes)
    func everySingleCharacterChangeIsRefused(code: String) {
        let characters = Array(code)
        var accepted: [String] = []
        var tried = 0
        for position in characters.indices {
            for replacement in USCC.alphabet where replacement != characters[position] {
                var changed = characters
                changed[position] = replacement
                let typo = String(changed)
                tried += 1
                if codes(USCC.problems(typo, field: "uscc")) != ["invalidCheckCharacter"] {
                    accepted.append(typo)
                }
            }
        }
        #expect(tried == 18 * 30)
        #expect(accepted.isEmpty, "accepted or refused for another reason: \(accepted)")
    }

    @Test(
        "I, O, S, V and Z are refused as characters the code never uses",
        arguments: ["I", "O", "S", "V", "Z"])
    func unusedLettersAreRefused(letter: String) {
        // Huawei's code with its 9th character replaced.
        let code = "91440300" + letter + "922038216"
        let problems = USCC.problems(code, field: "organization.uscc")
        #expect(codes(problems) == ["invalidCharacter"])
        #expect(problems.first?.field == "organization.uscc")
        #expect(problems.first?.message.contains("“\(letter)”") == true)
        #expect(problems.first?.message.contains("I、O、S、V、Z") == true)
        #expect(problems.first?.message.contains("统一社会信用代码") == true)
    }

    @Test(
        "lower case, full-width characters and spaces are accepted after normalisation",
        arguments: [
            "9144030071526726xg",
            "  9144030071526726XG  ",
            "9144 0300 7152 6726 XG",
            "91430100mae5uxke2r",
            "\t91430100MAE5UXKE2R\n",
            "９１４３０１００ＭＡＥ５ＵＸＫＥ２Ｒ",
            "91430100\u{3000}MAE5UXKE2R",
        ])
    func normalisedInputIsAccepted(raw: String) {
        #expect(USCC.problems(raw, field: "uscc").isEmpty)
        #expect(USCC.normalized(raw).count == 18)
    }

    @Test func normalisedFormIsUpperCaseWithoutSpaces() {
        #expect(USCC.normalized(" 9144 0300 7152 6726 xg ") == "9144030071526726XG")
    }

    @Test(
        "wrong lengths are refused with the length found",
        arguments: [
            ("91440300192203821", 17),  // one short
            ("9144030019220382160", 19),  // one too many
            ("9", 1),
        ])
    func wrongLengthIsRefused(raw: String, length: Int) {
        let problems = USCC.problems(raw, field: "uscc")
        #expect(codes(problems) == ["length"])
        #expect(problems.first?.message.contains("当前为\(length)位") == true)
    }

    @Test("missing codes are required", arguments: [nil, "", "   ", "\u{3000}"] as [String?])
    func missingIsRequired(raw: String?) {
        #expect(codes(USCC.problems(raw, field: "uscc")) == ["required"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = USCC.problems("91440300I9220382#", field: "uscc")
        #expect(codes(problems) == ["length", "invalidCharacter"])
        #expect(problems.last?.message.contains("“I”、“#”") == true)
    }

    @Test func invisibleCharactersAreNamedByCodePoint() {
        let problems = USCC.problems("914403001922038\u{200B}216", field: "uscc")
        #expect(problems.map(\.code).contains("invalidCharacter"))
        #expect(problems.last?.message.contains("U+200B") == true)
    }

    /// The pilot code exists legally (reference README) but fails the check: refused here, and the
    /// message sends the clerk to the province, who registers it by hand after seeing the licence.
    @Test func fujianPilotCodeFailsTheCheck() {
        let problems = USCC.problems("91350100M0001TGQXM", field: "uscc")
        #expect(codes(problems) == ["invalidCheckCharacter"])
        #expect(problems.first?.message.contains("省科协") == true)
        #expect(USCC.divisionDigits("91350100M0001TGQXM") == nil)
    }

    @Test func checkCharacterNeedsSeventeenCharactersOfTheAlphabet() {
        #expect(USCC.checkCharacter(for: "9144030019220382") == nil)
        #expect(USCC.checkCharacter(for: "91440300I92203821") == nil)
        // A sum divisible by 31 gives 31 − 0 = 31, written 0.
        #expect(USCC.checkCharacter(for: "00000000000000000") == "0")
    }

    @Test(
        "division digits are positions 3–8 of a valid code",
        arguments: [
            ("91431381748373560G", "431381"),
            ("91430100mae5uxke2r", "430100"),
            ("12100000400000624D", "100000"),
        ])
    func divisionDigits(code: String, digits: String) {
        #expect(USCC.divisionDigits(code) == digits)
    }

    @Test func invalidCodeHasNoDivisionDigits() {
        #expect(USCC.divisionDigits("91431381748373560H") == nil)
    }
}
