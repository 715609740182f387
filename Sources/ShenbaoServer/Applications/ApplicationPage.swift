import Foundation
import ShenbaoCore

/// Everything the form page, the read-only view and the print view show, ready for Leaf: values
/// as text, options with their ticks, rows with their own problems, amounts in 万元.
struct ApplicationPage: Encodable {
    struct Check: Encodable {
        var code: String
        var label: String
        var checked: Bool
        var evidence: String = ""
        /// As the form prints it: 其他 with what was written for it (其他：…).
        var printLabel: String = ""
        /// A problem of this box is shown beside it now.
        var invalid = false
    }
    struct PartnerRow: Encodable {
        var index: Int
        var name: String
        var countryOrRegion: String
        var countryName: String
        var error: String
        /// The row's fields with a problem shown, by their last path component (`name`: true).
        var invalid: [String: Bool]
    }
    struct PhaseRow: Encodable {
        var index: Int
        var number: Int
        var start: String
        var end: String
        var startText: String
        var endText: String
        var budgetWan: String
        var goal: String
        var error: String
        var invalid: [String: Bool]
    }
    struct PersonRow: Encodable {
        var index: Int
        var name: String
        var countryOrRegion: String
        var countryName: String
        var field: String
        var affiliation: String
        var title: String
        var error: String
        var invalid: [String: Bool]
    }
    /// One row of 申请回避 (the applicant's avoidance requests), as the form page edits it.
    struct AvoidanceRow: Encodable {
        var index: Int
        var kind: String
        var kindLabel: String
        var name: String
        var reason: String
        var error: String
        var invalid: [String: Bool]
    }
    struct AttachmentRow: Encodable {
        var id: String
        var name: String
        var kind: String
        var kindLabel: String
        /// For evidence: the priority condition it proves, or that it is general evidence.
        var proves: String
        var size: String
        var url: String
    }
    struct ReviewOpinionLine: Encodable {
        var organization: String
        var decision: String
        var comment: String
    }
    struct Row: Encodable {
        var label: String
        var value: String
    }

    var id: String
    /// 申报编号, empty before the first submission.
    var number: String
    /// The forms' edition under 湖南省科学技术协会制 (e.g. 2025年2月).
    var edition: String
    var version: Int
    var category: String
    var categoryLabel: String
    var formTitle: String
    var isConference: Bool
    var status: String
    var statusLabel: String
    var holderName: String
    var editable: Bool
    var savedAt: String
    var submittedAt: String
    var organizationRows: [Row]
    /// Section 一's organisation block as the form has it, from the snapshot taken at submission.
    var sectionOneRows: [Row]
    var organizationName: String

    var projectName: String
    var periodStart: String
    var periodEnd: String
    var periodText: String
    var contactName: String
    var contactPhone: String
    var leader: String
    var leaderTitle: String
    var leaderPhone: String
    var cooperationBasis: String
    var partners: [PartnerRow]
    var cooperationContent: [Check]
    var cooperationOther: String
    var fields: [Check]
    var fieldsOther: String
    var mainContent: String
    var expectedGoals: String
    var highlights: String
    var phases: [PhaseRow]
    var requestedWan: String
    var amountBounds: String
    var invitedExperts: [PersonRow]
    var delegationMembers: [PersonRow]
    /// Whether a list has a named person: the print view leaves out an empty list, not print an empty row.
    var hasInvitedExperts: Bool
    var hasDelegationMembers: Bool
    /// 申请回避: the rows filled, padded with empty ones to the limit of three on the form page.
    /// Never in the official documents; experts never get them (ApplicationService strips them).
    var avoidances: [AvoidanceRow]
    var hasAvoidances: Bool
    var summaryContent: String
    var summaryContentCount: Int
    var summaryBasis: String
    var summaryBasisCount: Int
    var declarations: [Check]
    var priorities: [Check]
    var commitmentText: String
    var commitmentAccepted: Bool
    var commitmentBy: String
    var commitmentAt: String
    var attachments: [AttachmentRow]
    var attachmentKinds: [Check]
    /// What an evidence file may be named for: general evidence, then each priority condition.
    var evidenceTargets: [Option]
    /// The call's extra questions (补充信息), after section 二.
    var questions: [QuestionRow]
    /// Each priority condition claimed and whether an evidence file names it.
    var evidenceNeeded: [Check]
    var maxAttachmentMB: Int
    /// What to send on paper and by e-mail, from the call (申报指南 四); shown to the applicant.
    var materials: [String] = []
    /// The paper the province counted at intake, and its shortfalls.
    var paperReceipt = ""
    var paperWarnings: [String] = []
    /// What intake expects, e.g. "申报书6份、非涉密证明2份".
    var paperExpected = ""

    /// A country in the picker: its name, and what else finds it when typed (pinyin and code).
    struct CountryChoice: Encodable {
        var code: String
        var label: String
        var search: String
    }
    /// Common partners first, then pinyin order (CountryOrRegion.pickerOrder).
    var countries: [CountryChoice]
    var recommenders: [RecommenderChoice]
    var selectedRecommender: String
    /// The problems shown beside their fields now, by ApplicationGuidance.key of their field.
    var errors: [String: String]
    /// Every problem that blocks submission, for the summary at the top.
    var problems: [Problem]
    var guidance: ApplicationGuidance
    var flash: String?

    // The chain: opinions so far, the timeline, and what this user may decide now.
    struct OpinionLine: Encodable {
        var organization: String
        var signer: String
        var decision: String
        var comment: String
        var at: String
        var paperCopies: String
    }
    struct EventLine: Encodable {
        var at: String
        var actor: String
        var organization: String
        var action: String
        var status: String
        var comment: String
    }
    struct ChecklistLine: Encodable {
        var code: String
        var label: String
        var found: String
        /// Ticked in the form that came back with a problem.
        var checked = false
    }
    /// What a recommender or the province typed into the opinion or intake form, shown again
    /// when the form comes back with a problem, so nothing chosen or written is lost.
    struct Typed: Encodable {
        var decision = ""
        var comment = ""
        var attested = false
        var correctionDays = ""
        var paperCopiesReceived = ""
        var certificatesReceived = ""
        var paperCopiesReceivedOn = ""
    }
    var typed = Typed()
    var opinions: [OpinionLine] = []
    /// Section 四 as the Word form prints it (ReviewOpinions): the recommenders' final opinions and
    /// the published decision; filled by `ApplicationPagesController.pageModel`.
    var reviewOpinions: [ReviewOpinionLine] = []
    var provinceDecision = ""
    var timeline: [EventLine] = []
    var returnedWith: OpinionLine?
    /// The 补正 period of a returned draft: until when it may be submitted again, or that it ended.
    var correction: String?
    /// Whether the call still takes a return for revision (CorrectionPeriod).
    var canReturn = true
    var defaultCorrectionDays = 5
    var canRecommend = false
    var recommendTarget = ""
    /// 推荐名额 of the recommender in this category, when the call sets one: limit, used, left.
    var recommendQuota: String?
    var canIntake = false
    var checklist: [ChecklistLine] = []
    var today = ""
    /// 经费拨付 of a funded project (issue 30), for the users who follow it.
    var disbursements: DisbursementPanel?
    /// A funded project's changes (项目变更, issue 30).
    var changes: ChangeRequestPanel?
    /// A funded project's letter, agreement and its step (issue 30).
    var agreement: AgreementPanel?
    /// A funded project's reports, acceptance and closing (issue 30).
    var reports: ReportPanel?

    init(
        dto: ApplicationDTO, call: CallDefinition, organization: OrganizationModel, recommenders: [RecommenderChoice],
        extraProblems: [Problem] = [], flash: String? = nil, maxAttachmentMB: Int, selectedRecommender: String = "",
        check: Bool = false, formChangedAt: Date? = nil, showSteps: Bool = false
    ) {
        let form = dto.form
        let definition = call.categories.first { $0.code == dto.category }
        let problems = extraProblems + dto.problems
        // What a request was refused for is always shown; the draft's own problems as guidance says.
        let shown = extraProblems + ApplicationGuidance.shown(dto.problems, check: check)
        func rowProblems(_ prefix: String) -> [Problem] {
            shown.filter { $0.field.hasPrefix(prefix + ".") || $0.field == prefix }
        }
        func rowError(_ prefix: String) -> String {
            rowProblems(prefix).map(\.message).joined(separator: "；")
        }
        // `phases[0].period.start` → `start`; the row's own problems (`phases[0]`) mark no one field.
        func rowInvalid(_ prefix: String) -> [String: Bool] {
            Dictionary(
                rowProblems(prefix).compactMap { $0.field.split(separator: ".").last.map { (String($0), true) } },
                uniquingKeysWith: { first, _ in first })
        }
        func country(_ code: String?) -> String { code.flatMap(CountryOrRegion.name(of:)) ?? (code ?? "") }
        func day(_ value: Day?) -> String { value?.description ?? "" }

        id = dto.id.uuidString
        number = dto.number ?? ""
        edition = call.formEditionLabel
        version = dto.version
        category = dto.category.rawValue
        categoryLabel = FormTexts.categoryLabel(dto.category)
        formTitle = FormTexts.formTitle(dto.category)
        isConference = dto.category == .conference
        status = dto.status.rawValue
        statusLabel = dto.status.label
        holderName = dto.currentHolder.name
        editable = Workflow.isEditable(dto.status)
        savedAt = dto.updatedAt.map { ChineseFormat.time($0) } ?? ""
        submittedAt = dto.submittedAt.map(ChineseFormat.dateTime) ?? ""
        organizationName = dto.organization.name ?? organization.name
        organizationRows = organization.profileRows.map { Row(label: $0.label, value: $0.value) }
        let snapshot = dto.organization
        sectionOneRows = [
            Row(label: "单位名称", value: snapshot.name ?? organization.name),
            Row(label: "法人代表", value: snapshot.legalRepresentative ?? ""),
            Row(label: "地　　址", value: snapshot.address ?? ""),
            Row(label: "邮政编码", value: snapshot.postalCode ?? ""),
            Row(label: "联系电话", value: snapshot.phone ?? ""),
            Row(label: "单位性质", value: snapshot.nature.flatMap { OrganizationNature(rawValue: $0)?.label } ?? ""),
            Row(label: "统一社会信用代码", value: snapshot.uscc ?? ""),
            Row(label: "开户名", value: snapshot.bankAccount?.accountName ?? ""),
            Row(label: "开户银行", value: snapshot.bankAccount?.bankName ?? ""),
            Row(label: "账号", value: snapshot.bankAccount?.accountNumber ?? ""),
        ]

        projectName = form.projectName ?? ""
        periodStart = day(form.period?.start)
        periodEnd = day(form.period?.end)
        periodText = [form.period?.start?.chinese, form.period?.end?.chinese].compactMap { $0 }.joined(separator: " 至 ")
        contactName = form.contactName ?? ""
        contactPhone = form.contactPhone ?? ""
        leader = form.leader ?? ""
        leaderTitle = form.leaderTitle ?? ""
        leaderPhone = form.leaderPhone ?? ""
        cooperationBasis = form.cooperationBasis ?? ""
        let partnerValues = form.partners ?? []
        partners = (partnerValues + [Partner()]).enumerated().map { index, partner in
            PartnerRow(
                index: index, name: partner.name ?? "", countryOrRegion: partner.countryOrRegion ?? "",
                countryName: country(partner.countryOrRegion), error: rowError("partners[\(index)]"),
                invalid: rowInvalid("partners[\(index)]"))
        }
        let ticked = Set(form.cooperationContent?.codes ?? [])
        func printLabel(_ option: Option, other: String) -> String {
            option.code == "other" && !other.isEmpty ? "\(option.label)：\(other)" : option.label
        }
        cooperationOther = form.cooperationContent?.other ?? ""
        cooperationContent = (definition?.cooperationContent ?? []).offered(keeping: ticked).map { [cooperationOther] in
            Check(
                code: $0.code, label: $0.label, checked: ticked.contains($0.code),
                printLabel: printLabel($0, other: cooperationOther))
        }
        let tickedFields = Set(form.fields?.codes ?? [])
        fieldsOther = form.fields?.other ?? ""
        fields = (definition?.fields ?? []).offered(keeping: tickedFields).map { [fieldsOther] in
            Check(
                code: $0.code, label: $0.label, checked: tickedFields.contains($0.code),
                printLabel: printLabel($0, other: fieldsOther))
        }
        mainContent = form.mainContent ?? ""
        expectedGoals = form.expectedGoals ?? ""
        highlights = form.highlights ?? ""
        phases = ((form.phases ?? []) + [Phase()]).enumerated().map { index, phase in
            PhaseRow(
                index: index, number: index + 1, start: day(phase.period?.start), end: day(phase.period?.end),
                startText: phase.period?.start?.chinese ?? "", endText: phase.period?.end?.chinese ?? "",
                budgetWan: phase.budgetYuan.map(ChineseFormat.wan) ?? "", goal: phase.goal ?? "",
                error: rowError("phases[\(index)]"), invalid: rowInvalid("phases[\(index)]"))
        }
        requestedWan = form.requestedYuan.map(ChineseFormat.wan) ?? "0"
        amountBounds =
            definition.map { "\(ChineseFormat.wan($0.amountYuan.min))–\(ChineseFormat.wan($0.amountYuan.max)) 万元" }
            ?? ""
        hasInvitedExperts = (form.invitedExperts ?? []).contains { !($0.name ?? "").isEmpty }
        hasDelegationMembers = (form.delegationMembers ?? []).contains { !($0.name ?? "").isEmpty }
        invitedExperts = ((form.invitedExperts ?? []) + [InvitedExpert()]).enumerated().map { index, expert in
            PersonRow(
                index: index, name: expert.name ?? "", countryOrRegion: expert.countryOrRegion ?? "",
                countryName: country(expert.countryOrRegion), field: "", affiliation: expert.affiliation ?? "",
                title: expert.title ?? "", error: rowError("invitedExperts[\(index)]"),
                invalid: rowInvalid("invitedExperts[\(index)]"))
        }
        delegationMembers = ((form.delegationMembers ?? []) + [DelegationMember()]).enumerated().map { index, member in
            PersonRow(
                index: index, name: member.name ?? "", countryOrRegion: "", countryName: "", field: member.field ?? "",
                affiliation: member.affiliation ?? "", title: member.title ?? "",
                error: rowError("delegationMembers[\(index)]"), invalid: rowInvalid("delegationMembers[\(index)]"))
        }
        let avoidanceValues = Array((form.avoidances ?? []).prefix(ApplicationRules.avoidanceLimit))
        hasAvoidances = !avoidanceValues.isEmpty
        avoidances =
            (avoidanceValues
            + Array(repeating: Avoidance(), count: ApplicationRules.avoidanceLimit - avoidanceValues.count))
            .enumerated().map { index, avoidance in
                AvoidanceRow(
                    index: index, kind: avoidance.kind ?? "",
                    kindLabel: avoidance.kind.flatMap(AvoidanceKind.init(rawValue:))?.label ?? "",
                    name: avoidance.name ?? "", reason: avoidance.reason ?? "",
                    error: rowError("avoidances[\(index)]"), invalid: rowInvalid("avoidances[\(index)]"))
            }
        summaryContent = form.summaryContent ?? ""
        summaryContentCount = summaryContent.count
        summaryBasis = form.summaryBasis ?? ""
        summaryBasisCount = summaryBasis.count
        let declared = form.eligibilityDeclarations
        let declaredValues: [String: Bool?] = [
            "independentLegalPerson": declared?.independentLegalPerson, "noSubcontracting": declared?.noSubcontracting,
            "teamAndControls": declared?.teamAndControls, "lawCompliance": declared?.lawCompliance,
        ]
        declarations = call.eligibilityConditions.map {
            Check(code: $0.code, label: $0.label, checked: (declaredValues[$0.code] ?? nil) == true)
        }
        let claims = Dictionary((form.priorityClaims ?? []).compactMap { claim in claim.code.map { ($0, claim) } }) {
            a, _ in a
        }
        priorities = call.priorityConditions.map {
            Check(
                code: $0.code, label: $0.label, checked: claims[$0.code] != nil,
                evidence: claims[$0.code]?.evidence ?? "")
        }
        commitmentText = FormTexts.commitment
        commitmentAccepted = form.commitment?.accepted == true
        commitmentBy = form.commitment?.acceptedBy ?? ""
        commitmentAt =
            form.commitment?.acceptedAt
            .flatMap { ISO8601DateFormatter().date(from: $0) }.map(ChineseFormat.dateTime) ?? ""
        func conditionLabel(_ code: String?) -> String {
            code.flatMap { code in call.priorityConditions.first { $0.code == code }?.label } ?? ""
        }
        attachments = dto.attachments.map {
            AttachmentRow(
                id: $0.id.uuidString, name: $0.name, kind: $0.kind.rawValue, kindLabel: $0.kindLabel,
                proves: $0.kind != .evidence
                    ? "" : $0.condition == nil ? "申报条件及申报书所述情况" : "优先考虑条件：" + conditionLabel($0.condition),
                size: AttachmentService.sizeText(Int($0.size)),
                url: "/api/v1/applications/\(dto.id.uuidString)/attachments/\($0.id.uuidString)")
        }
        let present = Set(dto.attachments.map(\.kind))
        attachmentKinds = AttachmentKind.ofTheApplication.map {
            let note =
                switch $0 {
                case .signedScan: "（必需，PDF）"
                case .nonConfidentiality: "（必需）"
                case .evidence: "（必需，可多份）"
                case .agreement, .reportEvidence: ""
                case .changeEvidence: ""
                }
            return Check(code: $0.rawValue, label: $0.label + note, checked: present.contains($0))
        }
        let fileQuestions = (call.questions ?? []).filter { $0.kind == .file && $0.asks(dto.category) }
        evidenceTargets =
            [Option(code: "", label: "申报条件及申报书所述情况（通用佐证）")]
            + call.priorityConditions.map { Option(code: $0.code, label: "优先考虑条件：" + $0.label) }
            + fileQuestions.map { Option(code: $0.code, label: "补充信息：" + $0.label) }
        questions = QuestionRow.rows(
            call.questions ?? [], category: dto.category, answers: form.answers ?? [:], problems: shown,
            files: dto.attachments.map { ($0.condition, $0.name) })
        let proven = Set(dto.attachments.filter { $0.kind == .evidence }.compactMap(\.condition))
        evidenceNeeded = priorities.filter(\.checked).map {
            Check(code: $0.code, label: $0.label, checked: proven.contains($0.code))
        }
        if let receipt = dto.paperReceipt {
            paperReceipt =
                PaperReceipt(
                    copies: receipt.copies, certificates: receipt.certificates,
                    receivedOn: receipt.receivedOn.flatMap(Day.init)
                ).summary
            paperWarnings = receipt.warnings
        }
        self.maxAttachmentMB = maxAttachmentMB
        paperExpected = "申报书\(call.submission.paperCopies)份、非涉密证明\(call.submission.nonConfidentialityCopies)份"
        countries = CountryOrRegion.pickerOrder.map {
            CountryChoice(
                code: $0.code, label: $0.name, search: (CountryOrRegion.pinyin[$0.code] ?? "") + " " + $0.code)
        }
        self.recommenders = recommenders
        self.selectedRecommender = selectedRecommender
        errors = Dictionary(
            shown.map { (ApplicationGuidance.key($0.field), $0.message) }, uniquingKeysWith: { $0 + "；" + $1 })
        for index in declarations.indices {
            declarations[index].invalid = errors["eligibilityDeclarations_" + declarations[index].code] != nil
        }
        self.problems = problems
        guidance = ApplicationGuidance(
            problems: problems, check: check, status: dto.status, attachments: dto.attachments,
            formChangedAt: formChangedAt, paperReceived: dto.paperReceipt != nil, showSteps: showSteps)
        self.flash = flash
    }
}
