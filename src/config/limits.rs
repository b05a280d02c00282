//! Every bound `pan` puts on what it reads, stated once: the loader, the import, the git
//! reader of `pan diff` and the settings all use these, and the README's "Limits" table
//! lists them. A file over a limit is refused with a diagnostic, never read in full first.

/// Largest plan file (YAML) read, in bytes.
pub const PLAN_FILE_BYTES: u64 = 1024 * 1024;
/// Largest readings file (CSV) read, in bytes; also the largest file `pan reading import`
/// reads.
pub const READINGS_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Largest table `pan init --from` reads (CSV or workbook), in bytes.
pub const TABLE_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest `pan.toml` read, in bytes.
pub const SETTINGS_FILE_BYTES: u64 = 1024 * 1024;
/// Most files read under the plan and indicators folders together, unless `[limits]
/// max_files` in `pan.toml` says otherwise.
pub const FILES: usize = 1_000_000;
/// The largest `[limits] max_files` accepted.
pub const FILES_CEILING: usize = 100_000_000;
/// Deepest nesting of lists and mappings in a YAML file.
pub const YAML_DEPTH: usize = 32;
/// Most values in one YAML file.
pub const YAML_NODES: usize = 200_000;
/// Folder levels `pan` looks into below the plan and indicators folders; anything deeper
/// is reported as a stray entry, not silently skipped.
pub const WALK_DEPTH: usize = 3;
/// The largest number of days accepted in `[health]` thresholds (100 years): beyond it,
/// date arithmetic would leave the calendar.
pub const DAYS: u32 = 36_525;
/// Longest `[site] name`, in characters.
pub const SITE_NAME_CHARS: usize = 200;

/// The longest sentence of `[site] accessibility_issues`.
pub const SITE_ISSUE_CHARS: usize = 1000;
/// Largest logo or style sheet `pan site` copies into the site, in bytes.
pub const SITE_ASSET_BYTES: u64 = 1024 * 1024;
/// Largest workbook (`.xlsx`, `.ods`) `pan reading import` reads, in bytes.
pub const WORKBOOK_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes read out of a workbook's archive, all its parts together, once
/// uncompressed: a small archive that would unpack to gigabytes is refused, not unpacked.
pub const WORKBOOK_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;
/// Longest text of one cell: a cell of a workbook read, and a value, source or note pan
/// records (a megabyte; Excel keeps 32,767 characters).
pub const CELL_BYTES: usize = 1024 * 1024;
/// Most cells with something in them read from a workbook, all sheets together.
pub const WORKBOOK_CELLS: usize = 2_000_000;
/// Most parts (files) in a workbook's archive.
pub const WORKBOOK_PARTS: usize = 10_000;
/// Most periods `pan reading template --period` asks for in one workbook (each indicator
/// gets a row per period).
pub const TEMPLATE_PERIODS: usize = 24;
/// Longest `[readings] send_to`, in characters.
pub const SEND_TO_CHARS: usize = 200;
