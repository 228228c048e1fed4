//! The HTML report in a real headless Chromium: the page's script ran without error (it writes
//! `data-script="ok"` into the DOM only then), no console errors, one bar per Kreis and per
//! Themenfeld, the Kreis names in the text, and a screenshot.
//!
//! Browser: `$OZG_CHROMIUM`, else `chromium` / `chromium-browser` / `google-chrome` on PATH
//! (`./scripts/test.sh` installs Debian's `chromium` when missing). Without one the test prints
//! a clear SKIPPED message; with `OZG_REQUIRE_BROWSER=1` (set by `scripts/test.sh` after it
//! installed Chromium) it fails instead. `OZG_UPDATE_SCREENSHOT=1` writes
//! `docs/report-example.png`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use ozg_core::catalogue::Catalogue;
use ozg_core::dataset::Dataset;

fn browser() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("OZG_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

fn run(browser: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", browser.display()));
    assert!(
        out.status.success(),
        "{} failed: {}",
        browser.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = browser() else {
        assert!(
            std::env::var_os("OZG_REQUIRE_BROWSER").is_none(),
            "OZG_REQUIRE_BROWSER is set but no Chromium was found (set OZG_CHROMIUM)"
        );
        eprintln!(
            "SKIPPED html_report_renders_in_chromium: no headless browser found \
             (install Debian's `chromium`, or set OZG_CHROMIUM); ./scripts/test.sh installs it"
        );
        return;
    };
    let report = Dataset::example().report(Catalogue::embedded());
    let dir = std::env::temp_dir().join(format!("ozg-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, ozg_tabular::html::render(&report)).unwrap();
    let url = format!("file://{}", page.display());

    let (dom, log) = run(&browser, &["--dump-dom", &url]);
    assert!(
        dom.contains("data-script=\"ok\""),
        "the page's script did not finish (script error?):\n{log}"
    );
    for line in log.lines() {
        let l = line.to_ascii_lowercase();
        assert!(
            !(l.contains("console") && (l.contains("error") || l.contains("uncaught"))),
            "console error: {line}"
        );
    }
    let chart = |id: &str| {
        let part = dom.split(&format!("id=\"{id}\"")).nth(1).unwrap();
        part.split("</svg>")
            .next()
            .unwrap()
            .matches("class=\"bar\"")
            .count()
    };
    assert_eq!(chart("chart-kreise"), report.kreise.len());
    assert_eq!(chart("chart-themenfelder"), report.themenfelder.len());
    for k in &report.kreise {
        let name = k.name.as_deref().unwrap();
        assert!(dom.contains(name), "{name} missing in the rendered page");
    }

    let shot = dir.join("report.png");
    let shot_arg = format!("--screenshot={}", shot.display());
    run(
        &browser,
        &[
            "--hide-scrollbars",
            "--window-size=1280,2700",
            &shot_arg,
            &url,
        ],
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 20_000,
        "screenshot suspiciously small: {} bytes",
        png.len()
    );
    if std::env::var_os("OZG_UPDATE_SCREENSHOT").is_some() {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/report-example.png");
        std::fs::write(&target, &png).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
