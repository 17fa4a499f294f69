//! `include/scrubjay.h` is generated from this crate by cbindgen and
//! committed: this test regenerates it and fails when the committed file
//! differs. `SCRUBJAY_BLESS=1` rewrites it instead.

use std::path::Path;

#[test]
fn the_committed_header_is_current() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("bindings/c/cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("the header is UTF-8");
    let path = crate_dir.join("../../include/scrubjay.h");
    if std::env::var_os("SCRUBJAY_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write include/scrubjay.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/scrubjay.h is stale: it differs from what cbindgen generates from bindings/c/src. \
         Regenerate it with `SCRUBJAY_BLESS=1 cargo test -p scrubjay-c --test header` and commit it."
    );
}
