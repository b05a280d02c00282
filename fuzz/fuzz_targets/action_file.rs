#![no_main]
//! Fuzz target: pan::harness::action_file on arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::action_file(data);
});
