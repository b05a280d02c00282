//! Entry points that take arbitrary bytes, shared by the fuzz targets (`fuzz/`) and the
//! regression tests that replay their corpus in CI. Each one must return without
//! panicking, whatever the input.

use crate::load;
use crate::model::{IndicatorKind, Owner, Period};

/// The calendar parser on any text: it keeps the label and never panics.
pub fn calendar(data: &[u8]) {
    let label = String::from_utf8_lossy(data);
    let (cal, _) = crate::model::calendar::parse_label(&label);
    assert_eq!(cal.label, label, "the label is kept");
    let _ = cal.shape();
    let _ = cal.ends_before_start();
}

/// The action-file loader on any bytes (encoding, YAML, decoding, file checks).
pub fn action_file(data: &[u8]) {
    let file = "plan/A/IN-A-1.01.yaml";
    let Ok(text) = load::text_of(file, data.to_vec()) else {
        return;
    };
    let (decoded, _) = load::decode_action_text(file, &text);
    if let Some((action, _)) = decoded {
        // What loads, writes out and loads back the same.
        let again = crate::write::yaml::action(&action);
        let (back, _) = load::decode_action_text(file, &again);
        assert_eq!(back.map(|(a, _)| a), Some(action), "round trip");
    }
}

/// The readings CSV reader on any bytes.
pub fn readings_csv(data: &[u8]) {
    let file = "indicators/A/IN-A-1.01.csv";
    let Ok(text) = load::text_of(file, data.to_vec()) else {
        return;
    };
    let subject = load::readings::Subject {
        owner: Owner::Action(0),
        indicators: vec![
            ("participants", IndicatorKind::Count),
            ("taux", IndicatorKind::Percent),
            ("budget", IndicatorKind::Number),
            ("rapport", IndicatorKind::Deliverable),
            ("retours", IndicatorKind::Qualitative),
        ],
    };
    let _ = load::readings::read(file, 0, &subject, &text);
}

/// The period parser on any text: what parses, prints and parses back the same.
pub fn period(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(p) = text.parse::<Period>() {
        let _ = (p.start(), p.end(), p.next());
        assert_eq!(p.to_string().parse::<Period>().ok(), Some(p), "round trip");
    }
}
