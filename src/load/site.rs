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
        Some(p) => Some(read("logo", p)?),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tree::FsTree;

    fn settings(extra: &str) -> Settings {
        let text = format!("[plan]\ntitle = \"t\"\nstart = 2026\nend = 2030\n[site]\n{extra}\n");
        Settings::parse(&text, Path::new("pan.toml")).unwrap()
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
