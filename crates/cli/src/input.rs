//! Reading reports: text files, HTML files, directories, JSONL files and standard input.
//!
//! Reading is streaming: a JSONL file of any size is read line by line, and no line or file
//! above the size limit is ever held in memory — it is refused with a clear error as soon as
//! the limit is passed. Every failure names where it happened (file, line, byte offset) and is
//! returned as an item of the stream, so the rest of the input is still coded.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use raqib_core::{InputReport, Report};

/// How to read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Refuse any report (file or JSONL line) larger than this many bytes.
    pub max_bytes: usize,
    /// Replace invalid UTF-8 instead of refusing the report.
    pub lossy: bool,
    /// Treat plain files as HTML.
    pub html: bool,
    /// `--id` for a single text input.
    pub id: Option<String>,
    /// `--date` for text inputs.
    pub date: Option<String>,
    /// `--source` for text inputs.
    pub source: Option<String>,
    /// `--lang` for text inputs.
    pub lang: Option<String>,
}

/// Where an item came from, for error messages and ids.
#[derive(Debug, Clone)]
pub struct Origin {
    /// File path, or `<stdin>`.
    pub path: String,
    /// 1-based line for JSONL input.
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.path, l),
            None => write!(f, "{}", self.path),
        }
    }
}

/// One input item: a report to code, or why one could not be read.
#[derive(Debug)]
pub struct Item {
    /// Where it came from.
    pub origin: Origin,
    /// The report, or the error.
    pub report: Result<InputReport, String>,
}

/// Expand paths (directories recursively, in name order) into the files to read; `-` or no
/// path at all means standard input.
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if paths.is_empty() {
        out.push(PathBuf::from("-"));
    }
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        walk(p, &mut out)?;
    }
    Ok(out)
}

/// Every report file below `dir`, depth first, in name order.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, out)?;
        } else if is_report_file(&e) {
            out.push(e);
        }
    }
    Ok(())
}

fn is_report_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return false;
    }
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "text" | "html" | "htm" | "jsonl" | "ndjson" | "md")
    )
}

fn is_jsonl_path(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("jsonl" | "ndjson")
    )
}

fn is_html_path(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("html" | "htm")
    )
}

/// The id of a text file: the file name up to its first dot (`douma-2018-04.ar.txt` →
/// `douma-2018-04`).
pub fn id_from_path(p: &Path) -> String {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("report");
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        name.to_string()
    } else {
        stem.to_string()
    }
}

/// A stream of items over all inputs.
pub struct Reader {
    files: std::vec::IntoIter<PathBuf>,
    current: Option<JsonlReader>,
    opts: ReadOptions,
    single_text: bool,
}

impl Reader {
    /// Read the given files (already expanded).
    pub fn new(files: Vec<PathBuf>, opts: ReadOptions) -> Reader {
        let single_text = files.len() == 1;
        Reader {
            files: files.into_iter(),
            current: None,
            opts,
            single_text,
        }
    }

    /// The next chunk of at most `n` items (for parallel coding in order).
    pub fn next_chunk(&mut self, n: usize) -> Vec<Item> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            match self.next() {
                Some(i) => out.push(i),
                None => break,
            }
        }
        out
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = self.files.next()?;
            let is_stdin = path.as_os_str() == "-";
            let name = if is_stdin {
                "<stdin>".to_string()
            } else {
                path.display().to_string()
            };
            let origin = Origin {
                path: name.clone(),
                line: None,
            };
            let source: Box<dyn Read> = if is_stdin {
                Box::new(io::stdin())
            } else {
                match File::open(&path) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        return Some(Item {
                            origin,
                            report: Err(format!("cannot open {name}: {e}")),
                        })
                    }
                }
            };
            let mut buf = BufReader::with_capacity(1 << 16, source);
            let jsonl = if is_stdin {
                // Standard input is JSONL when it starts with `{`, else one text report.
                match buf.fill_buf() {
                    Ok(b) => b
                        .iter()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|&c| c == b'{'),
                    Err(e) => {
                        return Some(Item {
                            origin,
                            report: Err(format!("cannot read {name}: {e}")),
                        })
                    }
                }
            } else {
                is_jsonl_path(&path)
            };
            if jsonl {
                self.current = Some(JsonlReader::new(Box::new(buf), &name, &self.opts));
                continue;
            }
            return Some(self.read_text(buf, &path, origin, is_stdin));
        }
    }
}

impl Reader {
    fn read_text(
        &self,
        buf: BufReader<Box<dyn Read>>,
        path: &Path,
        origin: Origin,
        is_stdin: bool,
    ) -> Item {
        let bytes = match read_bounded(buf, self.opts.max_bytes) {
            Ok(Some(b)) => b,
            Ok(None) => {
                return Item {
                    report: Err(format!(
                        "{origin}: report larger than the limit of {} bytes (--max-bytes); refused",
                        self.opts.max_bytes
                    )),
                    origin,
                }
            }
            Err(e) => {
                return Item {
                    report: Err(format!("{origin}: cannot read: {e}")),
                    origin,
                }
            }
        };
        let text = match decode(bytes, self.opts.lossy) {
            Ok(t) => t,
            Err(e) => {
                return Item {
                    report: Err(format!("{origin}: {e}")),
                    origin,
                }
            }
        };
        let id = match (&self.opts.id, self.single_text) {
            (Some(id), true) => id.clone(),
            _ if is_stdin => self.opts.id.clone().unwrap_or_else(|| "stdin".into()),
            _ => id_from_path(path),
        };
        let html = self.opts.html || is_html_path(path) || raqib_text::html::looks_like_html(&text);
        let mut r = InputReport {
            id: Some(id),
            date: self.opts.date.clone(),
            source: self.opts.source.clone(),
            lang: self.opts.lang.clone(),
            ..Default::default()
        };
        if html {
            r.html = Some(text);
        } else {
            r.text = Some(text);
        }
        Item {
            origin,
            report: Ok(r),
        }
    }
}

/// Read everything, or `None` as soon as more than `max` bytes come.
fn read_bounded(mut r: impl Read, max: usize) -> io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 1 << 16];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => return Ok(Some(out)),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if out.len() + n > max {
            // Drain the rest without keeping it, so a pipe writer is not blocked.
            let _ = io::copy(&mut r, &mut io::sink());
            return Ok(None);
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

/// UTF-8 text, or an error naming the byte offset of the first invalid sequence.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            if lossy {
                Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
            } else {
                let at = e.utf8_error().valid_up_to();
                Err(format!(
                    "invalid UTF-8 at byte offset {at} (use --lossy to replace invalid bytes)"
                ))
            }
        }
    }
}

/// The lines of one JSONL stream, each bounded in size and decoded: the line reading shared by
/// `raqib code` ([`JsonlReader`]) and `raqib ingest`.
///
/// A line above the limit is skipped without being kept and reported as an error item; blank
/// lines are skipped; a read error is reported once and ends the stream (a persistent error
/// must not turn into an endless run of failed lines).
pub struct JsonlLines {
    inner: BufReader<Box<dyn Read>>,
    path: String,
    line: usize,
    max: usize,
    lossy: bool,
    done: bool,
}

impl JsonlLines {
    /// Lines of `r`, named `path` in errors, refused above `max` bytes, invalid UTF-8 replaced
    /// when `lossy`.
    pub fn new(r: Box<dyn Read>, path: &str, max: usize, lossy: bool) -> JsonlLines {
        JsonlLines {
            inner: BufReader::with_capacity(1 << 16, r),
            path: path.to_string(),
            line: 0,
            max,
            lossy,
            done: false,
        }
    }

    /// The file name the lines come from.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl Iterator for JsonlLines {
    /// Where the line is, and its text or why it cannot be used.
    type Item = (Origin, Result<String, String>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            self.line += 1;
            let origin = Origin {
                path: self.path.clone(),
                line: Some(self.line),
            };
            let mut line = Vec::new();
            let mut too_long = false;
            // Read one line, keeping at most `max` bytes of it.
            loop {
                let buf = match self.inner.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.done = true;
                        let err = format!("{origin}: cannot read: {e}");
                        return Some((origin, Err(err)));
                    }
                };
                if buf.is_empty() {
                    break;
                }
                let (take, done) = match buf.iter().position(|&c| c == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (buf.len(), false),
                };
                if !too_long {
                    if line.len() + take > self.max {
                        too_long = true;
                        line = Vec::new();
                    } else {
                        line.extend_from_slice(&buf[..take]);
                    }
                }
                self.inner.consume(take);
                if done {
                    break;
                }
            }
            if too_long {
                let err = format!(
                    "{origin}: JSONL line larger than the limit of {} bytes (--max-bytes); refused",
                    self.max
                );
                return Some((origin, Err(err)));
            }
            if line.is_empty() {
                self.done = true;
                return None; // end of stream
            }
            if line.iter().all(|c| c.is_ascii_whitespace()) {
                continue;
            }
            let text = decode(line, self.lossy).map_err(|e| format!("{origin}: {e}"));
            return Some((origin, text));
        }
    }
}

/// A raw JSONL report (`{"id","text","date","source","lang","url"}`), or why the line is not
/// one: not a JSON object, not valid JSON, or neither `text` nor `html`. A line without an id
/// gets `default_id`.
pub fn parse_input_line(
    origin: &Origin,
    text: &str,
    default_id: &str,
) -> Result<InputReport, String> {
    // serde would also read a JSON array as the fields in order: refuse anything but objects.
    if !text.trim_start().starts_with('{') {
        return Err(format!("{origin}: a JSONL report must be a JSON object"));
    }
    match serde_json::from_str::<InputReport>(text) {
        Ok(mut r) => {
            if r.text.is_none() && r.html.is_none() {
                Err(format!(
                    "{origin}: JSONL line has no `text` (or `html`) field"
                ))
            } else {
                // An empty id names nothing (the store keys reports by id): use the default.
                if r.id.as_deref().is_none_or(|i| i.trim().is_empty()) {
                    r.id = Some(default_id.to_string());
                }
                Ok(r)
            }
        }
        Err(e) => Err(format!("{origin}: not a valid JSON report: {e}")),
    }
}

/// Raw JSONL reports of one stream, each bounded in size (`raqib code`).
pub struct JsonlReader {
    lines: JsonlLines,
    stem: String,
}

impl JsonlReader {
    /// Reports of the JSONL stream `r`, named `path` in errors and ids.
    pub fn new(r: Box<dyn Read>, path: &str, opts: &ReadOptions) -> JsonlReader {
        JsonlReader {
            stem: id_from_path(Path::new(path)),
            lines: JsonlLines::new(r, path, opts.max_bytes, opts.lossy),
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let (origin, text) = self.lines.next()?;
        let report = text.and_then(|text| {
            let default_id = format!("{}-{}", self.stem, origin.line.unwrap_or(0));
            parse_input_line(&origin, &text, &default_id)
        });
        Some(Item { origin, report })
    }
}

/// What a JSONL line given to `raqib ingest` is.
#[derive(Debug)]
pub enum IngestLine {
    /// An already coded report (it has `events` and `text_sha256`), stored as it is.
    Coded(Box<Report>),
    /// A raw report, to be coded first.
    Raw(Box<InputReport>),
    /// Neither: a dead letter, with the report id when one could be read.
    Failed {
        /// The report id, when known.
        id: Option<String>,
        /// Why, starting with the line's origin.
        reason: String,
    },
}

/// Whether a JSONL line is a coded report (it has `events` and `text_sha256`).
pub fn looks_coded(text: &str) -> bool {
    text.contains("\"text_sha256\"") && text.contains("\"events\"")
}

/// Classify a JSONL line for `raqib ingest`: a coded report, a raw report, or a failure (a
/// `--keep-failed` line of `raqib code` keeps its error as the reason).
pub fn classify_ingest_line(origin: &Origin, text: &str, default_id: &str) -> IngestLine {
    if looks_coded(text) {
        return match serde_json::from_str::<Report>(text) {
            Ok(r) if r.id.is_empty() => IngestLine::Failed {
                id: None,
                reason: format!("{origin}: coded report without an id"),
            },
            // Coded, but the coder could not code it: a dead letter too.
            Ok(r) => match &r.error {
                Some(e) => IngestLine::Failed {
                    reason: format!("{origin}: {e}"),
                    id: Some(r.id.clone()),
                },
                None => IngestLine::Coded(Box::new(r)),
            },
            Err(e) => IngestLine::Failed {
                id: None,
                reason: format!("{origin}: not a valid coded report: {e}"),
            },
        };
    }
    match parse_input_line(origin, text, default_id) {
        Ok(r) => IngestLine::Raw(Box::new(r)),
        Err(reason) => {
            // A well-formed report without text: a `--keep-failed` line of `raqib code`
            // ({"id", "origin", "error"}) keeps its error as the reason.
            let Some(r) = text
                .trim_start()
                .starts_with('{')
                .then(|| serde_json::from_str::<InputReport>(text).ok())
                .flatten()
            else {
                return IngestLine::Failed { id: None, reason };
            };
            let prior = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(String::from))
                // A blank prior error would leave the dead letter without a reason.
                .filter(|e| !e.trim().is_empty());
            IngestLine::Failed {
                id: r.id,
                reason: prior.unwrap_or(reason),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_file_name_up_to_first_dot() {
        assert_eq!(
            id_from_path(Path::new("/x/douma-2018-04.ar.txt")),
            "douma-2018-04"
        );
        assert_eq!(id_from_path(Path::new("report.txt")), "report");
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset() {
        let err = decode(b"abc\xffdef".to_vec(), false).unwrap_err();
        assert!(err.contains("byte offset 3"), "{err}");
        assert_eq!(decode(b"ab\xff".to_vec(), true).unwrap(), "ab\u{fffd}");
    }

    #[test]
    fn bounded_read_refuses_oversize() {
        let data = vec![b'a'; 1000];
        assert!(read_bounded(&data[..], 999).unwrap().is_none());
        assert_eq!(read_bounded(&data[..], 1000).unwrap().unwrap().len(), 1000);
    }
}
