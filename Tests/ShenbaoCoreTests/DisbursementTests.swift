import Testing

@testable import ShenbaoCore

@Suite struct DisbursementTests {
    static let today = Day(year: 2026, month: 3, day: 10)
    static let approved = Day(year: 2025, month: 12, day: 1)

    static func input(
        paidOn: String? = "2026-03-01", yuan: Int? = 100_000, wan: String? = nil, phase: Int? = nil,
        voucher: String? = "记-2026-031", note: String? = nil
    ) -> Disbursement.Input {
        Disbursement.Input(
            paidOn: paidOn, amountYuan: yuan, amountWan: wan, phaseIndex: phase, voucherNumber: voucher, note: note)
    }

    @Test(
        "a payment's own fields: each problem names its field by its Chinese label",
        arguments: [
            (input(), nil, nil),
            (input(paidOn: nil), "paidOn", "请填写拨付日期"),
            (input(paidOn: "2026-3-1x"), "paidOn", "拨付日期应为日期"),
            (input(paidOn: "2026-03-11"), "paidOn", "拨付日期不能晚于今天（2026年3月10日）"),
            (input(paidOn: "2025-11-30"), "paidOn", "拨付日期不能早于立项日期2025年12月1日"),
            (input(paidOn: "2025-12-01"), nil, nil),
            (input(yuan: nil), "amountYuan", "请填写拨付金额"),
            (input(yuan: 0), "amountYuan", "拨付金额应在0.0001万元至10000万元之间"),
            (input(yuan: 100_000_001), "amountYuan", "拨付金额应在"),
            (input(yuan: nil, wan: "12.34567"), "amountWan", "拨付金额应为以万元为单位的数字"),
            (input(yuan: nil, wan: "1e300"), "amountWan", "拨付金额应为以万元为单位的数字"),
            (input(yuan: nil, wan: "10001"), "amountWan", "拨付金额应在"),
            (input(yuan: nil, wan: " "), "amountWan", "请填写拨付金额"),
            (input(phase: 2), "phaseIndex", "对应阶段应为第1至第2阶段之一"),
            (input(phase: -1), "phaseIndex", "对应阶段应为第1至第2阶段之一"),
            (input(phase: 1), nil, nil),
            (input(voucher: "  "), "voucherNumber", "请填写凭证号"),
            (input(voucher: String(repeating: "号", count: 51)), "voucherNumber", "凭证号不能超过50个字，当前为51个字"),
            (input(voucher: "记\u{0}1"), "voucherNumber", "凭证号不能含有换行或控制字符"),
            (input(voucher: "记\n1"), "voucherNumber", "凭证号不能含有换行或控制字符"),
            (input(note: String(repeating: "注", count: 201)), "note", "备注不能超过200个字"),
            (input(note: String(repeating: "注", count: 200)), nil, nil),
        ] as [(Disbursement.Input, String?, String?)])
    func fields(input: Disbursement.Input, field: String?, message: String?) {
        let (payment, problems) = Disbursement.check(
            input, phaseCount: 2, today: Self.today!, approvedOn: Self.approved)
        if let field, let message {
            #expect(payment == nil)
            #expect(problems.count == 1)
            #expect(problems.first?.field == field)
            #expect(problems.first?.message.contains(message) == true, "\(problems)")
        } else {
            #expect(problems.isEmpty, "\(problems)")
            #expect(payment != nil)
        }
    }

    @Test("every problem at once")
    func allAtOnce() {
        let (payment, problems) = Disbursement.check(
            Self.input(
                paidOn: "", yuan: nil, wan: "abc", phase: 5, voucher: nil, note: String(repeating: "x", count: 300)),
            phaseCount: 0, today: Self.today!, approvedOn: nil)
        #expect(payment == nil)
        #expect(problems.map(\.field) == ["paidOn", "amountWan", "phaseIndex", "voucherNumber", "note"])
        #expect(problems[2].message == "对应阶段申报书没有填写阶段，请不要选择")
    }

    @Test("万元 typed on the page become whole yuan; the texts are trimmed")
    func wanToYuan() {
        let (payment, _) = Disbursement.check(
            Self.input(yuan: nil, wan: " 12.3456 ", voucher: " 记-1 ", note: "  首笔 "), phaseCount: 1,
            today: Self.today!, approvedOn: nil)
        #expect(payment?.amountYuan == 123_456)
        #expect(payment?.voucherNumber == "记-1")
        #expect(payment?.note == "首笔")
        #expect(payment?.paidOn == Day(year: 2026, month: 3, day: 1))
    }

    @Test(
        "the cap: paid so far plus this payment may not exceed the approved amount",
        arguments: [
            (0, 200_000, 500_000, nil),
            (400_000, 100_000, 500_000, nil),
            (400_000, 100_001, 500_000, "本次拨付10.0001万元后累计50.0001万元，超过批准资助金额50万元"),
            (200_000, 400_000, 500_000, "本次拨付40万元后累计60万元，超过批准资助金额50万元"),
            (Int.max, 1, 500_000, "本次拨付0.0001万元后累计超过上限，超过批准资助金额50万元"),
        ] as [(Int, Int, Int, String?)])
    func cap(paid: Int, amount: Int, approved: Int, message: String?) {
        let problem = Disbursement.cap(paidYuan: paid, amountYuan: amount, approvedYuan: approved)
        #expect(problem?.message == message)
        #expect(problem.map { $0.code == "disbursementAboveApproved" } ?? true)
    }

    @Test("the amount alone, for the cap beside the other problems")
    func amountAlone() {
        #expect(Disbursement.amount(of: Self.input(voucher: nil)) == 100_000)
        #expect(Disbursement.amount(of: Self.input(yuan: nil, wan: " 2.5 ")) == 25_000)
        #expect(Disbursement.amount(of: Self.input(yuan: nil, wan: "1e3")) == nil)
        #expect(Disbursement.amount(of: Self.input(yuan: 0)) == nil)
    }

    @Test(
        "the summary: approved, paid, remaining",
        arguments: [
            (500_000, [Int](), 0, 500_000),
            (500_000, [200_000, 100_000], 300_000, 200_000),
            (500_000, [500_000], 500_000, 0),
            (100_000, [200_000], 200_000, 0),
        ])
    func summary(approved: Int, payments: [Int], paid: Int, remaining: Int) {
        let summary = Disbursement.Summary(approvedYuan: approved, payments: payments)
        #expect(summary.paidYuan == paid)
        #expect(summary.remainingYuan == remaining)
        #expect(summary.approvedYuan == approved)
    }
}
