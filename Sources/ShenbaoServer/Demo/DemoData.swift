import Crypto
import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `shenbao serve --demo`: fills an empty system with organisations, a user of each role and
/// applications in several states, so a newcomer sees it working. Passwords are random and
/// printed once; nothing is added to a system that already has users.
enum DemoData {
    struct Account: Sendable {
        var username: String
        var password: String
        var role: Role
        var organization: String
    }

    struct Applicant {
        var name: String
        /// The first 17 characters; the check character is computed, so every code passes GB 32100.
        var usccStem: String
        var nature: OrganizationNature
        var applicantKind: String
        var divisionCode: String
        var address: String
        var postalCode: String
        var phone: String
        var legalRepresentative: String
        var contactName: String
        var username: String
    }

    static let applicants: [Applicant] = [
        Applicant(
            name: "湖南湘江智能装备有限公司", usccStem: "91430104MA4L3X2Q7", nature: .enterprise,
            applicantKind: "provincialInstitution", divisionCode: "430104", address: "长沙市岳麓区麓谷大道658号",
            postalCode: "410205", phone: "0731-88861234", legalRepresentative: "周建华", contactName: "刘芳",
            username: "xiangjiang"),
        Applicant(
            name: "湖南省智能制造学会", usccStem: "51430000MJJ045213", nature: .society,
            applicantKind: "associationOrSociety", divisionCode: "430102", address: "长沙市芙蓉区五一大道447号",
            postalCode: "410011", phone: "0731-84567890", legalRepresentative: "陈志强", contactName: "黄丽",
            username: "znzz-xh"),
        Applicant(
            name: "株洲轨道交通技术研究院", usccStem: "12430200MB1C77818", nature: .institution,
            applicantKind: "provincialInstitution", divisionCode: "430211", address: "株洲市天元区栗雨工业园",
            postalCode: "412007", phone: "0731-28451234", legalRepresentative: "罗斌", contactName: "谭敏", username: "zzgd"
        ),
    ]

    static func uscc(_ stem: String) -> String {
        stem + String(USCC.checkCharacter(for: stem) ?? "0")
    }

    /// Loads the demo when the system has no users yet; returns the accounts created (empty when
    /// it did nothing).
    static func loadIfEmpty(on db: any Database, hasher: AsyncPasswordHasher, now: Date) async throws -> [Account] {
        guard try await UserModel.query(on: db).count() == 0 else { return [] }
        // (username, role, organisation name, contact); applicants follow from `applicants`.
        let staff: [(String, Role, String?, String)] = [
            ("admin", .province, "湖南省科学技术协会", "李嘉玮"),
            ("xitong", .sysadmin, "湖南省科学技术协会", "系统管理员"),
            ("shenji", .auditor, "湖南省科学技术协会", "审计管理员"),
            ("caiwu", .finance, nil, "张会计"),
            ("zhuanjia", .expert, nil, "王教授"),
            ("changsha-kx", .recommender, "长沙市科学技术协会", "长沙市科协联络员"),
            ("yuelu-kx", .recommender, "岳麓区科学技术协会", "岳麓区科协联络员"),
            ("zhuzhou-kx", .recommender, "株洲市科学技术协会", "株洲市科协联络员"),
        ]
        var secrets: [String: (password: String, hash: String)] = [:]
        for username in staff.map(\.0) + applicants.map(\.username) {
            let password = "Demo" + Secrets.make().prefix(8).filter { $0.isLetter || $0.isNumber } + "9"
            secrets[username] = (password, try await hasher.hash(password))
        }
        let hashes = secrets.mapValues(\.hash)
        let organizationNames: [String: String] = try await db.transaction { db in
            var names: [String: String] = [:]
            for (username, role, organizationName, contact) in staff {
                let organization = try await organizationName.asyncFlatMap {
                    try await OrganizationModel.query(on: db).filter(\.$name == $0).first()
                }
                _ = try await createUser(username, role, organization, contact, hash: hashes[username] ?? "", on: db)
                names[username] = organization?.name ?? "—"
            }
            let call = try await CallModel.latest(on: db)
            for (index, spec) in applicants.enumerated() {
                let organization = OrganizationModel(applicant: organizationForm(spec, index: index))
                try await organization.create(on: db)
                let user = try await createUser(
                    spec.username, .applicant, organization, spec.contactName, hash: hashes[spec.username] ?? "", on: db
                )
                names[spec.username] = organization.name
                if let call {
                    try await demoApplication(
                        index: index, organization: organization, call: call,
                        actor: try AuthenticatedUser(user, method: .token), now: now, on: db)
                }
            }
            return names
        }
        return (staff.map { ($0.0, $0.1) } + applicants.map { ($0.username, Role.applicant) }).map { username, role in
            Account(
                username: username, password: secrets[username]?.password ?? "", role: role,
                organization: organizationNames[username] ?? "—")
        }
    }

    private static func createUser(
        _ username: String, _ role: Role, _ organization: OrganizationModel?, _ contact: String, hash: String,
        on db: any Database
    ) async throws -> UserModel {
        let user = UserModel(
            username: username, passwordHash: hash, role: role, organizationID: try organization?.requireID(),
            contactName: contact, phone: "13800138000", email: "\(username)@demo.invalid")
        try await user.create(on: db)
        return user
    }

    private static func organizationForm(_ spec: Applicant, index: Int) -> OrganizationForm {
        var form = OrganizationForm()
        form.name = spec.name
        form.uscc = uscc(spec.usccStem)
        form.legalRepresentative = spec.legalRepresentative
        form.address = spec.address
        form.postalCode = spec.postalCode
        form.phone = spec.phone
        form.nature = spec.nature.rawValue
        form.applicantKind = spec.applicantKind
        form.divisionCode = spec.divisionCode
        form.bankAccount = BankAccountForm(
            accountName: spec.name, bankName: "中国建设银行长沙湘江支行", accountNumber: "430501\(index)86100001234")
        return form
    }

    /// One application per applicant: the first is submitted to its county, the others are drafts
    /// at different stages of filling.
    private static func demoApplication(
        index: Int, organization: OrganizationModel, call: CallModel, actor: AuthenticatedUser, now: Date,
        on db: any Database
    ) async throws {
        let category: ShenbaoCore.Category = index == 1 ? .cooperation : .conference
        let application = ApplicationModel(
            callID: try call.requireID(), category: category, organizationID: try organization.requireID(),
            createdBy: actor.id)
        var form = ApplicationForm()
        form.projectName = ["2025湘德智能装备国际研讨会", "湖南—东盟智能制造人才交流合作", "轨道交通国际技术论坛"][index]
        form.period = DayRange(start: Day("2025-06-01"), end: Day("2025-12-31"))
        form.contactName = actor.contactName
        form.contactPhone = "13800138000"
        form.leader = ["周建华", "陈志强", "罗斌"][index]
        form.leaderTitle = "教授级高级工程师"
        form.leaderPhone = organization.phone
        form.cooperationBasis = "与境外合作方已有五年以上合作，联合举办活动三次，签署合作备忘录一份。"
        form.partners = [
            Partner(
                name: ["Fraunhofer IPA", "新加坡南洋理工大学", "Siemens Mobility"][index],
                countryOrRegion: ["DE", "SG", "DE"][index])
        ]
        form.fields = Choices(codes: ["advancedManufacturing"])
        form.mainContent = "围绕智能制造开展国际交流与合作。"
        form.expectedGoals = "形成合作成果，签署合作协议。"
        form.highlights = "首次在湘举办同类活动。"
        form.phases = [
            Phase(
                period: DayRange(start: Day("2025-06-01"), end: Day("2025-08-31")), budgetYuan: 60_000, goal: "筹备与对接"),
            Phase(
                period: DayRange(start: Day("2025-09-01"), end: Day("2025-12-31")), budgetYuan: 90_000, goal: "举办与总结"),
        ]
        if category == .conference {
            form.cooperationContent = Choices(codes: ["hostSymposium"])
            form.invitedExperts = [
                InvitedExpert(name: "Anna Schmidt", countryOrRegion: "DE", affiliation: "Fraunhofer IPA", title: "教授"),
                InvitedExpert(name: "John Smith", countryOrRegion: "US", affiliation: "MIT", title: "教授"),
                InvitedExpert(name: "Tanaka Hiroshi", countryOrRegion: "JP", affiliation: "东京大学", title: "教授"),
            ]
        } else {
            form.cooperationContent = Choices(codes: ["hostExchangeActivities"])
        }
        form.summaryContent = form.mainContent
        form.summaryBasis = form.cooperationBasis
        if index == 0 {
            form.eligibilityDeclarations = EligibilityDeclarations(
                independentLegalPerson: true, noSubcontracting: true, teamAndControls: true, lawCompliance: true)
            form.commitment = Commitment(
                accepted: true, acceptedBy: actor.contactName, acceptedAt: ChineseFormat.iso(now))
        }
        application.form = form
        // The list's and the filters' columns, copied out of the form as every save does.
        application.indexForm()
        try await application.create(on: db)
        let id = try application.requireID()
        try await ApplicationEventModel.append(
            to: id, actor: actor, action: .create, from: nil, to: .draft, at: now, on: db)
        guard index == 0 else { return }
        let pdf = Data(
            "%PDF-1.4\n% 示例扫描件\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
        let sha256 = pdf.sha256Hex
        if try await BlobModel.query(on: db).filter(\.$sha256 == sha256).count() == 0 {
            try await BlobModel(sha256: sha256, data: pdf).create(on: db)
        }
        // The three files the rules ask for before a submission (佐证材料 included).
        for kind in [AttachmentKind.signedScan, .nonConfidentiality, .evidence] {
            let attachment = AttachmentModel()
            attachment.$application.id = id
            attachment.kind = kind
            attachment.name = kind.label + ".pdf"
            attachment.contentType = FileType.pdf.contentType
            attachment.size = Int64(pdf.count)
            attachment.sha256 = sha256
            attachment.uploadedBy = actor.id
            try await attachment.create(on: db)
        }
        let county = try await OrganizationModel.query(on: db).filter(\.$divisionCode == organization.divisionCode)
            .filter(\.$kind == .recommender).first()
        application.status = try Workflow.apply(.submit, to: .draft, by: .applicant)
        application.$recommender.id = county?.id
        application.$holder.id = county?.id
        application.organizationSnapshot = organization.form
        application.submittedAt = now
        application.version += 1
        try await ApplicationNumbering.assign(to: application, year: call.year, on: db)
        try await application.save(on: db)
        try await ApplicationEventModel.append(
            to: id, actor: actor, action: .workflow(.submit), from: .draft, to: .atRecommender, at: now, on: db)
    }

    static func printout(_ accounts: [Account]) -> String {
        var lines = ["", "已载入演示数据。以下账号的密码只显示这一次，请妥善保存：", ""]
        for account in accounts {
            lines.append("    \(account.role.label)\t\(account.username)\t\(account.password)\t\(account.organization)")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}

extension Data {
    var sha256Hex: String {
        Hex.string(SHA256.hash(data: self))
    }
}
