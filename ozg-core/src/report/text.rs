//! Text rendering of the report (`Display`): the terminal tables of `ozg report`.

use std::fmt;

use super::RolloutReport;
use crate::code::CodeList;

/// A minimal text table: left-aligned first column, right-aligned others.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Columns (0-based) that are left-aligned; the others are right-aligned.
    left: Vec<usize>,
}

impl Table {
    fn new(header: &[&str], left: &[usize]) -> Self {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            left: left.to_vec(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn render(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cols = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: &[String]| -> fmt::Result {
            for (c, cell) in cells.iter().enumerate().take(cols) {
                let pad = widths[c].saturating_sub(cell.chars().count());
                if c > 0 {
                    f.write_str("  ")?;
                }
                if self.left.contains(&c) {
                    // no trailing blanks after the last column
                    let pad = if c + 1 == cols { 0 } else { pad };
                    write!(f, "{cell}{}", " ".repeat(pad))?;
                } else {
                    write!(f, "{}{cell}", " ".repeat(pad))?;
                }
            }
            writeln!(f)
        };
        line(f, &self.header)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(f, &rule)?;
        for row in &self.rows {
            line(f, row)?;
        }
        Ok(())
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".into();
    }
    format!("{:.1} %", part as f64 * 100.0 / whole as f64)
}

impl fmt::Display for RolloutReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Rollout-Bericht: {}",
            self.title.as_deref().unwrap_or("(ohne Titel)")
        )?;
        if self.example {
            writeln!(f, "Beispieldaten – Status illustrativ")?;
        }
        if !self.filter.is_empty() {
            writeln!(f, "Filter: {}", self.filter)?;
        }
        writeln!(
            f,
            "{} Einträge, {} live; {} von {} Verwaltungen angebunden; {} Onlinedienste live",
            self.entries,
            self.live_entries,
            self.verwaltungen_live,
            self.verwaltungen,
            self.onlinedienste_live
        )?;

        writeln!(f, "\nStatus")?;
        let mut t = Table::new(&["status", "total", "pilot", "area_wide"], &[0]);
        for s in &self.by_status {
            t.row(vec![
                s.status.to_string(),
                s.total.to_string(),
                s.pilot.to_string(),
                s.area_wide.to_string(),
            ]);
        }
        t.render(f)?;

        writeln!(f, "\nPhase")?;
        let mut t = Table::new(&["phase", "total", "live"], &[0]);
        for p in &self.by_phase {
            t.row(vec![
                p.phase.to_string(),
                p.total.to_string(),
                p.live.to_string(),
            ]);
        }
        t.render(f)?;

        writeln!(
            f,
            "\nThemenfelder (OZG-Leistungen mit mindestens einem live Onlinedienst)"
        )?;
        let mut t = Table::new(&["Themenfeld", "live", "gesamt", "Anteil"], &[0]);
        for c in &self.themenfelder {
            let name = c.themenfeld.label().unwrap_or_else(|| c.themenfeld.code());
            t.row(vec![
                name.to_owned(),
                c.live_leistungen.to_string(),
                c.total_leistungen.to_string(),
                percent(c.live_leistungen, c.total_leistungen),
            ]);
        }
        t.render(f)?;

        writeln!(
            f,
            "\nKreise (Verwaltungen mit mindestens einem live Onlinedienst; versorgte Gemeinden)"
        )?;
        let mut t = Table::new(
            &[
                "Kreis",
                "Verwaltungen",
                "live",
                "Anteil",
                "live Einträge",
                "Gemeinden",
                "versorgt",
                "Anteil",
                "kommunal versorgt",
            ],
            &[0],
        );
        for k in &self.kreise {
            let name = match (&k.kreis, &k.name) {
                (Some(key), Some(name)) => format!("{key} {name}"),
                (Some(key), None) => key.to_string(),
                (None, _) => "(ohne Kreis)".to_owned(),
            };
            t.row(vec![
                name,
                k.verwaltungen.to_string(),
                k.verwaltungen_live.to_string(),
                percent(k.verwaltungen_live, k.verwaltungen),
                k.live_entries.to_string(),
                k.gemeinden.to_string(),
                k.gemeinden_served.to_string(),
                percent(k.gemeinden_served, k.gemeinden),
                k.gemeinden_served_municipal.to_string(),
            ]);
        }
        t.render(f)?;

        if !self.gemeindeverbaende.is_empty() {
            writeln!(f, "\nGemeindeverbände (Ämter)")?;
            let mut t = Table::new(
                &[
                    "ARS",
                    "Name",
                    "Verwaltungen",
                    "live",
                    "Gemeinden",
                    "versorgt",
                    "Anteil",
                ],
                &[0, 1],
            );
            for g in &self.gemeindeverbaende {
                t.row(vec![
                    g.ars.to_string(),
                    g.name.clone(),
                    g.verwaltungen.to_string(),
                    g.verwaltungen_live.to_string(),
                    g.gemeinden.to_string(),
                    g.gemeinden_served.to_string(),
                    percent(g.gemeinden_served, g.gemeinden),
                ]);
            }
            t.render(f)?;
        }

        writeln!(
            f,
            "\nHindernisse ({} Einträge nicht live)",
            self.blockers.len()
        )?;
        let mut t = Table::new(
            &["Eintrag", "Verwaltung", "Onlinedienst", "Status", "Grund"],
            &[0, 1, 2, 3, 4],
        );
        for b in &self.blockers {
            for (n, r) in b.reasons.iter().enumerate() {
                let first = n == 0;
                let cell = |s: String| if first { s } else { String::new() };
                t.row(vec![
                    cell(b.pointer.clone()),
                    cell(b.verwaltung.to_string()),
                    cell(b.onlinedienst.to_string()),
                    cell(b.status.to_string()),
                    format!("{}: {}", r.kind, r.detail),
                ]);
            }
        }
        t.render(f)
    }
}
