//! Reports as raqib reads them.

use serde::{Deserialize, Serialize};

/// One report to code: a JSONL input line, or a text/HTML file with its flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InputReport {
    /// Report id; when absent, derived from the file name or the line number.
    #[serde(default)]
    pub id: Option<String>,
    /// The report text (required unless `html` is given).
    #[serde(default)]
    pub text: Option<String>,
    /// HTML of the report, extracted to text before coding.
    #[serde(default)]
    pub html: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Outlet name.
    #[serde(default)]
    pub source: Option<String>,
    /// `ar`, `en`, or null to detect.
    #[serde(default)]
    pub lang: Option<String>,
    /// Where the report was published.
    #[serde(default)]
    pub url: Option<String>,
}
