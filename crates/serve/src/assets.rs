//! The dashboard's files, embedded in the binary.
//!
//! Files are looked up by exact name in a fixed table: a request path is never joined to a
//! directory, so no `..`, encoded slash or absolute path can reach the file system.

/// One embedded file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Its name under `/assets/`.
    pub name: &'static str,
    /// Its media type.
    pub mime: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $mime:literal) => {
        Asset {
            name: $name,
            mime: $mime,
            bytes: include_bytes!(concat!("../assets/", $name)),
        }
    };
}

/// Every embedded file.
pub const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("api.html", "text/html; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("api.js", "text/javascript; charset=utf-8"),
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("vendor/d3/d3.min.js", "text/javascript; charset=utf-8"),
    asset!(
        "vendor/topojson-client/topojson-client.min.js",
        "text/javascript; charset=utf-8"
    ),
    asset!("vendor/world-atlas/countries-50m.json", "application/json"),
    asset!(
        "vendor/noto-naskh-arabic/noto-naskh-arabic-arabic-400-normal.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/noto-naskh-arabic/noto-naskh-arabic-arabic-700-normal.woff2",
        "font/woff2"
    ),
    asset!("vendor/README.md", "text/plain; charset=utf-8"),
    asset!("vendor/d3/LICENSE", "text/plain; charset=utf-8"),
    asset!(
        "vendor/topojson-client/LICENSE",
        "text/plain; charset=utf-8"
    ),
    asset!("vendor/world-atlas/LICENSE", "text/plain; charset=utf-8"),
    asset!(
        "vendor/noto-naskh-arabic/LICENSE",
        "text/plain; charset=utf-8"
    ),
];

/// The file called `name`, if it is embedded.
pub fn get(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_names_resolve() {
        assert!(get("app.js").is_some());
        for bad in [
            "../Cargo.toml",
            "vendor/../app.js",
            "/etc/passwd",
            "vendor/d3/../../app.js",
            "APP.JS",
            "",
        ] {
            assert!(get(bad).is_none(), "{bad}");
        }
    }
}
