#![no_main]
//! Fuzz target: pan::harness::calendar on arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::calendar(data);
});
