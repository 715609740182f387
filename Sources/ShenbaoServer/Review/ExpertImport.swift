import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// Imports the expert pool from the spreadsheet the province keeps (.xlsx or .csv), all or
/// nothing: every problem of every row is reported at once, and nothing is stored until none is
/// left. Each expert gets an account whose username is their phone number and whose first
/// password is generated and shown once, for the clerk to pass on.
struct ExpertImport {
    let db: any Database
    let hasher: AsyncPasswordHasher

    /// The columns, by the headers clerks write (a few spellings each).
    enum Column: ImportColumn {
        case name, organization, title, fields, phone, email, conflicts

        var headers: [String] {
            switch self {
            case .name: ["姓名", "专家姓名"]
            case .organization: ["工作单位", "单位", "所在单位"]
            case .title: ["职称", "职务/职称", "职称/职务"]
            case .fields: ["专业领域", "领域", "合作领域"]
            case .phone: ["联系电话", "手机", "手机号码", "电话"]
            case .email: ["电子邮箱", "邮箱", "E-mail", "Email"]
            case .conflicts: ["回避单位"]
            }
        }
    }

    struct Account: Content {
        var row: Int
        var name: String
        var username: String
        var initialPassword: String
    }

    struct Result: Content {
        var imported: Int
        var accounts: [Account]
    }

    static let template = "姓名,工作单位,职称,专业领域,联系电话,电子邮箱,回避单位"

    func run(data: Data, fileName: String, call: CallDefinition) async throws -> Result {
        let table = try ImportTable<Column>(
            data: data, fileName: fileName, optional: [.conflicts], template: Self.template, nothing: "专家信息")
        let service = ExpertService(db: db, hasher: hasher)
        var problems: [Problem] = []
        var prepared: [(ExpertModel, String)] = []
        var usernames: Set<String> = []
        for (line, cells) in table.rows {
            func cell(_ column: Column) -> String? { table.cell(column, of: cells) }
            func list(_ column: Column) -> [String] {
                (cell(column) ?? "").split(whereSeparator: { "、,，;；/".contains($0) }).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            }
            let input = ExpertService.Input(
                name: cell(.name), organizationName: cell(.organization), title: cell(.title), fields: list(.fields),
                phone: cell(.phone), email: cell(.email), conflictOrganizationIds: list(.conflicts))
            let (expert, found) = try await service.build(input, call: call, prefix: "rows[\(line)]")
            problems += found.map {
                Problem(field: $0.field, code: $0.code, message: "第\(line)行：\($0.message)")
            }
            let username = expert.phone
            if !username.isEmpty {
                if !usernames.insert(username).inserted {
                    problems.append(
                        Problem(
                            field: "rows[\(line)].phone", code: .duplicate, message: "第\(line)行：联系电话\(username)在表中重复"))
                } else if try await UserModel.query(on: db).filter(\.$username == username).count() > 0 {
                    problems.append(
                        Problem(
                            field: "rows[\(line)].phone", code: .duplicate,
                            message: "第\(line)行：以联系电话\(username)为用户名的账号已存在，该专家可能已在专家库中"))
                }
            }
            prepared.append((expert, username))
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        var accounts: [Account] = []
        var hashed: [String] = []
        for (offset, (expert, username)) in prepared.enumerated() {
            let password = Self.password()
            hashed.append(try await hasher.hash(password))
            accounts.append(
                Account(row: table.rows[offset].line, name: expert.name, username: username, initialPassword: password))
        }
        let hashes = hashed
        let ready = prepared
        try await db.transaction { db in
            for (offset, (expert, username)) in ready.enumerated() {
                _ = try await ExpertService.save(expert, username: username, passwordHash: hashes[offset], on: db)
            }
        }
        return Result(imported: prepared.count, accounts: accounts)
    }

    /// Ten characters without look-alikes (no 0/O, 1/l/I), read out over the phone without doubt.
    static func password() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        return String((0..<10).map { _ in alphabet[Int.random(in: alphabet.indices)] })
    }
}
