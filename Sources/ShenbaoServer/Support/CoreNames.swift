import ShenbaoCore

/// Core's `Option` (a choice of the call) shares its name with ConsoleKit's property wrapper;
/// inside the server the name means Core's.
typealias Option = ShenbaoCore.Option
