//! Property tests: what pan writes, pan reads back unchanged.
//! model → YAML → model for actions; reading → CSV → reading for readings.

use pan::load::readings::{self, Subject};
use pan::model::calendar::Recurrence;
use pan::model::code::DEFAULT;
use pan::model::reading::NewReading;
use pan::model::{
    Action, Calendar, Frequency, Indicator, IndicatorKind, Measure, Owner, Period, State,
    StateEntry, Value,
};
use proptest::prelude::*;

/// Texts with what plan files really hold, and what would trip a careless writer:
/// accents, guillemets, colons, hashes, quotes, brackets, line breaks, numbers, leading
/// dashes, YAML words, C1 controls and line separators.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9àéèêçôûÉÀ«»’' :#,.;!?()\\[\\]{}|>*&%@`\"\\\\/\\-–+=\n\t]{0,60}",
        Just("2026".to_string()),
        Just("no".to_string()),
        Just("- item".to_string()),
        Just("  indented".to_string()),
        Just("trailing ".to_string()),
        Just("a: b # c".to_string()),
        Just("x\u{85}y\u{2028}z\u{feff}".to_string()),
        any::<String>(),
    ]
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1990i16..2100).prop_map(Period::Year),
        (1990i16..2100, 1u8..=2).prop_map(|(y, h)| Period::Half(y, h)),
        (1990i16..2100, 1u8..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
        (1990i16..2100, 1u8..=12).prop_map(|(y, m)| Period::Month(y, m)),
        (1990i16..2100, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| Period::Day(jiff::civil::date(y, m, d))),
    ]
}

fn kind() -> impl Strategy<Value = IndicatorKind> {
    prop::sample::select(IndicatorKind::ALL.to_vec())
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        "[a-z0-9][a-z0-9-]{0,12}",
        text(),
        kind(),
        prop::option::of(prop::sample::select(vec![Measure::Flow, Measure::Level])),
        prop::option::of(prop::sample::select(Frequency::ALL.to_vec())),
        prop::collection::btree_map(2000i16..2100, 0.0f64..100.0, 0..3),
    )
        .prop_map(|(id, label, kind, measure, frequency, targets)| Indicator {
            id,
            label,
            kind,
            measure,
            frequency,
            breakdowns: vec![],
            // Only indicators whose readings are numbers have targets.
            targets: if matches!(
                kind,
                IndicatorKind::Count | IndicatorKind::Number | IndicatorKind::Percent
            ) {
                targets
            } else {
                Default::default()
            },
        })
}

fn calendar() -> impl Strategy<Value = Calendar> {
    (
        text(),
        prop::option::of(period()),
        prop::option::of(period()),
        any::<bool>(),
        prop::option::of(prop::sample::select(Recurrence::ALL.to_vec())),
        prop::option::of(text()),
    )
        .prop_map(
            |(label, start, end, continuous, recurrence, dependency)| Calendar {
                label,
                start,
                end,
                continuous,
                recurrence,
                dependency,
            },
        )
}

fn state_entry() -> impl Strategy<Value = StateEntry> {
    (
        1990i16..2100,
        1i8..=12,
        1i8..=28,
        prop::sample::select(State::ALL.to_vec()),
        text(),
        any::<bool>(),
    )
        .prop_map(|(y, m, d, state, note, reopened)| StateEntry {
            date: jiff::civil::date(y, m, d),
            state,
            note,
            reopened,
        })
}

fn action() -> impl Strategy<Value = Action> {
    (
        (
            prop::sample::select(vec!['A', 'B', 'C', 'D', 'E', 'F']),
            1u16..=999,
            1u16..=99,
        ),
        text(),
        text(),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(indicator(), 0..4),
        calendar(),
        prop::collection::vec(state_entry(), 0..4),
    )
        .prop_map(
            |(
                (lever, objective, number),
                obj,
                action,
                responsible,
                partners,
                indicators,
                calendar,
                states,
            )| Action {
                code: DEFAULT
                    .code(u16::from(lever as u8), objective, number)
                    .expect("in range"),
                objective: obj,
                action,
                responsible,
                partners,
                indicators,
                calendar,
                states,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn action_yaml_round_trips(a in action()) {
        let text = pan::write::yaml::action(&a);
        let file = format!("plan/{}/{}.yaml", a.code.lever_code(), a.code);
        let (decoded, diags) = pan::load::decode_action_text(&file, &text, &DEFAULT);
        let errors: Vec<String> = diags.iter().map(|d| format!("{}:{} {}", d.span.line, d.rule.code, d.message)).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
        let (back, _) = decoded.expect("decoded");
        prop_assert_eq!(&back, &a, "\n{}", text);
        // And writing it again gives the same bytes.
        prop_assert_eq!(pan::write::yaml::action(&back), text);
    }

    #[test]
    fn readings_csv_round_trips(rows in prop::collection::vec((0usize..3, period(), "[^\u{0}-\u{1f}\u{7f}]{1,30}", "([^\u{0}-\u{1f}\u{7f}]|[\n\",;]){0,30}", 0u32..100_000, prop::option::of(0u32..100)), 1..20), split in 0usize..20) {
        // Distinct (indicator, period) pairs, as a valid file has.
        let mut seen = std::collections::HashSet::new();
        let ids = ["participants", "taux", "rapport"];
        let kinds = [IndicatorKind::Count, IndicatorKind::Percent, IndicatorKind::Deliverable];
        let mut new_rows = Vec::new();
        for (ind, period, source, note, n, pct) in rows {
            if !seen.insert((ind, period)) {
                continue;
            }
            let source = source.trim().to_string();
            if source.is_empty() {
                continue;
            }
            let value = match kinds[ind] {
                IndicatorKind::Count => n.to_string(),
                IndicatorKind::Percent => format!("{}.5", pct.unwrap_or(0).min(99)),
                _ => "done".to_string(),
            };
            new_rows.push(NewReading {
                order: ind,
                indicator: ids[ind].to_string(),
                period,
                value,
                source,
                note: note.trim().to_string(),
                recorded: Some(jiff::civil::date(2026, 1, 2)),
                replaces: None,
                by: Vec::new(),
            });
        }
        let subject = Subject::plain(
            Owner::Action(0),
            ids.iter().zip(kinds).map(|(i, k)| (*i, k)).collect(),
        );
        // Some rows make the file; the others are then inserted into it, between rows
        // whose notes may hold line breaks, quotes and separators.
        let split = split.min(new_rows.len());
        let (first, second) = new_rows.split_at(split);
        let text = pan::write::readings::insert("", false, 0, &[], first);
        pan::write::readings::verify("", false, &text, first).map_err(TestCaseError::fail)?;
        let now = readings::current_of("f.csv", &subject, text.clone(), false)
            .map_err(|d| TestCaseError::fail(d.message.clone()))?;
        let text2 = pan::write::readings::insert(&now.text, now.bom, now.header_end, &now.rows, second);
        pan::write::readings::verify(&text, false, &text2, second).map_err(TestCaseError::fail)?;
        prop_assert!(text2.starts_with(text.lines().next().unwrap_or("")));
        let text = text2;
        let (fr, diags) = readings::read("f.csv", 0, &subject, &text);
        prop_assert!(diags.is_empty(), "{diags:?}\n{text}");
        let fr = fr.expect("read");
        prop_assert!(fr.diags.is_empty(), "{:?}", fr.diags);
        prop_assert_eq!(fr.items.len(), new_rows.len());
        let mut expected = new_rows.clone();
        expected.sort_by_key(|r| (r.order, r.period));
        for (got, want) in fr.items.iter().zip(&expected) {
            prop_assert_eq!(ids[got.indicator as usize], want.indicator.as_str());
            prop_assert_eq!(got.period, want.period);
            prop_assert_eq!(fr.strings.get(got.source), want.source.as_str());
            prop_assert_eq!(fr.strings.get(got.note), want.note.as_str());
            prop_assert_eq!(got.recorded, want.recorded);
            let value = match got.value() {
                Value::Number(n) => pan::model::reading::format_number(n),
                Value::Done => "done".into(),
                Value::Text(s) => fr.strings.get(s).to_string(),
            };
            prop_assert_eq!(value, want.value.clone());
        }
    }

    #[test]
    fn periods_round_trip_through_text(p in period()) {
        prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
    }

    #[test]
    fn the_calendar_parser_never_panics_and_keeps_the_label(label in text()) {
        let (c, _) = pan::model::calendar::parse_label(&label);
        prop_assert_eq!(c.label, label);
    }
}
