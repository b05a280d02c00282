//! `pan validate`'s report formats for other CI systems, each checked against its own
//! schema: GitLab Code Quality against the format GitLab documents (JSON Schema), JUnit
//! against the XSD that Jenkins' xUnit plugin publishes (its rules checked here on the
//! parsed XML; `.ci/reports` also runs `xmllint --schema` on what these tests write when
//! `PAN_REPORT_SAMPLES` names a folder), Checkstyle likewise. Text from the plan's files
//! is escaped: a hostile value comes back out of the XML exactly, or with U+FFFD where
//! XML cannot carry a character at all.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{ACTION_PATH, Fixture, stdout};
use quick_xml::events::Event;

/// Three problems and nothing else: two errors (P006 line 6, P009 line 14) and one
/// warning (P007 line 9).
fn three_problems() -> Fixture {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "  - MinDigital",
        "  - MinDigital\n  - MinDigtal",
    );
    f.edit(
        ACTION_PATH,
        "  - MENEJ-IFEN",
        "  - MENEJ-IFEN\n  - MENEJ-XYZ",
    );
    f.edit(ACTION_PATH, "id: participants", "id: seances");
    f
}

/// An actor named with every character that markup, JSON or XML could trip on.
const HOSTILE_YAML: &str = r#""Min<&\"'\x01\x1b[31m]]>\r\nX\t\uFFFE""#;
/// The same name as the reports must carry it: what XML cannot hold at all is U+FFFD.
const HOSTILE_XML: &str = "Min<&\"'\u{FFFD}\u{FFFD}[31m]]>\r\nX\t\u{FFFD}";
/// The same name in JSON, which can hold everything.
const HOSTILE_JSON: &str = "Min<&\"'\u{1}\u{1b}[31m]]>\r\nX\t\u{FFFE}";

fn hostile() -> Fixture {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "  - MinDigital",
        &format!("  - MinDigital\n  - {HOSTILE_YAML}"),
    );
    f
}

fn report(f: &Fixture, format: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["validate", "--as-of", "2026-11-23", "--format", format];
    args.extend_from_slice(extra);
    let out = f.run(&args);
    (out.status.code().unwrap(), stdout(&out))
}

/// Keep a copy of a report for `.ci/reports`, which runs xmllint on it.
fn keep(name: &str, text: &str) {
    if let Some(dir) = std::env::var_os("PAN_REPORT_SAMPLES") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// An XML element: its name, its attributes (unescaped), its text and its children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    /// Parse a document strictly (well-formed, one root, nothing but whitespace around it).
    fn parse(xml: &str) -> Element {
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            "{xml}"
        );
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        let mut stack: Vec<Element> = vec![Element::default()];
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => stack.push(Element::open(&e)),
                Event::Empty(e) => {
                    let el = Element::open(&e);
                    stack.last_mut().unwrap().children.push(el);
                }
                Event::End(_) => {
                    let el = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(el);
                }
                Event::Text(t) => {
                    let text = t.xml10_content().into_owned();
                    stack.last_mut().unwrap().text.push_str(&text);
                }
                Event::GeneralRef(r) => {
                    let name = r.xml10_content().into_owned();
                    let c = match r.resolve_char_ref().unwrap() {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("a predefined entity")
                            .to_string(),
                    };
                    stack.last_mut().unwrap().text.push_str(&c);
                }
                Event::Decl(_) => {}
                Event::Eof => break,
                other => panic!("unexpected XML: {other:?}"),
            }
        }
        let mut doc = stack.pop().unwrap();
        assert!(stack.is_empty());
        assert!(doc.text.trim().is_empty(), "text outside the root");
        assert_eq!(doc.children.len(), 1, "one root element");
        doc.children.pop().unwrap()
    }

    fn open(e: &quick_xml::events::BytesStart) -> Element {
        let mut attributes = BTreeMap::new();
        for a in e.attributes() {
            let a = a.expect("well-formed attribute");
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute decodes")
                .into_owned();
            assert!(
                attributes.insert(key, value).is_none(),
                "duplicate attribute"
            );
        }
        Element {
            name: e.name().as_ref().to_string(),
            attributes,
            ..Element::default()
        }
    }

    /// Check the attributes against what the schema allows and requires.
    fn attributes_are(&self, required: &[&str], optional: &[&str]) {
        for r in required {
            assert!(
                self.attributes.contains_key(*r),
                "<{}> needs {r}: {self:?}",
                self.name
            );
        }
        for k in self.attributes.keys() {
            assert!(
                required.contains(&k.as_str()) || optional.contains(&k.as_str()),
                "<{}> may not have {k}",
                self.name
            );
        }
    }

    fn attr(&self, name: &str) -> &str {
        self.attributes.get(name).map(String::as_str).unwrap_or("")
    }

    fn number(&self, name: &str) -> usize {
        self.attr(name)
            .parse()
            .unwrap_or_else(|_| panic!("{name}: {self:?}"))
    }
}

/// The rules of junit-10.xsd that matter for what pan writes, strictly: the elements
/// and attributes it declares, their nesting, the required ones, the time pattern, and
/// counts that agree with the test cases.
fn check_junit(root: &Element) -> Vec<&Element> {
    assert_eq!(root.name, "testsuites");
    root.attributes_are(&[], &["name", "time", "tests", "failures", "errors"]);
    assert!(root.text.trim().is_empty());
    let mut cases = Vec::new();
    let mut failures = 0;
    for suite in &root.children {
        assert_eq!(suite.name, "testsuite");
        suite.attributes_are(
            &["name", "tests", "failures", "errors"],
            &[
                "group",
                "time",
                "skipped",
                "timestamp",
                "hostname",
                "id",
                "package",
                "file",
                "log",
                "url",
                "version",
            ],
        );
        let time = suite.attr("time");
        assert!(
            time.split_once('.')
                .is_some_and(|(s, ms)| s.bytes().all(|b| b.is_ascii_digit())
                    && ms.len() == 3
                    && ms.bytes().all(|b| b.is_ascii_digit())),
            "time {time}"
        );
        let mut suite_failures = 0;
        for case in &suite.children {
            assert_eq!(case.name, "testcase");
            case.attributes_are(&["name"], &["time", "classname", "group"]);
            for child in &case.children {
                match child.name.as_str() {
                    "failure" => {
                        child.attributes_are(&[], &["type", "message"]);
                        suite_failures += 1;
                    }
                    "system-out" => child.attributes_are(&[], &[]),
                    other => panic!("pan writes no <{other}> in a test case"),
                }
                assert!(child.children.is_empty());
            }
            cases.push(case);
        }
        assert_eq!(suite.number("tests"), suite.children.len());
        assert_eq!(suite.number("failures"), suite_failures);
        assert_eq!(suite.number("errors"), 0);
        failures += suite_failures;
    }
    assert_eq!(root.number("tests"), cases.len());
    assert_eq!(root.number("failures"), failures);
    cases
}

/// The rules of tests/schemas/checkstyle.xsd, strictly.
fn check_checkstyle(root: &Element) -> Vec<(&str, &Element)> {
    assert_eq!(root.name, "checkstyle");
    root.attributes_are(&["version"], &[]);
    let mut errors = Vec::new();
    for file in &root.children {
        assert_eq!(file.name, "file");
        file.attributes_are(&["name"], &[]);
        for e in &file.children {
            assert_eq!(e.name, "error");
            e.attributes_are(&["line", "severity", "message", "source"], &["column"]);
            assert!(e.number("line") >= 1);
            if e.attributes.contains_key("column") {
                assert!(e.number("column") >= 1);
            }
            assert!(["ignore", "info", "warning", "error"].contains(&e.attr("severity")));
            assert!(e.children.is_empty() && e.text.trim().is_empty());
            errors.push((file.attr("name"), e));
        }
    }
    errors
}

fn gitlab_validator() -> jsonschema::Validator {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/gitlab-codequality.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn check_gitlab(text: &str) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let v = gitlab_validator();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    doc.as_array().unwrap().clone()
}

#[test]
fn gitlab_code_quality_validates_and_has_one_issue_per_problem() {
    let f = three_problems();
    let (code, text) = report(&f, "gitlab", &[]);
    assert_eq!(
        code, 1,
        "the exit status is the check's, whatever the format"
    );
    let issues = check_gitlab(&text);
    assert_eq!(issues.len(), 3, "{text}");
    let found: Vec<(&str, &str, u64)> = issues
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("P006", "major", 6),
            ("P007", "minor", 9),
            ("P009", "major", 14)
        ]
    );
    assert!(issues.iter().all(|i| i["location"]["path"] == ACTION_PATH));
    assert!(
        issues[0]["description"].as_str().unwrap().starts_with(
            "responsible actor `MinDigtal` is not declared [P006 unknown-responsible]"
        )
    );
    keep("gitlab-three.json", &text);

    // A clean plan is an empty report, not an empty file.
    let (code, text) = report(&Fixture::new(), "gitlab", &[]);
    assert_eq!((code, text.as_str()), (0, "[]\n"));
    check_gitlab(&text);
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_moved_lines() {
    let f = Fixture::new();
    // The same unknown actor twice in one file: two issues, two fingerprints.
    f.edit(
        ACTION_PATH,
        "  - MinDigital",
        "  - MinDigital\n  - MinDigtal\n  - MinDigtal",
    );
    let (_, text) = report(&f, "gitlab", &["--select", "P006"]);
    let issues = check_gitlab(&text);
    let prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert!(prints.len() >= 2, "{text}");
    let mut unique = prints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), prints.len(), "{text}");

    // A line added above the problem moves it, and keeps its fingerprint.
    f.edit(
        ACTION_PATH,
        "code: IN-B-11.02",
        "# a comment\ncode: IN-B-11.02",
    );
    let (_, moved) = report(&f, "gitlab", &["--select", "P006"]);
    let moved = check_gitlab(&moved);
    assert_eq!(
        moved[0]["location"]["lines"]["begin"].as_u64(),
        issues[0]["location"]["lines"]["begin"]
            .as_u64()
            .map(|l| l + 1)
    );
    assert_eq!(moved[0]["fingerprint"], issues[0]["fingerprint"]);
}

#[test]
fn junit_has_a_test_per_file_and_a_failure_per_failing_problem() {
    let f = three_problems();
    let (code, text) = report(&f, "junit", &[]);
    assert_eq!(code, 1);
    keep("junit-three.xml", &text);
    let root = Element::parse(&text);
    let cases = check_junit(&root);
    let names: Vec<&str> = cases.iter().map(|c| c.attr("name")).collect();
    assert_eq!(
        names,
        [
            "indicators/B/IN-B-11.02.csv",
            "plan/B/IN-B-11.02.yaml",
            "plan/actors.yaml",
            "plan/levers.yaml"
        ],
        "every file checked is a test, in path order"
    );
    let action = cases[1];
    assert_eq!(action.attr("classname"), "plan.B");
    let failures: Vec<&Element> = action
        .children
        .iter()
        .filter(|c| c.name == "failure")
        .collect();
    assert_eq!(failures.len(), 2, "the two errors fail: {text}");
    assert_eq!(failures[0].attr("type"), "P006 unknown-responsible");
    assert_eq!(
        failures[0].attr("message"),
        "6:5: responsible actor `MinDigtal` is not declared"
    );
    assert!(failures[0].text.starts_with(
        "plan/B/IN-B-11.02.yaml:6:5: error[P006]: responsible actor `MinDigtal` is not declared\nhint: "
    ));
    let out = action
        .children
        .iter()
        .find(|c| c.name == "system-out")
        .unwrap();
    assert!(
        out.text.contains(":9:"),
        "the warning is shown, not failed: {text}"
    );
    assert!(
        cases.iter().filter(|c| c.children.is_empty()).count() == 3,
        "the other files pass"
    );

    // Under --deny warnings the warning fails too, as the exit status says.
    let (code, text) = report(&f, "junit", &["--deny", "warnings"]);
    assert_eq!(code, 1);
    let root = Element::parse(&text);
    check_junit(&root);
    assert_eq!(root.number("failures"), 3);
}

#[test]
fn junit_of_the_bundled_plan_passes_every_file() {
    let f = Fixture::bundled();
    let (code, text) = report(&f, "junit", &["--deny", "warnings"]);
    assert_eq!(code, 0, "{text}");
    keep("junit-bundled.xml", &text);
    let root = Element::parse(&text);
    let cases = check_junit(&root);
    assert_eq!(root.number("failures"), 0);
    let (_, human) = report(&f, "human", &[]);
    let files: usize = human
        .split(" files")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(cases.len(), files, "one test per file checked");
}

#[test]
fn checkstyle_has_a_file_per_file_with_problems_and_an_error_per_problem() {
    let f = three_problems();
    let (code, text) = report(&f, "checkstyle", &[]);
    assert_eq!(code, 1);
    keep("checkstyle-three.xml", &text);
    let root = Element::parse(&text);
    let errors = check_checkstyle(&root);
    let got: Vec<(&str, &str, &str, &str)> = errors
        .iter()
        .map(|(file, e)| (*file, e.attr("line"), e.attr("severity"), e.attr("source")))
        .collect();
    assert_eq!(
        got,
        [
            (ACTION_PATH, "6", "error", "pan.P006.unknown-responsible"),
            (ACTION_PATH, "9", "warning", "pan.P007.unknown-partner"),
            (ACTION_PATH, "14", "error", "pan.P009.duplicate-indicator"),
        ]
    );
    let (code, clean) = report(&Fixture::new(), "checkstyle", &[]);
    assert_eq!(code, 0);
    keep("checkstyle-clean.xml", &clean);
    assert!(check_checkstyle(&Element::parse(&clean)).is_empty());
}

#[test]
fn hostile_text_is_escaped_in_every_report_format() {
    let f = hostile();
    let expected = format!("responsible actor `{HOSTILE_XML}` is not declared");

    let (code, text) = report(&f, "junit", &[]);
    assert_eq!(code, 1);
    keep("junit-hostile.xml", &text);
    let root = Element::parse(&text);
    check_junit(&root);
    let failure = root.children[0]
        .children
        .iter()
        .flat_map(|c| &c.children)
        .find(|c| c.name == "failure")
        .expect("a failure");
    assert_eq!(failure.attr("message"), format!("6:5: {expected}"));
    assert!(failure.text.contains(&expected), "{:?}", failure.text);

    // A file whose name is markup: the test case is named after it, exactly.
    #[cfg(unix)]
    {
        let name = "plan/B/IN-B-11.03&\"<'>.yaml";
        f.write(name, common::ACTION);
        let (_, text) = report(&f, "junit", &[]);
        keep("junit-hostile-name.xml", &text);
        let root = Element::parse(&text);
        let cases = check_junit(&root);
        assert!(cases.iter().any(|c| c.attr("name") == name), "{text}");
        let (_, text) = report(&f, "checkstyle", &[]);
        keep("checkstyle-hostile-name.xml", &text);
        let root = Element::parse(&text);
        assert!(
            check_checkstyle(&root)
                .iter()
                .any(|(file, _)| *file == name)
        );
        f.remove(name);
    }

    let (_, text) = report(&f, "checkstyle", &[]);
    keep("checkstyle-hostile.xml", &text);
    let root = Element::parse(&text);
    let errors = check_checkstyle(&root);
    assert!(
        errors
            .iter()
            .any(|(_, e)| e.attr("message").starts_with(&expected)),
        "{text}"
    );

    let (_, text) = report(&f, "gitlab", &[]);
    let issues = check_gitlab(&text);
    assert!(
        issues
            .iter()
            .any(|i| i["description"].as_str().unwrap().starts_with(&format!(
                "responsible actor `{HOSTILE_JSON}` is not declared"
            ))),
        "{text}"
    );
}

#[test]
fn the_report_formats_are_listed_in_the_help() {
    let out = Fixture::new().run(&["validate", "--help"]);
    let help = stdout(&out);
    for format in ["gitlab", "junit", "checkstyle"] {
        assert!(help.contains(format), "{help}");
    }
}
