//! The files `[site]` in `pan.toml` names for `pan site`: a logo and a style sheet, read
//! from inside the repository (never through a symbolic link, never more than a limit).

use std::path::Path;

use super::tree::{EntryKind, Tree};
use crate::config::{Settings, limits};

/// A file of the site's theme, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// Its extension, lower case (`svg`, `png`, `css`…).
    pub extension: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What a government adds to the site's look.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    /// The logo.
    pub logo: Option<Asset>,
    /// The extra style sheet (UTF-8 text).
    pub style: Option<String>,
}

/// Read the logo and style sheet `[site]` names, with a message naming the setting and
/// the file when one cannot be used.
pub fn theme(tree: &dyn Tree, settings: &Settings) -> Result<Theme, String> {
    let read = |key: &str, path: &Path| -> Result<Asset, String> {
        let rel = path
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/");
        let fail = |why: String| {
            format!(
                "cannot use {rel} ([site] {key} in pan.toml): {why}\n  hint: name a regular file inside the repository, at most {} bytes",
                limits::SITE_ASSET_BYTES
            )
        };
        match tree.kind(&rel) {
            Some(EntryKind::File) => {}
            Some(EntryKind::Symlink) => {
                return Err(fail(
                    "it is, or lies under, a symbolic link; pan does not follow links".into(),
                ));
            }
            Some(_) => return Err(fail("it is not a regular file".into())),
            None => return Err(fail("there is no such file".into())),
        }
        let bytes = tree
            .read(&rel, limits::SITE_ASSET_BYTES)
            .map_err(|e| fail(e.to_string()))?;
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        Ok(Asset { extension, bytes })
    };
    let logo = match &settings.site.logo {
        Some(p) => {
            let asset = read("logo", p)?;
            if asset.extension == "svg" {
                inert_svg(&asset.bytes).map_err(|why| {
                    format!(
                        "cannot use {} ([site] logo in pan.toml): {why}; opened from the site, it would run at the site's address\n  hint: export the logo again as a plain drawing (no script, no event handler, no link out), or use a PNG",
                        p.display()
                    )
                })?;
            }
            Some(asset)
        }
        None => None,
    };
    let style = match &settings.site.style {
        Some(p) => {
            let asset = read("style", p)?;
            let text = String::from_utf8(asset.bytes).map_err(|_| {
                format!(
                    "cannot use {} ([site] style in pan.toml): it is not UTF-8 text\n  hint: save the style sheet as UTF-8",
                    p.display()
                )
            })?;
            Some(text)
        }
        None => None,
    };
    Ok(Theme { logo, style })
}

/// Whether an SVG drawing is inert: no script, no event handler, no embedded document,
/// no link or reference outside itself, no entity. Anything else is refused, naming what
/// was found (an SVG is a document a browser runs when it is opened by itself).
fn inert_svg(bytes: &[u8]) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let active = [
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "animate",
        "set",
    ];
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("it is not well-formed XML ({e})"))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if active.contains(&name.as_str()) {
                    return Err(format!("it holds a <{name}> element"));
                }
                for a in e.attributes() {
                    let a = a.map_err(|e| format!("it is not well-formed XML ({e})"))?;
                    let key = a.key.local_name().as_ref().to_ascii_lowercase();
                    let value = a.value.to_ascii_lowercase();
                    if key.starts_with("on") {
                        return Err(format!("it holds an event handler ({key})"));
                    }
                    if key == "href" && !value.trim_start().starts_with('#') {
                        return Err("it links outside itself (href)".into());
                    }
                    if value.contains("javascript:")
                        || value.contains("url(") && !value.contains("url(#")
                    {
                        return Err(format!("its attribute {key} refers outside the drawing"));
                    }
                }
            }
            Event::DocType(_) => return Err("it declares a document type (entities)".into()),
            Event::Text(t) if t.xml10_content().contains("@import") => {
                return Err("its style imports another file".into());
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tree::FsTree;

    fn settings(extra: &str) -> Settings {
        let text = format!("[plan]\ntitle = \"t\"\nstart = 2026\nend = 2030\n[site]\n{extra}\n");
        Settings::parse(&text, Path::new("pan.toml")).unwrap()
    }

    #[test]
    fn an_svg_logo_must_be_a_plain_drawing() {
        assert!(inert_svg(br##"<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/><use href="#g"/></svg>"##).is_ok());
        for bad in [
            &br#"<svg><script>alert(1)</script></svg>"#[..],
            br#"<svg onload="alert(1)"/>"#,
            br#"<svg><a href="javascript:alert(1)"/></svg>"#,
            br#"<svg><a xlink:href="https://example.org"/></svg>"#,
            br#"<svg><foreignObject><p>x</p></foreignObject></svg>"#,
            br#"<!DOCTYPE svg [<!ENTITY a "b">]><svg/>"#,
            br#"<svg><style>@import url(x.css);</style></svg>"#,
            br#"<svg><rect style="fill:url(https://x/y)"/></svg>"#,
            br#"<svg><SCRIPT>x</SCRIPT></svg>"#,
        ] {
            assert!(inert_svg(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn reads_the_named_files_and_refuses_links_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site")).unwrap();
        std::fs::write(dir.path().join("site/logo.svg"), "<svg/>").unwrap();
        std::fs::write(dir.path().join("site/style.css"), "a { color: red }").unwrap();
        let tree = FsTree::new(dir.path());
        let t = theme(
            &tree,
            &settings("logo = \"site/logo.svg\"\nstyle = \"./site/style.css\""),
        )
        .unwrap();
        assert_eq!(t.logo.unwrap().extension, "svg");
        assert_eq!(t.style.as_deref(), Some("a { color: red }"));
        assert_eq!(theme(&tree, &settings("")).unwrap(), Theme::default());
        let err = theme(&tree, &settings("logo = \"site/none.png\"")).unwrap_err();
        assert!(
            err.contains("site/none.png") && err.contains("no such file"),
            "{err}"
        );
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("x.css"), "secret").unwrap();
            std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
            let err = theme(&tree, &settings("style = \"linked/x.css\"")).unwrap_err();
            assert!(err.contains("symbolic link"), "{err}");
        }
    }
}
