/// 经费拨付: one payment of a funded project, recorded by finance, and the rule that the payments
/// together never exceed the amount the meeting approved (the guide's 资助金额).
///
/// A payment is entered through the API in 元 (`amountYuan`) or on the page in 万元 with at most
/// four decimals (`amountWan`); either is bounded before any arithmetic.
public enum Disbursement {
    /// One payment: from 1 元 to 1 亿元.
    public static let amountBounds = 1...100_000_000
    public static let voucherLimit = 50
    public static let noteLimit = 200
    /// Payments per project: far more than any project's instalments, and a bound on every list.
    public static let maximumCount = 200

    /// The fields' Chinese labels, as the page and every message name them.
    public enum Label {
        public static let paidOn = "拨付日期"
        public static let amount = "拨付金额"
        public static let phase = "对应阶段"
        public static let voucherNumber = "凭证号"
        public static let note = "备注"
    }

    /// What finance sent. `amountYuan` (API) or `amountWan` (page, 万元 as typed); the problems
    /// name whichever field was sent.
    public struct Input: Equatable, Sendable {
        public var paidOn: String?
        public var amountYuan: Int?
        public var amountWan: String?
        public var phaseIndex: Int?
        public var voucherNumber: String?
        public var note: String?

        public init(
            paidOn: String? = nil, amountYuan: Int? = nil, amountWan: String? = nil, phaseIndex: Int? = nil,
            voucherNumber: String? = nil, note: String? = nil
        ) {
            self.paidOn = paidOn
            self.amountYuan = amountYuan
            self.amountWan = amountWan
            self.phaseIndex = phaseIndex
            self.voucherNumber = voucherNumber
            self.note = note
        }
    }

    /// A payment that passed every check of its own (the cap is checked against the others).
    public struct Payment: Equatable, Sendable {
        public var paidOn: Day
        public var amountYuan: Int
        public var phaseIndex: Int?
        public var voucherNumber: String
        public var note: String?
    }

    /// Every problem of `input` at once. `phaseCount` is the number of phases of the application's
    /// form; `approvedOn`, the day the project was approved (立项), when known.
    public static func check(_ input: Input, phaseCount: Int, today: Day, approvedOn: Day?) -> (Payment?, [Problem]) {
        var problems: [Problem] = []

        let dayText = input.paidOn.map(TextNormalization.trimmed) ?? ""
        let paidOn = Day(dayText)
        if dayText.isEmpty {
            problems.append(TextRules.missing(field: "paidOn", label: Label.paidOn))
        } else if let paidOn {
            if paidOn > today {
                problems.append(
                    Problem(
                        field: "paidOn", code: .inFuture,
                        message: "\(Label.paidOn)不能晚于今天（\(today.chinese)），现为\(paidOn.chinese)"))
            } else if let approvedOn, paidOn < approvedOn {
                problems.append(
                    Problem(
                        field: "paidOn", code: .outOfRange,
                        message: "\(Label.paidOn)不能早于立项日期\(approvedOn.chinese)，现为\(paidOn.chinese)"))
            }
        } else {
            problems.append(
                Problem(field: "paidOn", code: .invalidValue, message: "\(Label.paidOn)应为日期（YYYY-MM-DD），现为“\(dayText)”")
            )
        }

        var amount: Int?
        if let wan = input.amountWan, input.amountYuan == nil {
            let text = TextNormalization.trimmed(wan)
            if text.isEmpty {
                problems.append(TextRules.missing(field: "amountWan", label: Label.amount))
            } else {
                switch WanAmount.parse(text, within: amountBounds, field: "amountWan", label: Label.amount) {
                case .yuan(let yuan): amount = yuan
                case .problem(let problem): problems.append(problem)
                }
            }
        } else if let yuan = input.amountYuan {
            if amountBounds.contains(yuan) {
                amount = yuan
            } else {
                problems.append(
                    Problem(
                        field: "amountYuan", code: .outOfBounds,
                        message:
                            "\(Label.amount)应在\(WanAmount.withUnit(amountBounds.lowerBound))至\(WanAmount.withUnit(amountBounds.upperBound))之间"
                    ))
            }
        } else {
            problems.append(TextRules.missing(field: "amountYuan", label: Label.amount))
        }

        if let index = input.phaseIndex, !(0..<max(phaseCount, 0)).contains(index) {
            let choice = phaseCount > 0 ? "应为第1至第\(phaseCount)阶段之一" : "申报书没有填写阶段，请不要选择"
            problems.append(Problem(field: "phaseIndex", code: .invalidOption, message: "\(Label.phase)\(choice)"))
        }

        let voucher = input.voucherNumber.map(TextNormalization.trimmed) ?? ""
        problems += TextRules.requiredText(
            voucher, maximumLength: voucherLimit, field: "voucherNumber", label: Label.voucherNumber)
        if voucher.unicodeScalars.contains(where: { isControl($0) }) {
            problems.append(
                Problem(field: "voucherNumber", code: .invalidCharacter, message: "\(Label.voucherNumber)不能含有换行或控制字符"))
        }

        let noteText = input.note.map(TextNormalization.trimmed) ?? ""
        problems += TextRules.maximumLength(noteText, noteLimit, field: "note", label: Label.note)
        if noteText.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            problems.append(Problem(field: "note", code: .invalidCharacter, message: "\(Label.note)不能含有控制字符"))
        }

        guard problems.isEmpty, let paidOn, let amount else { return (nil, problems) }
        return (
            Payment(
                paidOn: paidOn, amountYuan: amount, phaseIndex: input.phaseIndex, voucherNumber: voucher,
                note: noteText.isEmpty ? nil : noteText),
            []
        )
    }

    /// The amount of `input` in 元 when it is readable and within bounds, whatever the other
    /// fields: so a refused form can name the cap too, beside its other problems.
    public static func amount(of input: Input) -> Int? {
        if let yuan = input.amountYuan { return amountBounds.contains(yuan) ? yuan : nil }
        guard let wan = input.amountWan,
            case .success(let yuan) = WanAmount.yuan(
                TextNormalization.trimmed(wan), within: amountBounds)
        else { return nil }
        return yuan
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
            || scalar.properties.generalCategory == .lineSeparator
            || scalar.properties.generalCategory == .paragraphSeparator
    }

    /// The cap: what was paid so far plus this payment may not exceed the approved amount. Every
    /// amount is bounded by the callers (each payment by `amountBounds`, their count by the cap
    /// itself), and the sum is checked for overflow anyway.
    public static func cap(paidYuan: Int, amountYuan: Int, approvedYuan: Int, field: String = "amountYuan")
        -> Problem?
    {
        let (total, overflow) = paidYuan.addingReportingOverflow(amountYuan)
        guard overflow || total > approvedYuan else { return nil }
        let totalText = overflow ? "超过上限" : WanAmount.wanText(total) + "万元"
        return Problem(
            field: field, code: .disbursementAboveApproved,
            message:
                "本次拨付\(WanAmount.wanText(amountYuan))万元后累计\(totalText)，超过批准资助金额\(WanAmount.wanText(approvedYuan))万元")
    }

    /// 批准 / 已拨付 / 剩余, in 元.
    public struct Summary: Codable, Equatable, Sendable {
        public var approvedYuan: Int
        public var paidYuan: Int
        public var remainingYuan: Int

        public init(approvedYuan: Int, paidYuan: Int) {
            self.approvedYuan = approvedYuan
            self.paidYuan = paidYuan
            self.remainingYuan = max(0, approvedYuan - paidYuan)
        }

        /// The summary of the payments recorded, each within `amountBounds`.
        public init(approvedYuan: Int, payments: [Int]) {
            self.init(
                approvedYuan: approvedYuan,
                paidYuan: payments.reduce(0) { sum, next in
                    let (total, overflow) = sum.addingReportingOverflow(next)
                    return overflow ? Int.max : total
                })
        }
    }
}
