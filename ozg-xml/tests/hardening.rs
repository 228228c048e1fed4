//! Hardening: hostile and broken documents are rejected with a typed error carrying line and column.
#![allow(clippy::unwrap_used)]

use ozg_xml::xzufi::XzufiReader;
use ozg_xml::{Limit, ReaderConfig, XmlError, XmlErrorKind, check_well_formed};

fn check(doc: &[u8]) -> Result<(), XmlError> {
    check_well_formed(doc, ReaderConfig::default())
}

fn err(doc: &[u8]) -> XmlError {
    check(doc).unwrap_err()
}

#[test]
fn billion_laughs_is_rejected_at_the_doctype() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str("]>\n<lolz>&lol9;</lolz>\n");
    let e = err(doc.as_bytes());
    assert!(matches!(e.kind(), XmlErrorKind::Doctype), "{e}");
    assert_eq!((e.line(), e.column()), (2, 1));
}

#[test]
fn quadratic_blowup_is_rejected() {
    let big = "a".repeat(100_000);
    let refs = "&a;".repeat(100_000);
    let doc = format!("<!DOCTYPE kaboom [<!ENTITY a \"{big}\">]>\n<kaboom>{refs}</kaboom>");
    let e = err(doc.as_bytes());
    assert!(matches!(e.kind(), XmlErrorKind::Doctype), "{e}");
    assert_eq!((e.line(), e.column()), (1, 1));
    // Without a DOCTYPE, the undefined entity itself is the error.
    let doc = format!("<kaboom>\n  {}</kaboom>", "&a;".repeat(1000));
    let e = err(doc.as_bytes());
    assert!(
        matches!(e.kind(), XmlErrorKind::Entity { name } if name == "a"),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 3));
    assert_eq!(e.path(), Some("/kaboom"));
}

#[test]
fn external_entity_to_a_local_file_is_never_resolved() {
    let doc = b"<?xml version=\"1.0\"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<foo>&xxe;</foo>";
    let e = err(doc);
    assert!(matches!(e.kind(), XmlErrorKind::Doctype));
    assert_eq!((e.line(), e.column()), (2, 1));
    assert!(!e.to_string().contains("root:"));
    // The same reference without the DOCTYPE: an unknown entity, not a file read.
    let e = err(b"<foo>\n&xxe;</foo>");
    assert!(matches!(e.kind(), XmlErrorKind::Entity { name } if name == "xxe"));
    assert_eq!((e.line(), e.column()), (2, 1));
    // In an attribute value too.
    let e = err(b"<foo a=\"&xxe;\"/>");
    assert!(
        matches!(e.kind(), XmlErrorKind::Entity { name } if name == "xxe"),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (1, 1));
}

#[test]
fn external_dtd_is_rejected() {
    let doc = b"<?xml version=\"1.0\"?>\n\n<!DOCTYPE foo SYSTEM \"http://example.invalid/evil.dtd\">\n<foo/>";
    let e = err(doc);
    assert!(matches!(e.kind(), XmlErrorKind::Doctype));
    assert_eq!((e.line(), e.column()), (3, 1));
    assert!(e.to_string().contains("DOCTYPE"));
}

#[test]
fn deep_nesting_hits_the_depth_limit() {
    let doc = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let e = err(doc.as_bytes());
    assert!(
        matches!(
            e.kind(),
            XmlErrorKind::LimitExceeded {
                limit: Limit::Depth,
                max: 256,
                value: 257
            }
        ),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (1, 256 * 3 + 1));
    assert_eq!(e.path().unwrap().len(), 256 * 2); // the path of the parent
    // A raised limit accepts it.
    check_well_formed(doc.as_bytes(), ReaderConfig::new().max_depth(10_000)).unwrap();
}

#[test]
fn text_node_of_20_mb_needs_a_raised_limit() {
    let text = "x".repeat(20 * 1000 * 1000);
    let doc = format!("<root>\n<big>{text}</big></root>");
    let e = err(doc.as_bytes());
    assert!(
        matches!(e.kind(), XmlErrorKind::LimitExceeded { limit: Limit::TextLength, max, value }
            if *max == 16 * 1024 * 1024 && *value > *max),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 6));
    assert_eq!(e.path(), Some("/root/big"));
    check_well_formed(
        doc.as_bytes(),
        ReaderConfig::new().max_text_len(32 * 1024 * 1024),
    )
    .unwrap();
    // With a small limit, the streaming guard stops reading long before the end of the node.
    let e = check_well_formed(doc.as_bytes(), ReaderConfig::new().max_text_len(1024)).unwrap_err();
    assert!(matches!(
        e.kind(),
        XmlErrorKind::LimitExceeded { limit: Limit::TextLength, value, .. } if *value < 4 * 1024 * 1024
    ));
    assert_eq!(e.line(), 2);
}

#[test]
fn attribute_and_total_size_limits() {
    let doc = format!("<a>\n <b v=\"{}\"/></a>", "y".repeat(70_000));
    let e = err(doc.as_bytes());
    assert!(matches!(
        e.kind(),
        XmlErrorKind::LimitExceeded {
            limit: Limit::AttributeLength,
            value: 70_000,
            ..
        }
    ));
    assert_eq!((e.line(), e.column()), (2, 2));
    let e =
        check_well_formed(doc.as_bytes(), ReaderConfig::new().max_total_bytes(1000)).unwrap_err();
    assert!(matches!(
        e.kind(),
        XmlErrorKind::LimitExceeded {
            limit: Limit::TotalBytes,
            max: 1000,
            ..
        }
    ));
    assert!(e.line() >= 1);
}

#[test]
fn unclosed_root_is_an_error_at_the_end() {
    let e = err(b"<root>\n  <child>text</child>\n");
    assert!(
        matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("not closed")),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (3, 1));
    let e = err(b"<root>\n  <child>text");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(_)));
    assert_eq!(e.line(), 2);
}

#[test]
fn invalid_utf8_is_rejected() {
    let e = err(b"<root>\n  <n>Gr\xfc\xdfe</n>\n</root>");
    assert!(
        matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("UTF-8")),
        "{e}"
    );
    assert_eq!(e.line(), 2);
    let e = err(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root/>");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("ISO-8859-1")));
    assert_eq!((e.line(), e.column()), (1, 1));
}

#[test]
fn duplicate_attributes_are_rejected() {
    let e = err(b"<root>\n  <x a=\"1\" b=\"2\" a=\"3\"/>\n</root>");
    assert!(
        matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("duplicate")),
        "{e}"
    );
    assert_eq!(e.line(), 2);
    assert!(e.column() > 3, "{}", e.column());
}

#[test]
fn other_well_formedness_errors() {
    let e = err(b"<a>\n</b>");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(_)));
    assert_eq!(e.line(), 2);
    let e = err(b"<a/>\n<b/>");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("root")));
    assert_eq!((e.line(), e.column()), (2, 1));
    let e = err(b"<a/>trailing");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("after")));
    let e = err(b"<p:a/>");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("prefix")));
    let e = err(b"<a>\x01</a>");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(_)));
    let e = err(b"<a>&#0;</a>");
    assert!(matches!(e.kind(), XmlErrorKind::Entity { .. }));
    let e = err(b"");
    assert!(matches!(e.kind(), XmlErrorKind::Syntax(s) if s.message().contains("no root")));
    // What is allowed: predefined entities, character references, CDATA, comments, PIs.
    check(b"<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- c --><?pi x?><a b=\"&lt;&#x41;\">&amp;&#65;<![CDATA[<x>]]></a>").unwrap();
}

fn xzufi_doc(ns: &str, version: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<x:nachricht xmlns:x=\"{ns}\"\n  xzufiVersion=\"{version}\">\n<x:schreibe/></x:nachricht>"
    )
}

#[test]
fn wrong_namespace_is_reported() {
    let doc = xzufi_doc("http://xoev.de/schemata/xzufi/2_1_0", "2.2.0");
    let e = XzufiReader::new(doc.as_bytes(), ReaderConfig::default())
        .err()
        .unwrap();
    assert!(
        matches!(e.kind(), XmlErrorKind::WrongNamespace { expected, found }
            if expected == "http://xoev.de/schemata/xzufi/2_2_0" && found == "http://xoev.de/schemata/xzufi/2_1_0"),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 1));
}

#[test]
fn wrong_version_is_reported() {
    let doc = xzufi_doc("http://xoev.de/schemata/xzufi/2_2_0", "2.3.1");
    let e = XzufiReader::new(doc.as_bytes(), ReaderConfig::default())
        .err()
        .unwrap();
    assert!(
        matches!(e.kind(), XmlErrorKind::WrongVersion { expected, found } if expected == "2.2.0 or 2.2" && found == "2.3.1"),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 1));
    let doc = "<x:n xmlns:x=\"http://xoev.de/schemata/xzufi/2_2_0\"/>";
    let e = XzufiReader::new(doc.as_bytes(), ReaderConfig::default())
        .err()
        .unwrap();
    assert!(matches!(e.kind(), XmlErrorKind::WrongVersion { found, .. } if found.is_empty()));
    // The right namespace and version with an empty schreibe: no objects.
    let doc = xzufi_doc("http://xoev.de/schemata/xzufi/2_2_0", "2.2.0");
    assert_eq!(
        XzufiReader::new(doc.as_bytes(), ReaderConfig::default())
            .unwrap()
            .count(),
        0
    );
}
