//! Reading reports: text files, HTML files, directories, JSONL files and standard input.
//!
//! Reading is streaming: a JSONL file of any size is read line by line, and no line or file
//! above the size limit is ever held in memory — it is refused with a clear error as soon as
//! the limit is passed. Every failure names where it happened (file, line, byte offset) and is
//! returned as an item of the stream, so the rest of the input is still coded.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use raqib_core::InputReport;

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
                self.current = Some(JsonlReader {
                    inner: buf,
                    path: name,
                    line: 0,
                    max: self.opts.max_bytes,
                    lossy: self.opts.lossy,
                });
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

/// JSONL lines, each bounded in size.
struct JsonlReader {
    inner: BufReader<Box<dyn Read>>,
    path: String,
    line: usize,
    max: usize,
    lossy: bool,
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
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
                        return Some(Item {
                            report: Err(format!("{origin}: cannot read: {e}")),
                            origin,
                        })
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
                return Some(Item {
                    report: Err(format!(
                        "{origin}: JSONL line larger than the limit of {} bytes (--max-bytes); refused",
                        self.max
                    )),
                    origin,
                });
            }
            if line.is_empty() {
                return None; // end of stream
            }
            if line.iter().all(|c| c.is_ascii_whitespace()) {
                continue;
            }
            let text = match decode(line, self.lossy) {
                Ok(t) => t,
                Err(e) => {
                    return Some(Item {
                        report: Err(format!("{origin}: {e}")),
                        origin,
                    })
                }
            };
            if !text.trim_start().starts_with('{') {
                return Some(Item {
                    report: Err(format!("{origin}: a JSONL report must be a JSON object")),
                    origin,
                });
            }
            let report = match serde_json::from_str::<InputReport>(&text) {
                Ok(mut r) => {
                    if r.text.is_none() && r.html.is_none() {
                        Err(format!(
                            "{origin}: JSONL line has no `text` (or `html`) field"
                        ))
                    } else {
                        if r.id.is_none() {
                            r.id = Some(format!(
                                "{}-{}",
                                id_from_path(Path::new(&self.path)),
                                self.line
                            ));
                        }
                        Ok(r)
                    }
                }
                Err(e) => Err(format!("{origin}: not a valid JSON report: {e}")),
            };
            return Some(Item { origin, report });
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
