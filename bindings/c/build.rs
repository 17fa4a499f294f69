//! Gives the shared library a soname carrying the ABI version, so that
//! programs linked against `libscrubjay.so` load a compatible library.

include!("src/abi.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/abi.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libscrubjay.so.{SCRUBJAY_ABI_VERSION}");
    }
}
