//! The XML of a workbook's parts, as the two readers need it: elements named by their
//! namespace and local name (whatever prefix a writer chose), attributes decoded, text
//! with its entities resolved. Only the five predefined entities and character
//! references exist: a document type that declares others is refused, so nothing is
//! ever fetched or expanded. A part is read as it is unpacked, never held whole: a
//! sheet of hundreds of megabytes costs the memory of one element at a time.

use std::io::{BufRead, BufReader, Read};

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::Error;

/// The namespaces the readers look at; every other one is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    /// No namespace (unprefixed attributes).
    None,
    /// SpreadsheetML, the cells of an `.xlsx` (transitional or strict).
    Sml,
    /// Office relationships (`r:id` of an `.xlsx` sheet).
    Rel,
    /// Package relationships (`_rels/*.rels`).
    Pkg,
    /// OpenDocument office.
    Office,
    /// OpenDocument table.
    Table,
    /// OpenDocument text.
    Text,
    /// OpenDocument style.
    Style,
    /// OpenDocument data styles (number formats).
    Number,
    /// LibreOffice's calc extensions (error cells).
    Calcext,
    /// Any other namespace.
    Other,
}

fn ns_of(r: &ResolveResult) -> Ns {
    let ResolveResult::Bound(n) = r else {
        return Ns::None;
    };
    match n.0 {
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        | "http://purl.oclc.org/ooxml/spreadsheetml/main" => Ns::Sml,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | "http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::Rel,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Pkg,
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::Office,
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::Table,
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::Text,
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::Style,
        "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" => Ns::Number,
        "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" => Ns::Calcext,
        _ => Ns::Other,
    }
}

/// An element's start: its name and attributes.
#[derive(Debug)]
pub struct Tag {
    /// Namespace.
    pub ns: Ns,
    /// Local name.
    pub name: String,
    /// Attributes: namespace, local name, value.
    pub attrs: Vec<(Ns, String, String)>,
    /// Whether the element is empty (`<a/>`): no end event follows.
    pub empty: bool,
}

impl Tag {
    /// Whether this is the element `name` of namespace `ns`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The value of an attribute.
    pub fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, l, _)| *n == ns && l == name)
            .map(|(_, _, v)| v.as_str())
    }
}

/// What the reader meets.
#[derive(Debug)]
pub enum Ev {
    /// An element starts (see [`Tag::empty`]).
    Open(Tag),
    /// An element ends.
    Close(Ns, String),
    /// Text, entities resolved.
    Text(String),
    /// The end of the part.
    Eof,
}

/// A reader of one part.
pub struct Xml<'a> {
    reader: NsReader<Box<dyn BufRead + 'a>>,
    buf: Vec<u8>,
    part: &'a str,
    /// Bytes taken from the part since the last event, when the source counts them (see
    /// [`Xml::watched`]).
    since: Option<&'a std::cell::Cell<u64>>,
}

impl<'a> Xml<'a> {
    /// Read `text`, the part named `part` (for messages).
    pub fn new(text: &'a str, part: &'a str) -> Xml<'a> {
        Xml::from_read(text.as_bytes(), part)
    }

    /// Read the part named `part` (for messages) as `read` gives it.
    pub fn from_read(read: impl Read + 'a, part: &'a str) -> Xml<'a> {
        let mut read = BufReader::with_capacity(1 << 16, read);
        // A byte-order mark before the declaration is not part of the document.
        if read
            .fill_buf()
            .is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF"))
        {
            read.consume(3);
        }
        let mut reader = NsReader::from_reader(Box::new(read) as Box<dyn BufRead + 'a>);
        reader.resolver_mut().set_max_namespace_bindings(64);
        Xml {
            reader,
            buf: Vec::new(),
            part,
            since: None,
        }
    }

    /// Count, in `since`, the bytes taken from the part since the last event: the
    /// source refuses to give more than one event may hold, so no text or element of a
    /// hostile part is ever held whole in memory.
    pub fn watched(mut self, since: &'a std::cell::Cell<u64>) -> Xml<'a> {
        self.since = Some(since);
        self
    }

    fn broken(&self, what: impl std::fmt::Display) -> Error {
        Error::broken(format!(
            "its part {} is not well-formed XML ({what}, near byte {})",
            self.part,
            self.reader.buffer_position()
        ))
    }

    fn tag(&self, e: &BytesStart, empty: bool) -> Result<Tag, Error> {
        let (ns, name) = self.reader.resolver().resolve_element(e.name());
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|e| self.broken(e))?;
            let (ans, local) = self.reader.resolver().resolve_attribute(a.key);
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.broken(e))?;
            attrs.push((
                ns_of(&ans),
                local.into_inner().to_string(),
                value.into_owned(),
            ));
        }
        Ok(Tag {
            ns: ns_of(&ns),
            name: name.into_inner().to_string(),
            attrs,
            empty,
        })
    }

    /// The next event.
    pub fn event(&mut self) -> Result<Ev, Error> {
        let mut buf = std::mem::take(&mut self.buf);
        let out = self.event_into(&mut buf);
        if let Some(since) = self.since {
            since.set(0);
        }
        buf.clear();
        // A buffer grown for one long text is not kept for the rest of the part.
        if buf.capacity() > 1 << 20 {
            buf = Vec::new();
        }
        self.buf = buf;
        out
    }

    fn event_into(&mut self, buf: &mut Vec<u8>) -> Result<Ev, Error> {
        loop {
            buf.clear();
            let read = self
                .reader
                .read_resolved_event_into(buf)
                .map(|(ns, event)| (ns_of(&ns), event));
            let (ns, event) = read.map_err(|e| self.broken(e))?;
            return Ok(match event {
                Event::Start(e) => Ev::Open(self.tag(&e, false)?),
                Event::Empty(e) => Ev::Open(self.tag(&e, true)?),
                Event::End(e) => {
                    let (_, local) = self.reader.resolver().resolve_element(e.name());
                    Ev::Close(ns, local.into_inner().to_string())
                }
                Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::GeneralRef(r) => {
                    let c = r.resolve_char_ref().map_err(|e| self.broken(e))?;
                    let text = match c {
                        Some(c) => c.to_string(),
                        None => {
                            let name = r.xml10_content();
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(s) => s.to_string(),
                                None => {
                                    return Err(self.broken(format!(
                                        "the entity &{name}; is not one XML predefines"
                                    )));
                                }
                            }
                        }
                    };
                    Ev::Text(text)
                }
                Event::Eof => Ev::Eof,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => continue,
            });
        }
    }

    /// Skip the rest of an element whose start was just read (nothing when it is empty).
    pub fn skip(&mut self, tag: &Tag) -> Result<(), Error> {
        if tag.empty {
            return Ok(());
        }
        let mut depth = 1usize;
        loop {
            match self.event()? {
                Ev::Open(t) if !t.empty => depth += 1,
                Ev::Close(..) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Ev::Eof => return Err(self.broken("it ends inside an element")),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Result<Vec<String>, Error> {
        let mut x = Xml::new(text, "p.xml");
        let mut out = Vec::new();
        loop {
            match x.event()? {
                Ev::Open(t) => out.push(format!("<{:?}:{}>", t.ns, t.name)),
                Ev::Close(ns, n) => out.push(format!("</{ns:?}:{n}>")),
                Ev::Text(t) => out.push(t),
                Ev::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn names_are_resolved_whatever_the_prefix() {
        let a = events(r#"<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:v>1 &amp; 2&#x41;</x:v></x:c>"#).unwrap();
        assert_eq!(
            a,
            [
                "<Sml:c>", "<Sml:v>", "1 ", "&", " 2", "A", "</Sml:v>", "</Sml:c>"
            ]
        );
    }

    #[test]
    fn declared_entities_are_refused() {
        let e = events(r#"<!DOCTYPE a [<!ENTITY b "bbbbbbbb">]><a>&b;&b;</a>"#).unwrap_err();
        assert!(e.message.contains("entity &b;"), "{e:?}");
        let e = events("<a><b></a>").unwrap_err();
        assert!(e.message.contains("not well-formed"), "{e:?}");
    }
}
