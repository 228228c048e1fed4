//! Report renderings (CSV, XLSX, HTML) read back, and the dataset ↔ XLSX/CSV round trip.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use ozg_core::catalogue::Catalogue;
use ozg_core::dataset::Dataset;
use ozg_tabular::csv_out::{CsvOptions, table_csv};
use ozg_tabular::table::{Cell, REPORT_TABLES, report_tables};
use ozg_tabular::workbook::{dataset_from_csv, dataset_from_xlsx, dataset_to_xlsx};
use ozg_tabular::{TabularError, html, xlsx};

fn report() -> ozg_core::RolloutReport {
    Dataset::example().report(Catalogue::embedded())
}

#[test]
fn report_tables_have_one_cell_per_column() {
    let tables = report_tables(&report());
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    assert_eq!(names, REPORT_TABLES);
    for t in &tables {
        for row in &t.rows {
            assert_eq!(row.len(), t.columns.len(), "{}", t.name);
        }
    }
}

#[test]
fn report_xlsx_cells_read_back_equal() {
    let r = report();
    let bytes = xlsx::report_workbook(&r).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let tables = report_tables(&r);
    assert_eq!(wb.sheet_names().len(), tables.len());
    for t in &tables {
        let range = wb.worksheet_range(t.title).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        for (c, col) in t.columns.iter().enumerate() {
            assert_eq!(rows[0][c], Data::String(col.header.to_owned()));
        }
        assert_eq!(rows.len(), t.rows.len() + 1, "{}", t.name);
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let got = rows[r + 1].get(c).cloned().unwrap_or(Data::Empty);
                match cell {
                    Cell::Text(s) => assert_eq!(got, Data::String(s.clone())),
                    Cell::Int(n) => assert_eq!(got.as_f64(), Some(*n as f64)),
                    Cell::Percent(Some(p)) => assert_eq!(got.as_f64(), Some(*p)),
                    Cell::Percent(None) | Cell::Empty => assert_eq!(got, Data::Empty),
                    Cell::Date(_) => assert!(matches!(got, Data::DateTime(_))),
                }
            }
        }
    }
}

#[test]
fn report_csv_is_rfc4180_and_german_excel_option() {
    let tables = report_tables(&report());
    let kreise = tables.iter().find(|t| t.name == "kreise").unwrap();
    let plain = String::from_utf8(table_csv(kreise, CsvOptions::default()).unwrap()).unwrap();
    assert!(plain.starts_with("Kreisschlüssel,Kreis,"));
    assert!(
        plain.contains("\r\n01002,\"Kiel, Landeshauptstadt\",1,1,100.0,"),
        "{plain}"
    );
    let german = table_csv(
        kreise,
        CsvOptions {
            delimiter: b';',
            bom: true,
        },
    )
    .unwrap();
    assert!(german.starts_with(b"\xEF\xBB\xBFKreisschl"));
    let text = String::from_utf8(german[3..].to_vec()).unwrap();
    assert!(
        text.contains("01002;Kiel, Landeshauptstadt;1;1;100,0;"),
        "{text}"
    );
    // A field with the delimiter or a quote is quoted (RFC 4180).
    let hind = tables.iter().find(|t| t.name == "hindernisse").unwrap();
    let csv = String::from_utf8(table_csv(hind, CsvOptions::default()).unwrap()).unwrap();
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(rd.records().count(), hind.rows.len());
}

#[test]
fn html_is_self_contained_and_has_one_bar_per_kreis() {
    let r = report();
    let page = html::render(&r);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("http://")
            || page.matches("http://").count()
                == page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    assert!(!page.contains("https://"), "no external resources");
    assert!(!page.contains("<link") && !page.contains(" src="));
    let kreis_chart = page.split("id=\"chart-kreise\"").nth(1).unwrap();
    let kreis_chart = kreis_chart.split("</svg>").next().unwrap();
    assert_eq!(kreis_chart.matches("class=\"bar\"").count(), r.kreise.len());
    for k in &r.kreise {
        assert!(page.contains(k.name.as_deref().unwrap()));
    }
    assert!(page.contains("<th scope=\"col\""));
    assert!(page.contains("<title id=\"chart-kreise-title\">"));
    assert!(page.contains("Stand 2019-10-05"));
}

#[test]
fn example_dataset_round_trips_through_xlsx() {
    let ds = Dataset::example();
    let bytes = dataset_to_xlsx(&ds).unwrap();
    let back = dataset_from_xlsx(&bytes).unwrap();
    assert_eq!(back, ds);
    // Identifiers are text cells with their leading zeros.
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("Verwaltungen").unwrap();
    assert_eq!(
        range.get_value((1, 3)),
        Some(&Data::String("01002000".into()))
    );
}

/// A workbook edited by hand: a wrong status in Rollout!C7 and a bad date in E3.
#[test]
fn edited_workbook_problems_name_sheet_and_cell() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Rollout").unwrap();
    for (c, h) in ["verwaltung", "onlinedienst", "status", "phase", "goLive"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..7u32 {
        ws.write_string(r, 0, "kiel").unwrap();
        ws.write_string(r, 1, format!("dienst-{r}")).unwrap();
        ws.write_string(r, 2, "ordered").unwrap();
        ws.write_string(r, 3, "pilot").unwrap();
    }
    ws.write_string(6, 2, "life").unwrap();
    ws.write_string(2, 4, "31.02.2024").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = dataset_from_xlsx(&bytes).unwrap_err();
    let TabularError::Cells(problems) = err else {
        panic!("{err}")
    };
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 2, "{text:#?}");
    assert!(
        text[0].starts_with("Rollout!E3: goLive: \"31.02.2024\" is not a date"),
        "{text:#?}"
    );
    assert!(
        text[1].starts_with("Rollout!C7: unknown status \"life\"; expected one of ordered, agreed, configured, live, withdrawn"),
        "{text:#?}"
    );
}

#[test]
fn not_a_workbook_is_an_error_not_a_panic() {
    let err = dataset_from_xlsx(b"PK\x03\x04 garbage").unwrap_err();
    assert!(err.to_string().contains("not an XLSX workbook"), "{err}");
}

#[test]
fn german_excel_csv_cp1252_and_utf8_bom() {
    let header = "verwaltung;onlinedienst;status;phase;goLive\r\n";
    let row = "kiel;wohngeld;live;area_wide;02.05.2022\r\n";
    let verw = "id;name;kind;ags;kreis\r\nkiel;Landeshauptstadt Kiel (Förde);kreisfreie_stadt;01002000;01002\r\n";
    // Windows-1252: ö is the single byte 0xF6.
    let cp1252: Vec<u8> = verw
        .chars()
        .map(|c| if c == 'ö' { 0xF6 } else { c as u8 })
        .collect();
    let rollout = format!("{header}{row}");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(rollout.as_bytes());
    let ds = dataset_from_csv(&[("Verwaltungen", &cp1252), ("Rollout", &bom)]).unwrap();
    assert_eq!(ds.verwaltungen[0].name, "Landeshauptstadt Kiel (Förde)");
    assert_eq!(ds.verwaltungen[0].ags.unwrap().to_string(), "01002000");
    assert_eq!(ds.rollout[0].go_live.unwrap().to_string(), "2022-05-02");

    let bad = "verwaltung;onlinedienst;status;phase\r\nkiel;wohngeld;life;pilot\r\n";
    let err = dataset_from_csv(&[("Rollout", bad.as_bytes())]).unwrap_err();
    assert!(
        err.to_string()
            .contains("Rollout!C2: unknown status \"life\""),
        "{err}"
    );
}
