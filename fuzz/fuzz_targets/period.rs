#![no_main]
//! Fuzz target: pan::harness::period on arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::period(data);
});
