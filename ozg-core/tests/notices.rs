//! The licence and data notices of `ozg_core::notices` agree with DATA.md and the LICENSE files.

use ozg_core::notices::{self, Notice};

const DATA_MD: &str = include_str!("../DATA.md");

/// Every notice's attribution, its licence and its full text (if any) appear in DATA.md verbatim.
#[test]
fn data_md_states_every_data_notice() {
    assert!(!notices::DATA.is_empty());
    for n in notices::DATA {
        assert!(
            DATA_MD.contains(n.attribution),
            "DATA.md lacks the attribution {:?} of {}",
            n.attribution,
            n.subject
        );
        if let Some(text) = n.text {
            assert!(
                DATA_MD.contains(text),
                "DATA.md lacks the licence text of {}",
                n.subject
            );
        }
        match n.licence {
            Some(spdx) => assert!(
                DATA_MD.contains(&format!("licence {spdx}")),
                "DATA.md does not name licence {spdx} for {}",
                n.subject
            ),
            None => assert!(
                DATA_MD.contains("state no licence of their own"),
                "DATA.md does not say that {} states no licence",
                n.subject
            ),
        }
    }
}

/// The catalogue's notice is the one the embedded catalogue's metadata cites.
#[test]
fn catalogue_notice_matches_the_embedded_metadata() {
    let meta = ozg_core::Catalogue::embedded().meta();
    assert!(
        meta.attribution.contains("Gert Hammes"),
        "{}",
        meta.attribution
    );
    assert!(
        meta.licence
            .contains(notices::CATALOGUE.licence.unwrap_or("?"))
    );
    assert!(notices::CATALOGUE_LICENCE_TEXT.contains("Copyright (c) 2020 Gert Hammes"));
}

/// The code's licence text is the LICENSE file of the crate and of the repository.
#[test]
fn code_licence_is_the_license_file() {
    let n: Notice = notices::CODE;
    assert_eq!(n.licence, Some("MIT"));
    assert_eq!(n.text, Some(notices::CODE_LICENCE_TEXT));
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = 0;
    for file in [here.join("LICENSE"), here.join("../LICENSE")] {
        if let Ok(text) = std::fs::read_to_string(&file) {
            // The file may add a pointer to the data notices after the licence text.
            assert!(
                text.starts_with(notices::CODE_LICENCE_TEXT),
                "{} does not start with ozg_core::notices::CODE_LICENCE_TEXT",
                file.display()
            );
            found += 1;
        }
    }
    assert_eq!(found, 2, "ozg-core/LICENSE and LICENSE must both exist");
}
