#![no_main]
//! Fuzz target: pan::harness::workbook on arbitrary bytes (.xlsx, .ods).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::workbook(data);
});
