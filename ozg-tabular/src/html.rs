//! One self-contained HTML page of the report (Bericht als HTML): no network, no external fonts
//! or scripts; readable on a projector and printable; accessible (headings, `th scope`, charts
//! as inline SVG with `<title>`/`<desc>` and `role="img"`); German labels.
//!
//! Blockers appear grouped by reason and, up to [`DETAIL_ROWS`] rows, one by one. The small
//! inline script makes the blocker tables sortable and, as its last step, sets
//! `data-script="ok"` on `<body>`, so a test in a real browser can tell that it ran without error.

use std::fmt::Write as _;

use ozg_core::report::RolloutReport;

use crate::table::{Cell, ColumnKind, Table, report_tables};

/// At most this many blocker rows are listed one by one; beyond that the page shows the grouped
/// table only (the full list is in the CSV/XLSX output).
pub const DETAIL_ROWS: usize = 2000;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --fg:#1a1a1a; --bg:#fff; --muted:#555; --bar:#005ea8; --track:#e6eef5; --rule:#c8c8c8; }
* { box-sizing: border-box; }
body { font: 18px/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 .3rem; } h2 { font-size: 1.5rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--rule); }
.note { color: #8a4b00; font-weight: 600; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .8rem; margin: 1rem 0 0; padding: 0; }
.kpis div { border: 1px solid var(--rule); border-radius: .4rem; padding: .6rem .8rem; }
.kpis dt { color: var(--muted); font-size: .95rem; } .kpis dd { margin: 0; font-size: 2rem; font-weight: 700; }
.wide { overflow-x: auto; } @media print { .wide { overflow: visible; } }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 1rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-size: .9rem; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th button::after { content: " ⇅"; color: var(--muted); }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-size: 15px; fill: var(--fg); } svg.chart .track { fill: var(--track); } svg.chart .bar { fill: var(--bar); }
footer { margin-top: 3rem; border-top: 2px solid var(--rule); padding-top: .8rem; color: var(--muted); font-size: .95rem; }
@media print { body { font-size: 11pt; max-width: none; padding: 0; } h2 { break-after: avoid; } table, svg { break-inside: avoid; }
  th button::after { content: ""; } section { break-inside: auto; } }
"#;

const SCRIPT: &str = r#"
(function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          var c = x.localeCompare(y, "de", { numeric: true });
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.body.setAttribute("data-script", "ok");
})();
"#;

/// One bar of a chart: label, share 0–1 (None = no base), text after the bar.
struct Bar {
    label: String,
    share: Option<f64>,
    value: String,
}

/// A horizontal bar chart as inline SVG with `<title>` and `<desc>` (the values as text).
fn bar_chart(out: &mut String, id: &str, title: &str, bars: &[Bar]) {
    let row_h = 34.0;
    let label_w = 330.0;
    let bar_w = 400.0;
    let width = label_w + bar_w + 290.0;
    let height = row_h * bars.len() as f64 + 10.0;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.value))
        .collect();
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(&desc.join("; "))
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let share = b.share.unwrap_or(0.0).clamp(0.0, 1.0);
        let _ = write!(
            out,
            r#"<g><text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="track" x="{label_w}" y="{y}" width="{bar_w}" height="24" rx="3"/><rect class="bar" data-label="{label}" x="{label_w}" y="{y}" width="{bw:.1}" height="24" rx="3"/><text x="{vx}" y="{ty}">{value}</text></g>"#,
            lx = label_w - 10.0,
            ty = y + 18.0,
            label = escape(&b.label),
            bw = bar_w * share,
            vx = label_w + bar_w + 10.0,
            value = escape(&b.value),
        );
    }
    out.push_str("</svg>\n");
}

/// A table with `th scope="col"`; numeric columns right-aligned; `sortable` adds sort buttons.
fn html_table(out: &mut String, table: &Table, caption: &str, sortable: bool) {
    let _ = write!(
        out,
        "<div class=\"wide\"><table{}><caption class=\"visually-hidden\">{}</caption><thead><tr>",
        if sortable { " class=\"sortable\"" } else { "" },
        escape(caption)
    );
    for c in &table.columns {
        let class = if c.kind == ColumnKind::Text {
            ""
        } else {
            " class=\"num\""
        };
        if sortable {
            let _ = write!(
                out,
                "<th scope=\"col\"{class}><button type=\"button\">{}</button></th>",
                escape(c.header)
            );
        } else {
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(c.header));
        }
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (cell, col) in row.iter().zip(&table.columns) {
            let class = if col.kind == ColumnKind::Text {
                ""
            } else {
                " class=\"num\""
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(&cell.display()));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

fn percent_text(part: usize, whole: usize) -> String {
    Cell::share(part, whole).display()
}

/// Renders the report as one self-contained HTML page (UTF-8).
pub fn render(report: &RolloutReport) -> String {
    let tables = report_tables(report);
    let table = |name: &str| tables.iter().find(|t| t.name == name);
    let title = report.title.as_deref().unwrap_or("Rollout-Bericht");
    let mut out = String::with_capacity(16 * 1024 + report.blockers.len() * 400);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Rollout-Bericht – {}</title>\n<style>{STYLE}.visually-hidden {{ position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }}</style>\n</head>\n<body>\n<header>\n<h1>Rollout-Bericht</h1>\n<p>{}</p>\n",
        escape(title),
        escape(title)
    );
    if report.example {
        out.push_str("<p class=\"note\">Beispieldaten – Status illustrativ</p>\n");
    }
    let _ = writeln!(
        out,
        "<p>Umfang: {}</p>\n</header>\n<main>",
        escape(&report.filter.to_string())
    );

    // Kennzahlen
    out.push_str("<section aria-labelledby=\"h-kennzahlen\">\n<h2 id=\"h-kennzahlen\">Kennzahlen</h2>\n<dl class=\"kpis\">\n");
    for (label, value) in [
        ("Einträge", report.entries.to_string()),
        ("live", report.live_entries.to_string()),
        (
            "Verwaltungen angebunden",
            format!("{} von {}", report.verwaltungen_live, report.verwaltungen),
        ),
        ("Onlinedienste live", report.onlinedienste_live.to_string()),
        ("Hindernisse", report.blockers.len().to_string()),
    ] {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            escape(label),
            escape(&value)
        );
    }
    out.push_str("</dl>\n");
    if let Some(t) = table("status") {
        out.push_str("<h3>Einträge nach Status</h3>\n");
        html_table(&mut out, t, "Einträge nach Status und Phase", false);
    }
    out.push_str("</section>\n");

    // Themenfelder
    out.push_str("<section aria-labelledby=\"h-themenfelder\">\n<h2 id=\"h-themenfelder\">Abdeckung nach Themenfeld</h2>\n<p>Anteil der OZG-Leistungen eines Themenfelds mit mindestens einem live Onlinedienst.</p>\n");
    let bars: Vec<Bar> = report
        .themenfelder
        .iter()
        .map(|c| {
            use ozg_core::code::CodeList;
            Bar {
                label: c
                    .themenfeld
                    .label()
                    .unwrap_or_else(|| c.themenfeld.code())
                    .to_owned(),
                share: Cell::share(c.live_leistungen, c.total_leistungen).percent(),
                value: format!(
                    "{} von {} ({})",
                    c.live_leistungen,
                    c.total_leistungen,
                    percent_text(c.live_leistungen, c.total_leistungen)
                ),
            }
        })
        .collect();
    bar_chart(
        &mut out,
        "chart-themenfelder",
        "Abdeckung nach Themenfeld (OZG-Leistungen live)",
        &bars,
    );
    out.push_str("</section>\n");

    // Kreise
    out.push_str("<section aria-labelledby=\"h-kreise\">\n<h2 id=\"h-kreise\">Abdeckung nach Kreis</h2>\n<p>Anteil der Gemeinden eines Kreises, die eine Verwaltung mit mindestens einem live Onlinedienst versorgt (Kreisebene eingeschlossen).</p>\n");
    let bars: Vec<Bar> = report
        .kreise
        .iter()
        .map(|k| Bar {
            label: crate::table::kreis_label(k),
            share: Cell::share(k.gemeinden_served, k.gemeinden).percent(),
            value: format!(
                "{} von {} Gemeinden ({})",
                k.gemeinden_served,
                k.gemeinden,
                percent_text(k.gemeinden_served, k.gemeinden)
            ),
        })
        .collect();
    bar_chart(
        &mut out,
        "chart-kreise",
        "Abdeckung nach Kreis (versorgte Gemeinden)",
        &bars,
    );
    if let Some(t) = table("kreise") {
        html_table(&mut out, t, "Kreise: Verwaltungen und Gemeinden", false);
    }
    if let Some(t) = table("gemeindeverbaende").filter(|t| !t.rows.is_empty()) {
        out.push_str("<h3>Gemeindeverbände (Ämter)</h3>\n");
        html_table(&mut out, t, "Gemeindeverbände", false);
    }
    out.push_str("</section>\n");

    // Hindernisse: grouped by reason, and the detail rows up to DETAIL_ROWS.
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"h-hindernisse\">\n<h2 id=\"h-hindernisse\">Hindernisse</h2>\n<p>{} Einträge sind nicht live.</p>",
        report.blockers.len()
    );
    let mut by_kind: std::collections::BTreeMap<String, (usize, std::collections::BTreeSet<&str>)> =
        std::collections::BTreeMap::new();
    for b in &report.blockers {
        for r in &b.reasons {
            let e = by_kind.entry(r.kind.to_string()).or_default();
            e.0 += 1;
            e.1.insert(b.verwaltung.as_str());
        }
    }
    let grouped = Table {
        name: "hindernisse_nach_grund",
        title: "Hindernisse nach Grund",
        columns: vec![
            crate::table::Column {
                header: "Grund",
                kind: ColumnKind::Text,
            },
            crate::table::Column {
                header: "Einträge",
                kind: ColumnKind::Count,
            },
            crate::table::Column {
                header: "Verwaltungen",
                kind: ColumnKind::Count,
            },
        ],
        rows: by_kind
            .into_iter()
            .map(|(k, (n, v))| vec![Cell::Text(k), Cell::count(n), Cell::count(v.len())])
            .collect(),
    };
    out.push_str("<h3>Nach Grund</h3>\n");
    html_table(&mut out, &grouped, "Hindernisse nach Grund", true);
    if let Some(t) = table("hindernisse") {
        out.push_str("<h3>Einzeln</h3>\n");
        if t.rows.len() <= DETAIL_ROWS {
            out.push_str("<p>Je Grund eine Zeile. Spaltenköpfe sortieren die Tabelle.</p>\n");
            html_table(
                &mut out,
                t,
                "Hindernisse der Einträge, die nicht live sind",
                true,
            );
        } else {
            let _ = writeln!(
                out,
                "<p>{} Zeilen – zu viele für eine Seite; die vollständige Liste steht in der CSV- oder XLSX-Ausgabe (Tabelle „hindernisse“).</p>",
                t.rows.len()
            );
        }
    }
    out.push_str("</section>\n</main>\n");

    // Footer: sources and dates
    let s = &report.sources;
    let _ = write!(
        out,
        "<footer>\n<p>Datenquellen: OZG-Umsetzungskatalog ({}), Stand {}",
        escape(&s.catalogue_source),
        s.catalogue_as_of
    );
    match (&s.gemeindeverzeichnis_source, s.gemeindeverzeichnis_as_of) {
        (Some(src), Some(d)) => {
            let _ = write!(
                out,
                "; Gemeindeverzeichnis ({}), Gebietsstand {d}",
                escape(src)
            );
        }
        (Some(src), None) => {
            let _ = write!(out, "; Gemeindeverzeichnis ({})", escape(src));
        }
        (None, Some(d)) => {
            let _ = write!(out, "; Gemeindeverzeichnis, Gebietsstand {d}");
        }
        (None, None) => {}
    }
    let _ = write!(
        out,
        ".</p>\n<p>Erstellt mit ozg {}.</p>\n</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}
