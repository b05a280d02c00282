#![no_main]
//! Fuzz target: pan::harness::workbook_shared_strings on arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::workbook_shared_strings(data);
});
