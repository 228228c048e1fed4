//! Licence and data notices (Lizenz- und Quellenhinweise) that must travel with every copy of ozg.
//!
//! One place for the texts: the CLI prints them (`ozg licenses`), and `DATA.md` states the same texts
//! (a test checks that they agree). [`CODE`] is the licence of the ozg code; [`DATA`] lists the
//! embedded data with its source, its licence (only where the source states one) and the attribution
//! it requires.

/// A licence or attribution notice (Lizenzhinweis) of one part of ozg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    /// What the notice covers, e.g. "OZG-Umsetzungskatalog (embedded catalogue)".
    pub subject: &'static str,
    /// Where it comes from (repository, file, publisher).
    pub source: &'static str,
    /// SPDX identifier of the licence, `None` where the source states no licence.
    pub licence: Option<&'static str>,
    /// The attribution (Namensnennung) to show with it.
    pub attribution: &'static str,
    /// The full licence text that must accompany copies, where there is one.
    pub text: Option<&'static str>,
}

/// The MIT licence text of the ozg code (the `LICENSE` file).
pub const CODE_LICENCE_TEXT: &str = "MIT License

Copyright (c) 2026 ozg contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
";

/// The MIT notice of the KDN repository the catalogue data comes from (as `DATA.md` quotes it).
pub const CATALOGUE_LICENCE_TEXT: &str = "MIT License

Copyright (c) 2020 Gert Hammes

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
";

/// The licence of the ozg code: MIT.
pub const CODE: Notice = Notice {
    subject: "ozg (code)",
    source: "https://github.com/ozg-rs/ozg",
    licence: Some("MIT"),
    attribution: "Copyright (c) 2026 ozg contributors",
    text: Some(CODE_LICENCE_TEXT),
};

/// The embedded OZG-Umsetzungskatalog (catalogue data) and its MIT notice.
pub const CATALOGUE: Notice = Notice {
    subject: "OZG-Umsetzungskatalog (embedded catalogue: Themenfelder, Lagen, OZG-Leistungen, LeiKa-Leistungen)",
    source: "Kommunaler Dachverband NRW (KDN), kdn-nrw/OZG-Datenbank-NRW, doc-dev/databases/symfony.data.sql; \
             the names reproduce the official OZG-Umsetzungskatalog (IT-Planungsrat/BMI) and the LeiKa (FITKO)",
    licence: Some("MIT"),
    attribution: "© 2020 Gert Hammes",
    text: Some(CATALOGUE_LICENCE_TEXT),
};

/// The official code lists of the Statistisches Bundesamt (Regionalschlüssel, AGS, Kreise, …) the
/// embedded Gemeinden come from. The files state no licence of their own; the agency is attributed.
pub const OFFICIAL_CODE_LISTS: Notice = Notice {
    subject: "Official code lists (Regionalschlüssel, Amtlicher Gemeindeschlüssel, Kreise, Regierungsbezirke, \
              Bundesländer) behind the embedded Gemeinden",
    source: "XRepository code lists urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:*, \
             as copied unchanged by hd-gmbh-dev/xoev-xwasser-rs",
    licence: None,
    attribution: "Statistisches Bundesamt, Wiesbaden",
    text: None,
};

/// The notices of the embedded data, in the order `ozg licenses` prints them.
pub const DATA: &[Notice] = &[CATALOGUE, OFFICIAL_CODE_LISTS];
