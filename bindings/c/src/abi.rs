/// The version of the C ABI this header describes: raised on every change
/// that breaks binary compatibility (a removed or changed function, a
/// changed struct layout or enum value). Compare it with
/// `scrubjay_abi_version()` at startup when the library is loaded
/// dynamically. The shared library's soname is `libscrubjay.so.<ABI version>`.
pub const SCRUBJAY_ABI_VERSION: u32 = 1;
