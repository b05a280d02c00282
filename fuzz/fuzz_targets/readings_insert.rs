#![no_main]
//! Fuzz target: pan::harness::readings_insert on arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::readings_insert(data);
});
