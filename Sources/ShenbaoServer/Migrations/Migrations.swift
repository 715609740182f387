import Fluent
import Vapor

/// The ordered list of migrations. Append only: a migration that has run is never edited.
enum Migrations {
    static let all: [any Migration] = [
        M001_CreateOrganizations(),
        M002_CreateUsers(),
        M003_CreateUserTokens(),
        M004_CreateLoginFailures(),
        M005_CreateSetupTokens(),
        M006_CreateCalls(),
        SessionRecord.migration,
        M007_CreateApplications(),
        M008_CreateAttachments(),
        M009_CreateApplicationEvents(),
        M010_AddRecommenderSanctions(),
        M011_CreateOpinions(),
        M012_AddApplicationFilters(),
        M013_CreateNotifications(),
        M014_CreateSanctions(),
        M015_CreateExportJobs(),
        M016_CreateReview(),
        M017_CreateNotice(),
        M018_IndexProvinceList(),
        M019_AddApplicationSummary(),
        M020_IndexProvinceListCovering(),
        M021_StoreBlobsUncompressed(),
        M022_CreateRateReservations(),
        M023_AddTwoFactor(),
        M024_AddAccountAdministration(),
        M025_AddRecommenderAdministration(),
        M026_AddRegistryAdministration(),
        M027_AddApplicationNumbers(),
        M028_AddCorrectionPeriod(),
        M029_AddEvidenceAndPaper(),
        M030_RecountSanctionLastDays(),
        M031_AddFormChangedAt(),
        M032_AddCalendarYears(),
        M033_AddReviewHistoryAndExtensions(),
        M034_AddExpertMaxReviews(),
        M035_CallsPerYearAndTitle(),
    ]
}
