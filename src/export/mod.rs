//! Exports: the whole plan for other programs and portals — JSON, the open-data package
//! with its DCAT-AP description, and the status workbook. Each is a pure function of the
//! model and a report; the command writes the bytes.

pub mod datapackage;
pub mod dcat;
pub mod json;
pub mod workbook;
