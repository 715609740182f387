/// What a line of the security audit trail records. Stored by its raw value, shown by its label.
enum AuditAction: String, Codable, CaseIterable, Sendable {
    case login, loginFailed, loginRefused, logout
    case passwordChanged, passwordLinkIssued, passwordLinkUsed, passwordForgotten
    case sessionEnded, twoFactorEnabled, twoFactorReset
    case userCreated, userEdited, userDisabled, userEnabled
    case organizationCreated, organizationEdited, organizationDeactivated, organizationActivated
    case applicationsHandedOver
    case expertEdited, expertDeactivated, expertActivated
    case personalDataExported, personalDataErased
    case calendarYearEntered, calendarYearCorrected
    case reviewReopened, reviewDeadlineExtended
    case callDefinitionEdited
    case disbursementRecorded
    case changeRequested, changeDecided
    case reportSubmitted, reportReturned, reportAccepted, acceptanceRecorded, projectClosed

    var label: String {
        switch self {
        case .login: "登录"
        case .loginFailed: "登录失败"
        case .loginRefused: "登录被拒绝（账号已停用）"
        case .logout: "退出登录"
        case .passwordChanged: "修改密码"
        case .passwordLinkIssued: "生成设置密码链接"
        case .passwordLinkUsed: "通过链接设置密码"
        case .passwordForgotten: "申请找回密码"
        case .sessionEnded: "结束登录会话"
        case .twoFactorEnabled: "启用两步验证"
        case .twoFactorReset: "重置两步验证"
        case .userCreated: "创建用户"
        case .userEdited: "修改用户"
        case .userDisabled: "停用用户"
        case .userEnabled: "启用用户"
        case .organizationCreated: "新增单位"
        case .organizationEdited: "修改单位信息"
        case .organizationDeactivated: "停用单位"
        case .organizationActivated: "启用单位"
        case .applicationsHandedOver: "移交申报书"
        case .expertEdited: "修改专家信息"
        case .expertDeactivated: "停用专家"
        case .expertActivated: "启用专家"
        case .personalDataExported: "导出个人信息"
        case .personalDataErased: "删除个人信息"
        case .calendarYearEntered: "录入节假日安排"
        case .calendarYearCorrected: "更正节假日安排"
        case .reviewReopened: "重新开放评审意见"
        case .reviewDeadlineExtended: "为专家延长评审截止时间"
        case .callDefinitionEdited: "修改申报指南设置"
        case .disbursementRecorded: "记录经费拨付"
        case .changeRequested: "申请项目变更"
        case .changeDecided: "审核项目变更"
        case .reportSubmitted: "提交项目报告"
        case .reportReturned: "退回项目报告"
        case .reportAccepted: "审核通过项目报告"
        case .acceptanceRecorded: "记录验收结论"
        case .projectClosed: "项目结题"
        }
    }
}
