//! libFuzzer target: arbitrary bytes run as a program over lazyarray's graph-building API by
//! the stack machine of `tests/fuzz_api.rs` (shared with the proptest driver there), which
//! checks that nothing panics, every error is a typed `lazyarray::Error`, and every result
//! equals the reference evaluator's. A failed check prints the program and aborts (a crash
//! for libFuzzer, saved in `artifacts/api/`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;

#[path = "../../tests/fuzz_api.rs"]
mod fuzz_api;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // Our hook replaces libfuzzer-sys's abort-on-panic hook: panics are caught by the
    // machine, and known library bugs are counted instead of stopping the run.
    HOOK.call_once(fuzz_api::install_panic_hook);
    if let Err(message) = fuzz_api::run_program(data) {
        eprintln!("{message}");
        std::process::abort();
    }
});
