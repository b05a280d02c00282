#![no_main]
//! Fuzz target: pan::harness::workbook_stamp on arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pan::harness::workbook_stamp(data);
});
