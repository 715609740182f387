/// A public list asked for before it exists: a page that says so (a link shared early must not
/// end on an error page).
struct NoticeNotYetPage: Encodable {
    var heading: String
    var message: String
}
