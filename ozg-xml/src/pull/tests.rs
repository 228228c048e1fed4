//! Tests of the pull parser.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::tokenizer::is_plain_ws;

/// `(ns, local)` of every start and end tag.
fn tags(xml: &str) -> Result<Vec<(Ev, Option<String>, String)>, XmlError> {
    let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
    let mut out = Vec::new();
    loop {
        match p.next()? {
            Ev::Eof => return Ok(out),
            Ev::Text => {}
            ev => out.push((ev, p.ns().map(str::to_owned), p.local().to_owned())),
        }
    }
}

#[test]
fn raw_elements_keep_text_that_is_not_xml_whitespace() {
    let xml = "<r><k>\n  <a>\u{A0}</a>\r\n  <b> x </b>\n</k></r>";
    let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
    assert_eq!(p.next_tag().unwrap(), Ev::Start);
    assert_eq!(p.next_tag().unwrap(), Ev::Start);
    let raw = p.read_raw().unwrap();
    let texts: Vec<String> = raw
        .children
        .iter()
        .map(|c| match c {
            RawNode::Element(e) => e.text(),
            RawNode::Text(t) => format!("text {t:?}"),
        })
        .collect();
    assert_eq!(texts, ["\u{A0}", " x "]);
}

#[test]
fn trim_agrees_with_str_trim() {
    for s in [
        "",
        " ",
        "a",
        " a ",
        "\t\n a b \r\n",
        "\u{A0}a\u{A0}",
        " \u{2003} x \u{3000}",
        "ä ",
        " ü",
        "\u{85}",
        "x\u{c}",
    ] {
        assert_eq!(trim(s), s.trim(), "{s:?}");
    }
}

#[test]
fn plain_whitespace_blocks_and_remainder() {
    for n in [0, 1, 15, 16, 17, 40] {
        let ws: Vec<u8> = (0..n).map(|i| [b' ', b'\n', b'\t'][i % 3]).collect();
        assert!(is_plain_ws(&ws), "{n}");
        for at in 0..n {
            for bad in [b'x', b'\r', 0xA0] {
                let mut v = ws.clone();
                v[at] = bad;
                assert!(!is_plain_ws(&v), "{n} {at} {bad}");
            }
        }
    }
}

#[test]
fn skipped_whitespace_still_counts_toward_the_text_limit() {
    let xml = format!("<r>\n<a/>{}<b/></r>", " ".repeat(2000));
    let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::new().max_text_len(1000));
    assert_eq!(p.next_tag().unwrap(), Ev::Start);
    assert_eq!(p.next_tag().unwrap(), Ev::Start);
    assert_eq!(p.next_tag().unwrap(), Ev::End);
    let e = p.next_tag().unwrap_err();
    assert!(
        matches!(
            e.kind(),
            XmlErrorKind::LimitExceeded {
                limit: Limit::TextLength,
                value: 2000,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 5));
    // Whitespace before other text: an error at the start of the run, as without skipping.
    let mut p = PullParser::new(b"<r>\n  <a/>\n   x<b/></r>".as_slice(), ReaderConfig::new());
    for _ in 0..3 {
        p.next_tag().unwrap();
    }
    let e = p.next_tag().unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::UnexpectedElement { .. }),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 7));
}

#[test]
fn namespaces_are_scoped_to_their_element() {
    let got = tags(
        r#"<a:r xmlns:a="urn:a" xmlns="urn:d"><x/><a:y xmlns:a="urn:b"><a:z/></a:y><a:y/><n xmlns=""/></a:r>"#,
    )
    .unwrap();
    let s = |v: &str| Some(v.to_owned());
    let want = vec![
        (Ev::Start, s("urn:a"), "r".to_owned()),
        (Ev::Start, s("urn:d"), "x".to_owned()),
        (Ev::End, s("urn:d"), "x".to_owned()),
        (Ev::Start, s("urn:b"), "y".to_owned()),
        (Ev::Start, s("urn:b"), "z".to_owned()),
        (Ev::End, s("urn:b"), "z".to_owned()),
        (Ev::End, s("urn:b"), "y".to_owned()),
        (Ev::Start, s("urn:a"), "y".to_owned()),
        (Ev::End, s("urn:a"), "y".to_owned()),
        (Ev::Start, None, "n".to_owned()),
        (Ev::End, None, "n".to_owned()),
        (Ev::End, s("urn:a"), "r".to_owned()),
    ];
    assert_eq!(got, want);
}

#[test]
fn identical_tags_in_different_scopes_resolve_to_their_own_namespace() {
    // The second `<p:a/>` is byte for byte the first (the tokenizer's tag cache serves it),
    // but `p` is bound to another namespace there.
    let got = tags(r#"<r xmlns:p="urn:1"><p:a/><x xmlns:p="urn:2"><p:a/></x><p:a/></r>"#).unwrap();
    let ns: Vec<_> = got
        .iter()
        .filter(|(ev, _, local)| *ev == Ev::Start && local == "a")
        .map(|(_, ns, _)| ns.clone().unwrap_or_default())
        .collect();
    assert_eq!(ns, ["urn:1", "urn:2", "urn:1"]);
    let e = tags(r#"<r><x xmlns:p="urn:1"><p:a/></x><p:a/></r>"#).unwrap_err();
    assert!(e.to_string().contains("undeclared namespace prefix"), "{e}");
}

#[test]
fn namespace_caches_follow_rebinding_at_the_same_stack_index() {
    let xml = r#"<r><x xmlns="urn:a"/><x xmlns="urn:b"/><p:x xmlns:p="urn:a"/><p:x xmlns:p="urn:b"/></r>"#;
    let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
    let mut seen = Vec::new();
    while p.next_tag().unwrap() != Ev::Eof {
        if p.current == Ev::Start && p.local() == "x" {
            seen.push((p.is("urn:a", "x"), p.is_child("urn:b", "x")));
        }
    }
    assert_eq!(
        seen,
        vec![(true, false), (false, true), (true, false), (false, true)]
    );
}

#[test]
fn attribute_namespaces_resolve_after_all_declarations() {
    let xml = r#"<r q:t="1" u="2" xmlns:q="urn:q" xml:lang="de"/>"#;
    let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
    assert_eq!(p.next().unwrap(), Ev::Start);
    let attrs: Vec<_> = p.attrs().map(|a| (a.ns, a.local, a.value)).collect();
    assert_eq!(
        attrs,
        vec![
            (Some("urn:q"), "t", "1"),
            (None, "u", "2"),
            (Some(NS_XML), "lang", "de")
        ]
    );
    assert_eq!(p.attr_ns("urn:q", "t"), Some("1"));
    assert_eq!(p.attr("u"), Some("2"));
}

#[test]
fn undeclared_and_out_of_scope_prefixes_are_errors() {
    let e = tags(r#"<r><a:x xmlns:a="urn:a"/><a:y/></r>"#).unwrap_err();
    assert!(
        e.to_string().contains("undeclared namespace prefix \"a\""),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (1, 26));
    // Namespaces in XML 1.0 cannot undeclare a prefix (only 1.1 can).
    let e = tags(r#"<r xmlns:a="urn:a"><x xmlns:a=""><a:y/></x></r>"#).unwrap_err();
    assert!(e.to_string().contains("empty namespace name"), "{e}");
    assert_eq!((e.line(), e.column()), (1, 20));
    let e = tags(r#"<r b:t="1"/>"#).unwrap_err();
    assert!(e.to_string().contains("on an attribute"), "{e}");
    let e = tags(r#"<r xmlns:xmlns="urn:x"/>"#).unwrap_err();
    assert!(e.to_string().contains("xmlns"), "{e}");
    let e = tags(r#"<r xmlns:xml="urn:x"/>"#).unwrap_err();
    assert!(e.to_string().contains("\"xml\""), "{e}");
}
