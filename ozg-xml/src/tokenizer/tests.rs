//! Tests of the tokenizer.

#![allow(clippy::unwrap_used)]

use super::*;

/// Input that yields at most `.1` bytes per read call.
struct Slow<'a>(&'a [u8], usize);

impl Read for Slow<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(out.len()).min(self.1);
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fn tokens(xml: &[u8]) -> Result<Vec<String>, TokError> {
    // One byte per read call: every token straddles refills.
    tokens_with(xml, 1)
}

/// The tokens of `xml`, read at most `step` bytes per read call; text chunks are merged.
fn tokens_with(xml: &[u8], step: usize) -> Result<Vec<String>, TokError> {
    let mut t = Tokenizer::new(Slow(xml, step), u64::MAX, 1 << 20, 1 << 16);
    let mut tag = TagBuf::default();
    let mut out = Vec::new();
    let mut text = String::new();
    // Open elements, so that end tags are checked against the expected name.
    let mut open: Vec<String> = Vec::new();
    loop {
        let expected = open.last().map_or(&b""[..], String::as_bytes);
        let tok = t.next_token(&mut tag, &mut 0, expected)?;
        match &tok {
            Token::Start { empty: false } => open.push(tag.buf[tag.name.clone()].to_owned()),
            Token::End(_) => {
                open.pop();
            }
            _ => {}
        }
        let s = match tok {
            Token::Text { text: s, ws } => {
                // `ws` promises plain whitespace (it may be conservative the other way).
                assert!(
                    !ws || is_plain_ws(s.as_bytes()),
                    "{s:?} flagged as whitespace"
                );
                text.push_str(s);
                continue;
            }
            Token::CData(s) => {
                text.push_str(s);
                continue;
            }
            Token::Char(c) => {
                text.push(c);
                continue;
            }
            _ if !text.is_empty() => {
                out.push(format!("T{text}"));
                text.clear();
                // Re-handle this token below by formatting it now.
                fmt_tok(&tok, &tag)
            }
            _ => fmt_tok(&tok, &tag),
        };
        let eof = s == "EOF";
        out.push(s);
        if eof {
            return Ok(out);
        }
    }
}

fn fmt_tok(tok: &Token<'_>, tag: &TagBuf) -> String {
    match tok {
        Token::Start { empty } => {
            let mut s = format!("S{}", &tag.buf[tag.name.clone()]);
            for a in &tag.attrs {
                s.push_str(&format!(
                    " {}={}",
                    &tag.buf[a.name.clone()],
                    &tag.buf[a.value.clone()]
                ));
            }
            if *empty {
                s.push('/');
            }
            s
        }
        Token::End(n) => format!("E{}", n.unwrap_or("=")),
        Token::Eof => "EOF".into(),
        _ => String::new(),
    }
}

#[test]
fn tokens_survive_one_byte_reads() {
    let xml = "<?xml version=\"1.0\" encoding='UTF-8'?>\n<!-- c - d --><a x=\"1&amp;\r\n2\" y='&#x41;'>t\r\nü &lt;<![CDATA[<]]]]>\r</a >\n<?pi data?>";
    let got = tokens(xml.as_bytes()).unwrap();
    assert_eq!(
        got,
        vec!["T\n", "Sa x=1& 2 y=A", "Tt\nü <<]]\n", "E=", "T\n", "EOF"]
    );
}

#[test]
fn errors() {
    let e = |x: &str| tokens(x.as_bytes()).unwrap_err();
    assert!(matches!(e("<a>]]></a>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(e("<!DOCTYPE a><a/>").kind, XmlErrorKind::Doctype));
    assert!(matches!(
        e("<a><!-- a -- b --></a>").kind,
        XmlErrorKind::Syntax(_)
    ));
    assert!(matches!(e("<a b='<'/>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(e("<a b=1/>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(
        e("<a b='1' b='2'/>").kind,
        XmlErrorKind::Syntax(_)
    ));
    assert!(matches!(e("<a b='1'c='2'/>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(
        e("<a/><?xml version='1.0'?>").kind,
        XmlErrorKind::Syntax(_)
    ));
    assert!(matches!(
        e("<?xml version='2.0'?><a/>").kind,
        XmlErrorKind::Syntax(_)
    ));
    assert!(matches!(
        e("<a>&#xD800;</a>").kind,
        XmlErrorKind::Entity { .. }
    ));
    assert!(matches!(
        e("<a>&foo;</a>").kind,
        XmlErrorKind::Entity { .. }
    ));
    assert!(matches!(e("<a>& b</a>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(e("<a:b:c/>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(e("<a>\u{FFFE}</a>").kind, XmlErrorKind::Syntax(_)));
    assert!(matches!(e("<a><![CDATA[x").kind, XmlErrorKind::Syntax(_)));
    let e = tokens(b"<a>\xC3</a>").unwrap_err();
    assert_eq!(e.offset, 3);
}

#[test]
fn comment_and_pi_bodies_are_checked_bounded_and_closed() {
    let err = |d: &str| {
        tokens_with(d.as_bytes(), usize::MAX)
            .unwrap_err()
            .kind
            .to_string()
    };
    let e = err("<r><!-- abcdefgh");
    assert!(e.contains("end of input in a comment"), "{e}");
    assert!(err("<r><?pi abcdefgh").contains("end of input in a processing instruction"));
    assert!(err("<r><!-- a\u{1} --></r>").contains("not allowed in XML 1.0"));
    assert!(err("<r><?pi a\u{1}?></r>").contains("not allowed in XML 1.0"));
    // The text limit applies to comment and PI bodies, also across refills.
    for doc in [
        format!("<r><!--{}--></r>", "c".repeat(100)),
        format!("<r><?pi {}?></r>", "p".repeat(100)),
    ] {
        for step in [1, 7, usize::MAX] {
            let mut t = Tokenizer::new(Slow(doc.as_bytes(), step), u64::MAX, 50, 1 << 16);
            let mut tag = TagBuf::default();
            let e = loop {
                match t.next_token(&mut tag, &mut 0, b"") {
                    Ok(Token::Eof) => panic!("{doc}: no error"),
                    Ok(_) => {}
                    Err(e) => break e,
                }
            };
            assert!(
                matches!(
                    e.kind,
                    XmlErrorKind::LimitExceeded {
                        limit: Limit::TextLength,
                        ..
                    }
                ),
                "{doc} step {step}: {}",
                e.kind
            );
            // Reported where the comment or PI starts.
            assert_eq!(e.offset, 3, "{doc} step {step}");
        }
    }
}

#[test]
fn eq_bytes_agrees_with_slice_equality() {
    let words: Vec<Vec<u8>> = (0..40)
        .map(|n| (0..n).map(|i| b'a' + (i % 26) as u8).collect())
        .collect();
    for a in &words {
        for b in &words {
            assert_eq!(eq_bytes(a, b), a == b);
        }
        for at in 0..a.len() {
            let mut c = a.clone();
            c[at] ^= 1;
            assert!(!eq_bytes(a, &c), "{a:?} at {at}");
        }
    }
}

#[test]
fn fast_and_general_paths_agree_at_every_read_size() {
    let long = "x".repeat(300);
    let docs: Vec<String> = vec![
        "<a>\n  <b:c xmlns:b='u'>v</b:c >\n</a>".into(),
        "<a>t\r\nu\rv\r</a>".into(),
        "<a> \t\n</a>".into(),
        "<a>x]y]]z</a>".into(),
        "<a>x]]>y</a>".into(),
        "<a>ok\u{1}</a>".into(),
        "<a>\u{FFFF}</a>".into(),
        "<a>\u{FEFF}\u{EFFF}é</a>".into(),
        format!("<a>{long}&amp;{long}</a>"),
        format!("<a>  {long}\r\n</a>"),
        "<a:b:c/>".into(),
        "<:a/>".into(),
        "<a:/>".into(),
        "<a x:y:z='1'/>".into(),
        "<ä:ö xmlns:ä='u'>ü</ä:ö>".into(),
        "<a></>".into(),
        "<a></a b>".into(),
        "<a></a\n>".into(),
        "<a:b><c></c ><c></cc></a:b>".into(),
        "<a:b><c/></a:bb></a:b>".into(),
        // Names that start like an earlier name, and repeated names.
        "<abcd><abcde/><abcd1/><abcd:x xmlns:abcd='u'/><abcd/><abcd.e/><abcdé/></abcd>".into(),
        "<abcd><abcd!/></abcd>".into(),
        // Repeated tags (the tag cache), also with `>` inside a value, and near misses.
        "<r><a x='1>2'/><a x='1>2'/><a x='1'/><a x='1'/><a  x='1'/><a x='1' /><a x='1'></a></r>"
            .into(),
        "<r><a x='1' x='1'/></r>".into(),
        // Found by the `wellformed` fuzz target: a forbidden character before a `--` in the
        // same comment is the first error, however the input is chunked.
        "<r><!-- a\u{0}b -- c --></r>".into(),
        "<r>a\u{1}b]]></r>".into(),
        // Text outside the root: that error comes before a later bad character.
        "x\u{0}<r/>".into(),
        "<r/>x]]>".into(),
        "<abcd><abcd:e:f/></abcd>".into(),
    ];
    for doc in &docs {
        let whole = tokens_with(doc.as_bytes(), usize::MAX);
        for step in [1, 2, 3, 7, 64] {
            let part = tokens_with(doc.as_bytes(), step);
            match (&whole, &part) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{doc:?} step {step}"),
                (Err(a), Err(b)) => {
                    assert_eq!(a.offset, b.offset, "{doc:?} step {step}");
                    assert_eq!(a.kind.to_string(), b.kind.to_string(), "{doc:?}");
                }
                _ => panic!("{doc:?} step {step}: {whole:?} vs {part:?}"),
            }
        }
    }
    let ok = |d: &str| tokens_with(d.as_bytes(), usize::MAX).unwrap();
    assert_eq!(ok("<a>t\r\nu\rv\r</a>")[1], "Tt\nu\nv\n");
    assert_eq!(ok("<a>x]y]]z</a>")[1], "Tx]y]]z");
    assert_eq!(
        ok("<abcd><abcde/><abcd1/><abcd:x xmlns:abcd='u'/><abcd/><abcd.e/><abcdé/></abcd>"),
        vec![
            "Sabcd",
            "Sabcde/",
            "Sabcd1/",
            "Sabcd:x xmlns:abcd=u/",
            "Sabcd/",
            "Sabcd.e/",
            "Sabcdé/",
            "E=",
            "EOF"
        ]
    );
    assert_eq!(
        ok(
            "<r><a x='1>2'/><a x='1>2'/><a x='1'/><a x='1'/><a  x='1'/><a x='1' /><a x='1'></a></r>"
        ),
        vec![
            "Sr",
            "Sa x=1>2/",
            "Sa x=1>2/",
            "Sa x=1/",
            "Sa x=1/",
            "Sa x=1/",
            "Sa x=1/",
            "Sa x=1",
            "E=",
            "E=",
            "EOF"
        ]
    );
    // Matching end tags are reported as such; a different name is reported as written.
    assert_eq!(
        ok("<a:b><c></c ><c></cc></a:b>"),
        vec!["Sa:b", "Sc", "E=", "Sc", "Ecc", "E=", "EOF"]
    );
    let err = |d: &str| tokens_with(d.as_bytes(), usize::MAX).unwrap_err();
    for bad in ["<a:b:c/>", "<:a/>", "<a:/>", "<a x:y:z='1'/>"] {
        assert!(
            err(bad).kind.to_string().contains("qualified name"),
            "{bad}"
        );
    }
    assert_eq!(err("<a>ok\u{1}</a>").offset, 5);
    assert_eq!(err("<a>\u{FFFF}</a>").offset, 3);
    assert_eq!(err("<a>x]]>y</a>").offset, 4);
    assert!(err("<a></>").kind.to_string().contains("end tag"));
    let e = err("<r><!-- a\u{0}b -- c --></r>");
    assert_eq!(e.offset, 9, "{}", e.kind);
    assert!(err("<a></a b>").kind.to_string().contains("end tag"));
}
